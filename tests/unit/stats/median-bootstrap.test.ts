import { describe, expect, it } from 'vitest';
import { bootstrapInterval, median } from '../../../src/lib/stats/intervals';
import { mulberry32 } from '../../helpers/mulberry32';
import { EvenMedianCdf, GAP_CUTOFF, exactMedianBootstrapCdf, orderStatisticQuantileIndex } from '../../../src/lib/stats/median-bootstrap';

/** Median as DuckDB defines it, by full sort. */
function sortedMedian(sorted: Float64Array): number {
  const n = sorted.length;
  const h = n >> 1;
  return n % 2 === 1 ? (sorted[h] as number) : (sorted[h - 1] as number) * 0.5 + (sorted[h] as number) * 0.5;
}

/** Inverse-CDF percentile of a weighted discrete distribution given as sorted [value, prob]. */
function discreteQuantile(dist: [number, number][], prob: number): number {
  let cum = 0;
  for (const [v, w] of dist) {
    cum += w;
    if (cum >= prob - 1e-12) return v;
  }
  return dist[dist.length - 1]![0];
}

/** The exact bootstrap distribution of the median by enumerating all n^n index sequences. */
function enumerateMedianDistribution(values: readonly number[]): [number, number][] {
  const n = values.length;
  const x = Float64Array.from(values).sort();
  const idx = new Array<number>(n).fill(0);
  const counts = new Map<number, number>();
  const resample = new Float64Array(n);
  const total = n ** n;
  for (let r = 0; r < total; r++) {
    for (let i = 0; i < n; i++) resample[i] = x[idx[i]!] as number;
    const m = sortedMedian(resample.sort());
    counts.set(m, (counts.get(m) ?? 0) + 1);
    for (let i = 0; i < n; i++) {
      idx[i]!++;
      if (idx[i]! < n) break;
      idx[i] = 0;
    }
  }
  return [...counts.entries()].map(([v, c]) => [v, c / total] as [number, number]).sort((a, b) => a[0] - b[0]);
}

/** Brute-force percentile bootstrap of the median, `resamples` seeded resamples. */
function monteCarloMedians(values: readonly number[], resamples: number, seed: number): Float64Array {
  const n = values.length;
  const rand = mulberry32(seed);
  const resample = new Float64Array(n);
  const medians = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) resample[i] = values[Math.floor(rand() * n)]!;
    medians[b] = sortedMedian(resample.sort());
  }
  return medians.sort();
}

function typeOnePercentile(sorted: Float64Array, prob: number): number {
  return sorted[Math.max(1, Math.ceil(prob * sorted.length - 1e-9)) - 1] as number;
}

/** How many distinct sample values are ≤ v: a rank that treats midpoints and ties sensibly. */
function distinctRank(sortedDistinct: number[], v: number): number {
  let r = 0;
  while (r < sortedDistinct.length && sortedDistinct[r]! <= v) r++;
  return r;
}

const SMALL_SAMPLES: Record<string, number[]> = {
  'n=4': [1, 2, 3, 4],
  'n=4 ties': [2, 2, 5, 9],
  'n=5 ties': [3, 1, 4, 1, 5],
  'n=6 ties, negatives, fractions': [0.1, 0.2, 0.3, -1, 5, 0.2],
  'n=6 wide gap': [1, 2, 3, 1000, 1001, 1002],
  'n=7 ties': [1, 2, 2, 3, 3, 3, 10],
};

describe('exact bootstrap of the median: against full enumeration of all n^n resamples', () => {
  it.each(Object.entries(SMALL_SAMPLES))('%s: CDF and 95 %% / 80 %% intervals are exact', (_name, values) => {
    const dist = enumerateMedianDistribution(values);
    const sorted = Float64Array.from(values).sort();
    let cum = 0;
    for (const [v, w] of dist) {
      cum += w;
      expect(exactMedianBootstrapCdf(sorted, v)).toBeCloseTo(cum, 12);
      // Just below each support point the CDF must not yet include it.
      expect(exactMedianBootstrapCdf(sorted, v - 1e-9)).toBeCloseTo(cum - w, 12);
    }
    for (const confidence of [0.95, 0.8]) {
      const iv = bootstrapInterval(values, 'median', { confidence })!;
      const alpha = 1 - confidence;
      expect(iv.method).toBe('exact-bootstrap-median');
      expect(iv.low).toBe(discreteQuantile(dist, alpha / 2));
      expect(iv.high).toBe(discreteQuantile(dist, 1 - alpha / 2));
    }
  });
});

describe('exact bootstrap of the median: against 20,000 seeded brute-force resamples', () => {
  const rand = mulberry32(12345);
  const samples: Record<string, number[]> = {
    'n=5': [7, 3, 9, 3, 12],
    'n=11 ties': [4, 8, 15, 16, 23, 42, 8, 8, 15, 4, 99],
    // Likert-like scores: heavy ties.
    'n=50 Likert': Array.from({ length: 50 }, () => 1 + Math.floor(rand() * 5)),
    'n=101 rounded skewed': Array.from({ length: 101 }, () => Math.round(-Math.log(1 - rand()) * 20) / 2),
    'n=200 continuous': Array.from({ length: 200 }, () => rand() * 100 - 30),
    'n=64 ties even': Array.from({ length: 64 }, () => Math.round(rand() * 12)),
  };

  it.each(Object.entries(samples))('%s: endpoints within one order statistic, CDFs agree', (_name, values) => {
    const medians = monteCarloMedians(values, 20_000, 987);
    const iv = bootstrapInterval(values, 'median')!;
    const distinct = [...new Set(values)].sort((a, b) => a - b);
    const mcLow = typeOnePercentile(medians, 0.025);
    const mcHigh = typeOnePercentile(medians, 0.975);
    expect(Math.abs(distinctRank(distinct, iv.low) - distinctRank(distinct, mcLow))).toBeLessThanOrEqual(1);
    expect(Math.abs(distinctRank(distinct, iv.high) - distinctRank(distinct, mcHigh))).toBeLessThanOrEqual(1);
    // The whole distribution, not just the endpoints: Kolmogorov distance at every
    // attained resample median (DKW bound for 20,000 draws at 1e-6 is 0.019).
    const sorted = Float64Array.from(values).sort();
    let maxDiff = 0;
    for (let i = 0; i < medians.length; i++) {
      if (i + 1 < medians.length && medians[i + 1] === medians[i]) continue;
      const empirical = (i + 1) / medians.length;
      maxDiff = Math.max(maxDiff, Math.abs(exactMedianBootstrapCdf(sorted, medians[i] as number) - empirical));
    }
    expect(maxDiff).toBeLessThan(0.02);
    // And the interval brackets the sample median.
    const m = median(values)!;
    expect(iv.low).toBeLessThanOrEqual(m);
    expect(iv.high).toBeGreaterThanOrEqual(m);
  });
});

describe('exact bootstrap of the median: large samples', () => {
  it('windowed computation equals the untruncated formula on the fully sorted sample (even n)', () => {
    const rand = mulberry32(7);
    for (const [n, round] of [
      [2_000, 10],
      [10_000, 1],
      [5_000, 1000],
      [2_000, 1e9],
      [20_000, 1e9],
    ] as const) {
      const values = Array.from({ length: n }, () => Math.round(rand() * rand() * 100 * round) / round);
      const iv = bootstrapInterval(values, 'median')!;
      const sorted = Float64Array.from(values).sort();
      const full = new EvenMedianCdf(n, sorted, 1, Number.POSITIVE_INFINITY);
      for (const [prob, got] of [
        [0.025, iv.low],
        [0.975, iv.high],
      ] as const) {
        const a = orderStatisticQuantileIndex(n, n / 2, prob);
        const c = orderStatisticQuantileIndex(n, n / 2 + 1, prob);
        expect(got).toBe(full.quantile(prob, sorted[a - 1] as number, sorted[c - 1] as number));
        // Defining property: CDF reaches prob at the endpoint but not just below it.
        expect(full.cdf(got)).toBeGreaterThanOrEqual(prob);
        expect(full.cdf(got - 1e-9 * Math.max(1, Math.abs(got)))).toBeLessThan(prob);
      }
    }
  });

  it('dropping far correction terms (GAP_CUTOFF) changes the CDF by less than 1e-13', () => {
    const rand = mulberry32(11);
    for (const n of [500, 4_000, 30_000]) {
      const values = Array.from({ length: n }, () => rand() * 10 + rand());
      const sorted = Float64Array.from(values).sort();
      const full = new EvenMedianCdf(n, sorted, 1, Number.POSITIVE_INFINITY);
      for (const prob of [0.025, 0.975]) {
        // Same window as the implementation uses around the [x(a), x(c)] bracket.
        const a = orderStatisticQuantileIndex(n, n / 2, prob);
        const c = orderStatisticQuantileIndex(n, n / 2 + 1, prob);
        const L = Math.max(1, a - GAP_CUTOFF - 2);
        const R = Math.min(n, c + GAP_CUTOFF + 2);
        const windowed = new EvenMedianCdf(n, sorted.subarray(L - 1, R), L);
        const lo = sorted[a - 1] as number;
        const hi = sorted[c - 1] as number;
        for (let s = 0; s <= 200; s++) {
          const t = lo + ((hi - lo) * s) / 200;
          expect(Math.abs(windowed.cdf(t) - full.cdf(t))).toBeLessThan(1e-13);
        }
      }
    }
  });

  it('odd n = 100,001: endpoints sit about 0.98·√n order statistics either side of the middle', () => {
    const n = 100_001;
    const values = Array.from({ length: n }, (_, i) => ((i * 7919) % n) + 0.5); // a permutation of 0.5..n−0.5
    const iv = bootstrapInterval(values, 'median')!;
    const k = (n + 1) / 2;
    const expectedOffset = (1.959964 * Math.sqrt(n)) / 2;
    // x(j) = j − 0.5, so the order-statistic index is low + 0.5.
    expect(Math.abs(iv.low + 0.5 - (k - expectedOffset))).toBeLessThan(3);
    expect(Math.abs(iv.high + 0.5 - (k + expectedOffset))).toBeLessThan(3);
  });

  it('is invariant to input order and does not modify the input', () => {
    const rand = mulberry32(99);
    const values = Array.from({ length: 3_001 }, () => Math.floor(rand() * 50));
    const copy = values.slice();
    const reversed = values.slice().reverse();
    const sortedInput = values.slice().sort((a, b) => a - b);
    const a = bootstrapInterval(values, 'median');
    expect(values).toEqual(copy);
    expect(bootstrapInterval(reversed, 'median')).toEqual(a);
    expect(bootstrapInterval(sortedInput, 'median')).toEqual(a);
  });
});

describe('bootstrapInterval(median): edge cases', () => {
  it('n = 0 → null; n = 1 → degenerate; all equal → low = high = value', () => {
    expect(bootstrapInterval([], 'median')).toBeNull();
    expect(bootstrapInterval([42.5], 'median')).toEqual({ low: 42.5, high: 42.5, method: 'degenerate' });
    expect(bootstrapInterval(new Array(1000).fill(0.1), 'median')).toEqual({
      low: 0.1,
      high: 0.1,
      method: 'degenerate',
    });
  });

  it('n = 2 is the exact distribution: {a, (a+b)/2, b} with probabilities ¼, ½, ¼', () => {
    expect(bootstrapInterval([10, 20], 'median')).toEqual({ low: 10, high: 20, method: 'exact-bootstrap-median' });
    expect(bootstrapInterval([10, 20], 'median', { confidence: 0.4 })).toEqual({
      low: 15,
      high: 15,
      method: 'exact-bootstrap-median',
    });
  });

  it('uses every value it is given (zeros and negatives are data, not missing)', () => {
    const withZeros = bootstrapInterval([0, 0, 0, 0, 0, 0, 5, 6, 7, 8, 9], 'median')!;
    const withoutZeros = bootstrapInterval([5, 6, 7, 8, 9], 'median')!;
    expect(withZeros.low).toBe(0);
    expect(withZeros).not.toEqual(withoutZeros);
    expect(bootstrapInterval([-3, -2, -1], 'median')!.low).toBe(-3);
  });

  it('ignores resamples and seed (nothing random)', () => {
    const values = [5, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8];
    const a = bootstrapInterval(values, 'median');
    expect(bootstrapInterval(values, 'median', { seed: 123, resamples: 17 })).toEqual(a);
  });

  it('rejects non-finite values and bad options', () => {
    expect(() => bootstrapInterval([1, Number.NaN, 3], 'median')).toThrow(RangeError);
    expect(() => bootstrapInterval([1, Number.POSITIVE_INFINITY], 'median')).toThrow(RangeError);
    expect(() => bootstrapInterval([1, null as unknown as number], 'median')).toThrow(RangeError);
    expect(() => bootstrapInterval([1, 2], 'median', { confidence: 1.2 })).toThrow(RangeError);
    expect(() => bootstrapInterval([1, 2], 'mode' as 'median')).toThrow(RangeError);
  });
});

describe('median()', () => {
  it('matches DuckDB: middle value, or the mean of the two middle values', () => {
    expect(median([])).toBeNull();
    expect(median([3])).toBe(3);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([1, 1, 2, 100])).toBe(1.5);
    expect(median([-5, 5])).toBe(0);
  });

  it('agrees with a full sort on random data with ties, without touching the input', () => {
    const rand = mulberry32(3);
    for (const n of [1, 2, 3, 10, 599, 600, 601, 5_000, 20_001]) {
      const values = Array.from({ length: n }, () => Math.floor(rand() * 30));
      const copy = values.slice();
      expect(median(values)).toBe(sortedMedian(Float64Array.from(values).sort()));
      expect(values).toEqual(copy);
    }
  });
});
