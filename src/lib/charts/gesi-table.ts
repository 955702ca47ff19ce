/**
 * What the GESI table shows for each measure: each owner-gender group's value with its n
 * and 95 % interval (as the Explore chart computes it), and the gap between women- and
 * men-owned businesses with its 95 % interval (the same methods as exposed − not exposed).
 */
import type { GesiMeasure } from '../query/gesi';
import type { MeasureDef } from '../query/measures';
import { difference, groupInterval } from './explore-rows';

export interface GesiCell {
  /** Owner-gender group: P, L, koperasi, or null for unknown. */
  readonly group: string | null;
  readonly n: number;
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

export interface GesiRow {
  readonly measure: MeasureDef;
  readonly cells: readonly GesiCell[];
  /** Women-owned − men-owned, with its 95 % interval; null values when a side is empty. */
  readonly gap: { readonly value: number | null; readonly low: number | null; readonly high: number | null };
}

export function gesiRows(table: readonly GesiMeasure[]): GesiRow[] {
  return table.map(({ measure, groups }) => {
    const cells = groups.map((row): GesiCell => {
      const ci = groupInterval(row, measure, `gesi|${measure.key}|${row.group ?? ''}`);
      return { group: row.group, n: row.n, value: row.n > 0 ? row.value : null, low: ci.low, high: ci.high };
    });
    const women = groups.find((g) => g.group === 'P');
    const men = groups.find((g) => g.group === 'L');
    const d = women ? difference(women, men, measure) : null;
    return { measure, cells, gap: { value: d?.diff ?? null, low: d?.diffLow ?? null, high: d?.diffHigh ?? null } };
  });
}
