import { describe, expect, it } from 'vitest';
import { newcombeDifference, welchMeanDifference } from '../../../src/lib/stats/differences';
import { mulberry32 } from '../../helpers/mulberry32';

describe('newcombeDifference (Newcombe 1998, method 10)', () => {
  // Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10, to 4 decimals;
  // the full-precision values are statsmodels 0.13.5 confint_proportions_2indep(method='newcomb').
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339, 0.05243147240236498, 0.33387265403690614],
    [9, 10, 3, 10, 0.1705, 0.809, 0.1705227239345029, 0.809017973535488],
    [6, 7, 2, 7, 0.0582, 0.8062, 0.05822792748231209, 0.8062496375242278],
    [5, 56, 0, 29, -0.0381, 0.1926, -0.038137147903536936, 0.19256001385511165],
    [0, 10, 0, 20, -0.1611, 0.2775, -0.1611251580528194, 0.27753279986288926],
    [0, 10, 0, 10, -0.2775, 0.2775, -0.27753279986288926, 0.27753279986288926],
    [10, 10, 0, 20, 0.6791, 1, 0.6790860371419145, 1],
    [10, 10, 0, 10, 0.6075, 1, 0.6075093504305241, 1],
  ])('%i/%i − %i/%i → %f to %f', (a, m, b, n, low4, high4, low, high) => {
    const iv = newcombeDifference(a, m, b, n)!;
    expect(iv.estimate).toBeCloseTo(a / m - b / n, 15);
    expect(iv.low).toBeCloseTo(low4, 4);
    expect(iv.high).toBeCloseTo(high4, 4);
    expect(iv.low).toBeCloseTo(low, 12);
    expect(iv.high).toBeCloseTo(high, 12);
  });

  it('is antisymmetric, stays in [−1, 1], contains the estimate, and narrows with n', () => {
    const ab = newcombeDifference(7, 19, 12, 23)!;
    const ba = newcombeDifference(12, 23, 7, 19)!;
    expect(ab.low).toBeCloseTo(-ba.high, 14);
    expect(ab.high).toBeCloseTo(-ba.low, 14);
    for (let m = 1; m <= 12; m++) {
      for (let n = 1; n <= 12; n++) {
        for (let a = 0; a <= m; a++) {
          for (let b = 0; b <= n; b++) {
            const iv = newcombeDifference(a, m, b, n)!;
            expect(iv.low).toBeGreaterThanOrEqual(-1);
            expect(iv.high).toBeLessThanOrEqual(1);
            expect(iv.low).toBeLessThanOrEqual(iv.estimate + 1e-15);
            expect(iv.high).toBeGreaterThanOrEqual(iv.estimate - 1e-15);
          }
        }
      }
    }
    const small = newcombeDifference(6, 10, 3, 10)!;
    const large = newcombeDifference(600, 1000, 300, 1000)!;
    expect(large.high - large.low).toBeLessThan((small.high - small.low) / 5);
  });

  it('covers the true difference in about 95 % of simulated pairs of small groups', () => {
    const rand = mulberry32(8);
    let covered = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const [p1, p2, m, n] = [0.3, 0.15, 25, 40];
      let a = 0;
      let b = 0;
      for (let i = 0; i < m; i++) a += rand() < p1 ? 1 : 0;
      for (let i = 0; i < n; i++) b += rand() < p2 ? 1 : 0;
      const iv = newcombeDifference(a, m, b, n)!;
      if (iv.low <= p1 - p2 && p1 - p2 <= iv.high) covered++;
    }
    // Binomial(2000, 0.95) ± 4 sd, with room for the method's known slight over-coverage.
    expect(covered / trials).toBeGreaterThan(0.93);
    expect(covered / trials).toBeLessThan(0.98);
  });

  it('null for an empty group; validates like wilsonInterval', () => {
    expect(newcombeDifference(0, 0, 1, 2)).toBeNull();
    expect(() => newcombeDifference(3, 2, 1, 2)).toThrow(RangeError);
    expect(() => newcombeDifference(1, 2, 1, 2, 1)).toThrow(RangeError);
  });
});

describe('welchMeanDifference', () => {
  it('matches statsmodels CompareMeans.tconfint_diff(usevar="unequal")', () => {
    const a = [12.1, 9.8, 15.2, 11.0, 13.7, 10.4, 14.9];
    const b = [8.3, 9.1, 7.7, 10.2, 8.8, 9.5, 7.9, 8.6, 11.3, 9.0, 8.1];
    const iv = welchMeanDifference(a, b)!;
    expect(iv.df!).toBeCloseTo(7.852257664614627, 10);
    expect(iv.low).toBeCloseTo(1.4401126982542864, 8);
    expect(iv.high).toBeCloseTo(5.536510678369097, 8);
    // Non-integer df: statsmodels (via SciPy 1.10's t.ppf, off by 2e-9 here) gives
    // −20.151279572879368 … 62.35127957287937; the mpmath (40-digit) values are used.
    const skew = welchMeanDifference([3, 3, 3, 4, 100], Float64Array.of(1, 2), 0.9)!;
    expect(skew.df!).toBeCloseTo(4.0053356661689, 10);
    expect(skew.low).toBeCloseTo(-20.151279668341763, 9);
    expect(skew.high).toBeCloseTo(62.351279668341766, 9);
  });

  it('equal sizes and variances: df = 2(n − 1) and the pooled t interval', () => {
    const a = [1, 2, 3, 4, 5];
    const b = [2, 3, 4, 5, 6];
    const iv = welchMeanDifference(a, b)!;
    expect(iv.df).toBeCloseTo(8, 12);
    // se = √(2.5/5 + 2.5/5) = 1; t_8(0.975) = 2.306004135204166
    expect(iv.low).toBeCloseTo(-1 - 2.306004135204166, 10);
    expect(iv.high).toBeCloseTo(-1 + 2.306004135204166, 10);
  });

  it('is not fooled by a large common offset (two-pass moments)', () => {
    const a = [1e9 + 1, 1e9 + 2, 1e9 + 3];
    const b = [1e9 + 0, 1e9 + 1, 1e9 + 2];
    const iv = welchMeanDifference(a, b)!;
    expect(iv.estimate).toBe(1);
    expect(iv.df).toBeCloseTo(4, 10);
  });

  it('null below two values per group; degenerate without spread; rejects non-finite values', () => {
    expect(welchMeanDifference([1], [1, 2])).toBeNull();
    expect(welchMeanDifference([2, 2, 2], [1, 1])).toEqual({ estimate: 1, low: 1, high: 1, df: null });
    expect(() => welchMeanDifference([1, Number.NaN], [1, 2])).toThrow(RangeError);
  });
});
