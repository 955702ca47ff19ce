/**
 * Each target against what the data shows: the measure over the clients the target is
 * about (the whole programme, or a year, region, cohort or programme), with its 95 %
 * interval as the Explore chart computes it, and the status that interval supports.
 *
 * The period of a target is the year clients started mentoring (their enrolment date), the
 * same date the Explore date filter uses; for workload measures, the months of that year.
 */
import type { Database } from '../query/database';
import { runTotalQuery, type ViewFilters } from '../query/group-query';
import { measureByKey, type MeasureDef } from '../query/measures';
import { groupInterval } from '../charts/explore-rows';
import { targetKey, type Target } from '../ingest/targets-file';
import { targetDirection, targetStatus, type TargetStatus } from './target-status';

/** The exposure rule has no bearing on these figures (no function filter), but queries need one. */
const MIN_SESSIONS = 1;

export interface TargetProgress {
  readonly target: Target;
  readonly measure: MeasureDef;
  /** Clients (or mentor-months) with a value. */
  readonly n: number;
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly status: TargetStatus;
}

/** The whole-programme target: no year, region, cohort or programme. */
export function isWholeProgramme(t: Target): boolean {
  return t.period === null && t.region_code === null && t.cohort === null && t.programme === null;
}

/** The clients a target is about, as view filters. */
export function targetFilters(t: Target): ViewFilters {
  const values: Record<string, string[]> = {};
  if (t.region_code !== null) values.region = [t.region_code];
  if (t.cohort !== null) values.cohort = [t.cohort];
  if (t.programme !== null) values.programme = [t.programme];
  return {
    values,
    dateFrom: t.period === null ? null : `${t.period}-01-01`,
    dateTo: t.period === null ? null : `${t.period}-12-31`,
  };
}

export async function targetProgress(db: Database, target: Target, signal?: AbortSignal): Promise<TargetProgress> {
  const measure = measureByKey(target.indicator);
  if (!measure) throw new Error(`Unknown indicator: ${JSON.stringify(target.indicator)}`);
  const row = await runTotalQuery(
    db,
    { measure: measure.key, framework: 'official', minSessions: MIN_SESSIONS, filters: targetFilters(target), withValues: true },
    signal,
  );
  const interval = groupInterval(row, measure, `target|${targetKey(target)}`);
  const actual = { value: row.n > 0 ? row.value : null, low: interval.low, high: interval.high };
  return {
    target,
    measure,
    n: row.n,
    ...actual,
    status: targetStatus(actual, target.target, targetDirection(measure.direction)),
  };
}

/** Progress on every target, in the order given (whole-programme targets first is the caller's choice). */
export async function allTargetProgress(db: Database, targets: readonly Target[], signal?: AbortSignal): Promise<TargetProgress[]> {
  return Promise.all(targets.map((t) => targetProgress(db, t, signal)));
}
