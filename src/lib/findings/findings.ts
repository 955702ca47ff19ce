/**
 * Findings for any caller with a database: the Findings page (which runs the statistics in
 * a worker), and pages that want the plain-language lead of a view — the Overview's "What
 * the data says", the printed report — or tests in Node:
 *
 *   const result = await computeFindings(db, { framework, filters, outcome: 'revenue_growth', … });
 *   const sentences = findingSentences(result, 'id');
 */
import type { Database } from '../query/database';
import type { ViewFilters } from '../query/group-query';
import { findingsData } from '../query/findings-data';
import { analyseFindings, type FindingsOptions, type FindingsResult } from './analyse';
import { DEFAULT_OUTCOME } from './outcomes';
import type { ViewState } from '../query/view';

export { analyseFindings, type FindingsOptions, type FindingsResult } from './analyse';
export { findingSentences, methodSentence } from './sentences';

export interface FindingsRequest extends FindingsOptions {
  framework: string;
  filters: ViewFilters;
}

/** SQL (one row per selected client) then the statistics, on the calling thread. */
export async function computeFindings(db: Database, request: FindingsRequest, signal?: AbortSignal): Promise<FindingsResult> {
  const data = await findingsData(db, { framework: request.framework, filters: request.filters, minSessions: request.minSessions }, signal);
  return analyseFindings(data, request);
}

/** The request a view of Explore or the Overview implies (its framework, exposure rule, minimum n and filters). */
export function findingsRequestForView(view: ViewState, outcome = DEFAULT_OUTCOME): FindingsRequest {
  return {
    framework: view.framework,
    filters: view.filters,
    outcome,
    exposure: 'sessions',
    minSessions: view.minSessions,
    minN: view.minN,
  };
}
