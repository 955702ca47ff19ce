/**
 * The Explore page's recent query results, kept across page visits for the dataset in use
 * (the page scopes it to the dataset's id and version), so coming back to a view is instant.
 */
import { ResultCache } from '../query/result-cache';

export const exploreCache = new ResultCache();
