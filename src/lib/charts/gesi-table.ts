/**
 * What the GESI table shows for each measure: each owner-gender group's value with its n
 * and 95 % interval (as the Explore chart computes it), and the gap between women- and
 * men-owned businesses with its 95 % interval (the same methods as exposed − not exposed).
 */
import type { GesiMeasure } from '../query/gesi';
import type { MeasureDef } from '../query/measures';
import type { Lang } from '../i18n/messages';
import { suppressPartition, type DisclosureMark } from '../stats/disclosure';
import { groupInterval } from './explore-rows';
import { difference } from './exposure-differences';
import { disclosureText, type Disclosure } from './disclosure-view';

export interface GesiCell {
  /** Owner-gender group: P, L, koperasi, or null for unknown. */
  readonly group: string | null;
  readonly n: number;
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  /** Under the disclosure threshold (or its complement): marked, or hidden in shared views, reports and exports. */
  readonly disclosure: DisclosureMark | null;
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
      return { group: row.group, n: row.n, value: row.n > 0 ? row.value : null, low: ci.low, high: ci.high, disclosure: null };
    });
    const women = groups.find((g) => g.group === 'P');
    const men = groups.find((g) => g.group === 'L');
    const d = women ? difference(women, men, measure.statistic) : null;
    return { measure, cells, gap: { value: d?.diff ?? null, low: d?.diffLow ?? null, high: d?.diffHigh ?? null } };
  });
}

/**
 * Small groups kept private: the four groups of a measure are a partition of the clients
 * whose total the KPIs show, so a small group takes a complement with it (stats/disclosure.ts).
 * `mark` keeps the values and marks them; `hide` leaves the n and drops value, interval and,
 * when women or men are hidden, the gap.
 */
export function discloseGesiRows(rows: readonly GesiRow[], disclosure: Disclosure, lang: Lang): GesiRow[] {
  return rows.map((row) => {
    const states = suppressPartition(
      row.cells.map((c) => ({ n: c.n, hasValue: c.value !== null })),
      disclosure.k,
      { totalShown: true },
    );
    const cells = row.cells.map((c, i): GesiCell => {
      const state = states[i];
      if (!state) return c;
      const disclosed = { ...c, disclosure: { suppressed: state, text: disclosureText(lang, state, disclosure.k) } };
      return disclosure.mode === 'hide' ? { ...disclosed, value: null, low: null, high: null } : disclosed;
    });
    const gapHidden = disclosure.mode === 'hide' && cells.some((c) => (c.group === 'P' || c.group === 'L') && c.disclosure);
    return { ...row, cells, gap: gapHidden ? { value: null, low: null, high: null } : row.gap };
  });
}
