/**
 * The exact bootstrap distribution of the sample median (Efron 1982, §10.3; Maritz & Jarrett
 * 1978), used instead of resampling because it is both exact and cheap.
 *
 * Notation: x(1) ≤ … ≤ x(n) is the sorted sample (1-based). A bootstrap resample draws n
 * indices uniformly with replacement; N(j) = how many drawn indices are ≤ j, which is
 * Binomial(n, j/n). The r-th smallest drawn index is ≤ j exactly when N(j) ≥ r, so the r-th
 * order statistic of the resample, X*(r), satisfies
 *
 *     P(X*(r) ≤ x(j)) = P(Binomial(n, j/n) ≥ r).                                     (1)
 *
 * Median definition (the same as DuckDB's `median`, so the interval brackets the value the
 * page shows): odd n → X*(k) with k = (n+1)/2; even n → M* = ½X*(k) + ½X*(k+1) with k = n/2.
 *
 * Odd n: (1) gives the whole distribution; the percentile interval endpoints are x(j) for the
 * smallest j with (1) ≥ α/2, resp. ≥ 1 − α/2 (inverse-CDF, "type 1" percentiles).
 *
 * Even n: with I(t) = max{i : x(i) ≤ t} and b_i = max{b : ½x(i) + ½x(b) ≤ t},
 *
 *     P(M* ≤ t) = P(X*(k) ≤ x(I)) − Σ_{i ≤ I} P(kth index = i, (k+1)th index > b_i)
 *               = P(Bin(n, I/n) ≥ k) − Σ_{i ≤ I} P(Bin(n, b_i/n) = k)·[(i/b_i)^k − ((i−1)/b_i)^k]   (2)
 *
 * (the k-th index is i and the (k+1)-th lies beyond b_i iff exactly k indices fall in
 * [1, b_i], all of them ≤ i and not all ≤ i − 1; given N(b_i) = k those k indices are
 * uniform on [1, b_i]). The i-th correction term is at most
 * (i/b_i)^k ≤ (1 − (b_i − i)/n)^k ≤ exp(−k(b_i − i)/n) = exp(−(b_i − i)/2), and b_i − i grows
 * by ≥ 1 per step as i decreases, so the terms with b_i − i > GAP_CUTOFF (= 80) are dropped:
 * together they are < 1e-17.
 * Because X*(k) ≤ M* ≤ X*(k+1), the p-quantile of M* lies between the p-quantiles of X*(k)
 * and X*(k+1), both from (1); inside that bracket we binary-search the attainable values
 * ½x(i) + ½x(j). Each evaluation of (2) touches only ~GAP_CUTOFF order statistics, so only
 * short sorted windows around the bracket are needed (see selectRanks), never a full sort.
 *
 * Cost: one O(n) pass (selection), ~5 binomial tails per endpoint (each O(√n)
 * continued-fraction steps), and for even n ~10 evaluations of (2) × ≤ 80 terms per endpoint.
 */
import { binomialPmf, binomialUpperTail, normalQuantile } from './special';
import { selectRanks } from './select';

/** Terms of (2) with b_i − i beyond this are < e^(−40) each and are dropped (see above). */
export const GAP_CUTOFF = 80;

/** P(X*(r) ≤ x(j)) for a resample of size n, formula (1). */
export function orderStatisticCdf(n: number, r: number, j: number): number {
  return binomialUpperTail(r, n, j / n, (n - j) / n);
}

/**
 * Smallest j in [1, n] with P(X*(r) ≤ x(j)) ≥ prob. (1) is increasing in j, so: start from
 * the normal approximation of the Beta(r, n − r + 1) quantile, gallop outwards until the
 * answer is bracketed, then bisect — about 4–6 exact tail evaluations instead of log2(n).
 */
export function orderStatisticQuantileIndex(n: number, r: number, prob: number): number {
  const F = (j: number) => (j <= 0 ? 0 : orderStatisticCdf(n, r, j));
  const mu = r / (n + 1);
  const sd = Math.sqrt((mu * (1 - mu)) / (n + 2));
  const guess = Math.min(n, Math.max(1, Math.round(n * (mu + normalQuantile(prob) * sd))));
  // Invariant once bracketed: F(lo) < prob ≤ F(hi), with F(0) = 0 and F(n) = 1.
  let lo: number;
  let hi: number;
  if (F(guess) >= prob) {
    hi = guess;
    let step = 1;
    lo = Math.max(0, hi - step);
    while (lo > 0 && F(lo) >= prob) {
      hi = lo;
      step *= 2;
      lo = Math.max(0, hi - step);
    }
  } else {
    lo = guess;
    let step = 1;
    hi = Math.min(n, lo + step);
    while (hi < n && F(hi) < prob) {
      lo = hi;
      step *= 2;
      hi = Math.min(n, lo + step);
    }
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (F(mid) >= prob) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Evaluates (2) for an even-sized sample, given a sorted window x(L..R) (1-based indices;
 * window[0] = x(L)). Valid for t with x(L + GAP_CUTOFF + 1) ≤ t and I(t) + GAP_CUTOFF < R,
 * or with L = 1 and R = n (the full sample), where it is exact up to the dropped terms.
 */
export class EvenMedianCdf {
  private readonly n: number;
  private readonly k: number;
  private readonly window: Float64Array;
  private readonly L: number;
  private readonly R: number;
  private readonly gapCutoff: number;
  // Per-index caches over the window (NaN = not yet computed): the quantile search evaluates the
  // same few dozen terms again and again.
  private readonly massAtK: Float64Array;
  private readonly logIndex: Float64Array;
  private readonly stepFactor: Float64Array;
  private readonly tailAt = new Map<number, number>();

  constructor(n: number, window: Float64Array, L: number, gapCutoff: number = GAP_CUTOFF) {
    if (n % 2 !== 0) throw new RangeError('EvenMedianCdf needs an even n');
    this.n = n;
    this.k = n / 2;
    this.window = window;
    this.L = L;
    this.R = L + window.length - 1;
    this.gapCutoff = gapCutoff;
    this.massAtK = new Float64Array(window.length).fill(Number.NaN);
    this.logIndex = new Float64Array(window.length).fill(Number.NaN);
    this.stepFactor = new Float64Array(window.length).fill(Number.NaN);
  }

  private x(i: number): number {
    return this.window[i - this.L] as number;
  }

  /** P(Bin(n, b/n) = k). */
  private mass(b: number): number {
    let v = this.massAtK[b - this.L] as number;
    if (Number.isNaN(v)) {
      v = binomialPmf(this.k, this.n, b / this.n, (this.n - b) / this.n);
      this.massAtK[b - this.L] = v;
    }
    return v;
  }

  private logOf(i: number): number {
    let v = this.logIndex[i - this.L] as number;
    if (Number.isNaN(v)) {
      v = Math.log(i);
      this.logIndex[i - this.L] = v;
    }
    return v;
  }

  /** 1 − (1 − 1/i)^k via expm1/log1p, accurate also when tiny (i ≫ k). */
  private step(i: number): number {
    let v = this.stepFactor[i - this.L] as number;
    if (Number.isNaN(v)) {
      v = i === 1 ? 1 : -Math.expm1(this.k * Math.log1p(-1 / i));
      this.stepFactor[i - this.L] = v;
    }
    return v;
  }

  private tail(i: number): number {
    let v = this.tailAt.get(i);
    if (v === undefined) {
      v = orderStatisticCdf(this.n, this.k, i);
      this.tailAt.set(i, v);
    }
    return v;
  }

  /** max{i in window : x(i) ≤ t}, or L − 1 if none. */
  private lastAtOrBelow(t: number): number {
    let lo = this.L;
    let hi = this.R + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.x(mid) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** P(M* ≤ t). */
  cdf(t: number): number {
    const { k, L, R } = this;
    const I = this.lastAtOrBelow(t);
    if (I < L) return L === 1 ? 0 : Number.NaN; // below the window: caller's bracket is wrong
    let total = this.tail(I);
    let b = I;
    for (let i = I; i >= L; i--) {
      const xi = this.x(i);
      // b_i is non-decreasing as i decreases, so a forward pointer finds it in O(window).
      while (b < R && 0.5 * xi + 0.5 * this.x(b + 1) <= t) b++;
      if (b - i > this.gapCutoff) break;
      // (i/b)^k − ((i−1)/b)^k = (i/b)^k · (1 − (1 − 1/i)^k)
      total -= this.mass(b) * Math.exp(k * (this.logOf(i) - this.logOf(b))) * this.step(i);
    }
    return Math.min(1, Math.max(0, total));
  }

  /**
   * Smallest attainable t in [lo, hi] with P(M* ≤ t) ≥ prob, given P(M* ≤ hi) ≥ prob.
   * The CDF only jumps at resample medians ½x(i) + ½x(j) (computed exactly as in cdf), so we
   * list those in (lo, hi] — pairs further apart than GAP_CUTOFF carry < e^(−40) probability
   * and are skipped — and binary-search the sorted list: ~10 CDF evaluations.
   */
  quantile(prob: number, lo: number, hi: number): number {
    if (lo >= hi || this.cdf(lo) >= prob) return lo;
    const { L, R } = this;
    const gap = Math.min(this.gapCutoff, GAP_CUTOFF);
    const candidates: number[] = [];
    let jFirst = this.lastAtOrBelow(hi); // x there is hi itself, since hi = x(c) is in the window
    for (let i = jFirst; i >= L; i--) {
      const xi = this.x(i);
      // Smallest j ≥ i with ½x(i) + ½x(j) > lo; non-decreasing as i decreases.
      if (jFirst < i) jFirst = i;
      while (jFirst <= R && 0.5 * xi + 0.5 * this.x(jFirst) <= lo) jFirst++;
      if (jFirst - i > gap) break;
      for (let j = jFirst; j <= R && j - i <= gap; j++) {
        const m = 0.5 * xi + 0.5 * this.x(j);
        if (m > hi) break;
        candidates.push(m);
      }
    }
    candidates.sort((u, v) => u - v);
    let unique = 0;
    for (const m of candidates) if (unique === 0 || m !== candidates[unique - 1]) candidates[unique++] = m;
    // Invariant: the answer is in candidates[a..b]. The last one is hi itself (the pair
    // (c, c)), whose CDF is ≥ prob by the bracket, so the search never evaluates it.
    let a = 0;
    let b = unique - 1;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (this.cdf(candidates[mid] as number) >= prob) b = mid;
      else a = mid + 1;
    }
    return unique > 0 ? (candidates[b] as number) : hi;
  }
}

/**
 * Exact percentile-bootstrap interval of the median of `values` (finite numbers, n ≥ 2,
 * not modified). Requires 0 < probLow < probHigh < 1.
 */
export function exactMedianBootstrap(values: ArrayLike<number>, probLow: number, probHigh: number): [number, number] {
  const n = values.length;
  if (n % 2 === 1) {
    const k = (n + 1) / 2;
    const jl = orderStatisticQuantileIndex(n, k, probLow);
    const jh = orderStatisticQuantileIndex(n, k, probHigh);
    const { buffer, offset } = selectRanks(values, [
      [jl - 1, jl - 1],
      [jh - 1, jh - 1],
    ]);
    return [buffer[jl - 1 - offset] as number, buffer[jh - 1 - offset] as number];
  }
  const k = n / 2;
  const brackets = [probLow, probHigh].map((prob) => {
    const a = orderStatisticQuantileIndex(n, k, prob);
    const c = orderStatisticQuantileIndex(n, k + 1, prob);
    const L = Math.max(1, a - GAP_CUTOFF - 2);
    const R = Math.min(n, c + GAP_CUTOFF + 2);
    return { prob, a, c, L, R };
  });
  const { buffer, offset } = selectRanks(
    values,
    brackets.map(({ L, R }) => [L - 1, R - 1] as const),
  );
  const [low, high] = brackets.map(({ prob, a, c, L, R }) => {
    const x = (i: number) => buffer[i - 1 - offset] as number;
    const cdf = new EvenMedianCdf(n, buffer.subarray(L - 1 - offset, R - offset), L);
    return cdf.quantile(prob, x(a), x(c));
  }) as [number, number];
  return [low, high];
}

/**
 * P(median of a bootstrap resample ≤ t) for an already sorted sample, with no truncation.
 * Exposed for tests (checked against full enumeration of all n^n resamples).
 */
export function exactMedianBootstrapCdf(sorted: Float64Array, t: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (n % 2 === 1) {
    let I = 0;
    while (I < n && (sorted[I] as number) <= t) I++;
    return I === 0 ? 0 : orderStatisticCdf(n, (n + 1) / 2, I);
  }
  return new EvenMedianCdf(n, sorted, 1, Number.POSITIVE_INFINITY).cdf(t);
}
