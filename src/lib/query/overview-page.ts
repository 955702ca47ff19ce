/**
 * Everything the Overview page shows: the KPIs, median revenue growth of clients exposed
 * to each official function, and by region. One function, so the page and the build-time
 * snapshot of the sample (scripts/build-sample-overview.ts) run the very same queries.
 */
import type { Database } from './database';
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

/** The period the data covers: first and last mentoring session, else first and last enrolment. */
export interface DataPeriod {
  from: string;
  to: string;
  basis: 'sessions' | 'enrolment';
}

export interface OverviewPageData {
  kpis: OverviewKpis;
  /** Null when the data has neither session nor enrolment dates. */
  period: DataPeriod | null;
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

/**
 * First and last session date (the mentoring the data covers), or, with no session log,
 * first and last enrolment date; ISO dates. A table or column the data lacks is no period.
 */
export async function dataPeriod(db: Database): Promise<DataPeriod | null> {
  const range = async (sql: string, basis: DataPeriod['basis']): Promise<DataPeriod | null> => {
    try {
      const [row] = await db.query<{ first: string | null; last: string | null }>(sql);
      return row?.first && row.last ? { from: row.first, to: row.last, basis } : null;
    } catch {
      return null;
    }
  };
  return (
    (await range(
      `SELECT strftime(min(session_date), '%Y-%m-%d') AS first, strftime(max(session_date), '%Y-%m-%d') AS last FROM sessions`,
      'sessions',
    )) ??
    (await range(
      `SELECT strftime(min(enrolled_on), '%Y-%m-%d') AS first, strftime(max(enrolled_on), '%Y-%m-%d') AS last FROM clients`,
      'enrolment',
    ))
  );
}

export async function overviewPageData(db: Database): Promise<OverviewPageData> {
  const spec = {
    measure: 'revenue_growth_median',
    framework: 'official',
    minSessions: OVERVIEW_MIN_SESSIONS,
    filters: NO_FILTERS,
    withValues: true,
  };
  const kpis = await overviewKpis(db);
  const functions = await functionLabels(db, 'official');
  const byFunction = (await runGroupQuery(db, { ...spec, dimension: 'function' })).filter((row) => row.exposed).map(withInterval);
  const byRegion = (await runGroupQuery(db, { ...spec, dimension: 'region' })).map(withInterval);
  const period = await dataPeriod(db);
  return { kpis, period, functions, byFunction, byRegion };
}
