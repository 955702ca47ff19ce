/** Small groups in the GESI table: the four groups of a measure add up to the clients the KPIs count. */
import { describe, expect, it } from 'vitest';
import { discloseGesiRows, type GesiRow } from '../../../src/lib/charts/gesi-table';
import { measureByKey } from '../../../src/lib/query/measures';

const cell = (group: string | null, n: number) => ({
  group,
  n,
  value: n > 0 ? n / 100 : null,
  low: n > 0 ? 0 : null,
  high: n > 0 ? 1 : null,
  disclosure: null,
});
const row = (...ns: [number, number, number, number]): GesiRow => ({
  measure: measureByKey('naik_kelas_rate')!,
  cells: [cell('P', ns[0]), cell('L', ns[1]), cell('koperasi', ns[2]), cell(null, ns[3])],
  gap: { value: -0.1, low: -0.2, high: 0 },
});

describe('discloseGesiRows', () => {
  it('hides a group of 3 women-owned businesses, its complement and the gap; n stays', () => {
    // Women 3 (small), men 40, cooperatives 20, unknown 0 (no value): one hidden group, so the smallest shown goes too.
    const [out] = discloseGesiRows([row(3, 40, 20, 0)], { k: 5, mode: 'hide' }, 'id');
    expect(out.cells.map((c) => [c.group, c.n, c.value, c.disclosure?.suppressed ?? null, c.disclosure?.text ?? null])).toEqual([
      ['P', 3, null, 'primary', '< 5 klien'],
      ['L', 40, 0.4, null, null],
      ['koperasi', 20, null, 'secondary', 'tersembunyi'],
      [null, 0, null, null, null],
    ]);
    expect(out.gap).toEqual({ value: null, low: null, high: null });
  });

  it('marks without hiding in the evaluator’s own view; a group of 5 is not small', () => {
    const [marked] = discloseGesiRows([row(4, 40, 20, 1)], { k: 5, mode: 'mark' }, 'en');
    // 4 and 1 are both small and together 5 clients: no complement needed.
    expect(marked.cells.map((c) => [c.value, c.disclosure?.suppressed ?? null])).toEqual([
      [0.04, 'primary'],
      [0.4, null],
      [0.2, null],
      [0.01, 'primary'],
    ]);
    expect(marked.gap.value).toBe(-0.1);
    const [five] = discloseGesiRows([row(5, 40, 20, 6)], { k: 5, mode: 'hide' }, 'en');
    expect(five.cells.every((c) => c.disclosure === null)).toBe(true);
    expect(five.gap.value).toBe(-0.1);
  });
});
