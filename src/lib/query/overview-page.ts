/**
 * Everything the Overview page shows: the KPIs, median revenue growth of clients exposed
 * to each official function, and by region. One function, so the page and the build-time
 * snapshot of the sample (scripts/build-sample-overview.ts) run the very same queries.
 */
import type { Database } from '../db/types';
import { runGroupQuery, type GroupRow } from './group-query';
import { functionLabels, NO_FILTERS, overviewKpis, type FunctionLabel, type OverviewKpis } from './overview';

/** Exposure rule of the function chart: a client counts when ≥ k sessions had the function. */
export const OVERVIEW_MIN_SESSIONS = 3;
/** Groups smaller than this are marked as unreliable. */
export const OVERVIEW_MIN_N = 10;

export interface OverviewPageData {
  kpis: OverviewKpis;
  functions: FunctionLabel[];
  /** Exposed clients per function. */
  byFunction: GroupRow[];
  byRegion: GroupRow[];
}

export async function overviewPageData(db: Database): Promise<OverviewPageData> {
  const spec = { measure: 'revenue_growth_median', framework: 'official', minSessions: OVERVIEW_MIN_SESSIONS, filters: NO_FILTERS };
  const kpis = await overviewKpis(db);
  const functions = await functionLabels(db, 'official');
  const byFunction = (await runGroupQuery(db, { ...spec, dimension: 'function' })).filter((row) => row.exposed);
  const byRegion = await runGroupQuery(db, { ...spec, dimension: 'region' });
  return { kpis, functions, byFunction, byRegion };
}
