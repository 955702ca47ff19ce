/**
 * The Explore page's recent query results, kept across page visits for the dataset in use
 * (the page scopes it to the dataset's id and version), so coming back to a view is instant.
 * 32 parts ≈ the last 8–10 views; at 1M sessions a function view's values are ≈ 3 MB, so
 * the cache stays under ≈ 100 MB.
 */
import { ResultCache } from '../query/result-cache';

const exploreCache = new ResultCache(32);

/** The cache, emptied first if the dataset (id and version) is not the one it holds. */
export function exploreCacheFor(dataset: { id: string; version: number }): ResultCache {
  exploreCache.useScope(`${dataset.id} ${dataset.version}`);
  return exploreCache;
}
