/**
 * View state ⇄ URL query parameters, readable and validated:
 *
 *   ?m=naik_kelas_rate&d=cohort&d2=region&d2m=facet&c=dot&fw=suharto_roles&k=2&minn=20
 *    &f.region=5201&f.region=5203&from=2024-01-01&to=2025-12-31
 *
 * Parsing never throws: whatever cannot be trusted is dropped, the default is kept, and
 * the problem is reported so the page can say the link was partly unusable. Only names
 * from the registries pass; filter values are length-checked and later bound as SQL
 * parameters, never spliced into SQL.
 */
import type { FrameworkKey } from '../domain/frameworks';
import { DEFAULT_VIEW, LIMITS, isDimension, isFramework, isMeasure, type ViewState } from './view';
import { isExposureDimension } from './dimensions';
import { DISCLOSURE_DEFAULT, DISCLOSURE_LIMITS } from '../stats/disclosure';

export type ViewProblem =
  'unknown_measure' | 'unknown_dimension' | 'unknown_framework' | 'bad_number' | 'bad_date' | 'bad_filter' | 'same_dimension_twice';

export interface ParsedView {
  view: ViewState;
  problems: ViewProblem[];
}

const FILTER_PREFIX = 'f.';
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function parseBoundedInt(raw: string | null, fallback: number, range: { min: number; max: number }, problems: ViewProblem[]): number {
  if (raw == null) return fallback;
  if (!/^\d{1,6}$/.test(raw)) {
    problems.push('bad_number');
    return fallback;
  }
  const n = Number(raw);
  if (n < range.min || n > range.max) {
    problems.push('bad_number');
    return fallback;
  }
  return n;
}

/** A calendar date that exists (`2024-02-30` does not: JavaScript would roll it into March). */
export function isRealIsoDate(raw: string): boolean {
  if (!ISO_DATE.test(raw)) return false;
  const year = Number(raw.slice(0, 4));
  if (year < 1900 || year > 2199) return false;
  const ms = Date.parse(`${raw}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === raw;
}

function parseDate(raw: string | null, problems: ViewProblem[]): string | null {
  if (raw == null || raw === '') return null;
  if (!isRealIsoDate(raw)) {
    problems.push('bad_date');
    return null;
  }
  return raw;
}

export function parseViewParams(params: URLSearchParams): ParsedView {
  const problems: ViewProblem[] = [];
  const pick = (name: string, valid: (v: string) => boolean, problem: ViewProblem): string | null => {
    const raw = params.get(name);
    if (raw == null) return null;
    if (valid(raw)) return raw;
    problems.push(problem);
    return null;
  };

  const measure = pick('m', isMeasure, 'unknown_measure') ?? DEFAULT_VIEW.measure;
  const dimension = pick('d', isDimension, 'unknown_dimension') ?? DEFAULT_VIEW.dimension;
  let dimension2 = pick('d2', isDimension, 'unknown_dimension');
  // A dimension twice, or two exposure dimensions (function × area of support): no second one.
  if (dimension2 === dimension || (isExposureDimension(dimension) && isExposureDimension(dimension2))) {
    problems.push('same_dimension_twice');
    dimension2 = null;
  }
  const secondMode = params.get('d2m') === 'facet' ? 'facet' : 'colour';
  const chartType = params.get('c') === 'dot' ? 'dot' : 'bar';
  const framework = (pick('fw', isFramework, 'unknown_framework') as FrameworkKey | null) ?? DEFAULT_VIEW.framework;
  const minSessions = parseBoundedInt(params.get('k'), DEFAULT_VIEW.minSessions, LIMITS.minSessions, problems);
  const minN = parseBoundedInt(params.get('minn'), DEFAULT_VIEW.minN, LIMITS.minN, problems);

  const values: Record<string, string[]> = {};
  for (const [name, value] of params) {
    if (!name.startsWith(FILTER_PREFIX)) continue;
    const dim = name.slice(FILTER_PREFIX.length);
    if (!isDimension(dim)) {
      problems.push('unknown_dimension');
      continue;
    }
    const list = (values[dim] ??= []);
    if (value === '' || value.length > LIMITS.valueLength || list.length >= LIMITS.filterValues || /[\u0000-\u001f]/.test(value)) {
      problems.push('bad_filter');
      continue;
    }
    if (!list.includes(value)) list.push(value);
  }
  for (const key of Object.keys(values)) if (values[key].length === 0) delete values[key];

  const view: ViewState = {
    measure,
    dimension,
    dimension2,
    secondMode,
    chartType,
    framework,
    minSessions,
    minN,
    filters: {
      values,
      dateFrom: parseDate(params.get('from'), problems),
      dateTo: parseDate(params.get('to'), problems),
      ...(params.get('fm') === 'all' ? { match: 'all' as const } : {}),
    },
  };
  return { view, problems: [...new Set(problems)] };
}

/** Query parameters for a view; defaults are left out so links stay short. */
export function viewToParams(view: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (view.measure !== DEFAULT_VIEW.measure) params.set('m', view.measure);
  if (view.dimension !== DEFAULT_VIEW.dimension) params.set('d', view.dimension);
  if (view.dimension2) params.set('d2', view.dimension2);
  if (view.dimension2 && view.secondMode !== 'colour') params.set('d2m', view.secondMode);
  if (view.chartType !== DEFAULT_VIEW.chartType) params.set('c', view.chartType);
  if (view.framework !== DEFAULT_VIEW.framework) params.set('fw', view.framework);
  if (view.minSessions !== DEFAULT_VIEW.minSessions) params.set('k', String(view.minSessions));
  if (view.minN !== DEFAULT_VIEW.minN) params.set('minn', String(view.minN));
  for (const [dim, list] of Object.entries(view.filters.values)) for (const v of list) params.append(`${FILTER_PREFIX}${dim}`, v);
  if (view.filters.dateFrom) params.set('from', view.filters.dateFrom);
  if (view.filters.dateTo) params.set('to', view.filters.dateTo);
  if (view.filters.match === 'all') params.set('fm', 'all');
  return params;
}

/** The names this module writes, so other state (language, dataset) can share the URL. */
export function isViewParam(name: string): boolean {
  return ['m', 'd', 'd2', 'd2m', 'c', 'fw', 'k', 'minn', 'from', 'to', 'fm'].includes(name) || name.startsWith(FILTER_PREFIX);
}

/**
 * Link parameters that are not part of a view but travel with it: the language, the
 * dataset's identity (`ds`, `dn`), a remote dataset's address (`source`), the privacy
 * threshold (`dk`) and the mark of a shared link (`shared`).
 */
export const CONTEXT_PARAMS = ['lang', 'ds', 'dn', 'source', 'dk', 'shared'] as const;

/** The privacy threshold: groups of fewer clients show their n only (default 5, left out of links). */
export const DISCLOSURE_PARAM = 'dk' satisfies (typeof CONTEXT_PARAMS)[number];
/**
 * Set by Copy link (`shared=1`): the view is someone else's, so small groups are hidden
 * rather than marked. It travels with every click inside the shared view.
 */
export const SHARED_PARAM = 'shared' satisfies (typeof CONTEXT_PARAMS)[number];

export interface DisclosureParams {
  /** The threshold, within DISCLOSURE_LIMITS. */
  k: number;
  /** Opened from a shared link. */
  shared: boolean;
  /** The threshold in the link was unusable and the default (or the bound) was taken. */
  problem: boolean;
}

/**
 * The privacy setting of a link. A threshold outside the bounds is clamped, never dropped
 * to a lower one: an edited link can ask for more privacy, not less than the minimum.
 */
export function parseDisclosureParams(params: URLSearchParams): DisclosureParams {
  const shared = params.get(SHARED_PARAM) === '1';
  const raw = params.get(DISCLOSURE_PARAM);
  if (raw == null) return { k: DISCLOSURE_DEFAULT, shared, problem: false };
  if (!/^\d{1,6}$/.test(raw)) return { k: DISCLOSURE_DEFAULT, shared, problem: true };
  const n = Number(raw);
  const k = Math.min(DISCLOSURE_LIMITS.max, Math.max(DISCLOSURE_LIMITS.min, n));
  return { k, shared, problem: k !== n };
}

/** `params` with the threshold set (the default is left out so links stay short). */
export function withDisclosureK(params: URLSearchParams, k: number): URLSearchParams {
  const next = new URLSearchParams(params);
  if (k === DISCLOSURE_DEFAULT) next.delete(DISCLOSURE_PARAM);
  else next.set(DISCLOSURE_PARAM, String(k));
  return next;
}

/** The link parameter naming a remote dataset to open instead of the active one. */
export const SOURCE_PARAM = 'source' satisfies (typeof CONTEXT_PARAMS)[number];

/** `params` with the context parameters of `from` copied in. */
export function withContextParams(params: URLSearchParams, from: URLSearchParams): URLSearchParams {
  for (const name of CONTEXT_PARAMS) {
    const value = from.get(name);
    if (value) params.set(name, value);
  }
  return params;
}
