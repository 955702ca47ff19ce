import { describe, expect, it } from 'vitest';
import { fitClusteredOls, type DesignMatrix } from '../../../src/lib/stats/regression';
import { wildClusterBootstrap, wildInterval } from '../../../src/lib/stats/wild-bootstrap';
import { mulberry32 } from '../../helpers/mulberry32';

/**
 * Speed of the Findings regression at the sizes the page meets (printed, not asserted: CI
 * machines vary): n clients, p design columns (intercept, 11 function dummies, dummy-coded
 * controls, a continuous baseline), 19 mentors (the largest "few clusters" case, so the wild
 * bootstrap runs) with 11 coefficients of interest and B = 9999.
 */
function makeData(n: number, p: number, mentors: number, seed: number): { design: DesignMatrix; y: Float64Array; cluster: Int32Array } {
  const rand = mulberry32(seed);
  const values = new Float64Array(n * p);
  const y = new Float64Array(n);
  const cluster = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const m = Math.floor(rand() * mentors);
    cluster[i] = m;
    const row = i * p;
    values[row] = 1;
    for (let j = 1; j < p - 1; j++) values[row + j] = rand() < (j <= 11 ? 0.3 + (0.04 * m) / mentors : 0.1) ? 1 : 0;
    values[row + p - 1] = Math.exp(2 + rand());
    y[i] = values[row + 1]! * 0.5 + values[row + p - 1]! * 0.1 + m * 0.05 + rand() * 3;
  }
  const columns = Array.from({ length: p }, (_, j) => (j === 0 ? 'intercept' : j <= 11 ? `f${j}` : `c${j}`));
  return { design: { values, rows: n, columns }, y, cluster };
}

describe('regression speed (printed, not asserted)', () => {
  it.each([
    [1_500, 20],
    [20_000, 40],
    [60_000, 60],
  ])('n = %i, p = %i, 19 mentors, 11 terms, B = 9999', (n, p) => {
    const { design, y, cluster } = makeData(n, p, 19, n + p);
    const names = Array.from({ length: 11 }, (_, j) => `f${j + 1}`);
    const best = [Infinity, Infinity, Infinity];
    let intervals: { low: number; high: number }[] = [];
    for (let rep = 0; rep < 2; rep++) {
      // best of 2: the first run also pays for compiling the loops
      const t0 = performance.now();
      const fit = fitClusteredOls(design, y, cluster);
      const t1 = performance.now();
      const terms = wildClusterBootstrap(design, fit, names);
      const t2 = performance.now();
      intervals = terms.map((t) => wildInterval(t, 0.05 / 11 + 0.01));
      const t3 = performance.now();
      [t1 - t0, t2 - t1, t3 - t2].forEach((ms, i) => (best[i] = Math.min(best[i]!, ms)));
    }
    console.log(
      `[regression speed] n=${n} p=${p}: fit ${best[0]!.toFixed(0)} ms, wild bootstrap (11 terms × 9999) ` +
        `${best[1]!.toFixed(0)} ms, 11 intervals ${best[2]!.toFixed(0)} ms (best of 2)`,
    );
    expect(intervals.every((iv) => iv.low <= iv.high)).toBe(true);
  });
});
