import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../../src/lib/stats/intervals';

const Z95 = 1.959963984540054; // Φ⁻¹(0.975), from tables
const Z90 = 1.6448536269514722;
const Z99 = 2.5758293035489004;

/**
 * Independent reference: the Wilson bounds are the two roots in p of the score equation
 * (p̂ − p)² = z²·p(1 − p)/n, i.e. (n + z²)p² − (2np̂ + z²)p + np̂² = 0, solved with the
 * quadratic formula (a different algebraic route from the centre ± half-width form).
 */
function wilsonByQuadratic(successes: number, n: number, z: number): [number, number] {
  const pHat = successes / n;
  const a = n + z * z;
  const b = -(2 * n * pHat + z * z);
  const c = n * pHat * pHat;
  const disc = Math.sqrt(b * b - 4 * a * c);
  return [(-b - disc) / (2 * a), (-b + disc) / (2 * a)];
}

/** The score statistic at p; equals z at both Wilson bounds (when they are not 0 or 1). */
function score(successes: number, n: number, p: number): number {
  return Math.abs(successes / n - p) / Math.sqrt((p * (1 - p)) / n);
}

describe('wilsonInterval', () => {
  it.each([
    // successes, n, low, high (4 decimals; hand-computed / Newcombe 1998 style tables)
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [81, 263, 0.2553, 0.3662],
    [1, 1, 0.2065, 1],
    [10, 10, 0.7225, 1],
    [0, 1, 0, 0.7935],
    [15, 148, 0.0624, 0.1605],
  ])('%i/%i → [%f, %f]', (s, n, low, high) => {
    const iv = wilsonInterval(s, n);
    expect(iv).not.toBeNull();
    expect(iv!.low).toBeCloseTo(low, 4);
    expect(iv!.high).toBeCloseTo(high, 4);
  });

  it('matches the quadratic-root form and the score equation for many (s, n) and levels', () => {
    for (const [confidence, z] of [
      [0.95, Z95],
      [0.9, Z90],
      [0.99, Z99],
    ] as const) {
      for (const n of [1, 2, 3, 7, 10, 33, 100, 263, 1000, 12_345]) {
        for (const s of new Set([0, 1, Math.floor(n / 3), Math.floor(n / 2), n - 1, n])) {
          if (s < 0) continue;
          const iv = wilsonInterval(s, n, confidence)!;
          const [low, high] = wilsonByQuadratic(s, n, z);
          expect(iv.low).toBeCloseTo(Math.max(0, low), 12);
          expect(iv.high).toBeCloseTo(Math.min(1, high), 12);
          if (s > 0) expect(score(s, n, iv.low)).toBeCloseTo(z, 8);
          if (s < n) expect(score(s, n, iv.high)).toBeCloseTo(z, 8);
        }
      }
    }
  });

  it('touches 0 and 1 exactly at the extremes and always contains p̂ within [0, 1]', () => {
    expect(wilsonInterval(0, 7)!.low).toBe(0);
    expect(wilsonInterval(7, 7)!.high).toBe(1);
    expect(wilsonInterval(0, 1_000_000)!.low).toBe(0);
    expect(wilsonInterval(1_000_000, 1_000_000)!.high).toBe(1);
    for (let n = 1; n <= 60; n++) {
      for (let s = 0; s <= n; s++) {
        const { low, high } = wilsonInterval(s, n)!;
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThanOrEqual(1);
        expect(low).toBeLessThanOrEqual(s / n);
        expect(high).toBeGreaterThanOrEqual(s / n);
        if (s > 0) expect(low).toBeGreaterThan(0);
        if (s < n) expect(high).toBeLessThan(1);
      }
    }
  });

  it('is symmetric: the interval for n − s mirrors the one for s', () => {
    const a = wilsonInterval(3, 17)!;
    const b = wilsonInterval(14, 17)!;
    expect(a.low).toBeCloseTo(1 - b.high, 14);
    expect(a.high).toBeCloseTo(1 - b.low, 14);
  });

  it('narrows with n and widens with the confidence level', () => {
    const w = (s: number, n: number, c = 0.95) => {
      const iv = wilsonInterval(s, n, c)!;
      return iv.high - iv.low;
    };
    expect(w(50, 100)).toBeLessThan(w(5, 10));
    expect(w(5, 10, 0.99)).toBeGreaterThan(w(5, 10, 0.95));
    expect(w(5, 10, 0.9)).toBeLessThan(w(5, 10, 0.95));
  });

  it('returns null for n = 0 and validates its inputs', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10.5)).toThrow(RangeError);
    expect(() => wilsonInterval(1, -1)).toThrow(RangeError);
    expect(() => wilsonInterval(Number.NaN, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 1)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 0)).toThrow(RangeError);
  });
});
