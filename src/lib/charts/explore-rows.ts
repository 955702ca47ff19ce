/**
 * Turns group-query rows into what the Explore chart and its table show: labels, the
 * series each row belongs to, its 95% interval (Wilson for shares, bootstrap for medians
 * and means), small-group marks, selection, and a ranking that leaves small groups out.
 * For an exposure dimension (functions, areas of support) each exposed row also carries
 * the difference exposed − not exposed with its 95 % interval; groups no client reaches
 * under the exposure rule are not drawn (the page says why). Time dimensions keep their
 * order and are never ranked.
 */
import { dimensionByKey, isExposureDimension, isYearlyDimension } from '../query/dimensions';
import type { GroupRow } from '../query/group-query';
import type { MeasureDef } from '../query/measures';
import { difference, differencesFor, NO_DIFFERENCE, type Difference } from './exposure-differences';
import { bootstrapInterval, DEFAULT_MAX_DRAWS, wilsonInterval } from '../stats/intervals';
import type { ChartDatum } from './measure-chart';
import type { DisclosureMark } from '../stats/disclosure';

export interface ExploreRow extends Omit<ChartDatum, 'value'> {
  value: number | null;
  /** For function groups: exposed or not; null otherwise. */
  exposed: boolean | null;
  /** Whether the chart draws this row (the table always lists it). */
  plotted: boolean;
  /** Position in the ranking of reliable groups (1 = highest); null when unranked. */
  rank: number | null;
  intervalMethod: string | null;
  /** For an exposed row of an exposure dimension: exposed − not exposed, with its 95 % interval. */
  diff: number | null;
  diffLow: number | null;
  diffHigh: number | null;
  /** Suppressed for privacy (charts/disclosure-view.ts), or null. */
  disclosure: DisclosureMark | null;
}

export interface ExploreRowContext {
  measure: MeasureDef;
  dimension: string;
  dimension2: string | null;
  secondMode: 'colour' | 'facet';
  minN: number;
  /** Group values currently selected on `dimension`. */
  selected: readonly string[];
  label: (dimension: string, value: string | null) => string;
  exposureLabel: (exposed: boolean) => string;
}

/** Groups of an exposure dimension that no client reaches under the rule (their exposed n is 0). */
export function unreachableGroups(groups: readonly GroupRow[], dimension: string): string[] {
  if (!isExposureDimension(dimension)) return [];
  const reached = new Set(groups.filter((g) => g.exposed && g.n > 0).map((g) => g.group));
  return [...new Set(groups.filter((g) => g.exposed != null && !reached.has(g.group)).map((g) => g.group ?? ''))];
}

export type ChartLayout = 'single' | 'series' | 'facet';

/** A stable seed per group, so intervals do not jitter between renders. */
function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Resampling draws one view may spend on the intervals of its means. A view of a few dozen
 * groups resamples each as before (up to DEFAULT_MAX_DRAWS per group); a view of tens of
 * thousands of small groups (function × mentor at a million sessions) would spend seconds of
 * main-thread time, so its groups fall back to the normal approximation the bootstrap
 * converges to, and the interval method says so.
 */
export const VIEW_DRAW_BUDGET = 40_000_000;

type RowInterval = { low: number | null; high: number | null; method: string | null };

/** Intervals are kept with the result row they came from: a language switch or Back recomputes nothing. */
const intervalsOfRow = new WeakMap<GroupRow, Map<string, RowInterval>>();

function interval(row: GroupRow, measure: MeasureDef, key: string, maxDraws: number): RowInterval {
  const memoKey = `${measure.statistic}\u0000${key}\u0000${maxDraws}`;
  let memo = intervalsOfRow.get(row);
  const known = memo?.get(memoKey);
  if (known) return known;
  const computed = computeInterval(row, measure, key, maxDraws);
  if (!memo) intervalsOfRow.set(row, (memo = new Map()));
  memo.set(memoKey, computed);
  return computed;
}

function computeInterval(row: GroupRow, measure: MeasureDef, key: string, maxDraws: number): RowInterval {
  if (row.n === 0 || row.value == null) return { low: null, high: null, method: null };
  if (measure.statistic === 'rate') {
    const w = wilsonInterval(row.successes ?? 0, row.n);
    return { low: w?.low ?? null, high: w?.high ?? null, method: 'wilson' };
  }
  // The engine returns a group's values in no fixed order; resampling a sorted copy keeps
  // the interval identical for the same data (large groups use order-free methods).
  const values = row.values && row.values.length <= 1000 ? Float64Array.from(row.values).sort() : row.values;
  const b = values ? bootstrapInterval(values, measure.statistic, { seed: seedOf(key), maxDraws }) : null;
  return { low: b?.low ?? null, high: b?.high ?? null, method: b?.method ?? null };
}

/** A group's 95 % interval as the main chart computes it (Wilson for shares, bootstrap otherwise); `key` seeds the bootstrap. */
export function groupInterval(row: GroupRow, measure: MeasureDef, key: string): { low: number | null; high: number | null } {
  const ci = interval(row, measure, key, DEFAULT_MAX_DRAWS);
  return { low: ci.low, high: ci.high };
}

export function exploreLayout(ctx: Pick<ExploreRowContext, 'dimension' | 'dimension2' | 'secondMode'>): ChartLayout {
  if (!ctx.dimension2) return isExposureDimension(ctx.dimension) ? 'series' : 'single';
  return ctx.secondMode === 'facet' ? 'facet' : 'series';
}

export function toExploreRows(groups: readonly GroupRow[], ctx: ExploreRowContext): ExploreRow[] {
  const usesFunction = isExposureDimension(ctx.dimension) || isExposureDimension(ctx.dimension2);
  const unreachable = new Set(
    usesFunction ? unreachableGroups(groups, isExposureDimension(ctx.dimension) ? ctx.dimension : ctx.dimension2!) : [],
  );
  const differences = differencesOf(groups, ctx);
  const diffOf = (g: GroupRow, key: string): Difference =>
    g.exposed !== false && !ctx.dimension2 ? (differences.get(key) ?? NO_DIFFERENCE) : NO_DIFFERENCE;
  const maxDraws = Math.min(DEFAULT_MAX_DRAWS, Math.floor(VIEW_DRAW_BUDGET / Math.max(1, groups.length)));
  const rows = groups.map((g): ExploreRow => {
    const exposureSeries = isExposureDimension(ctx.dimension) && !ctx.dimension2;
    const seriesKey = exposureSeries ? (g.exposed ? 'exposed' : 'not_exposed') : ctx.dimension2 ? (g.group2 ?? '') : null;
    const seriesLabel = exposureSeries ? ctx.exposureLabel(!!g.exposed) : ctx.dimension2 ? ctx.label(ctx.dimension2, g.group2) : null;
    const key = g.group ?? '';
    const id = `${key}|${seriesKey ?? ''}|${g.exposed ?? ''}`;
    const ci = interval(g, ctx.measure, id, maxDraws);
    return {
      key,
      label: ctx.label(ctx.dimension, g.group),
      seriesKey,
      seriesLabel,
      n: g.n,
      value: g.value,
      low: ci.low,
      high: ci.high,
      intervalMethod: ci.method,
      small: g.n < ctx.minN,
      selected: ctx.selected.includes(key),
      exposed: g.exposed,
      // With a second dimension, function groups chart the exposed clients only; a
      // function nobody reaches under the rule is not drawn at all.
      plotted:
        g.value != null &&
        (!usesFunction || exposureSeries || g.exposed === true) &&
        !(usesFunction && unreachable.has(g.exposed == null ? '' : ((isExposureDimension(ctx.dimension) ? g.group : g.group2) ?? ''))),
      rank: null,
      ...diffOf(g, key),
      disclosure: null,
    };
  });
  // Rank reliable groups of the single-series view (or the exposed series) by value; groups in time order are never ranked.
  const ordered = dimensionByKey(ctx.dimension)?.ordered === true;
  const rankable = rows.filter(
    (r) => !ordered && r.plotted && !r.small && r.value != null && (r.exposed == null || r.exposed) && !ctx.dimension2,
  );
  rankable.sort((a, b) => b.value! - a.value!).forEach((r, i) => (r.rank = i + 1));
  return rows;
}

/** What a row's difference compares: exposed with not exposed, or a year with the year before. */
export type DifferenceBasis = 'exposure' | 'previous_year';

export function differenceBasis(dimension: string, dimension2: string | null): DifferenceBasis | null {
  if (dimension2) return null;
  if (isExposureDimension(dimension)) return 'exposure';
  if (isYearlyDimension(dimension)) return 'previous_year';
  return null;
}

/** What the rows' differences compare (rows of an exposure dimension carry `exposed`; years do not). */
export function rowsDifferenceBasis(rows: readonly Pick<ExploreRow, 'diff' | 'exposed'>[]): DifferenceBasis | null {
  const first = rows.find((r) => r.diff != null);
  return first ? (first.exposed === null ? 'previous_year' : 'exposure') : null;
}

/** Each year − the year before it in the data (years without clients are skipped: "unknown" is never compared). */
const yearChangesOfGroups = new WeakMap<readonly GroupRow[], Map<string, Map<string, Difference>>>();
function changesFromPreviousYear(groups: readonly GroupRow[], measure: MeasureDef): Map<string, Difference> {
  const known = yearChangesOfGroups.get(groups)?.get(measure.statistic);
  if (known) return known;
  const years = groups.filter((g) => g.group != null && g.n > 0).sort((a, b) => a.group!.localeCompare(b.group!));
  const out = new Map<string, Difference>();
  years.forEach((g, i) => {
    if (i > 0) out.set(g.group!, difference(g, years[i - 1], measure.statistic));
  });
  let byStatistic = yearChangesOfGroups.get(groups);
  if (!byStatistic) yearChangesOfGroups.set(groups, (byStatistic = new Map()));
  byStatistic.set(measure.statistic, out);
  return out;
}

/** Exposed − not exposed per group of a single exposure dimension, or each year − the year before (kept with the result rows). */
function differencesOf(groups: readonly GroupRow[], ctx: ExploreRowContext): Map<string, Difference> {
  const basis = differenceBasis(ctx.dimension, ctx.dimension2);
  if (basis === 'exposure') return differencesFor(groups, ctx.measure.statistic);
  if (basis === 'previous_year') return changesFromPreviousYear(groups, ctx.measure);
  return new Map();
}

/** Rows in the order the chart draws them: ranked groups first (best first), then the rest. */
export function chartOrder(rows: readonly ExploreRow[], layout: ChartLayout): ExploreRow[] {
  if (layout === 'facet' || (layout === 'series' && rows.some((r) => r.exposed == null))) return rows.filter((r) => r.plotted);
  const rankOfKey = new Map<string, number>();
  for (const r of rows) if (r.rank != null) rankOfKey.set(r.key, r.rank);
  return rows
    .filter((r) => r.plotted)
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (rankOfKey.get(a.r.key) ?? 1e9) - (rankOfKey.get(b.r.key) ?? 1e9) || a.i - b.i)
    .map(({ r }) => r);
}
