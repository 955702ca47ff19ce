/**
 * Everything the Explore page shows for one view, with cross-filtering: each chart is
 * filtered by every selection except the ones on its own dimension (it highlights those
 * instead); the KPIs use all of them.
 */
import type { Database } from './database';
import type { ViewState } from './view';
import { filtersExcept } from './view';
import { dimensionByKey, isExposureDimension } from './dimensions';
import { runGroupQuery, type GroupRow } from './group-query';
import { measureByKey } from './measures';
import type { OverviewKpis } from './overview';
import { kpisFromColumns } from './kpi-columns';
import { cohortTrajectories, type TrajectoryPoint } from './trajectory';
import { trajectoryFromColumns } from './trajectory-columns';
import type { ResultCache } from './result-cache';

export interface ExploreResults {
  kpis: OverviewKpis;
  /** The main chart's groups. */
  groups: GroupRow[];
  /** The measure per region, for the map. */
  regions: GroupRow[];
  /** Null when the measure has no trajectory over time. */
  trajectory: TrajectoryPoint[] | null;
  /** Dimensions actually used (workload measures fall back to region). */
  dimension: string;
  dimension2: string | null;
  /** Wall time of all queries, ms. */
  ms: number;
}

/**
 * The dimensions a view can use: workload measures group by mentor-month dimensions only
 * (else region); two exposure dimensions (function × area of support) cannot be crossed,
 * so the second is left out. `replaced` says why the view differs from what was asked.
 */
export function effectiveDimensions(view: ViewState): {
  dimension: string;
  dimension2: string | null;
  replaced: false | 'workload' | 'two-exposures';
} {
  const measure = measureByKey(view.measure);
  if (measure?.unit !== 'mentor_month') {
    if (isExposureDimension(view.dimension) && isExposureDimension(view.dimension2))
      return { dimension: view.dimension, dimension2: null, replaced: 'two-exposures' };
    return { dimension: view.dimension, dimension2: view.dimension2, replaced: false };
  }
  const applies = (key: string | null) => key != null && dimensionByKey(key)?.mentorMonth != null;
  const dimension = applies(view.dimension) ? view.dimension : 'region';
  const dimension2 = applies(view.dimension2) && view.dimension2 !== dimension ? view.dimension2 : null;
  return { dimension, dimension2, replaced: dimension !== view.dimension || dimension2 !== view.dimension2 ? 'workload' : false };
}

/**
 * Runs the view's four queries. With a `cache` (result-cache.ts), a part whose inputs are
 * unchanged since a recent view is not queried again and comes back as the same object.
 * All parts are asked for at once: the engine's queue runs them back to back, without a
 * main-thread turn between one part's result and the next part's start. The main chart
 * goes first — its result is the largest and the page has the most to compute from it.
 */
export async function exploreResults(
  db: Database,
  view: ViewState,
  cache?: ResultCache,
  signal?: AbortSignal,
  /** Called with each part as it arrives (the main chart's with its dimensions), before all are in. */
  onPart?: (part: Partial<ExploreResults>) => void,
  /**
   * Work on the main chart's rows before they are handed on, cached with them (the page
   * computes their exposed − not exposed intervals off the main thread here).
   */
  prepareGroups?: (
    rows: GroupRow[],
    spec: { measure: string; dimension: string; dimension2: string | null },
    signal?: AbortSignal,
  ) => Promise<void>,
): Promise<ExploreResults> {
  const started = performance.now();
  const { dimension, dimension2 } = effectiveDimensions(view);
  const measure = measureByKey(view.measure);
  const common = { measure: view.measure, framework: view.framework, minSessions: view.minSessions };
  // Each part's queries get a signal: the cache's own (aborted when no view waits for the
  // part any more), or the caller's.
  const part = <T>(
    name: string,
    spec: unknown,
    run: (partSignal?: AbortSignal) => Promise<T>,
    shown: (value: T) => Partial<ExploreResults>,
  ): Promise<T> => {
    const pending = cache ? cache.get(`${name} ${JSON.stringify(spec)}`, run, signal) : run(signal);
    if (onPart)
      pending.then(
        (value) => onPart(shown(value)),
        () => undefined,
      );
    return pending;
  };

  const groupSpec = {
    ...common,
    dimension,
    dimension2,
    filters: filtersExcept(view.filters, [dimension, dimension2]),
    withValues: measure?.statistic !== 'rate',
  };
  const groups = part(
    'groups',
    groupSpec,
    async (s) => {
      const rows = await runGroupQuery(db, groupSpec, s);
      await prepareGroups?.(rows, groupSpec, s);
      return rows;
    },
    (rows) => ({ groups: rows, dimension, dimension2 }),
  );
  const kpiSpec = { filters: view.filters, framework: view.framework, minSessions: view.minSessions };
  const kpis = part(
    'kpis',
    kpiSpec,
    (s) => kpisFromColumns(db, kpiSpec.filters, kpiSpec.framework, kpiSpec.minSessions, s),
    (row) => ({ kpis: row }),
  );
  // The map's regions carry their values too (not for shares): each region's interval is in its name.
  const regionSpec = {
    ...common,
    dimension: 'region',
    filters: filtersExcept(view.filters, ['region']),
    withValues: measure?.statistic !== 'rate',
  };
  const regions = part(
    'groups',
    regionSpec,
    (s) => runGroupQuery(db, regionSpec, s),
    (rows) => ({ regions: rows }),
  );
  const trajectorySpec = { ...common, filters: filtersExcept(view.filters, ['cohort']) };
  const trajectory = part(
    'trajectory',
    trajectorySpec,
    async (s) => (await trajectoryFromColumns(db, trajectorySpec, s)) ?? cohortTrajectories(db, trajectorySpec, s),
    (points) => ({ trajectory: points }),
  );
  // All at once, so a failed or cancelled part leaves no other part's rejection unhandled.
  const [kpiRow, groupRows, regionRows, points] = await Promise.all([kpis, groups, regions, trajectory]);
  return {
    kpis: kpiRow,
    groups: groupRows,
    regions: regionRows,
    trajectory: points,
    dimension,
    dimension2,
    ms: performance.now() - started,
  };
}
