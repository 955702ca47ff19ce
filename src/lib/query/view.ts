/**
 * What the evaluator is looking at, as plain data: measure, dimensions, function framework,
 * exposure rule, minimum group size, filters and date range. Pages render from it; the
 * URL carries it (view-url.ts), so a link brings the same view back.
 */
import { FRAMEWORKS, type FrameworkKey } from '../domain/frameworks';
import { DIMENSION_KEYS } from './dimensions';
import { MEASURE_KEYS } from './measures';
import type { ViewFilters } from './group-query';

export type SecondDimensionMode = 'colour' | 'facet';
export type ChartType = 'bar' | 'dot';

export interface ViewState {
  measure: string;
  dimension: string;
  dimension2: string | null;
  secondMode: SecondDimensionMode;
  chartType: ChartType;
  framework: FrameworkKey;
  /** Exposure rule: a client is exposed to a function with at least this many sessions of it. */
  minSessions: number;
  /** Groups with fewer units are marked and not ranked. */
  minN: number;
  filters: ViewFilters;
}

export const DEFAULT_VIEW: ViewState = {
  measure: 'revenue_growth_median',
  dimension: 'function',
  dimension2: null,
  secondMode: 'colour',
  chartType: 'bar',
  framework: 'official',
  minSessions: 3,
  minN: 10,
  filters: { values: {} },
};

export const LIMITS = {
  minSessions: { min: 1, max: 50 },
  minN: { min: 1, max: 1000 },
  /** Values per filter and characters per value: enough for any real selection. */
  filterValues: 500,
  valueLength: 80,
} as const;

export const FRAMEWORK_KEYS: readonly string[] = FRAMEWORKS.map((f) => f.key);

export const isMeasure = (key: string): boolean => MEASURE_KEYS.includes(key);
export const isDimension = (key: string): boolean => DIMENSION_KEYS.includes(key);
export const isFramework = (key: string): key is FrameworkKey => FRAMEWORK_KEYS.includes(key);

/** Adds or removes one value of a filter (for clicks on bars, regions, chips). */
export function toggleFilterValue(filters: ViewFilters, dimension: string, value: string): ViewFilters {
  const current = filters.values[dimension] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  const values = { ...filters.values };
  if (next.length) values[dimension] = next;
  else delete values[dimension];
  return { ...filters, values };
}

export function removeFilter(filters: ViewFilters, dimension: string): ViewFilters {
  const values = { ...filters.values };
  delete values[dimension];
  return { ...filters, values };
}

export function hasFilters(filters: ViewFilters): boolean {
  return Object.values(filters.values).some((v) => v.length > 0) || !!filters.dateFrom || !!filters.dateTo;
}

/** The filters without the ones on the given dimensions: a chart is not filtered by its own
 * selection (it highlights it instead), as in any cross-filtering dashboard. */
export function filtersExcept(filters: ViewFilters, dimensions: readonly (string | null)[]): ViewFilters {
  const values: Record<string, readonly string[]> = {};
  for (const [key, v] of Object.entries(filters.values)) if (!dimensions.includes(key)) values[key] = v;
  return { ...filters, values };
}

/** Active filters as the filter button counts them: every ticked value, and a date range as one. */
export function activeFilterCount(filters: ViewFilters): number {
  return Object.values(filters.values).reduce((n, values) => n + values.length, 0) + (filters.dateFrom || filters.dateTo ? 1 : 0);
}
