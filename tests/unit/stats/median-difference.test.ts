import { describe, expect, it } from 'vitest';
import { median } from '../../../src/lib/stats/intervals';
import { differenceQuantile, medianBootstrapAtoms, medianDifferenceInterval, type Atoms } from '../../../src/lib/stats/median-difference';
import { mulberry32 } from '../../helpers/mulberry32';
import { EvenMedianCdf } from '../../../src/lib/stats/median-bootstrap';

function sortedMedian(sorted: Float64Array): number {
  const n = sorted.length;
  const h = n >> 1;
  return n % 2 === 1 ? sorted[h]! : sorted[h - 1]! * 0.5 + sorted[h]! * 0.5;
}

/** Exact bootstrap distribution of the median by enumerating all n^n index sequences. */
function enumerate(values: readonly number[]): Map<number, number> {
  const n = values.length;
  const idx = new Array<number>(n).fill(0);
  const counts = new Map<number, number>();
  const resample = new Float64Array(n);
  const total = n ** n;
  for (let r = 0; r < total; r++) {
    for (let i = 0; i < n; i++) resample[i] = values[idx[i]!]!;
    const m = sortedMedian(resample.sort());
    counts.set(m, (counts.get(m) ?? 0) + 1 / total);
    for (let i = 0; i < n; i++) {
      if (++idx[i]! < n) break;
      idx[i] = 0;
    }
  }
  return counts;
}

/** Quantile of M₁ − M₂ by the full product of the two enumerated distributions. */
function bruteDifferenceQuantile(a: Map<number, number>, b: Map<number, number>, prob: number): number {
  const diff = new Map<number, number>();
  for (const [u, wu] of a) for (const [v, wv] of b) diff.set(u - v, (diff.get(u - v) ?? 0) + wu * wv);
  let cum = 0;
  for (const [d, w] of [...diff.entries()].sort((x, y) => x[0] - y[0])) {
    cum += w;
    if (cum >= prob - 1e-12) return d;
  }
  throw new Error('unreachable');
}

function toMap(atoms: Atoms): Map<number, number> {
  return new Map([...atoms.values].map((v, i) => [v, atoms.masses[i]!]));
}

describe('median bootstrap atoms', () => {
  it.each([
    ['n=4', [1, 2, 3, 4]],
    ['n=5 ties', [3, 1, 4, 1, 5]],
    ['n=6 wide gap', [1, 2, 3, 1000, 1001, 1002]],
    ['n=7 ties', [1, 2, 2, 3, 3, 3, 10]],
  ])('%s: equal the enumerated distribution', (_name, values) => {
    const exact = enumerate(values);
    const { atoms, method } = medianBootstrapAtoms(values);
    expect(method).toBe('exact');
    const got = toMap(atoms);
    // Every enumerated value is an atom with the same mass (atoms may add zero-mass points).
    for (const [v, w] of exact) expect(got.get(v) ?? 0, `value ${v}`).toBeCloseTo(w, 11); // the enumeration sums 7^7 terms
    let total = 0;
    for (const w of atoms.masses) total += w;
    expect(total).toBeCloseTo(1, 14);
  });
});

describe('medianDifferenceInterval', () => {
  it.each([
    [
      [1, 2, 3, 4, 9],
      [0, 2, 2, 5],
    ],
    [
      [3, 1, 4, 1, 5, 9],
      [2, 7, 1, 8],
    ],
    [
      [10, 10, 20, 30],
      [5, 25, 25, 40, 45, 50, 60],
    ],
    [
      [0.1, 0.2, 0.3, -1, 5, 0.2],
      [0.5, 0.5, 0.5],
    ],
  ])('%j − %j: exact against the full enumeration of both groups', (a, b) => {
    const ea = enumerate(a);
    const eb = enumerate(b);
    for (const confidence of [0.95, 0.8, 0.5]) {
      const alpha = 1 - confidence;
      const iv = medianDifferenceInterval(a, b, { confidence })!;
      expect(iv.method).toBe('exact');
      expect(iv.maxError).toBe(0);
      expect(iv.low).toBe(bruteDifferenceQuantile(ea, eb, alpha / 2));
      expect(iv.high).toBe(bruteDifferenceQuantile(ea, eb, 1 - alpha / 2));
      expect(iv.estimate).toBe(median(a)! - median(b)!);
    }
  });

  it('agrees with 20,000 seeded brute-force resamples on moderate groups (continuous and tied)', () => {
    const rand = mulberry32(21);
    const cases: [number[], number[]][] = [
      [Array.from({ length: 41 }, () => rand() * 100), Array.from({ length: 60 }, () => 20 + rand() * 100)],
      [Array.from({ length: 50 }, () => 1 + Math.floor(rand() * 5)), Array.from({ length: 33 }, () => 1 + Math.floor(rand() * 5))],
    ];
    for (const [a, b] of cases) {
      const iv = medianDifferenceInterval(a, b)!;
      const draws = new Float64Array(20_000);
      const ra = new Float64Array(a.length);
      const rb = new Float64Array(b.length);
      for (let r = 0; r < draws.length; r++) {
        for (let i = 0; i < a.length; i++) ra[i] = a[Math.floor(rand() * a.length)]!;
        for (let i = 0; i < b.length; i++) rb[i] = b[Math.floor(rand() * b.length)]!;
        draws[r] = sortedMedian(ra.sort()) - sortedMedian(rb.sort());
      }
      draws.sort();
      // Monte-Carlo percentiles (type 1) vs exact: within the MC noise (~0.5 % in probability).
      const below = (t: number) => draws.filter((d) => d < t).length / draws.length;
      const atMost = (t: number) => draws.filter((d) => d <= t).length / draws.length;
      expect(below(iv.low)).toBeLessThan(0.025 + 0.006);
      expect(atMost(iv.low)).toBeGreaterThan(0.025 - 0.006);
      expect(below(iv.high)).toBeLessThan(0.975 + 0.006);
      expect(atMost(iv.high)).toBeGreaterThan(0.975 - 0.006);
    }
  });

  it('even-n grid: the binned pair masses add up to the CDF at every grid point', () => {
    const rand = mulberry32(41);
    for (const [n, draw] of [
      [2_000, () => Math.exp(rand())],
      [12_000, () => rand() * 100],
      [30_000, () => Math.round(rand() * 4000) / 10], // ties
    ] as const) {
      const sorted = Float64Array.from({ length: n }, draw).sort();
      const { atoms, method } = medianBootstrapAtoms(sorted, 'grid');
      expect(method).toBe('grid');
      // The CDF written independently (a sum over i at each point), on the whole sample.
      const cdf = new EvenMedianCdf(n, sorted, 1);
      let cumulative = 0;
      let worst = 0;
      for (let m = 0; m < atoms.values.length - 1; m++) {
        cumulative += atoms.masses[m]!;
        worst = Math.max(worst, Math.abs(cumulative - cdf.cdf(atoms.values[m]!)));
      }
      expect(worst, `n=${n}`).toBeLessThan(1e-12);
      expect(cumulative + atoms.masses[atoms.values.length - 1]!).toBeCloseTo(1, 12);
    }
  });

  it('grid representation is within its stated error of the exact one (odd and even n)', () => {
    const rand = mulberry32(5);
    for (const [na, nb] of [
      [3001, 2500],
      [2000, 4001],
    ] as const) {
      const a = Array.from({ length: na }, () => Math.exp(2 + rand()));
      const b = Array.from({ length: nb }, () => Math.exp(1.9 + rand()));
      const exact = medianDifferenceInterval(a, b, { representation: 'exact' })!;
      const grid = medianDifferenceInterval(a, b, { representation: 'grid' })!;
      expect(exact.method).toBe('exact');
      expect(grid.method).toBe('grid');
      expect(grid.maxError).toBeGreaterThan(0);
      expect(Math.abs(grid.low - exact.low)).toBeLessThanOrEqual(grid.maxError * 1.000001);
      expect(Math.abs(grid.high - exact.high)).toBeLessThanOrEqual(grid.maxError * 1.000001);
      expect(grid.maxError).toBeLessThan(0.005 * (exact.high - exact.low));
    }
  });

  it('uses the exact representation for large n with few distinct values, the grid otherwise', () => {
    const rand = mulberry32(9);
    const likert = Array.from({ length: 300_000 }, () => 1 + Math.floor(rand() * 5));
    const shifted = likert.map((v) => Math.min(5, v + (rand() < 0.2 ? 1 : 0)));
    const iv = medianDifferenceInterval(shifted, likert)!;
    expect(iv.method).toBe('exact');
    expect(Number.isInteger(iv.low) && Number.isInteger(iv.high)).toBe(true);
    const rounded = likert.map((v) => v * 1000 + (rand() < 0.5 ? 500 : 0)); // even n, 10 distinct values
    expect(medianDifferenceInterval(rounded, likert)!.method).toBe('exact');
    // Continuous data: small groups exact, large ones on the grid.
    const continuous = (n: number) => Array.from({ length: n }, () => rand());
    expect(medianDifferenceInterval(continuous(2_001), continuous(100))!.method).toBe('exact');
    expect(medianDifferenceInterval(continuous(200_000), likert)!.method).toBe('grid');
    expect(medianDifferenceInterval(continuous(2_000_001), likert)!.method).toBe('grid');
    expect(medianDifferenceInterval(continuous(20_000), likert)!.method).toBe('grid');
  });

  it('n up to 500,000 per group stays fast (printed) and brackets the estimate', () => {
    const rand = mulberry32(77);
    for (const [na, nb] of [
      [1_001, 1_000], // near the costliest exact case: even n, continuous data
      [200_001, 100_001], // odd n, exact
      [20_001, 20_000],
      [500_001, 499_999],
      [500_000, 400_000],
    ] as const) {
      const a = Float64Array.from({ length: na }, () => Math.exp(10 + 2 * (rand() + rand() - 1)));
      const b = Float64Array.from({ length: nb }, () => Math.exp(10.02 + 2 * (rand() + rand() - 1)));
      let best = Number.POSITIVE_INFINITY;
      let iv = medianDifferenceInterval(a, b)!;
      for (let rep = 0; rep < 3; rep++) {
        const t0 = performance.now();
        iv = medianDifferenceInterval(a, b)!;
        best = Math.min(best, performance.now() - t0);
      }
      console.log(`[stats speed] median difference ${na} vs ${nb}: ${best.toFixed(1)} ms (${iv.method}), best of 3`);
      expect(iv.low).toBeLessThan(iv.estimate);
      expect(iv.high).toBeGreaterThan(iv.estimate);
    }
  });

  it('degenerate and invalid input', () => {
    expect(medianDifferenceInterval([], [1])).toBeNull();
    expect(medianDifferenceInterval([5], [2, 2, 2])).toMatchObject({ estimate: 3, low: 3, high: 3 });
    expect(() => medianDifferenceInterval([1, Number.NaN], [1])).toThrow(RangeError);
    expect(() => medianDifferenceInterval([1], [1], { confidence: 1 })).toThrow(RangeError);
  });

  it('differenceQuantile handles negative, zero and tiny differences (ordered-double bisection)', () => {
    const u: Atoms = { values: Float64Array.of(-1e-300, 0, 2), masses: Float64Array.of(0.25, 0.5, 0.25) };
    const v: Atoms = { values: Float64Array.of(0), masses: Float64Array.of(1) };
    expect(differenceQuantile(u, v, 0.25)).toBe(-1e-300);
    expect(differenceQuantile(u, v, 0.26)).toBe(0);
    expect(differenceQuantile(u, v, 0.76)).toBe(2);
  });
});
