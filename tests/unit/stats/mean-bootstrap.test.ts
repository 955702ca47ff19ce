import { describe, expect, it } from 'vitest';
import { bootstrapInterval, DEFAULT_MAX_DRAWS, DEFAULT_SEED, mean } from '../../../src/lib/stats/intervals';
import { createRng, sfc32State, sfc32Step } from '../../../src/lib/stats/random';
import { mulberry32 } from '../../helpers/mulberry32';

/** Normal(mu, sigma) samples by Box–Muller. */
function normalSample(n: number, mu: number, sigma: number, seed: number): number[] {
  const rand = mulberry32(seed);
  const out: number[] = [];
  while (out.length < n) {
    const u = 1 - rand();
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    out.push(mu + sigma * r * Math.cos(2 * Math.PI * v), mu + sigma * r * Math.sin(2 * Math.PI * v));
  }
  return out.slice(0, n);
}

describe('bootstrapInterval(mean): resampling', () => {
  const values = normalSample(60, 100, 15, 1);

  it('is deterministic for a seed, differs between seeds, and defaults to DEFAULT_SEED', () => {
    const a = bootstrapInterval(values, 'mean', { seed: 42 });
    expect(a?.method).toBe('percentile-bootstrap');
    expect(bootstrapInterval(values, 'mean', { seed: 42 })).toEqual(a);
    expect(bootstrapInterval(values, 'mean', { seed: 43 })).not.toEqual(a);
    expect(bootstrapInterval(values, 'mean')).toEqual(bootstrapInterval(values, 'mean', { seed: DEFAULT_SEED }));
  });

  it('brackets the sample mean and stays inside the data range', () => {
    const m = mean(values)!;
    const iv = bootstrapInterval(values, 'mean')!;
    expect(iv.low).toBeLessThan(m);
    expect(iv.high).toBeGreaterThan(m);
    expect(iv.low).toBeGreaterThanOrEqual(Math.min(...values));
    expect(iv.high).toBeLessThanOrEqual(Math.max(...values));
    // Roughly mean ± 1.96·s/√n for normal data.
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / values.length);
    const half = (1.96 * sd) / Math.sqrt(values.length);
    expect(Math.abs(iv.high - iv.low - 2 * half)).toBeLessThan(0.15 * 2 * half);
  });

  it('is asymmetric for right-skewed data, as a percentile bootstrap should be', () => {
    const skewed = [1, 1, 1, 2, 2, 3, 5, 8, 20, 50, 1, 2, 3, 1, 2];
    const m = mean(skewed)!;
    const iv = bootstrapInterval(skewed, 'mean')!;
    expect(iv.method).toBe('percentile-bootstrap');
    expect(iv.high - m).toBeGreaterThan(1.3 * (m - iv.low));
  });

  it('covers the true mean in roughly 90–99 % of 200 seeded trials (nominal 95 %)', () => {
    let covered = 0;
    for (let trial = 0; trial < 200; trial++) {
      const sample = normalSample(40, 10, 2, 1000 + trial);
      const iv = bootstrapInterval(sample, 'mean', { seed: trial })!;
      if (iv.low <= 10 && 10 <= iv.high) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(180);
    expect(covered).toBeLessThanOrEqual(198);
  });

  it('honours confidence and resamples', () => {
    const w = (o: object) => {
      const iv = bootstrapInterval(values, 'mean', o)!;
      return iv.high - iv.low;
    };
    expect(w({ confidence: 0.8 })).toBeLessThan(w({ confidence: 0.95 }));
    expect(w({ confidence: 0.99 })).toBeGreaterThan(w({ confidence: 0.95 }));
    expect(bootstrapInterval(values, 'mean', { resamples: 500 })).not.toEqual(bootstrapInterval(values, 'mean'));
  });
});

describe('bootstrapInterval(mean): normal approximation for large n', () => {
  it('switches exactly where n × resamples exceeds maxDraws', () => {
    const perGroup = DEFAULT_MAX_DRAWS / 2000;
    expect(bootstrapInterval(normalSample(perGroup, 0, 1, 2), 'mean')!.method).toBe('percentile-bootstrap');
    expect(bootstrapInterval(normalSample(perGroup + 1, 0, 1, 2), 'mean')!.method).toBe('normal-approximation');
    expect(bootstrapInterval(normalSample(100, 0, 1, 2), 'mean', { maxDraws: 0 })!.method).toBe('normal-approximation');
  });

  it.each([
    ['normal', normalSample(5_000, 50, 10, 3)],
    [
      'exponential (skewed)',
      Array.from(
        { length: 5_000 },
        (
          (r) => () =>
            -Math.log(1 - r()) * 7
        )(mulberry32(4)),
      ),
    ],
  ])('%s data, n = 5000: agrees with forced resampling within Monte-Carlo noise', (_name, sample) => {
    const approx = bootstrapInterval(sample, 'mean')!;
    const resampled = bootstrapInterval(sample, 'mean', { maxDraws: Number.POSITIVE_INFINITY })!;
    expect(approx.method).toBe('normal-approximation');
    expect(resampled.method).toBe('percentile-bootstrap');
    const half = (approx.high - approx.low) / 2;
    // MC standard error of a 2.5 % percentile with 2000 resamples ≈ 3 % of the half-width.
    expect(Math.abs(approx.low - resampled.low)).toBeLessThan(0.1 * half);
    expect(Math.abs(approx.high - resampled.high)).toBeLessThan(0.1 * half);
    // And it is exactly mean ± z·s/√n with the plug-in s.
    const m = mean(sample)!;
    const s = Math.sqrt(sample.reduce((acc, v) => acc + (v - m) ** 2, 0) / sample.length);
    expect(approx.low).toBeCloseTo(m - (1.959963984540054 * s) / Math.sqrt(sample.length), 9);
    expect(approx.high).toBeCloseTo(m + (1.959963984540054 * s) / Math.sqrt(sample.length), 9);
  });
});

describe('bootstrapInterval(mean): edge cases and validation', () => {
  it('n = 0 → null, n = 1 and constant samples → degenerate', () => {
    expect(bootstrapInterval([], 'mean')).toBeNull();
    expect(bootstrapInterval([3.25], 'mean')).toEqual({ low: 3.25, high: 3.25, method: 'degenerate' });
    // 0.1 summed 300 times is not exactly 30; the constant case must still give 0.1 exactly.
    expect(bootstrapInterval(new Array(300).fill(0.1), 'mean')).toEqual({ low: 0.1, high: 0.1, method: 'degenerate' });
  });

  it('n = 2 resamples to {a, (a+b)/2, b}', () => {
    const iv = bootstrapInterval([0, 10], 'mean')!;
    expect(iv).toEqual({ low: 0, high: 10, method: 'percentile-bootstrap' });
  });

  it('rejects bad input', () => {
    expect(() => bootstrapInterval([1, Number.NaN], 'mean')).toThrow(RangeError);
    expect(() => bootstrapInterval([1, 2], 'mean', { resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapInterval([1, 2], 'mean', { resamples: 10.5 })).toThrow(RangeError);
    expect(() => bootstrapInterval([1, 2], 'mean', { seed: 0.5 })).toThrow(RangeError);
    expect(() => bootstrapInterval([1, 2], 'mean', { confidence: 0 })).toThrow(RangeError);
    expect(() => bootstrapInterval([1, 2], 'mean', { maxDraws: -1 })).toThrow(RangeError);
  });
});

describe('mean()', () => {
  it('is the arithmetic mean, null when empty, and sums without cancellation', () => {
    expect(mean([])).toBeNull();
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([-1, 1])).toBe(0);
    expect(mean([1e16, 1, -1e16])).toBeCloseTo(1 / 3, 15);
    expect(() => mean([1, Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });
});

describe('seeded generator', () => {
  it('createRng and the inline sfc32 step give the same stream; streams are reproducible', () => {
    const rng = createRng(2024);
    const state = sfc32State(2024);
    for (let i = 0; i < 100; i++) expect(rng.nextUint32()).toBe(sfc32Step(state));
    const a = createRng(-7);
    const b = createRng(-7);
    for (let i = 0; i < 10; i++) expect(a.nextFloat()).toBe(b.nextFloat());
    expect(createRng(1).nextUint32()).not.toBe(createRng(2).nextUint32());
    expect(createRng(1).nextUint32()).not.toBe(createRng(1 + 2 ** 32).nextUint32());
    expect(() => createRng(1.5)).toThrow(RangeError);
  });

  it('nextInt is uniform (chi-square over 10 cells, 100,000 draws)', () => {
    const rng = createRng(5);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[rng.nextInt(10)]!++;
    const chi2 = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(27.9); // 99.9th percentile of χ²(9)
    const f = rng.nextFloat();
    expect(f).toBeGreaterThanOrEqual(0);
    expect(f).toBeLessThan(1);
  });
});
