import { describe, expect, it } from 'vitest';
import { binomialPmf, binomialUpperTail, normalQuantile } from '../../../src/lib/stats/special';

/** ln(k!) for k = 0..n by plain summation of logs: slow but independent of the library code. */
function logFactorials(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let k = 1; k <= n; k++) table[k] = (table[k - 1] as number) + Math.log(k);
  return table;
}

function directPmf(lf: Float64Array, x: number, n: number, p: number): number {
  if (p === 0) return x === 0 ? 1 : 0;
  if (p === 1) return x === n ? 1 : 0;
  const logC = (lf[n] as number) - (lf[x] as number) - (lf[n - x] as number);
  return Math.exp(logC + x * Math.log(p) + (n - x) * Math.log1p(-p));
}

/**
 * P(X ≥ m) from the whole mass function built by the ratio recurrence
 * P(x+1)/P(x) = (n−x)/(x+1)·p/q outward from the mode and then normalised: a different route
 * from the library's (no factorials, no continued fraction) and accurate to ~1e-13.
 */
function directUpperTail(n: number, m: number, p: number): number {
  if (m <= 0) return 1;
  if (m > n) return 0;
  const q = 1 - p;
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const w = new Float64Array(n + 1);
  w[mode] = 1;
  for (let x = mode; x < n; x++) w[x + 1] = (((w[x] as number) * (n - x)) / (x + 1)) * (p / q);
  for (let x = mode; x > 0; x--) w[x - 1] = (((w[x] as number) * x) / (n - x + 1)) * (q / p);
  let total = 0;
  let upper = 0;
  for (let x = 0; x <= n; x++) {
    total += w[x] as number;
    if (x >= m) upper += w[x] as number;
  }
  return upper / total;
}

describe('normalQuantile (AS 241)', () => {
  it.each([
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.995, 2.5758293035489004],
    [0.9, 1.2815515655446004],
    [0.001, -3.090232306167813],
    [1e-5, -4.264890793922825],
  ])('Φ⁻¹(%s) = %s', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 12);
  });

  it('is antisymmetric and rejects probabilities outside (0, 1)', () => {
    for (const p of [1e-6, 0.01, 0.2, 0.4]) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 9);
    for (const p of [0, 1, -0.1, 1.5, Number.NaN]) expect(() => normalQuantile(p)).toThrow(RangeError);
  });
});

describe('binomial mass and upper tail', () => {
  it('pmf agrees with the textbook formula', () => {
    for (const n of [1, 2, 5, 16, 40, 333, 5000]) {
      const lf = logFactorials(n);
      for (const p of [0.001, 0.1, 0.37, 0.5, 0.93]) {
        for (const x of [0, 1, Math.floor(n / 3), Math.floor(n / 2), n - 1, n]) {
          const expected = directPmf(lf, x, n, p);
          expect(Math.abs(binomialPmf(x, n, p) - expected)).toBeLessThanOrEqual(1e-10 * expected + 1e-300);
        }
      }
    }
  });

  it('pmf has the degenerate cases right', () => {
    expect(binomialPmf(0, 0, 0.3)).toBe(1);
    expect(binomialPmf(0, 10, 0)).toBe(1);
    expect(binomialPmf(1, 10, 0)).toBe(0);
    expect(binomialPmf(10, 10, 1, 0)).toBe(1);
    expect(binomialPmf(11, 10, 0.5)).toBe(0);
    expect(binomialPmf(-1, 10, 0.5)).toBe(0);
  });

  it('upper tail agrees with direct summation, for p = j/n as the median bootstrap uses it', () => {
    for (const n of [1, 2, 3, 7, 30, 101, 1000, 20_000]) {
      const js = [...new Set([1, 2, Math.floor(n / 4), Math.floor(n / 2) - 1, Math.floor(n / 2), n - 1, n])].filter(
        (j) => j >= 1 && j <= n,
      );
      const ms = [...new Set([0, 1, Math.floor(n / 2), Math.floor(n / 2) + 1, Math.ceil(n / 2), n, n + 1])];
      for (const j of js) {
        for (const m of ms) {
          const got = binomialUpperTail(m, n, j / n, (n - j) / n);
          expect(Math.abs(got - directUpperTail(n, m, j / n)), `n=${n} j=${j} m=${m}`).toBeLessThan(1e-10);
        }
      }
    }
  });

  it('upper tail is accurate near the 2.5 % / 97.5 % points for large n', () => {
    const n = 20_000;
    const m = n / 2;
    for (let j = 9_800; j <= 10_200; j += 7) {
      expect(Math.abs(binomialUpperTail(m, n, j / n) - directUpperTail(n, m, j / n))).toBeLessThan(1e-10);
    }
  });

  it('converges for n = 10^7 (P(X ≥ n/2) = ½ + ½·P(X = n/2) at p = ½)', () => {
    const n = 10_000_000;
    // P(X = n/2) by Stirling with the 1/(4n) correction: √(2/(πn))·(1 − 1/(4n)).
    const centre = Math.sqrt(2 / (Math.PI * n)) * (1 - 1 / (4 * n));
    expect(binomialUpperTail(n / 2, n, 0.5)).toBeCloseTo(0.5 + 0.5 * centre, 12);
  });
});
