/**
 * Everything the Overview page shows: the KPIs, median revenue growth of clients exposed
 * to each official function, and by region. One function, so the page and the build-time
 * snapshot of the sample (scripts/build-sample-overview.ts) run the very same queries.
 */
import type { Database } from '../db/types';
import { bootstrapInterval } from '../stats/intervals';
import { runGroupQuery, type GroupRow } from './group-query';
import { functionLabels, NO_FILTERS, overviewKpis, type FunctionLabel, type OverviewKpis } from './overview';

/** Exposure rule of the function chart: a client counts when ≥ k sessions had the function. */
export const OVERVIEW_MIN_SESSIONS = 3;
/** Groups smaller than this are marked as unreliable. */
export const OVERVIEW_MIN_N = 10;

/** One bar of an Overview chart: the group's median revenue growth with its 95 % interval. */
export interface OverviewGroup {
  group: string | null;
  n: number;
  value: number | null;
  /** Exact bootstrap interval of the median (null with no values). */
  low: number | null;
  high: number | null;
}

export interface OverviewPageData {
  kpis: OverviewKpis;
  functions: FunctionLabel[];
  /** Exposed clients per function. */
  byFunction: OverviewGroup[];
  byRegion: OverviewGroup[];
}

/** The group without its values, with the exact bootstrap interval of its median. */
function withInterval(row: GroupRow): OverviewGroup {
  const interval = row.values && row.values.length > 0 ? bootstrapInterval(row.values, 'median') : null;
  return { group: row.group, n: row.n, value: row.value, low: interval?.low ?? null, high: interval?.high ?? null };
}

export async function overviewPageData(db: Database): Promise<OverviewPageData> {
  const spec = { measure: 'revenue_growth_median', framework: 'official', minSessions: OVERVIEW_MIN_SESSIONS, filters: NO_FILTERS, withValues: true };
  const kpis = await overviewKpis(db);
  const functions = await functionLabels(db, 'official');
  const byFunction = (await runGroupQuery(db, { ...spec, dimension: 'function' })).filter((row) => row.exposed).map(withInterval);
  const byRegion = (await runGroupQuery(db, { ...spec, dimension: 'region' })).map(withInterval);
  return { kpis, functions, byFunction, byRegion };
}
