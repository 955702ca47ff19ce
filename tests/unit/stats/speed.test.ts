import { describe, expect, it } from 'vitest';
import { bootstrapInterval, DEFAULT_MAX_DRAWS, type BootstrapInterval } from '../../../src/lib/stats/intervals';
import { mulberry32 } from '../../helpers/mulberry32';

/**
 * Speed sanity for the Explore page (timings are printed, not asserted: CI machines vary).
 * Budget from the brief: a page of ~30 groups should get all its intervals well under
 * ~150 ms on a slow 2-core machine.
 */

/** Skewed, revenue-like groups (log-normal-ish, rounded to thousands: realistic ties). */
function makeGroups(groups: number, size: number, seed: number): number[][] {
  const rand = mulberry32(seed);
  return Array.from({ length: groups }, (_, g) =>
    Array.from({ length: size + (g % 2) }, () => Math.round(Math.exp(10 + 2 * (rand() + rand() + rand() - 1.5)))),
  );
}

function timePage(groups: number[][], statistic: 'median' | 'mean'): { ms: number; results: BootstrapInterval[] } {
  let best = Number.POSITIVE_INFINITY;
  let results: BootstrapInterval[] = [];
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    results = groups.map((g) => bootstrapInterval(g, statistic)!);
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, results };
}

describe('speed sanity (printed, not asserted)', () => {
  it.each([
    [30, 50_000],
    [30, 100_000],
    [30, DEFAULT_MAX_DRAWS / 2000 - 1], // the mean's worst case: every group just below the resampling budget
  ])('%i groups × %i values', (groups, size) => {
    const data = makeGroups(groups, size, size);
    const median = timePage(data, 'median');
    const mean = timePage(data, 'mean');
    console.log(
      `[stats speed] ${groups} groups × ${size} values: median ${median.ms.toFixed(1)} ms ` +
        `(${median.results[0]!.method}), mean ${mean.ms.toFixed(1)} ms (${mean.results[0]!.method}), ` +
        `best of 3`,
    );
    for (const r of [...median.results, ...mean.results]) expect(r.low).toBeLessThanOrEqual(r.high);
  });
});
