/**
 * One Findings view in the browser: the per-client SQL in DuckDB's worker, then the
 * statistics in a worker of their own, both cached per dataset (state/findings-cache.ts).
 * The Findings page and the Overview's "What the data says" ask through here, so a view one
 * of them computed is there at once for the other.
 */
import type { Database } from '../query/database';
import { findingsData, type FindingsData } from '../query/findings-data';
import { usesFunctions } from '../query/group-query';
import type { ResultCache } from '../query/result-cache';
import type { ViewState } from '../query/view';
import type { FindingsResult } from './analyse';
import { analyseOffMainThread } from './analysis-client';
import type { FindingsChoice } from './findings-url';

export interface FindingsKeys {
  /** What decides the SQL part: framework, filters, and k when a function filter uses it. */
  data: string;
  /** …plus what decides the statistics: outcome, exposure model, k, minimum n (not the dose function). */
  analysis: string;
}

export function findingsKeys(view: ViewState, choice: Pick<FindingsChoice, 'outcome' | 'exposure'>): FindingsKeys {
  const data = JSON.stringify([view.framework, view.filters, usesFunctions({ filters: view.filters }) ? view.minSessions : null]);
  return { data, analysis: JSON.stringify([data, choice.outcome, choice.exposure, view.minSessions, view.minN]) };
}

export interface FindingsRun {
  result: FindingsResult;
  /** Milliseconds of the SQL part (0 when it came from the cache) and of the statistics. */
  sqlMs: number;
  statsMs: number;
}

export async function runFindings(
  db: Database,
  caches: { data: ResultCache; results: ResultCache },
  view: ViewState,
  choice: Pick<FindingsChoice, 'outcome' | 'exposure'>,
  signal: AbortSignal,
): Promise<FindingsRun> {
  const keys = findingsKeys(view, choice);
  const spec = { framework: view.framework, filters: view.filters, minSessions: view.minSessions };
  const options = { outcome: choice.outcome, exposure: choice.exposure, minSessions: view.minSessions, minN: view.minN };
  const started = performance.now();
  const data = await caches.data.get<FindingsData>(keys.data, (s) => findingsData(db, spec, s), signal);
  const sqlMs = performance.now() - started;
  const { result, ms } = await caches.results.get(keys.analysis, (s) => analyseOffMainThread(data, options, s), signal);
  return { result, sqlMs, statsMs: ms };
}
