import { describe, expect, it } from 'vitest';
import { leastSquaresQr } from '../../../src/lib/stats/qr';
import { holmIntervals } from '../../../src/lib/stats/holm';
import { fitClusteredOls, type DesignMatrix } from '../../../src/lib/stats/regression';
import {
  webbDraws,
  wildClusterBootstrap,
  wildInterval,
  wildPValue,
  wildTStatistics,
  type WildDraws,
} from '../../../src/lib/stats/wild-bootstrap';
import { mulberry32 } from '../../helpers/mulberry32';
import { clusteredDataset, type Dataset } from '../../helpers/regression-fixtures';

/** The design without one column. */
function dropColumn(design: DesignMatrix, name: string): DesignMatrix {
  const j = design.columns.indexOf(name);
  const p = design.columns.length;
  const values = new Float64Array(design.rows * (p - 1));
  for (let i = 0; i < design.rows; i++) {
    for (let c = 0, o = 0; c < p; c++) if (c !== j) values[i * (p - 1) + o++] = design.values[i * p + c]!;
  }
  return { values, rows: design.rows, columns: design.columns.filter((c) => c !== name) };
}

/**
 * The WCR bootstrap done the slow, obvious way: impose β_j = β₀ by regressing y − β₀x_j on the
 * other columns, build y* = fitted + v_g·ũ for each draw, refit the whole model with CR1 and
 * take (β̂*_j − β₀)/se*_j.
 */
function bruteForceWcr(data: Dataset, name: string, nullValue: number, draws: WildDraws): Float64Array {
  const { design, y, cluster } = data;
  const j = design.columns.indexOf(name);
  const p = design.columns.length;
  const restricted = dropColumn(design, name);
  const target = Float64Array.from(y, (v, i) => v - nullValue * design.values[i * p + j]!);
  const f = leastSquaresQr(restricted.values, restricted.rows, restricted.columns.length, target);
  const b = f.beta;
  const keptCols = f.pivot.slice(0, f.rank);
  const q = restricted.columns.length;
  const residual = Float64Array.from(target, (v, i) => {
    let s = 0;
    keptCols.forEach((c, k) => (s += restricted.values[i * q + c]! * b[k]!));
    return v - s;
  });
  const fit = fitClusteredOls(design, y, cluster);
  const of = fit.clusterIndex.of;
  const out = new Float64Array(draws.replications);
  for (let r = 0; r < draws.replications; r++) {
    const yStar = Float64Array.from(y, (v, i) => v - residual[i]! + draws.weights[r * draws.clusters + of[i]!]! * residual[i]!);
    const c = fitClusteredOls(design, yStar, cluster).coefficients[j]!;
    out[r] = (c.estimate! - nullValue) / c.se!;
  }
  return out;
}

describe('wild cluster bootstrap (WCR, Webb weights)', () => {
  const data = clusteredDataset();
  const fit = fitClusteredOls(data.design, data.y, data.cluster);

  it('equals brute-force re-estimation replicate by replicate, for β₀ = 0 and β₀ ≠ 0', () => {
    const draws = webbDraws(fit.clusters, 40, 11);
    for (const name of ['f_guide', 'f_facilitate', 'baseline']) {
      const [term] = wildClusterBootstrap(data.design, fit, [name], { draws });
      for (const nullValue of [0, 0.7, -1.3]) {
        const fast = wildTStatistics(term!, nullValue);
        const slow = bruteForceWcr(data, name, nullValue, draws);
        for (let r = 0; r < slow.length; r++) {
          expect(Math.abs(fast[r]! - slow[r]!), `${name} β₀=${nullValue} r=${r}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(slow[r]!)));
        }
      }
    }
  });

  it('with all weights 1 reproduces the observed t and the fit’s se', () => {
    const ones: WildDraws = {
      weights: new Float64Array(fit.clusters).fill(1),
      replications: 1,
      clusters: fit.clusters,
      enumerated: false,
    };
    const [term] = wildClusterBootstrap(data.design, fit, ['f_advise'], { draws: ones });
    const c = fit.coefficients.find((x) => x.name === 'f_advise')!;
    expect(term!.se).toBeCloseTo(c.se!, 12);
    expect(wildTStatistics(term!, 0)[0]).toBeCloseTo(c.t!, 10);
    expect(wildTStatistics(term!, 0.4)[0]).toBeCloseTo((c.estimate! - 0.4) / c.se!, 10);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = wildClusterBootstrap(data.design, fit, ['f_guide', 'f_advise'], { replications: 999, seed: 5 });
    const b = wildClusterBootstrap(data.design, fit, ['f_guide', 'f_advise'], { replications: 999, seed: 5 });
    const c = wildClusterBootstrap(data.design, fit, ['f_guide', 'f_advise'], { replications: 999, seed: 6 });
    expect(a.map((t) => [t.p, wildInterval(t, 0.05)])).toEqual(b.map((t) => [t.p, wildInterval(t, 0.05)]));
    expect(a.map((t) => t.num0)).not.toEqual(c.map((t) => t.num0));
  });

  it('with 10 mentors its 95 % intervals are comparable to or wider than CR1 with t(G − 1)', () => {
    const terms = wildClusterBootstrap(data.design, fit, ['f_guide', 'f_advise', 'f_facilitate', 'baseline']);
    for (const term of terms) {
      const c = fit.coefficients.find((x) => x.name === term.name)!;
      const boot = wildInterval(term, 0.05);
      const ratio = (boot.high - boot.low) / (c.high! - c.low!);
      expect(ratio, term.name).toBeGreaterThan(0.75);
      expect(ratio, term.name).toBeLessThan(2.5);
      expect(boot.low).toBeLessThan(term.estimate);
      expect(boot.high).toBeGreaterThan(term.estimate);
    }
    // The clear effect stays clear, the unclear ones unclear (CR1: p = 0.002, 0.065, 0.11).
    expect(terms[0]!.p).toBeLessThan(0.05);
    expect(terms[1]!.p).toBeGreaterThan(0.02);
    expect(terms[2]!.p).toBeGreaterThan(0.02);
  });

  it('interval and p-value agree: the interval at 1 − γ excludes 0 exactly when p < γ', () => {
    const terms = wildClusterBootstrap(data.design, fit, ['f_guide', 'f_advise', 'f_facilitate', 'region_B', 'baseline'], {
      replications: 999,
    });
    let checked = 0;
    for (const term of terms) {
      // Levels around the term's own p-value, where a rounding slip would show.
      const levels = [0.2, 0.1, 0.05, 0.01, 0.05 / 11, term.p, term.p + 1 / 999, Math.max(1e-3, term.p - 1 / 999)];
      for (const gamma of levels) {
        if (!(gamma > 0 && gamma < 1)) continue;
        const iv = wildInterval(term, gamma);
        expect(iv.low > 0 || iv.high < 0, `${term.name} γ=${gamma} p=${term.p}`).toBe(term.p < gamma);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('interval ends are where p(β₀) crosses γ', () => {
    const [term] = wildClusterBootstrap(data.design, fit, ['f_advise'], { replications: 1999 });
    const iv = wildInterval(term!, 0.05);
    const eps = 1e-6 * term!.se;
    expect(wildPValue(term!, iv.low)).toBeGreaterThanOrEqual(0.05);
    expect(wildPValue(term!, iv.high)).toBeGreaterThanOrEqual(0.05);
    expect(wildPValue(term!, iv.low - eps)).toBeLessThan(0.05);
    expect(wildPValue(term!, iv.high + eps)).toBeLessThan(0.05);
  });

  it('zeroInside overrides the decision at 0 only (Holm-compatible use)', () => {
    const [term] = wildClusterBootstrap(data.design, fit, ['f_guide'], { replications: 999 });
    expect(term!.p).toBeLessThan(0.01);
    const forced = wildInterval(term!, 0.01, true);
    expect(forced.low).toBe(0); // the test at 1 % rejects long before 0: the end touches 0
    const normal = wildInterval(term!, 0.01);
    expect(normal.low).toBeGreaterThan(0);
    expect(forced.high).toBe(normal.high);
  });

  it('enumerates all 6^G weight vectors when that is no more than B', () => {
    const d = webbDraws(4, 9999, 1);
    expect(d.enumerated).toBe(true);
    expect(d.replications).toBe(1296);
    const seen = new Set<string>();
    for (let b = 0; b < d.replications; b++) seen.add(d.weights.subarray(b * 4, b * 4 + 4).join(','));
    expect(seen.size).toBe(1296);
    const r = webbDraws(6, 9999, 1);
    expect(r.enumerated).toBe(false);
    expect(r.replications).toBe(9999);
    // Webb's six values, equally likely (χ² over 6 cells, 59,994 draws).
    const counts = new Map<number, number>();
    for (const w of r.weights) counts.set(w, (counts.get(w) ?? 0) + 1);
    expect(counts.size).toBe(6);
    const expected = r.weights.length / 6;
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(20.5); // 99.9th percentile of χ²(5)
    for (const v of counts.keys()) expect([0.5, 1, 1.5].some((s) => Math.abs(v * v - s) < 1e-15)).toBe(true);
    expect(() => webbDraws(1)).toThrow(RangeError);
  });

  it('Holm-compatible bootstrap intervals exclude 0 exactly when p̃ < α', () => {
    const names = ['f_guide', 'f_advise', 'f_facilitate', 'region_B', 'region_C', 'baseline'];
    const terms = wildClusterBootstrap(data.design, fit, names, { replications: 999 });
    for (const alpha of [0.05, 0.1, 0.2]) {
      const rows = holmIntervals(
        terms.map((t) => t.p),
        alpha,
        (i, gamma, zeroInside) => wildInterval(terms[i]!, gamma, zeroInside),
      );
      rows.forEach((row, i) => {
        expect(row.interval.low > 0 || row.interval.high < 0, `${names[i]} α=${alpha}`).toBe(row.adjusted < alpha);
        // Never narrower than the unadjusted bootstrap interval at α.
        const plain = wildInterval(terms[i]!, alpha);
        expect(row.interval.low).toBeLessThanOrEqual(plain.low + 1e-9);
        expect(row.interval.high).toBeGreaterThanOrEqual(plain.high - 1e-9);
      });
    }
  });

  it('rejects aliased and unknown terms', () => {
    expect(() => wildClusterBootstrap(data.design, fit, ['f_mediate'])).toThrow(RangeError);
    expect(() => wildClusterBootstrap(data.design, fit, ['nope'])).toThrow(RangeError);
  });
});

/** y = 1 + 0·x1 + 0.5·x2 + mentor effect + heteroskedastic noise; x1 partly set by the mentor. */
function plantedZero(seed: number, mentors: number): Dataset {
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const rows: number[][] = [];
  const y: number[] = [];
  const cluster: number[] = [];
  for (let m = 0; m < mentors; m++) {
    const size = 8 + Math.floor(rand() * 25);
    const effect = normal();
    const style = 0.2 + 0.6 * rand();
    const shift = normal();
    for (let i = 0; i < size; i++) {
      const x1 = rand() < style ? 1 : 0;
      const x2 = shift + normal();
      rows.push([1, x1, x2]);
      y.push(1 + 0.5 * x2 + effect + normal() * (1 + x1));
      cluster.push(m);
    }
  }
  return {
    design: { values: Float64Array.from(rows.flat()), rows: rows.length, columns: ['intercept', 'x1', 'x2'] },
    y: Float64Array.from(y),
    cluster: Int32Array.from(cluster),
  };
}

describe('wild cluster bootstrap: coverage of a planted zero effect with 8 mentors', () => {
  it('the 95 % interval covers β = 0 in about 95 % of 200 simulated datasets', () => {
    let covered = 0;
    let pBelow = 0;
    const trials = 200;
    for (let trial = 0; trial < trials; trial++) {
      const data = plantedZero(5000 + trial, 8);
      const fit = fitClusteredOls(data.design, data.y, data.cluster);
      const [term] = wildClusterBootstrap(data.design, fit, ['x1'], { replications: 399, seed: trial });
      const iv = wildInterval(term!, 0.05);
      if (iv.low <= 0 && 0 <= iv.high) covered++;
      if (term!.p < 0.05) pBelow++;
    }
    expect(covered + pBelow).toBe(trials); // the same decision, by construction
    console.log(`[wild bootstrap] coverage of a planted zero, 8 mentors, B = 399: ${covered}/${trials}`);
    // Binomial(200, 0.95): 99.9 % of runs fall in [181, 198]; allow a little for a WCR test's
    // known slight conservativeness/liberalness at G = 8.
    expect(covered).toBeGreaterThanOrEqual(178);
    expect(covered).toBeLessThanOrEqual(200);
  });
});
