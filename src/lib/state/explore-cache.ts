/**
 * The Explore page's recent query results, kept across page visits for the dataset in use
 * (the page scopes it to the dataset's id and version), so coming back to a view is instant.
 * 32 parts ≈ the last 8–10 views; at 1M sessions a function view's values are ≈ 3 MB, so
 * the cache stays under ≈ 100 MB.
 */
import type { Database } from '../query/database';
import { filterOptions, type FilterOption } from '../query/filter-options';
import { functionLabels } from '../query/overview';
import { ResultCache } from '../query/result-cache';

const exploreCache = new ResultCache(32);

/** The cache, emptied first if the dataset (id and version) is not the one it holds. */
export function exploreCacheFor(dataset: { id: string; version: number }): ResultCache {
  exploreCache.useScope(`${dataset.id} ${dataset.version}`);
  return exploreCache;
}

/** What the filter panel offers for a framework: each dimension's values, and the functions' labels (id, en). */
export interface FilterChoices {
  readonly options: Record<string, FilterOption[]>;
  readonly fnLabels: Map<string, [string, string]>;
}

/** The filter values and function labels of the data in use under `framework`, through the cache. */
export async function filterChoices(db: Database, dataset: { id: string; version: number }, framework: string): Promise<FilterChoices> {
  const cache = exploreCacheFor(dataset);
  const [options, labels] = await Promise.all([
    cache.get(`options ${framework}`, () => filterOptions(db, framework)),
    cache.get(`labels ${framework}`, () => functionLabels(db, framework)),
  ]);
  return { options, fnLabels: new Map(labels.map((l) => [l.key, [l.label_id, l.label_en] as [string, string]])) };
}
