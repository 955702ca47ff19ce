/**
 * The Findings page's recent results for the dataset in use: the per-client data (one SQL
 * result per framework and client filters, ≈ 10 MB at 1M sessions, so only a few) and the
 * statistics computed from it (small, so more). Changing the outcome, the exposure model, k
 * or the minimum n re-runs only the statistics, and Back is immediate.
 */
import { ResultCache } from '../query/result-cache';

const dataCache = new ResultCache(4);
const resultCache = new ResultCache(24);

/** The caches, emptied first if the dataset (id and version) is not the one they hold. */
export function findingsCachesFor(dataset: { id: string; version: number }): { data: ResultCache; results: ResultCache } {
  const scope = `${dataset.id} ${dataset.version}`;
  dataCache.useScope(scope);
  resultCache.useScope(scope);
  return { data: dataCache, results: resultCache };
}
