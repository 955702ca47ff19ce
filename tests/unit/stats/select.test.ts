import { describe, expect, it } from 'vitest';
import { selectInPlace, selectRanks, sortRanges } from '../../../src/lib/stats/select';
import { mulberry32 } from '../../helpers/mulberry32';

const rand = mulberry32(77);
const DATASETS: Record<string, (n: number) => number[]> = {
  continuous: (n) => Array.from({ length: n }, () => rand() * 1000 - 500),
  'heavy ties': (n) => Array.from({ length: n }, () => 1 + Math.floor(rand() * 5)),
  'one giant tie at the median': (n) => Array.from({ length: n }, (_, i) => (i % 10 < 8 ? 42 : rand() * 100)),
  sorted: (n) => Array.from({ length: n }, (_, i) => i * 0.5),
  reversed: (n) => Array.from({ length: n }, (_, i) => n - i),
  constant: (n) => new Array<number>(n).fill(7),
  // Periodic row order: a stratified sample with the wrong stride would see only one phase.
  periodic: (n) => Array.from({ length: n }, (_, i) => (i % 16) * 1000 + Math.floor(i / 16)),
  'skewed with outliers': (n) => Array.from({ length: n }, () => (rand() < 0.01 ? 1e12 : Math.exp(rand() * 10))),
};

describe('selectInPlace', () => {
  it.each(Object.keys(DATASETS))('%s: puts the k-th smallest at k with smaller left, larger right', (name) => {
    for (const n of [1, 2, 3, 50, 601, 5_000]) {
      const values = DATASETS[name]!(n);
      const sorted = Float64Array.from(values).sort();
      for (const k of new Set([0, n >> 1, n - 1, Math.floor(n / 3)])) {
        const a = Float64Array.from(values);
        selectInPlace(a, k);
        expect(a[k]).toBe(sorted[k]);
        let misplaced = 0;
        for (let i = 0; i < k; i++) if (!(a[i]! <= a[k]!)) misplaced++;
        for (let i = k + 1; i < n; i++) if (!(a[i]! >= a[k]!)) misplaced++;
        expect(misplaced).toBe(0);
      }
    }
  });
});

describe('sortRanges and selectRanks', () => {
  it.each(Object.keys(DATASETS))('%s: requested ranks equal a full sort, input untouched', (name) => {
    for (const n of [1, 7, 100, 4_095, 4_096, 20_000, 100_001]) {
      const values = DATASETS[name]!(n);
      const copy = values.slice();
      const sorted = Float64Array.from(values).sort();
      const h = n >> 1;
      const w = Math.max(1, Math.round(Math.sqrt(n)));
      const ranges: [number, number][] = [
        [h - 2 * w, h - w],
        [h - 1, h],
        [h + w, h + 2 * w],
        [0, 0],
        [n - 1, n - 1],
      ];
      const { buffer, offset } = selectRanks(values, ranges);
      const inPlace = Float64Array.from(values);
      sortRanges(inPlace, ranges);
      const mismatches: string[] = [];
      for (const [a, b] of ranges) {
        for (let r = Math.max(0, a); r <= Math.min(n - 1, b); r++) {
          if (buffer[r - offset] !== sorted[r]) mismatches.push(`selectRanks rank ${r}`);
          if (inPlace[r] !== sorted[r]) mismatches.push(`sortRanges rank ${r}`);
        }
      }
      expect(mismatches, `${name} n=${n}`).toEqual([]);
      expect(values).toEqual(copy);
    }
  });

  it('selectRanks reads an ascending Float64Array as it is, and selects anything else', () => {
    const ascending = Float64Array.from({ length: 10_000 }, (_, i) => Math.floor(i / 3) - 500);
    const own = selectRanks(ascending, [[4_999, 5_000]]);
    expect(own.buffer).toBe(ascending); // no copy: its values are their own order statistics
    expect(own.offset).toBe(0);
    // One value out of place (and a NaN, which no sorted array holds) takes the general path.
    for (const [at, value] of [
      [9_999, -1_000],
      [5_000, Number.NaN],
    ] as const) {
      const broken = ascending.slice();
      broken[at] = value;
      const r = selectRanks(broken, [[0, 0]]);
      expect(r.buffer).not.toBe(broken);
    }
    const broken = ascending.slice();
    broken[9_999] = -1_000;
    const { buffer, offset } = selectRanks(broken, [[0, 1]]);
    expect([buffer[0 - offset], buffer[1 - offset]]).toEqual([-1_000, -500]);
  });

  it('selectRanks falls back to an exact path when the sampled bracket misses the ranks', () => {
    for (const name of ['continuous', 'heavy ties', 'sorted']) {
      const values = DATASETS[name]!(30_000);
      const sorted = Float64Array.from(values).sort();
      // A negative margin makes the value bracket narrower than the rank range: it must miss.
      const { buffer, offset } = selectRanks(values, [[14_000, 16_000]], -3);
      let mismatches = 0;
      for (let r = 14_000; r <= 16_000; r++) if (buffer[r - offset] !== sorted[r]) mismatches++;
      expect(mismatches).toBe(0);
    }
  });

  it('selectRanks keeps only a small buffer for large continuous samples', () => {
    const values = DATASETS.continuous!(100_000);
    const { buffer } = selectRanks(values, [[49_000, 51_000]]);
    expect(buffer.length).toBeLessThan(15_000);
  });
});
