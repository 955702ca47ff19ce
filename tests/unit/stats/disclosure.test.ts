/**
 * Disclosure suppression on hand-made groups of 1, 4 and 5 clients (threshold 5), the
 * subtraction case worked out by hand, and tables with more than one partition.
 */
import { describe, expect, it } from 'vitest';
import { isSmallGroup, suppressPartition, suppressTable, type DisclosureCell } from '../../../src/lib/stats/disclosure';

const g = (n: number, hasValue = n > 0) => ({ n, hasValue });

describe('isSmallGroup', () => {
  it('is true for 0 < n < k only', () => {
    expect([0, 1, 4, 5, 6].map((n) => isSmallGroup(n, 5))).toEqual([false, true, true, false, false]);
    expect(isSmallGroup(2, 2)).toBe(false);
  });
});

describe('suppressPartition', () => {
  it('groups of 1, 4 and 5 without a shown total: the 1 and the 4 are hidden, the 5 is not', () => {
    expect(suppressPartition([g(1), g(4), g(5)], 5, { totalShown: false })).toEqual(['primary', 'primary', null]);
  });

  it('groups of 1, 4 and 5 with the total shown: two hidden groups of 5 clients together need nothing more', () => {
    // Total − the 5 gives the pooled value of the 1 and the 4: five clients, not fewer than k.
    expect(suppressPartition([g(1), g(4), g(5)], 5, { totalShown: true })).toEqual(['primary', 'primary', null]);
  });

  it('the subtraction case: one small group beside a shown total takes the next-smallest group with it', () => {
    // Means 10 (n = 1), 20 (n = 5), 30 (n = 8), total mean (10 + 100 + 240) / 14 = 25:
    // hiding the first alone, 25 × 14 − 20 × 5 − 30 × 8 = 10 gives it back exactly.
    const values = [10, 20, 30];
    const ns = [1, 5, 8];
    const total = (values[0] * ns[0] + values[1] * ns[1] + values[2] * ns[2]) / 14;
    expect(total).toBe(25);
    expect(total * 14 - values[1] * ns[1] - values[2] * ns[2]).toBe(values[0]);
    // So the 5 (the smallest group still shown) is hidden too; the 8 stays.
    expect(suppressPartition([g(1), g(5), g(8)], 5, { totalShown: true })).toEqual(['primary', 'secondary', null]);
    // Ties go to the first of equals.
    expect(suppressPartition([g(9), g(4), g(6), g(6)], 5, { totalShown: true })).toEqual([null, 'primary', 'secondary', null]);
  });

  it('two hidden groups that together still have fewer than k clients take a third with them', () => {
    // 1 + 2 = 3 < 5: their pooled value would describe three clients.
    expect(suppressPartition([g(1), g(2), g(7), g(10)], 5, { totalShown: true })).toEqual(['primary', 'primary', 'secondary', null]);
  });

  it('a statistic that subtraction cannot recover needs no second suppression', () => {
    expect(suppressPartition([g(1), g(5), g(8)], 5, { totalShown: true, recoverable: false })).toEqual(['primary', null, null]);
  });

  it('groups without a value (n = 0, or nothing measured) are never hidden and never taken as the complement', () => {
    expect(suppressPartition([g(0), g(3), g(2, false), g(6)], 5, { totalShown: true })).toEqual([null, 'primary', null, 'secondary']);
  });

  it('a partition with nothing small is left alone; a lone small group with nothing beside it stays the only hidden one', () => {
    expect(suppressPartition([g(5), g(12)], 5, { totalShown: true })).toEqual([null, null]);
    expect(suppressPartition([g(3)], 5, { totalShown: true })).toEqual(['primary']);
  });

  it('follows the threshold', () => {
    expect(suppressPartition([g(1), g(4), g(5)], 2, { totalShown: true })).toEqual(['primary', 'secondary', null]);
    expect(suppressPartition([g(1), g(4), g(5)], 10, { totalShown: true })).toEqual(['primary', 'primary', 'primary']);
  });
});

describe('suppressTable', () => {
  const cell = (coords: (string | boolean | null)[], n: number): DisclosureCell => ({ coords, n, hasValue: n > 0 });

  it('function × exposure: exposed and not exposed of one function are complements, functions are not added', () => {
    const cells = [cell(['educate', true], 1), cell(['educate', false], 40), cell(['advise', true], 30), cell(['advise', false], 11)];
    // Exposed n = 1 is hidden; total − not exposed would give it back, so not exposed (40) goes too;
    // the other function's pair is untouched (functions overlap: no partition across them).
    expect(suppressTable(cells, 5, [1])).toEqual(['primary', 'secondary', null, null]);
  });

  it('a cross-tab is suppressed along rows and columns until it holds', () => {
    //            r1   r2   r3
    //   2024-A    1   10   12
    //   2025-A    8    9   20
    const cells = [cell(['2024-A', 'r1'], 1), cell(['2024-A', 'r2'], 10), cell(['2024-A', 'r3'], 12)];
    cells.push(cell(['2025-A', 'r1'], 8), cell(['2025-A', 'r2'], 9), cell(['2025-A', 'r3'], 20));
    // Row 2024-A: the 1 is hidden, then its smallest neighbour 10. Column r1: the 1 beside 8 → 8.
    // Column r2 now has 10 hidden alone → 9. Row 2025-A has 8 and 9 hidden (17 ≥ 5): done.
    expect(suppressTable(cells, 5, [0, 1])).toEqual(['primary', 'secondary', null, 'secondary', 'secondary', null]);
  });

  it('with no additive axis only the primary rule applies', () => {
    expect(suppressTable([cell(['a'], 1), cell(['b'], 6)], 5, [])).toEqual(['primary', null]);
  });
});
