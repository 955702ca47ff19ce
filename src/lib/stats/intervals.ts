/**
 * 95 % intervals for the Explore page: one per group, for proportions (Wilson) and for
 * medians / means of numeric measures (bootstrap). Pure functions: no DOM, no DuckDB.
 *
 * Callers pass the non-null values of one group (remove NULLs first); every value must be a
 * finite number, anything else throws a RangeError rather than silently producing NaN.
 */
import { exactMedianBootstrap } from './median-bootstrap';
import { sfc32State } from './random';
import { selectRanks } from './select';
import { normalQuantile } from './special';

export { normalQuantile } from './special';

export interface Interval {
  low: number;
  high: number;
}

/**
 * How a bootstrap interval was obtained, so the UI can say so:
 * - 'exact-bootstrap-median': the exact bootstrap distribution of the median (no resampling
 *   noise; equals the limit of infinitely many resamples);
 * - 'percentile-bootstrap': seeded resampling, percentile interval;
 * - 'normal-approximation': mean ± z·sd/√n, what the bootstrap of a mean converges to,
 *   used when resampling would cost too much (large n);
 * - 'degenerate': the sample has no spread (n = 1 or all values equal), so low = high.
 */
export type BootstrapMethod = 'exact-bootstrap-median' | 'percentile-bootstrap' | 'normal-approximation' | 'degenerate';

export interface BootstrapInterval extends Interval {
  method: BootstrapMethod;
}

export interface BootstrapOptions {
  /** Resamples for the mean (default 2000). The median is exact and ignores it. */
  resamples?: number;
  /** Two-sided confidence level in (0, 1); default 0.95. */
  confidence?: number;
  /** Seed of the resampling PRNG (safe integer); default DEFAULT_SEED, so results are stable. */
  seed?: number;
  /**
   * Resample the mean only while n × resamples ≤ maxDraws (default DEFAULT_MAX_DRAWS);
   * above it use the normal approximation. Pass Infinity to force resampling.
   */
  maxDraws?: number;
}

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_CONFIDENCE = 0.95;
export const DEFAULT_SEED = 0x5eed;
/**
 * Resampling budget per group: 500,000 draws = n ≤ 250 at 2000 resamples, ~1–1.5 ms per
 * group (2–3 ns per draw measured on a busy 2-core machine), so even a page of 30 such
 * groups stays at ~30–45 ms. (A budget of 5,000,000 would cost 10–15 ms per group, i.e.
 * 300–450 ms for such a page.)
 * Beyond it the bootstrap distribution of a mean is close to normal (its skewness is the
 * data's skewness / √n), and the normal approximation is O(n). For strongly skewed data
 * (e.g. revenues) near the switch the percentile interval would be somewhat asymmetric;
 * the approximation is symmetric — the method field tells the UI which one it got.
 */
export const DEFAULT_MAX_DRAWS = 500_000;

export type Verdict = 'higher' | 'lower' | 'overlap';

// --- validation ----------------------------------------------------------------------------

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be strictly between 0 and 1, got ${confidence}`);
  }
}

/**
 * One read-only pass: rejects anything that is not a finite number (NaN would silently
 * poison comparisons and sums) and returns the range. The input is never copied or modified.
 */
function scanFinite(values: ArrayLike<number>): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`values must be finite numbers (remove NULLs first); got ${String(v)} at index ${i}`);
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

// --- descriptive helpers matching DuckDB ---------------------------------------------------

/**
 * Arithmetic mean, as DuckDB's `avg`/`mean`; null for no values (DuckDB returns NULL).
 * Neumaier-compensated summation so large groups do not drift; results can differ from
 * DuckDB's in the last bits only (DuckDB's own summation order depends on its threads).
 */
export function mean(values: ArrayLike<number>): number | null {
  scanFinite(values);
  return values.length === 0 ? null : meanOf(values);
}

function meanOf(x: ArrayLike<number>): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return (sum + compensation) / x.length;
}

/**
 * Median as DuckDB's `median` (= quantile_cont(0.5)): the middle value for odd n, for even n
 * the two middle values interpolated exactly as DuckDB does for DOUBLE, lo·0.5 + hi·0.5.
 * null for no values. Linear-time selection, the input is not modified.
 */
export function median(values: ArrayLike<number>): number | null {
  scanFinite(values);
  const n = values.length;
  if (n === 0) return null;
  const lower = (n - 1) >> 1; // 0-based rank of the (lower) middle
  const upper = n >> 1;
  const { buffer, offset } = selectRanks(values, [[lower, upper]]);
  const lo = buffer[lower - offset] as number;
  const hi = buffer[upper - offset] as number;
  return lower === upper ? lo : lo * 0.5 + hi * 0.5;
}

// --- Wilson interval -----------------------------------------------------------------------

/**
 * Wilson score interval for a binomial proportion (Wilson 1927): the set of p whose score
 * test |p̂ − p| / √(p(1−p)/n) ≤ z does not reject. Unlike the Wald interval it never
 * leaves [0, 1] and still has width when successes = 0 or = n, which is common for small
 * groups on the page. null when n = 0 (no observations, nothing to estimate).
 */
export function wilsonInterval(successes: number, n: number, confidence = DEFAULT_CONFIDENCE): Interval | null {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`successes must be an integer in [0, n = ${n}], got ${successes}`);
  }
  checkConfidence(confidence);
  if (n === 0) return null;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const p = successes / n;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At successes = 0 (or n) centre − halfWidth is 0 (or 1) analytically; set it exactly so
  // rounding cannot show "−0.0000" or an interval that misses the observed proportion.
  const low = successes === 0 ? 0 : Math.min(p, Math.max(0, centre - halfWidth));
  const high = successes === n ? 1 : Math.max(p, Math.min(1, centre + halfWidth));
  return { low, high };
}

// --- bootstrap -----------------------------------------------------------------------------

/** Type-1 (inverse-CDF) percentile of an ascending array: the ⌈prob·B⌉-th smallest. */
function percentile(sorted: Float64Array, prob: number): number {
  // The 1e-9 keeps e.g. 2000 × 0.025 = 50.000000000000004 from selecting the 51st value.
  const rank = Math.ceil(prob * sorted.length - 1e-9);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/**
 * Sorted means of `resamples` bootstrap resamples. The sfc32 generator is stepped inline
 * (same stream as createRng(seed)) because a function call per draw costs ~3× here, and this
 * loop is the only O(n × resamples) work on the page.
 */
function resampledMeans(values: ArrayLike<number>, resamples: number, seed: number): Float64Array {
  const n = values.length;
  const x = Float64Array.from(values);
  const state = sfc32State(seed);
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  const scale = n / 4294967296; // index = ⌊u32 · n / 2^32⌋, see Rng.nextInt
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      sum += x[((t >>> 0) * scale) | 0] as number; // < n < 2^31, so |0 is floor
    }
    means[r] = sum / n;
  }
  return means.sort();
}

/**
 * Percentile-bootstrap interval of the median or mean of one group.
 *
 * - n = 0 → null; no spread (n = 1 or all values equal) → low = high = the value, 'degenerate'.
 * - median: exact bootstrap distribution (see median-bootstrap.ts), no resampling, no seed:
 *   one O(n) selection pass + a handful of exact binomial tails. The median of a resample is
 *   defined like DuckDB's (mean of the two middle values for even n).
 * - mean: seeded resampling while n × resamples ≤ maxDraws ('percentile-bootstrap'), else
 *   the normal approximation the bootstrap converges to: mean ± z·s/√n with the plug-in
 *   s (divisor n), which is exactly the standard deviation of the bootstrap distribution of
 *   the mean ('normal-approximation'); with the default budget n > 250, where it differs from the
 *   n − 1 divisor by < 0.2 %.
 *
 * Percentiles are inverse-CDF ("type 1"): the smallest value whose bootstrap CDF ≥ α/2,
 * resp. ≥ 1 − α/2.
 */
export function bootstrapInterval(
  values: ArrayLike<number>,
  statistic: 'median' | 'mean',
  options: BootstrapOptions = {},
): BootstrapInterval | null {
  if (statistic !== 'median' && statistic !== 'mean') {
    throw new RangeError(`statistic must be 'median' or 'mean', got ${String(statistic)}`);
  }
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const seed = options.seed ?? DEFAULT_SEED;
  const maxDraws = options.maxDraws ?? DEFAULT_MAX_DRAWS;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  }
  checkConfidence(confidence);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  if (!(maxDraws >= 0)) throw new RangeError(`maxDraws must be ≥ 0, got ${maxDraws}`);

  const { min, max } = scanFinite(values);
  const n = values.length;
  if (n === 0) return null;
  // Every resample of a constant sample is that constant; report it exactly rather than
  // whatever rounding in a sum of n copies would give.
  if (min === max) return { low: min, high: min, method: 'degenerate' };

  const alpha = 1 - confidence;
  if (statistic === 'median') {
    const [low, high] = exactMedianBootstrap(values, alpha / 2, 1 - alpha / 2);
    return { low, high, method: 'exact-bootstrap-median' };
  }

  if (n * resamples <= maxDraws) {
    const means = resampledMeans(values, resamples, seed);
    return {
      low: percentile(means, alpha / 2),
      high: percentile(means, 1 - alpha / 2),
      method: 'percentile-bootstrap',
    };
  }
  const m = meanOf(values);
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - m;
    squares += d * d;
  }
  const halfWidth = (normalQuantile(1 - alpha / 2) * Math.sqrt(squares / n)) / Math.sqrt(n);
  // Cannot leave the data's range (nor can any resample mean).
  return {
    low: Math.max(min, m - halfWidth),
    high: Math.min(max, m + halfWidth),
    method: 'normal-approximation',
  };
}

// --- comparing groups ----------------------------------------------------------------------

/**
 * 'higher' when a lies entirely above b, 'lower' when entirely below, else 'overlap'
 * (touching endpoints count as overlap).
 *
 * Non-overlap is a conservative test: two independent 95 % intervals that do not overlap
 * imply a difference significant at roughly the 0.5 % level (for equal widths), so groups
 * marked 'higher'/'lower' are clearly different — but 'overlap' does NOT show the groups
 * are equal: with equal widths, intervals can overlap by up to ~30 % of their width while
 * the difference is still significant at 5 %. There is no correction for comparing many
 * groups, so with 30 groups an occasional separation can still be chance.
 */
export function differenceVerdict(a: Interval, b: Interval): Verdict {
  for (const [name, iv] of [
    ['a', a],
    ['b', b],
  ] as const) {
    if (!(Number.isFinite(iv.low) && Number.isFinite(iv.high) && iv.low <= iv.high)) {
      throw new RangeError(`interval ${name} must have finite low ≤ high, got [${iv.low}, ${iv.high}]`);
    }
  }
  if (a.low > b.high) return 'higher';
  if (a.high < b.low) return 'lower';
  return 'overlap';
}
