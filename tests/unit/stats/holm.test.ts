import { describe, expect, it } from 'vitest';
import { holm, holmAdjust, holmIntervals, tInterval } from '../../../src/lib/stats/holm';
import { studentTTwoSidedP, studentTTwoSidedQuantile } from '../../../src/lib/stats/special';
import { verdict } from '../../../src/lib/stats/verdict';
import { mulberry32 } from '../../helpers/mulberry32';

describe('holmAdjust', () => {
  it('matches hand-worked values (and R’s p.adjust(method = "holm"))', () => {
    // sorted: 0.01·4 = 0.04, 0.02·3 = 0.06, 0.03·2 = 0.06, 0.5·1 = 0.5
    expect(holmAdjust([0.03, 0.5, 0.01, 0.02])).toEqual([0.06, 0.5, 0.04, 0.06]);
    // running maximum: 0.005·3 = 0.015, 0.04·2 = 0.08, then 0.045·1 = 0.045 → raised to 0.08
    expect(holmAdjust([0.045, 0.005, 0.04]).map((v) => +v.toFixed(12))).toEqual([0.08, 0.015, 0.08]);
    expect(holmAdjust([0.4, 0.6])).toEqual([0.8, 0.8]); // capped by min(1, ·), then monotone
    expect(holmAdjust([0.7, 0.9])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
  });

  it('m = 1 leaves p unchanged; p = 0 and p = 1 stay put; ties get equal values', () => {
    expect(holmAdjust([0.037])).toEqual([0.037]);
    expect(holmAdjust([0, 1, 0.2])).toEqual([0, 1, 0.4]);
    const tied = holmAdjust([0.01, 0.3, 0.01]);
    expect(tied[0]).toBe(tied[2]);
    expect(tied[0]).toBeCloseTo(0.03, 15);
  });

  it('is never below p, is monotone in p, and agrees with the step-down definition', () => {
    const rand = mulberry32(3);
    for (let trial = 0; trial < 200; trial++) {
      const m = 1 + Math.floor(rand() * 11);
      const p = Array.from({ length: m }, () => (rand() < 0.2 ? Math.floor(rand() * 4) / 100 : rand() ** 3));
      const adj = holmAdjust(p);
      for (let i = 0; i < m; i++) {
        expect(adj[i]!).toBeGreaterThanOrEqual(p[i]!);
        for (let j = 0; j < m; j++) if (p[i]! < p[j]!) expect(adj[i]!).toBeLessThanOrEqual(adj[j]!);
      }
      // Step-down at α: reject the ordered hypotheses while p_(j) ≤ α/(m − j + 1) (strictly below here).
      for (const alpha of [0.05, 0.1]) {
        const order = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]!);
        const rejected = new Set<number>();
        for (let j = 0; j < m; j++) {
          if (p[order[j]!]! * (m - j) < alpha) rejected.add(order[j]!);
          else break;
        }
        for (let i = 0; i < m; i++) expect(adj[i]! < alpha, `trial ${trial}`).toBe(rejected.has(i));
      }
    }
  });

  it('rejects p-values outside [0, 1]', () => {
    expect(() => holmAdjust([0.2, Number.NaN])).toThrow(RangeError);
    expect(() => holmAdjust([1.2])).toThrow(RangeError);
    expect(() => holm([0.1], 0)).toThrow(RangeError);
  });
});

describe('Holm-compatible levels and intervals', () => {
  it('γ_i = α·p_i/p̃_i lies in [α/m, α], with α/m for the smallest p and for p = 0', () => {
    const terms = holm([0.001, 0.02, 0.3, 0], 0.05);
    expect(terms[3]!.gamma).toBeCloseTo(0.05 / 4, 15);
    expect(terms[0]!.gamma).toBeCloseTo(0.05 * (0.001 / 0.003), 15);
    for (const t of terms) {
      expect(t.gamma).toBeGreaterThanOrEqual(0.05 / 4 - 1e-18);
      expect(t.gamma).toBeLessThanOrEqual(0.05);
    }
    expect(holm([1], 0.05)[0]!.gamma).toBe(0.05);
    expect(holm([0.01], 0.05)[0]).toEqual({ p: 0.01, adjusted: 0.01, gamma: 0.05, rejected: true });
  });

  it('each interval lies between the unadjusted and the Bonferroni one', () => {
    const df = 9;
    const est = [0.8, -0.3, 1.5, 0.1];
    const se = [0.3, 0.25, 0.4, 0.5];
    const p = est.map((e, i) => studentTTwoSidedP(e / se[i]!, df));
    const rows = holmIntervals(p, 0.05, (i, g, z) => tInterval(est[i]!, se[i]!, df, g, z));
    rows.forEach((row, i) => {
      const unadjusted = studentTTwoSidedQuantile(0.05, df) * se[i]!;
      const bonferroni = studentTTwoSidedQuantile(0.05 / 4, df) * se[i]!;
      const half = (row.interval.high - row.interval.low) / 2;
      expect(half).toBeGreaterThanOrEqual(unadjusted - 1e-12);
      expect(half).toBeLessThanOrEqual(bonferroni + 1e-12);
    });
  });

  it('excludes 0 exactly when p̃ < α, over many random families (t intervals)', () => {
    const rand = mulberry32(17);
    let excluded = 0;
    for (let trial = 0; trial < 300; trial++) {
      const m = 1 + Math.floor(rand() * 11);
      const df = 2 + Math.floor(rand() * 30);
      const est = Array.from({ length: m }, () => (rand() - 0.5) * 4);
      const se = Array.from({ length: m }, () => 0.2 + rand());
      const p = est.map((e, i) => studentTTwoSidedP(e / se[i]!, df));
      for (const row of holmIntervals(p, 0.05, (i, g, z) => tInterval(est[i]!, se[i]!, df, g, z))) {
        const excludes = row.interval.low > 0 || row.interval.high < 0;
        expect(excludes).toBe(row.adjusted < 0.05);
        if (excludes) excluded++;
      }
    }
    expect(excluded).toBeGreaterThan(50); // the property was exercised on both sides
  });
});

describe('tInterval at the boundary', () => {
  it('p exactly γ: the interval touches 0 and the verdict is unclear', () => {
    const df = 7;
    const se = 0.37;
    const estimate = studentTTwoSidedQuantile(0.05, df) * se; // p = 0.05 up to rounding
    const iv = tInterval(estimate, se, df, 0.05, true);
    expect(iv.low).toBeLessThanOrEqual(0);
    expect(iv.low).toBeGreaterThan(-1e-12);
    expect(verdict(iv, [50, 50], 10)).toBe('unclear');
    // Told that Holm rejects (p̃ < α), the same numbers give an interval strictly above 0.
    const rejected = tInterval(estimate, se, df, 0.05, false);
    expect(rejected.low).toBeGreaterThan(0);
    expect(verdict(rejected, [50, 50], 10)).toBe('higher');
  });

  it('m = 2, p = (0.025, 0.5): p̃ = 0.05 exactly = α, so not rejected and unclear', () => {
    const df = 12;
    const se = 1;
    const estimate = studentTTwoSidedQuantile(0.025, df);
    const p = [studentTTwoSidedP(estimate, df), 0.5];
    const rows = holmIntervals(p, 0.05, (i, g, z) => (i === 0 ? tInterval(estimate, se, df, g, z) : tInterval(0.1, 1, df, g, z)));
    expect(rows[0]!.adjusted).toBeCloseTo(0.05, 12);
    expect(rows[0]!.rejected).toBe(rows[0]!.adjusted < 0.05);
    expect(verdict(rows[0]!.interval, [20, 20], 5)).toBe(rows[0]!.rejected ? 'higher' : 'unclear');
    // Exactly α as a number: rejected is false and the verdict is unclear.
    const exact = holm([0.025, 0.5], 0.05);
    expect(exact[0]!.adjusted).toBe(0.05);
    expect(exact[0]!.rejected).toBe(false);
    expect(verdict(tInterval(estimate, se, df, exact[0]!.gamma, !exact[0]!.rejected), [20, 20], 5)).toBe('unclear');
  });

  it('p = 0 (se = 0) and p = 1 (estimate 0)', () => {
    expect(tInterval(2, 0, 5, 0.05)).toEqual({ low: 2, high: 2 });
    expect(verdict(tInterval(2, 0, 5, 0.05), [3, 3], 3)).toBe('higher');
    const zero = tInterval(0, 0.4, 5, 0.05);
    expect(zero.low).toBeLessThan(0);
    expect(zero.high).toBeGreaterThan(0);
    expect(verdict(zero, [3, 3], 3)).toBe('unclear');
    expect(() => tInterval(1, -1, 5, 0.05)).toThrow(RangeError);
    expect(() => tInterval(1, 1, 5, 0)).toThrow(RangeError);
  });
});

describe('verdict through Holm: m = 1, ties, p = 0, p = 1', () => {
  const df = 10;
  it('m = 1: the plain interval at 1 − α', () => {
    const p = studentTTwoSidedP(2.5, df);
    const [row] = holmIntervals([p], 0.05, (_i, g, z) => tInterval(2.5, 1, df, g, z));
    expect(row!.gamma).toBe(0.05);
    expect(row!.interval.low).toBeCloseTo(2.5 - studentTTwoSidedQuantile(0.05, df), 12);
    expect(verdict(row!.interval, [40, 40], 10)).toBe('higher');
  });

  it('tied p-values get the same adjusted p, level and verdict', () => {
    const p = studentTTwoSidedP(3, df);
    const rows = holmIntervals([p, 0.6, p], 0.05, (i, g, z) => tInterval(i === 1 ? 0.5 : -3, 1, df, g, z));
    expect(rows[0]!.adjusted).toBe(rows[2]!.adjusted);
    expect(rows[0]!.gamma).toBe(rows[2]!.gamma);
    expect(rows[0]!.interval).toEqual(rows[2]!.interval);
    expect(verdict(rows[0]!.interval, [40, 40], 10)).toBe(verdict(rows[2]!.interval, [40, 40], 10));
    expect(verdict(rows[0]!.interval, [40, 40], 10)).toBe(rows[0]!.rejected ? 'lower' : 'unclear');
  });

  it('p = 0 is rejected at the Bonferroni level, p = 1 is unclear', () => {
    const rows = holmIntervals([0, 1], 0.05, (i, g, z) => (i === 0 ? tInterval(1.5, 0, df, g, z) : tInterval(0, 1, df, g, z)));
    expect(rows[0]!.gamma).toBe(0.025);
    expect(verdict(rows[0]!.interval, [40, 40], 10)).toBe('higher');
    expect(rows[1]!.gamma).toBe(0.05);
    expect(verdict(rows[1]!.interval, [40, 40], 10)).toBe('unclear');
  });
});

describe('verdict', () => {
  it('higher / lower / unclear from the interval alone; touching 0 is unclear', () => {
    expect(verdict({ low: 0.1, high: 2 }, [30, 40], 10)).toBe('higher');
    expect(verdict({ low: -2, high: -0.1 }, [30, 40], 10)).toBe('lower');
    expect(verdict({ low: -1, high: 1 }, [30, 40], 10)).toBe('unclear');
    expect(verdict({ low: 0, high: 1 }, [30, 40], 10)).toBe('unclear');
    expect(verdict({ low: -1, high: 0 }, [30, 40], 10)).toBe('unclear');
    expect(verdict({ low: -0, high: 1 }, [30, 40], 10)).toBe('unclear');
    expect(verdict({ low: Number.MIN_VALUE, high: 1 }, [30, 40], 10)).toBe('higher');
    expect(verdict({ low: 0, high: 0 }, [30, 40], 10)).toBe('unclear');
    expect(verdict({ low: -Infinity, high: Infinity }, [30, 40], 10)).toBe('unclear');
  });

  it('not-enough-data when any count is below the minimum (at the minimum is enough), or no estimate', () => {
    expect(verdict({ low: 1, high: 2 }, [9, 40], 10)).toBe('not-enough-data');
    expect(verdict({ low: 1, high: 2 }, [10, 10], 10)).toBe('higher');
    expect(verdict({ low: 1, high: 2 }, [], 10)).toBe('higher');
    expect(verdict(null, [100, 100], 10)).toBe('not-enough-data');
    expect(verdict({ low: -1, high: 1 }, [0, 100], 1)).toBe('not-enough-data');
  });

  it('rejects malformed input', () => {
    expect(() => verdict({ low: 2, high: 1 }, [5], 1)).toThrow(RangeError);
    expect(() => verdict({ low: Number.NaN, high: 1 }, [5], 1)).toThrow(RangeError);
    expect(() => verdict({ low: 0, high: 1 }, [-1], 1)).toThrow(RangeError);
    expect(() => verdict({ low: 0, high: 1 }, [5], Number.NaN)).toThrow(RangeError);
  });
});
