/**
 * Partial ordering helpers. The median and its exact bootstrap interval only need a few
 * order statistics (and short sorted windows around them), so instead of sorting a group of
 * 100,000 values (O(n log n), ~8 ms each) we select them in expected O(n).
 */

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

/**
 * Floyd–Rivest selection: rearranges a[left..right] so that a[k] is the value it would have
 * if that range were sorted, everything before it is ≤ and everything after it is ≥.
 * The Hoare-style partition moves both pointers past equal keys, so heavily tied data
 * (Likert scores, counts) stays linear instead of degrading to quadratic.
 */
export function selectInPlace(a: Float64Array, k: number, left = 0, right = a.length - 1): void {
  while (right > left) {
    if (right - left > 600) {
      // Recurse on a small sample to pick pivots that bracket k tightly.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      selectInPlace(a, k, newLeft, newRight);
    }
    const t = a[k] as number;
    let i = left;
    let j = right;
    swap(a, left, k);
    if ((a[right] as number) > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while ((a[i] as number) < t) i++;
      while ((a[j] as number) > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

/**
 * Makes each of the given 0-based inclusive index ranges hold exactly the values a full sort
 * would put there, in sorted order, with everything outside a range on the correct side of
 * it. Overlapping ranges are merged. Cost: expected O(n) per range plus sorting the ranges.
 */
export function sortRanges(a: Float64Array, ranges: readonly (readonly [number, number])[]): void {
  const n = a.length;
  const clipped = ranges
    .map(([lo, hi]) => [Math.max(0, lo), Math.min(n - 1, hi)] as [number, number])
    .filter(([lo, hi]) => lo <= hi)
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const r of clipped) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  // Ranges in ascending order: once a range is in place, everything left of its end is
  // final, so the next selection can start after it.
  let start = 0;
  for (const [lo, hi] of merged) {
    if (hi - lo + 1 >= (n - start) / 2) {
      // Most of the remaining array: a plain sort is cheaper than selecting twice.
      a.subarray(start).sort();
      return;
    }
    selectInPlace(a, lo, start, n - 1);
    if (hi > lo) {
      selectInPlace(a, hi, lo + 1, n - 1);
      if (hi - lo > 1) a.subarray(lo + 1, hi).sort();
    }
    start = hi + 1;
  }
}

/** Order statistics with 0-based ranks in the requested ranges: x_(r) = buffer[r − offset]. */
export interface RankedValues {
  buffer: Float64Array;
  offset: number;
}

/** Below this size a copy + sortRanges is as fast as anything and needs no sample. */
const SAMPLING_MIN_N = 4096;
/** Sample-quantile margin in standard deviations; a miss (~3e-6 per side) only costs a fallback. */
const SAMPLING_MARGIN_SD = 4.5;
/** Fixed seed for the sample positions: they only affect speed, never the result. */
const SAMPLING_SEED = 0x51ec7;

/** Whether `values` is already ascending (a NaN anywhere makes it not). */
function isAscending(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (!((values[i] as number) >= (values[i - 1] as number))) return false;
  return true;
}

/**
 * Makes the order statistics with the given 0-based rank ranges available, sorted within
 * each range, without copying or reordering `values` (which must be finite numbers).
 * Values already ascending (Explore's groups, query/client-columns.ts) are their own order
 * statistics: a Float64Array is returned as it is (callers only read the buffer), after one
 * comparison per value; an unsorted array fails that check at its first descent.
 *
 * For large n this is one read-only pass instead of a copy plus repeated partitioning
 * (Floyd–Rivest's idea, done once): a random sample of ~2.3·n^(2/3) values brackets the wanted
 * ranks by value with a 4.5-sd margin, a single pass counts the values below the bracket and
 * copies the (≤ ~10 %) inside it, and only that buffer is partially sorted. The counts
 * prove whether the bracket really covers the ranks; if not, it falls back to the exact
 * copy-and-select path, so the result never depends on the sample.
 */
export function selectRanks(
  values: ArrayLike<number>,
  ranges: readonly (readonly [number, number])[],
  marginSd: number = SAMPLING_MARGIN_SD, // tests pass a negative margin to force the fallback
): RankedValues {
  const n = values.length;
  let lo = n - 1;
  let hi = 0;
  for (const [a, b] of ranges) {
    lo = Math.min(lo, Math.max(0, a));
    hi = Math.max(hi, Math.min(n - 1, b));
  }
  if (values instanceof Float64Array && isAscending(values)) return { buffer: values, offset: 0 };
  if (n < SAMPLING_MIN_N || lo > hi) return selectByCopy(values, ranges);

  // Sample size ~2.3·n^(2/3) balances the cost of the sample (s) against the size of the
  // bracketed buffer (~z·n/√s plus the requested span); e.g. for the median interval of
  // 50,000 values: a sample of 3,100 and a buffer of ~4,600 (9 %).
  const s = Math.min(n, Math.round(2.3 * Math.cbrt(n * n)));
  const sample = new Float64Array(s);
  // Jittered stratified sample: one random position in each of s equal strata. Nearly
  // sequential reads (uniform random reads into a large array cost a cache miss each, more
  // than the whole pass below), the jitter breaks up periodic patterns in the row order,
  // and stratification makes the sample quantiles, if anything, more accurate than iid.
  let state = SAMPLING_SEED;
  const stride = n / s;
  for (let i = 0; i < s; i++) {
    state ^= state << 13; // xorshift32, inline: a generator call per position costs more
    state ^= state >>> 17;
    state ^= state << 5;
    sample[i] = values[Math.min(n - 1, Math.floor((i + (state >>> 0) / 4294967296) * stride))] as number;
  }
  const sampleRank = (p: number, side: -1 | 1) => Math.round(p * s + side * (marginSd * Math.sqrt(s * p * (1 - p)) + 1));
  const sLo = sampleRank(lo / n, -1);
  const sHi = sampleRank((hi + 1) / n, 1);
  // ±MAX_VALUE rather than ±Infinity keeps the midpoint arithmetic below finite.
  let vLo = -Number.MAX_VALUE;
  let vHi = Number.MAX_VALUE;
  const lowSelected = sLo >= 0 && sLo < s;
  if (lowSelected) {
    selectInPlace(sample, sLo);
    vLo = sample[sLo] as number;
  }
  if (sHi >= 0 && sHi < s) {
    selectInPlace(sample, sHi, lowSelected && sLo < sHi ? sLo + 1 : 0);
    vHi = sample[sHi] as number;
  }

  // The pass is written to be branch-free on the ~50/50 "below the bracket?" question (a
  // mispredicted branch per value cost 3× here): the count adds a boolean, and the single
  // branch taken only for the few values inside the bracket tests |x − mid| against a
  // slightly widened half-width, so it keeps a superset that is trimmed exactly afterwards.
  const mid = 0.5 * vLo + 0.5 * vHi;
  const half = 0.5 * vHi - 0.5 * vLo;
  const looseHalf = half + 1e-12 * (Math.abs(mid) + half);
  let below = 0;
  let count = 0;
  let buffer = new Float64Array(Math.min(n, Math.ceil((1.25 * (sHi - sLo) * n) / s) + 64)); // grows if ties crowd in
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    below += +(v < vLo);
    if (Math.abs(v - mid) <= looseHalf) {
      if (count === buffer.length) {
        const grown = new Float64Array(Math.min(n, 2 * buffer.length));
        grown.set(buffer);
        buffer = grown;
      }
      buffer[count++] = v;
    }
  }
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const v = buffer[i] as number;
    if (v >= vLo && v <= vHi) buffer[kept++] = v;
  }
  count = kept;
  if (below > lo || below + count - 1 < hi) return selectByCopy(values, ranges);
  const inside = buffer.subarray(0, count);
  sortRanges(
    inside,
    ranges.map(([a, b]) => [a - below, b - below] as const),
  );
  return { buffer: inside, offset: below };
}

function selectByCopy(values: ArrayLike<number>, ranges: readonly (readonly [number, number])[]): RankedValues {
  const copy = Float64Array.from(values);
  sortRanges(copy, ranges);
  return { buffer: copy, offset: 0 };
}
