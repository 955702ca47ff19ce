import { describe, expect, it } from 'vitest';
import { inverseGram, leastSquaresQr } from '../../../src/lib/stats/qr';
import { fitClusteredOls, indexClusters, type ClusteredOlsFit, type DesignMatrix } from '../../../src/lib/stats/regression';
import { mulberry32 } from '../../helpers/mulberry32';
import { clusteredDataset, reference, simulatedDataset, type ReferenceFit } from '../../helpers/regression-fixtures';

function expectRelative(got: number | null, want: number, rel: number, label: string): void {
  expect(got, label).not.toBeNull();
  expect(Math.abs((got as number) - want), `${label}: got ${got}, want ${want}`).toBeLessThanOrEqual(rel * Math.abs(want) + 1e-300);
}

function compareToReference(fit: ClusteredOlsFit, ref: ReferenceFit): void {
  expect(fit.n).toBe(ref.n);
  expect(fit.clusters).toBe(ref.clusters);
  expect(fit.rank).toBe(ref.rank);
  expect(fit.dfResidual).toBe(ref.df_resid);
  expect(fit.dfInference).toBe(ref.df_inference);
  expect(fit.dropped).toEqual(ref.dropped);
  expectRelative(fit.rSquared, ref.rsquared, 1e-10, 'R²');
  for (const c of fit.coefficients) {
    const want = ref.coefficients[c.name];
    if (want === null || want === undefined) {
      expect(c.estimate, c.name).toBeNull();
      expect([c.se, c.t, c.p, c.low, c.high]).toEqual([null, null, null, null, null]);
      continue;
    }
    for (const key of ['estimate', 'se', 't', 'p'] as const) {
      expectRelative(c[key], want[key], 1e-8, `${c.name}.${key}`);
    }
    // A bound is estimate ∓ q·se: when it lies near zero its relative error is dominated by
    // q·se (and SciPy's t quantile is itself off by ~1e-10), so compare on the scale of se.
    for (const key of ['low', 'high'] as const) {
      expect(Math.abs((c[key] as number) - want[key]), `${c.name}.${key}`).toBeLessThanOrEqual(1e-8 * want.se);
    }
  }
}

describe('fitClusteredOls against statsmodels (tests/fixtures/regression/reference.py)', () => {
  it('60 clients, 10 mentors, with an all-zero and a collinear column: dropped, the rest to 1e-8', () => {
    const { design, y, cluster } = clusteredDataset();
    compareToReference(fitClusteredOls(design, y, cluster), reference.clustered);
  });

  it('2,000 clients, 40 mentors, every region level coded (last aliased with the intercept)', () => {
    const { design, y, cluster } = simulatedDataset();
    compareToReference(fitClusteredOls(design, y, cluster), reference.simulated);
  });

  it('does not depend on how cluster ids are numbered, and rejects unusable input', () => {
    const { design, y, cluster } = clusteredDataset();
    const a = fitClusteredOls(design, y, cluster);
    const renumbered = Int32Array.from(cluster, (id) => -7 * id + 3);
    const b = fitClusteredOls(design, y, renumbered);
    expect(b.coefficients).toEqual(a.coefficients);
    expect(() => fitClusteredOls(design, y, new Int32Array(y.length).fill(1))).toThrow(RangeError);
    expect(() => fitClusteredOls(design, y.subarray(1), cluster)).toThrow(RangeError);
    const bad = Float64Array.from(y);
    bad[3] = Number.NaN;
    expect(() => fitClusteredOls(design, bad, cluster)).toThrow(RangeError);
    const tiny: DesignMatrix = { values: Float64Array.of(1, 0, 1, 1), rows: 2, columns: ['a', 'b'] };
    expect(() => fitClusteredOls(tiny, Float64Array.of(1, 2), Int32Array.of(1, 2))).toThrow(RangeError);
  });
});

/** Plain normal-equations solution by Gauss–Jordan on X'X, for well-conditioned checks only. */
function normalEquations(x: Float64Array, n: number, p: number, y: Float64Array): Float64Array {
  const m = new Float64Array(p * (p + 1));
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) m[a * (p + 1) + b]! += x[i * p + a]! * x[i * p + b]!;
      m[a * (p + 1) + p]! += x[i * p + a]! * y[i]!;
    }
  }
  for (let c = 0; c < p; c++) {
    const pivot = m[c * (p + 1) + c]!;
    for (let j = 0; j <= p; j++) m[c * (p + 1) + j]! /= pivot;
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = m[r * (p + 1) + c]!;
      for (let j = 0; j <= p; j++) m[r * (p + 1) + j]! -= f * m[c * (p + 1) + j]!;
    }
  }
  return Float64Array.from({ length: p }, (_, a) => m[a * (p + 1) + p]!);
}

describe('leastSquaresQr', () => {
  const rand = mulberry32(99);
  const n = 50;
  const p = 4;
  const x = Float64Array.from({ length: n * p }, (_, k) => (k % p === 0 ? 1 : rand() * 10 - 3));
  const y = Float64Array.from({ length: n }, () => rand() * 5);

  it('full rank: same solution as the normal equations; (XᵀX)⁻¹ times XᵀX is the identity', () => {
    const f = leastSquaresQr(x, n, p, y);
    expect(f.rank).toBe(p);
    expect([...f.pivot]).toEqual([0, 1, 2, 3]);
    const b = f.beta;
    const ref = normalEquations(x, n, p, y);
    for (let j = 0; j < p; j++) expect(b[j]).toBeCloseTo(ref[j]!, 10);
    const inv = inverseGram(f);
    for (let a = 0; a < p; a++) {
      for (let c = 0; c < p; c++) {
        let s = 0;
        for (let k = 0; k < p; k++) {
          let g = 0;
          for (let i = 0; i < n; i++) g += x[i * p + k]! * x[i * p + c]!;
          s += inv[a * p + k]! * g;
        }
        expect(s).toBeCloseTo(a === c ? 1 : 0, 10);
      }
    }
  });

  it('drops the later of collinear columns and all-zero columns, keeping design order', () => {
    // columns: 1, u, 0, 2u − 1 (collinear with the first two), v
    const q = 5;
    const m = new Float64Array(n * q);
    for (let i = 0; i < n; i++) {
      const u = x[i * p + 1]!;
      m.set([1, u, 0, 2 * u - 1, x[i * p + 2]!], i * q);
    }
    const f = leastSquaresQr(m, n, q, y);
    expect(f.rank).toBe(3);
    expect([...f.pivot.slice(0, 3)]).toEqual([0, 1, 4]);
    expect(new Set(f.pivot.slice(3))).toEqual(new Set([2, 3]));
    // Near-collinear beyond the tolerance is still kept (relative perturbation 1e-5 ≫ 1e-7).
    for (let i = 0; i < n; i++) m[i * q + 3] = 2 * x[i * p + 1]! - 1 + 1e-5 * Math.sin(i);
    expect(leastSquaresQr(m, n, q, y).rank).toBe(4);
  });

  it('stays accurate when columns differ in scale by 1e9 (rupiah beside 0/1 dummies)', () => {
    const q = 3;
    const m = new Float64Array(n * q);
    const truth = [2, -0.5, 3e-9];
    const yy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const row = [1, i % 3 === 0 ? 1 : 0, 1e9 * (1 + rand())];
      m.set(row, i * q);
      yy[i] = row.reduce((s, v, j) => s + v * truth[j]!, 0);
    }
    const b = leastSquaresQr(m, n, q, yy).beta;
    for (let j = 0; j < q; j++) expect(Math.abs(b[j]! - truth[j]!) / Math.abs(truth[j]!)).toBeLessThan(1e-9);
  });

  it('many rows (several row blocks, a partial last one): same as the normal equations', () => {
    const rows = 1000 + 37;
    const big = Float64Array.from({ length: rows * p }, (_, k) => (k % p === 0 ? 1 : rand() * 4 - 1));
    const yy = Float64Array.from({ length: rows }, () => rand());
    const b = leastSquaresQr(big, rows, p, yy).beta;
    const ref = normalEquations(big, rows, p, yy);
    for (let j = 0; j < p; j++) expect(b[j]).toBeCloseTo(ref[j]!, 10);
  });

  it('more columns than rows: rank ≤ n', () => {
    const f = leastSquaresQr(Float64Array.of(1, 2, 3, 4, 5, 7), 2, 3, Float64Array.of(1, 2));
    expect(f.rank).toBe(2);
  });
});

describe('indexClusters', () => {
  it('renumbers in order of first appearance and counts sizes', () => {
    const c = indexClusters(Int32Array.of(7, 7, -2, 9, -2, 7));
    expect([...c.of]).toEqual([0, 0, 1, 2, 1, 0]);
    expect(c.count).toBe(3);
    expect([...c.sizes]).toEqual([3, 2, 1]);
  });
});
