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
 * uniform on [1, b_i]). The i-th correction term is at most ((b_i − i)/n)-discounted:
 * (i/b_i)^k ≤ (1 − (b_i − i)/n)^k ≤ exp(−(b_i − i)/2), and b_i − i grows by ≥ 1 per step
 * as i decreases, so terms with b_i − i > GAP_CUTOFF (= 80, total < 1e-17) are dropped.
 * Because X*(k) ≤ M* ≤ X*(k+1), the p-quantile of M* lies between the p-quantiles of X*(k)
 * and X*(k+1), both from (1); we bisect on t inside that bracket. Each evaluation of (2)
 * touches only ~GAP_CUTOFF order statistics, so only short sorted windows around the
 * bracket are needed (see sortRanges), never the full sort.
 *
 * Cost: selection O(n) expected, plus O(log n) binomial tails (each O(√n) continued-fraction
 * steps), plus for even n ~60 bisection steps × ~100 terms.
 */
import { binomialPmf, binomialUpperTail } from './special';
import { sortRanges } from './select';

/** Terms of (2) with b_i − i beyond this are < e^(−40) each and are dropped (see above). */
export const GAP_CUTOFF = 80;

/** P(X*(r) ≤ x(j)) for a resample of size n, formula (1). */
export function orderStatisticCdf(n: number, r: number, j: number): number {
  return binomialUpperTail(r, n, j / n, (n - j) / n);
}

/** Smallest j in [1, n] with P(X*(r) ≤ x(j)) ≥ prob (binary search; (1) is increasing in j). */
export function orderStatisticQuantileIndex(n: number, r: number, prob: number): number {
  let lo = 1;
  let hi = n; // (1) is exactly 1 at j = n
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (orderStatisticCdf(n, r, mid) >= prob) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Evaluates (2) for an even-sized sample, given a sorted window x(L..R) (1-based indices;
 * window[0] = x(L)). Valid for t with x(L + GAP_CUTOFF + 1) ≤ t and I(t) + GAP_CUTOFF + 1 ≤ R,
 * or with L = 1 and R = n (the full sample), where it is exact up to the dropped terms.
 */
export class EvenMedianCdf {
  private readonly n: number;
  private readonly k: number;
  private readonly window: Float64Array;
  private readonly L: number;
  private readonly gapCutoff: number;
  private readonly massAtK = new Map<number, number>();
  private readonly tailAt = new Map<number, number>();

  constructor(n: number, window: Float64Array, L: number, gapCutoff: number = GAP_CUTOFF) {
    if (n % 2 !== 0) throw new RangeError('EvenMedianCdf needs an even n');
    this.n = n;
    this.k = n / 2;
    this.window = window;
    this.L = L;
    this.gapCutoff = gapCutoff;
  }

  private x(i: number): number {
    return this.window[i - this.L] as number;
  }

  /** P(Bin(n, b/n) = k), cached: b only takes a few dozen distinct values per interval. */
  private mass(b: number): number {
    let v = this.massAtK.get(b);
    if (v === undefined) {
      v = binomialPmf(this.k, this.n, b / this.n, (this.n - b) / this.n);
      this.massAtK.set(b, v);
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

  /** P(M* ≤ t). */
  cdf(t: number): number {
    const { k, L } = this;
    const R = L + this.window.length - 1;
    // I = max index with x(I) ≤ t, by binary search in the window.
    let lo = L;
    let hi = R + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.x(mid) <= t) lo = mid + 1;
      else hi = mid;
    }
    const I = lo - 1;
    if (I < L) return L === 1 ? 0 : Number.NaN; // below the window: caller's bracket is wrong
    let total = this.tail(I);
    let b = I;
    for (let i = I; i >= L; i--) {
      const xi = this.x(i);
      // b_i is non-decreasing as i decreases, so a forward pointer finds it in O(window).
      while (b < R && 0.5 * xi + 0.5 * this.x(b + 1) <= t) b++;
      if (b - i > this.gapCutoff) break;
      // (i/b)^k − ((i−1)/b)^k = (i/b)^k · (1 − (1 − 1/i)^k), the second factor via expm1/log1p
      // so that it stays accurate when it is tiny (i ≫ k).
      const lead = Math.exp(k * Math.log(i / b));
      const step = i === 1 ? 1 : -Math.expm1(k * Math.log1p(-1 / i));
      total -= this.mass(b) * lead * step;
    }
    return Math.min(1, Math.max(0, total));
  }

  /**
   * Smallest attainable t in [lo, hi] with P(M* ≤ t) ≥ prob, given P(M* ≤ hi) ≥ prob.
   * Bisection on doubles: the CDF only jumps at values ½x(i) + ½x(j) computed exactly as
   * above, so bisecting down to adjacent doubles lands exactly on such a value.
   */
  quantile(prob: number, lo: number, hi: number): number {
    if (lo >= hi || this.cdf(lo) >= prob) return lo;
    for (let iteration = 0; iteration < 2200; iteration++) {
      const mid = 0.5 * lo + 0.5 * hi;
      if (!(mid > lo && mid < hi)) break;
      if (this.cdf(mid) >= prob) hi = mid;
      else lo = mid;
    }
    return hi;
  }
}

/**
 * Exact percentile-bootstrap interval of the median. `work` is a scratch copy of the sample
 * (it gets partially reordered). Requires n ≥ 2 and 0 < probLow < probHigh < 1.
 */
export function exactMedianBootstrap(work: Float64Array, probLow: number, probHigh: number): [number, number] {
  const n = work.length;
  if (n % 2 === 1) {
    const k = (n + 1) / 2;
    const jl = orderStatisticQuantileIndex(n, k, probLow);
    const jh = orderStatisticQuantileIndex(n, k, probHigh);
    sortRanges(work, [
      [jl - 1, jl - 1],
      [jh - 1, jh - 1],
    ]);
    return [work[jl - 1] as number, work[jh - 1] as number];
  }
  const k = n / 2;
  const brackets = [probLow, probHigh].map((prob) => {
    const a = orderStatisticQuantileIndex(n, k, prob);
    const c = orderStatisticQuantileIndex(n, k + 1, prob);
    const L = Math.max(1, a - GAP_CUTOFF - 2);
    const R = Math.min(n, c + GAP_CUTOFF + 2);
    return { prob, a, c, L, R };
  });
  sortRanges(
    work,
    brackets.map(({ L, R }) => [L - 1, R - 1] as const),
  );
  const [low, high] = brackets.map(({ prob, a, c, L, R }) => {
    const cdf = new EvenMedianCdf(n, work.subarray(L - 1, R), L);
    return cdf.quantile(prob, work[a - 1] as number, work[c - 1] as number);
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
