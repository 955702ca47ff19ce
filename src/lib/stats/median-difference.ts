/**
 * Percentile-bootstrap interval for the difference of two medians ("exposed − not exposed"),
 * with each group resampled independently, computed from the two exact bootstrap
 * distributions of the medians (median-bootstrap.ts) instead of by resampling.
 *
 * The difference D* = M₁* − M₂* of independent bootstrap medians has the distribution
 *   P(D* ≤ t) = Σ_v P(M₂* = v) · P(M₁* ≤ t + v),
 * the convolution of two discrete distributions. Each is represented by "atoms" (value,
 * mass): its support points where that is cheap ('exact'), else a fine grid ('grid'). The
 * quantile of D* is then found by bisection on t over the ordered doubles (≤ 64 steps), each
 * step one merge-like pass over both atom lists (O(S₁ + S₂)), so the result is the exact
 * inverse-CDF ("type 1") percentile of the atom distributions — the same convention as the
 * single-group intervals.
 *
 * Bounded cost for large groups: atoms are only needed where the median's distribution has
 * mass. Each distribution is cut to the order statistics between its 1e-13 and 1 − 1e-13
 * quantiles (the cut-off mass is moved onto the first and last atom, so it can shift a
 * percentile only if the CDF passed within 1e-13 of 2.5 %). When that range holds few enough
 * support points (small groups, or ties: Likert scores, rounded amounts — see planExact),
 * every support point is an atom ('exact'). Otherwise (large groups of continuous data, where
 * support points are dense) the range is cut into GRID_BINS equal bins and each bin's exact mass is put at
 * its upper end ('grid'): every atom median then lies in [M*, M* + h), so each reported end
 * is within one bin width h of the exact one (maxError = the larger h; typically < 0.2 % of
 * the interval's width). A bin's mass is F(t_m) − F(t_{m−1}) for odd n; for even n it is the
 * sum of the pair atoms falling in it (evenGridAtoms: one pass over the pairs, ≈ 3× faster
 * than the CDF at every grid point, equal to it within 1e-12 — a test checks).
 */
import { GAP_CUTOFF, EvenMedianCdf, orderStatisticCdf, orderStatisticQuantileIndex } from './median-bootstrap';
import { binomialPmf, binomialUpperTail } from './special';
import type { Interval } from './intervals';
import { selectRanks } from './select';

/** Mass left outside each distribution's atom range, per side. */
const TAIL = 1e-13;
/** Most atoms an exact representation may have (the quantile search is O(atoms) per step). */
export const EXACT_MAX_ATOMS = 20_000;
/** Most continued-fraction steps (≈ distinct values × √n) for the odd-n exact atoms. */
const EXACT_MAX_TAIL_STEPS = 2_000_000;
/** Even n with at most this many distinct values: atoms at the midpoints of distinct values. */
const FEW_DISTINCT = 100;
/** Bins of the grid representation (large groups of continuous data). */
export const GRID_BINS = 2_048;
/** CDF comparisons allow for rounding in sums of masses: F ≥ p − 1e-12 counts as reaching p. */
const PROBABILITY_SLACK = 1e-12;

/** A discrete distribution: ascending distinct values and their masses (summing to 1). */
export interface Atoms {
  values: Float64Array;
  masses: Float64Array;
}

export interface MedianBootstrapAtoms {
  atoms: Atoms;
  method: 'exact' | 'grid';
  /** Grid bin width h (0 when exact). */
  binWidth: number;
  /** The sample median (DuckDB's definition: mean of the two middle values for even n). */
  median: number;
}

export interface MedianDifferenceInterval extends Interval {
  /** median(a) − median(b). */
  estimate: number;
  method: 'exact' | 'grid';
  /** Bound on |reported end − exact end| (0 when both groups were exact). */
  maxError: number;
}

export interface MedianDifferenceOptions {
  confidence?: number;
  /** 'exact' forces enumeration (tests), 'grid' forces the grid; default 'auto'. */
  representation?: 'auto' | 'exact' | 'grid';
}

function checkFinite(values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`${name}: values must be finite numbers (remove NULLs first); got ${String(v)} at index ${i}`);
    }
  }
}

/**
 * Percentile-bootstrap interval of median(a) − median(b); null when a group is empty.
 * Inputs are not modified.
 */
export function medianDifferenceInterval(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: MedianDifferenceOptions = {},
): MedianDifferenceInterval | null {
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  checkFinite(a, 'a');
  checkFinite(b, 'b');
  if (a.length === 0 || b.length === 0) return null;
  const representation = options.representation ?? 'auto';
  const first = medianBootstrapAtoms(a, representation);
  const second = medianBootstrapAtoms(b, representation);
  const alpha = 1 - confidence;
  return {
    estimate: first.median - second.median,
    low: differenceQuantile(first.atoms, second.atoms, alpha / 2),
    high: differenceQuantile(first.atoms, second.atoms, 1 - alpha / 2),
    method: first.method === 'exact' && second.method === 'exact' ? 'exact' : 'grid',
    maxError: Math.max(first.binWidth, second.binWidth),
  };
}

/** The exact (or gridded) bootstrap distribution of one group's median, as atoms. */
export function medianBootstrapAtoms(values: ArrayLike<number>, representation: 'auto' | 'exact' | 'grid' = 'auto'): MedianBootstrapAtoms {
  const n = values.length;
  if (n === 0) throw new RangeError('medianBootstrapAtoms needs at least one value');
  const odd = n % 2 === 1;
  const k = odd ? (n + 1) / 2 : n / 2;
  // Index range carrying all but 2·TAIL of the mass: X*(k) (odd) or X*(k) ≤ M* ≤ X*(k+1).
  const jLo = orderStatisticQuantileIndex(n, k, TAIL);
  const jHi = orderStatisticQuantileIndex(n, odd ? k : k + 1, 1 - TAIL);
  // The even-n CDF needs GAP_CUTOFF order statistics of context on each side.
  const L = odd ? jLo : Math.max(1, jLo - GAP_CUTOFF - 2);
  const R = odd ? jHi : Math.min(n, jHi + GAP_CUTOFF + 2);
  const { buffer, offset } = selectRanks(values, [[L - 1, R - 1]]);
  const window = buffer.subarray(L - 1 - offset, R - offset);
  const x = (i: number) => window[i - L] as number;
  const median = odd ? x(k) : x(k) * 0.5 + x(k + 1) * 0.5;
  const lowValue = x(jLo);
  const highValue = x(jHi);
  if (lowValue === highValue) {
    return {
      atoms: { values: Float64Array.of(lowValue), masses: Float64Array.of(1) },
      method: 'exact',
      binWidth: 0,
      median,
    };
  }

  const lastAtOrBelow = (t: number) => {
    let lo = L;
    let hi = R + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (x(mid) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };
  const tails = new Map<number, number>();
  // Even n: built only where a CDF is evaluated (few distinct values); the grid and the
  // other exact atoms come from the pairs (evenPairs).
  let evenCdf: EvenMedianCdf | null = null;
  /** P(M* ≤ t) for lowValue ≤ t < highValue. */
  const cdf = (t: number): number => {
    if (!odd) return (evenCdf ??= new EvenMedianCdf(n, window, L)).cdf(t);
    const I = lastAtOrBelow(t);
    let v = tails.get(I);
    if (v === undefined) {
      v = orderStatisticCdf(n, k, I);
      tails.set(I, v);
    }
    return v;
  };

  const distinct = distinctValues(window, jLo - L, jHi - L);
  const plan = representation === 'auto' ? planExact(odd, n, distinct.length, jLo, jHi) : representation;
  if (plan === 'grid') {
    const h = (highValue - lowValue) / GRID_BINS;
    const points = Float64Array.from({ length: GRID_BINS + 1 }, (_, m) => (m === GRID_BINS ? highValue : lowValue + m * h));
    const atoms = odd ? atomsFromCdf(points, cdf) : evenGridAtoms(window, L, n, points, h);
    return { atoms, method: 'grid', binWidth: h, median };
  }
  let atoms: Atoms;
  if (odd) atoms = atomsFromCdf(distinct, cdf);
  else if (distinct.length <= FEW_DISTINCT) atoms = atomsFromCdf(pairMidpoints(distinct, lowValue, highValue), cdf);
  else atoms = evenMedianAtoms(window, L, n);
  return { atoms, method: 'exact', binWidth: 0, median };
}

/**
 * Exact when it is cheap, by the work each representation costs:
 * - odd n: one binomial tail (~√n continued-fraction steps) per distinct value;
 * - even n with few distinct values (ties): the CDF at each midpoint of two distinct values;
 * - even n otherwise: one pair of order statistics per (i, j ≤ i + GAP_CUTOFF), and the
 *   quantile search passes over all atoms ~64 times.
 * The budgets keep the exact path at roughly ≤ 30 ms per group on a slow machine.
 */
function planExact(odd: boolean, n: number, distinct: number, jLo: number, jHi: number): 'exact' | 'grid' {
  if (odd) return distinct <= EXACT_MAX_ATOMS && distinct * Math.sqrt(n) <= EXACT_MAX_TAIL_STEPS ? 'exact' : 'grid';
  if (distinct <= FEW_DISTINCT) return 'exact';
  return (jHi - jLo + 1) * (GAP_CUTOFF + 1) <= EXACT_MAX_ATOMS ? 'exact' : 'grid';
}

/**
 * Masses F(t_m) − F(t_{m−1}) at ascending points t_0 < … < t_M, with F(t_0) on the first
 * (it carries the cut-off lower tail) and 1 − F(t_{M−1}) on the last (the upper tail; F is
 * not evaluated at t_M, where the windowed even-n CDF could lack context when values tie).
 */
function atomsFromCdf(points: Float64Array, cdf: (t: number) => number): Atoms {
  const M = points.length;
  const masses = new Float64Array(M);
  let previous = 0;
  for (let m = 0; m < M - 1; m++) {
    const f = Math.max(previous, cdf(points[m] as number));
    masses[m] = f - previous;
    previous = f;
  }
  masses[M - 1] = 1 - previous;
  return { values: points, masses };
}

/** ½u + ½v for all u ≤ v among ascending distinct values, within [low, high], ascending and distinct. */
function pairMidpoints(distinct: Float64Array, low: number, high: number): Float64Array {
  const out: number[] = [];
  for (let a = 0; a < distinct.length; a++) {
    for (let b = a; b < distinct.length; b++) {
      const m = 0.5 * (distinct[a] as number) + 0.5 * (distinct[b] as number);
      if (m >= low && m <= high) out.push(m);
    }
  }
  const sorted = Float64Array.from(out).sort();
  let unique = 0;
  for (let i = 0; i < sorted.length; i++) if (unique === 0 || sorted[i] !== sorted[unique - 1]) sorted[unique++] = sorted[i] as number;
  return sorted.slice(0, unique);
}

/** Distinct values of sorted[from..to] (inclusive), ascending. */
function distinctValues(sorted: Float64Array, from: number, to: number): Float64Array {
  const out: number[] = [];
  for (let i = from; i <= to; i++) {
    const v = sorted[i] as number;
    if (out.length === 0 || v !== out[out.length - 1]) out.push(v);
  }
  return Float64Array.from(out);
}

/** The pair atoms of an even-n resample median, in order of i, then j (values not sorted). */
interface EvenPairs {
  values: Float64Array;
  masses: Float64Array;
  count: number;
  /** Mass of X*(k) below the first i. */
  below: number;
  /** Sum of the masses listed. */
  total: number;
}

/** A pair whose mass is below this ends its row: the rest of the row decays geometrically (by ≈ e^−1 a step). */
const NEGLIGIBLE_PAIR = 1e-20;

/**
 * Every pair atom of an even-n resample median (the formulas above evenMedianAtoms):
 * X*(k) = x(i) for i between its 1e-13 quantiles, pairs up to GAP_CUTOFF apart, a row
 * ending early once its masses are negligible. The powers (i/j)^k are built as products of
 * the factors ((j−1)/j)^k, one multiplication per pair instead of two exponentials, and
 * T(i, k+1) − T(i−1, k) as U(i) − U(i−1) − π(i−1) with U(t) = T(t, k+1): one binomial tail
 * per index.
 */
function evenPairs(window: Float64Array, L: number, n: number): EvenPairs {
  const k = n / 2;
  const iLo = orderStatisticQuantileIndex(n, k, TAIL);
  const iHi = orderStatisticQuantileIndex(n, k, 1 - TAIL);
  const R = L + window.length - 1;
  const top = Math.min(n, iHi + GAP_CUTOFF);
  if (iLo < L || top > R) throw new RangeError('evenPairs: window too small'); // callers size it
  const size = top - iLo + 2;
  const pi = new Float64Array(size); // π(t) at t = iLo − 1 .. top
  const stay = new Float64Array(size); // ((t−1)/t)^k
  for (let t = iLo - 1; t <= top; t++) {
    pi[t - iLo + 1] = t === 0 ? 0 : binomialPmf(k, n, t / n, (n - t) / n);
    stay[t - iLo + 1] = t <= 1 ? 0 : Math.exp(k * Math.log1p(-1 / t));
  }
  const upper = (t: number) => (t <= 0 ? 0 : binomialUpperTail(k + 1, n, t / n, (n - t) / n)); // U(t)
  const capacity = (iHi - iLo + 1) * (GAP_CUTOFF + 1);
  const values = new Float64Array(capacity);
  const masses = new Float64Array(capacity);
  let count = 0;
  let total = 0;
  let uPrevious = upper(iLo - 1);
  const below = uPrevious + (pi[0] as number); // T(iLo − 1, k) = U(iLo − 1) + π(iLo − 1)
  for (let i = iLo; i <= iHi; i++) {
    const u = upper(i);
    const s = i === 1 ? 1 : -Math.expm1(k * Math.log1p(-1 / i));
    const xi = window[i - L] as number;
    const piI = pi[i - iLo + 1] as number;
    const same = u - uPrevious - (pi[i - iLo] as number) + piI * (1 - s);
    uPrevious = u;
    values[count] = xi;
    masses[count++] = same;
    total += same;
    let previous = 1; // (i/(j−1))^k at j = i + 1
    let piPrevious = piI;
    const last = Math.min(top, i + GAP_CUTOFF);
    for (let j = i + 1; j <= last; j++) {
      const power = previous * (stay[j - iLo + 1] as number); // (i/j)^k
      const piJ = pi[j - iLo + 1] as number;
      const mass = s * (piPrevious * previous - piJ * power);
      values[count] = 0.5 * xi + 0.5 * (window[j - L] as number);
      masses[count++] = mass;
      total += mass;
      if (mass < NEGLIGIBLE_PAIR && j > i + 2) break;
      previous = power;
      piPrevious = piJ;
    }
  }
  return { values, masses, count, below, total };
}

/**
 * The grid representation for even n: each pair atom's mass added to the grid point at the
 * upper end of its bin (t_{m−1}, t_m], the mass below the atoms on the first point and the
 * rest on the last — the masses F(t_m) − F(t_{m−1}) that atomsFromCdf takes from the CDF,
 * in one pass over the pairs instead of a CDF of ~80 terms at each of 2,049 points.
 */
function evenGridAtoms(window: Float64Array, L: number, n: number, points: Float64Array, h: number): Atoms {
  const M = points.length - 1;
  const low = points[0] as number;
  const out = new Float64Array(M + 1);
  const { values, masses, count, below } = evenPairs(window, L, n);
  for (let p = 0; p < count; p++) {
    const value = values[p] as number;
    let m = value <= low ? 0 : Math.min(M, Math.ceil((value - low) / h));
    while (m > 0 && value <= (points[m - 1] as number)) m--;
    while (m < M && value > (points[m] as number)) m++;
    if (m < M) out[m] = (out[m] as number) + Math.max(0, masses[p] as number);
  }
  out[0] = (out[0] as number) + below;
  let sum = 0;
  for (let m = 0; m < M; m++) sum += out[m] as number;
  out[M] = Math.max(0, 1 - sum);
  return { values: points, masses: out };
}

/**
 * The exact distribution of an even-n resample median M* = ½X*(k) + ½X*(k+1) (k = n/2), by
 * the probability of each pair of order-statistic indices (i, j), i ≤ j. With N(t) = number
 * of drawn indices ≤ t ~ Binomial(n, t/n), T(t, r) = P(N(t) ≥ r), π(t) = P(N(t) = k) and
 * S(i) = 1 − ((i−1)/i)^k:
 *   i < j:  P = S(i)·[π(j−1)·(i/(j−1))^k − π(j)·(i/j)^k]
 *           (exactly k indices ≤ j − 1, none in (i, j − 1], at least one at j; given
 *           N(j−1) = k those k are uniform on [1, j−1], and some must equal i);
 *   i = j:  P = T(i, k+1) − T(i−1, k) + π(i)·(1 − S(i)).
 * O(1) per pair with π and logs cached per index, where evaluating the CDF at every support
 * point (EvenMedianCdf) costs ~GAP_CUTOFF terms each. Pairs with j − i > GAP_CUTOFF carry
 * < e^(−40) and are skipped; X*(k) outside its 1e-13 quantiles is cut as in the odd case, its
 * lower-tail mass added to the first atom and the remainder to the last.
 */
function evenMedianAtoms(window: Float64Array, L: number, n: number): Atoms {
  const { values, masses, count, below, total } = evenPairs(window, L, n);
  const order = Uint32Array.from({ length: count }, (_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const outValues: number[] = [];
  const outMasses: number[] = [];
  for (const idx of order) {
    const v = values[idx] as number;
    const m = Math.max(0, masses[idx] as number);
    if (outValues.length > 0 && outValues[outValues.length - 1] === v)
      outMasses[outMasses.length - 1] = (outMasses[outMasses.length - 1] as number) + m;
    else {
      outValues.push(v);
      outMasses.push(m);
    }
  }
  outMasses[0] = (outMasses[0] as number) + below;
  outMasses[outMasses.length - 1] = Math.max(0, (outMasses[outMasses.length - 1] as number) + 1 - below - total);
  return { values: Float64Array.from(outValues), masses: Float64Array.from(outMasses) };
}

/**
 * P(U − V ≤ t) for independent U ~ first, V ~ second, with the comparison made on the
 * computed difference fl(u − v) ≤ t. fl(u − v) is non-decreasing in u and non-increasing in
 * v, so one pointer into `first` only moves forward as v grows: O(S₁ + S₂).
 */
export function differenceCdf(first: Atoms, second: Atoms, t: number, cumulative?: Float64Array): number {
  const u = first.values;
  const cum = cumulative ?? cumulativeMasses(first.masses);
  const v = second.values;
  const w = second.masses;
  let pointer = 0;
  let total = 0;
  for (let b = 0; b < v.length; b++) {
    const vb = v[b] as number;
    while (pointer < u.length && (u[pointer] as number) - vb <= t) pointer++;
    total += (w[b] as number) * (cum[pointer] as number);
  }
  return total;
}

function cumulativeMasses(masses: Float64Array): Float64Array {
  const cum = new Float64Array(masses.length + 1);
  for (let i = 0; i < masses.length; i++) cum[i + 1] = (cum[i] as number) + (masses[i] as number);
  return cum;
}

const F64 = new Float64Array(1);
const I64 = new BigInt64Array(F64.buffer);
const SIGN = 1n << 63n;

/** Order-preserving map of doubles to integers (−0 and +0 both to 0), so bisection can halve the count of doubles. */
function toOrdinal(x: number): bigint {
  F64[0] = x;
  const bits = I64[0] as bigint;
  return bits < 0n ? -(bits & (SIGN - 1n)) : bits;
}

function fromOrdinal(o: bigint): number {
  I64[0] = o >= 0n ? o : BigInt.asIntN(64, -o | SIGN);
  return F64[0] as number;
}

/** Smallest double t with P(U − V ≤ t) ≥ prob (0 < prob < 1). */
export function differenceQuantile(first: Atoms, second: Atoms, prob: number): number {
  const cum = cumulativeMasses(first.masses);
  const u = first.values;
  const v = second.values;
  // F is 0 below the smallest difference and reaches 1 at the largest.
  let lo = toOrdinal((u[0] as number) - (v[v.length - 1] as number)) - 1n;
  let hi = toOrdinal((u[u.length - 1] as number) - (v[0] as number));
  while (hi - lo > 1n) {
    const mid = (lo + hi) >> 1n;
    if (differenceCdf(first, second, fromOrdinal(mid), cum) >= prob - PROBABILITY_SLACK) hi = mid;
    else lo = mid;
  }
  return fromOrdinal(hi);
}
