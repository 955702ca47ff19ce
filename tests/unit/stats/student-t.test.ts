import { describe, expect, it } from 'vitest';
import {
  incompleteBeta,
  logBeta,
  logGamma,
  studentTCdf,
  studentTPdf,
  studentTQuantile,
  studentTTwoSidedP,
  studentTTwoSidedQuantile,
} from '../../../src/lib/stats/special';

/** |got − want| ≤ rel·|want| (plus a tiny absolute floor for zeros). */
function expectRelative(got: number, want: number, rel: number): void {
  expect(Math.abs(got - want), `got ${got}, want ${want}`).toBeLessThanOrEqual(rel * Math.abs(want) + 1e-300);
}

// ln Γ from SciPy 1.10.1 (scipy.special.gammaln); the rest from mpmath, see below.
describe('logGamma, logBeta, incompleteBeta', () => {
  it.each([
    [0.5, 0.5723649429247],
    [1, 0],
    [1.5, -0.12078223763524526],
    [2.5, 0.2846828704729192],
    [10, 12.801827480081469],
    [30.5, 72.9534711841694],
    [1000.25, 5906.9472682711175],
    [1e-3, 6.907178885383853],
  ])('ln Γ(%f)', (x, want) => {
    expect(Math.abs(logGamma(x) - want)).toBeLessThan(1e-13 * Math.max(1, Math.abs(want)));
  });

  it('logBeta agrees with the lgamma form where that form is accurate, and stays accurate for huge arguments', () => {
    for (const [a, b] of [
      [0.5, 0.5],
      [3, 4.5],
      [12, 0.5],
      [15, 22.5],
      [9.5, 40],
    ] as const) {
      expect(logBeta(a, b)).toBeCloseTo(logGamma(a) + logGamma(b) - logGamma(a + b), 12);
    }
    // ln B(a, ½) for large a (mpmath, 40 digits), where the lgamma form loses ~5–9 digits.
    for (const [a, expected] of [
      [1e3, -2.8813876965715767707],
      [1e5, -5.1840965395604141282],
      [1e7, -7.486682870054459807],
    ] as const) {
      expect(Math.abs(logBeta(a, 0.5) - expected)).toBeLessThan(1e-13);
    }
    // B(1, b) = 1/b exactly.
    expect(logBeta(1, 250)).toBeCloseTo(-Math.log(250), 13);
  });

  it.each([
    [0.5, 0.5, 0.3, 0.36901011956554538],
    [2, 3, 0.4, 0.52480000000000004],
    [5, 0.5, 0.9, 0.31664291502001231],
    [0.5, 5, 0.01, 0.2428418908984375],
    [30, 0.5, 0.99, 0.43933436890525101],
    [100, 200, 0.33, 0.4566181633339974],
    [2500, 0.5, 0.999, 0.025318024564887529],
    [1, 1, 0.77, 0.77000000000000002],
    [3.5, 7.25, 0.2, 0.19284161922441871],
  ])('I_x(a=%f, b=%f) at x=%f', (a, b, x, want) => {
    expectRelative(incompleteBeta(x, a, b), want, 1e-12);
  });

  it('has the right ends, symmetry, and rejects bad arguments', () => {
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
    expect(incompleteBeta(0.3, 2.5, 4)).toBeCloseTo(1 - incompleteBeta(0.7, 4, 2.5), 14);
    expect(() => incompleteBeta(0.5, 0, 1)).toThrow(RangeError);
    expect(() => incompleteBeta(1.5, 1, 1)).toThrow(RangeError);
  });
});

// Reference values: mpmath 1.2.1 at 40 digits (betainc, and findroot on it for the quantiles).
// SciPy 1.10's t.sf/t.isf were not used: their quantiles are off by up to 1e-9 relative
// (e.g. df = 3, γ = ½: 0.764892328080891 where the root is 0.764892328404345).
const TWO_SIDED: readonly [number, number, number][] = [
  [1, 0.1, 0.93654896513889286],
  [1, 1, 0.5],
  [1, 40, 0.015912179824051627],
  [2, 2, 0.18350341907227397],
  [2, 40, 0.00062441467218474064],
  [3, 3.5, 0.0394810376192828],
  [3, 40, 3.4380680789158528e-5],
  [4, 1, 0.37390096630005889],
  [5, 10, 0.00017094757574296359],
  [7, 2, 0.085619328562976077],
  [7, 40, 1.590217998485037e-9],
  [10, 0.1, 0.92232071856440832],
  [10, 40, 2.2808577430857546e-12],
  [19, 2, 0.060002036386098366],
  [19, 40, 8.30775719933843e-20],
  [30, 10, 4.5752514082296132e-11],
  [100, 3.5, 0.00069642771735626892],
  [100, 40, 2.4621076021400708e-63],
  [1000, 2, 0.04577034649325164],
  [1000, 10, 1.6670702958600066e-22],
  [100000, 1, 0.31731292756411002],
  [100000, 3.5, 0.00046546053937110024],
  [100000, 10, 1.5633015300207278e-23],
  [2.7, 2.2, 0.12506873123130649],
  [57.3, 3, 0.0039914112947606882],
];

const QUANTILES: readonly [number, number, number][] = [
  [1, 0.5, 1.0],
  [1, 0.05, 12.706204736174704],
  [1, 1e-8, 63661977.236758128],
  [2, 0.05, 4.3026527297494637],
  [2, 0.0001, 99.992499843744529],
  [3, 0.5, 0.76489232840434528],
  [3, 0.05, 3.1824463052837095],
  [3, 1e-8, 604.16489581861044],
  [4, 0.004545454545454546, 5.7465071438226568],
  [5, 0.01, 4.0321429835552281],
  [7, 0.05, 2.3646242515927853],
  [7, 0.004545454545454546, 4.1048115561346373],
  [7, 1e-8, 30.718382119193693],
  [10, 0.1, 1.8124611228116764],
  [10, 0.05, 2.2281388519862747],
  [19, 0.05, 2.0930240544083097],
  [19, 0.004545454545454546, 3.2162524481381462],
  [30, 0.01, 2.7499956535672253],
  [100, 0.05, 1.9839715185235523],
  [100, 1e-8, 6.2528904324393642],
  [1000, 0.05, 1.9623390808264085],
  [100000, 0.05, 1.9599877075346096],
  [100000, 1e-8, 5.7312137412037819],
  [2.7, 0.05, 3.3921483831737521],
  [57.3, 0.001, 3.4685795764900147],
];

describe('Student t', () => {
  it.each(TWO_SIDED)('P(|T_%i| ≥ %f) matches mpmath', (df, t, want) => {
    // The continued fraction takes ~√ν steps, so very large ν keeps ~1e-11 rather than 1e-12.
    const tolerance = df > 1000 ? 1e-11 : 1e-12;
    expectRelative(studentTTwoSidedP(t, df), want, tolerance);
    expectRelative(studentTTwoSidedP(-t, df), want, tolerance);
  });

  it.each(QUANTILES)('df=%i: two-sided %f quantile matches mpmath', (df, gamma, want) => {
    expectRelative(studentTTwoSidedQuantile(gamma, df), want, 1e-12);
  });

  it('quantile and tail are inverse to each other over many df (incl. non-integer Welch df) and levels', () => {
    for (const df of [1, 1.5, 2, 2.7, 3, 6, 8.25, 11, 24, 57.3, 300, 5000, 2e6]) {
      for (const gamma of [0.9, 0.5, 0.05, 0.05 / 11, 1e-6, 1e-12]) {
        const t = studentTTwoSidedQuantile(gamma, df);
        expectRelative(studentTTwoSidedP(t, df), gamma, 1e-11);
      }
    }
  });

  it('CDF, quantile, density: symmetry, the textbook ν = 1 and 2 forms, and large ν → normal', () => {
    expect(studentTCdf(0, 5)).toBe(0.5);
    expect(studentTCdf(-1.3, 6)).toBeCloseTo(1 - studentTCdf(1.3, 6), 15);
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 15); // Cauchy: ½ + atan(1)/π
    expect(studentTCdf(2, 2)).toBeCloseTo(0.5 + 1 / Math.sqrt(6), 14); // ½ + t/(2√(2 + t²))
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.2281388519862747, 12);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.2281388519862747, 12);
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTPdf(0, 1)).toBeCloseTo(1 / Math.PI, 15);
    expect(studentTPdf(1, 3)).toBeCloseTo((2 / (Math.PI * Math.sqrt(3))) * (1 + 1 / 3) ** -2, 14);
    // ν = 10^6 (a Welch df for two huge groups), mpmath: quantile and a tail.
    expectRelative(studentTTwoSidedQuantile(0.05, 1e6), 1.959966356814107, 1e-11);
    expectRelative(studentTTwoSidedP(2.5, 1e6), 0.012419489502163246, 1e-10);
    expect(studentTTwoSidedQuantile(1, 4)).toBe(0);
    expect(studentTTwoSidedP(0, 4)).toBe(1);
    expect(studentTTwoSidedP(Number.POSITIVE_INFINITY, 4)).toBe(0);
  });

  it('rejects bad arguments', () => {
    expect(() => studentTTwoSidedP(1, 0)).toThrow(RangeError);
    expect(() => studentTTwoSidedP(1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => studentTTwoSidedP(Number.NaN, 3)).toThrow(RangeError);
    expect(() => studentTTwoSidedQuantile(0, 3)).toThrow(RangeError);
    expect(() => studentTTwoSidedQuantile(1.2, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
  });
});
