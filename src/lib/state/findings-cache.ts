/**
 * The Findings page's recent per-client data (one SQL result per framework and client
 * filters, ≈ 15 MB at 1M sessions), kept for the dataset in use: changing the outcome, the
 * exposure model, k or the minimum n re-runs only the statistics, and Back is quick.
 */
import { ResultCache } from '../query/result-cache';

const findingsCache = new ResultCache(12);

/** The cache, emptied first if the dataset (id and version) is not the one it holds. */
export function findingsCacheFor(dataset: { id: string; version: number }): ResultCache {
  findingsCache.useScope(`${dataset.id} ${dataset.version}`);
  return findingsCache;
}
