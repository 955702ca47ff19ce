/**
 * What the GESI table shows for each measure: each group's value with its n and 95 %
 * interval (as the Explore chart computes it), and the gap between two groups with its
 * 95 % interval (the same methods as exposed − not exposed): women- minus men-owned
 * businesses by default, owners with minus without a disability in the disability section.
 */
import type { GesiMeasure } from '../query/gesi';
import type { MeasureDef } from '../query/measures';
import type { Lang } from '../i18n/messages';
import { suppressPartition, type DisclosureMark } from '../stats/disclosure';
import { groupInterval } from './explore-rows';
import { difference } from './exposure-differences';
import { disclosureText, type Disclosure } from './disclosure-view';

export interface GesiCell {
  /** The group: by owner gender P, L, koperasi; a disability or an age band; null for unknown. */
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
  /** Women-owned − men-owned (or the breakdown's own pair), with its 95 % interval; null values when a side is empty or there is no gap. */
  readonly gap: { readonly value: number | null; readonly low: number | null; readonly high: number | null };
}

const NO_GAP = { value: null, low: null, high: null } as const;

/** `gap`: the groups whose difference is shown (first − second), or null for none. */
export function gesiRows(table: readonly GesiMeasure[], gap: readonly [string, string] | null = ['P', 'L']): GesiRow[] {
  return table.map(({ measure, groups }) => {
    const cells = groups.map((row): GesiCell => {
      const ci = groupInterval(row, measure, `gesi|${measure.key}|${row.group ?? ''}`);
      return { group: row.group, n: row.n, value: row.n > 0 ? row.value : null, low: ci.low, high: ci.high, disclosure: null };
    });
    if (!gap) return { measure, cells, gap: NO_GAP };
    const first = groups.find((g) => g.group === gap[0]);
    const second = groups.find((g) => g.group === gap[1]);
    const d = first ? difference(first, second, measure.statistic) : null;
    return { measure, cells, gap: { value: d?.diff ?? null, low: d?.diffLow ?? null, high: d?.diffHigh ?? null } };
  });
}

/**
 * Small groups kept private: the groups of a measure (four by gender, every age band and
 * unknown, with / without / unknown disability) are a partition of the clients whose total
 * the KPIs show, so a small group takes a complement with it (stats/disclosure.ts).
 * `mark` keeps the values and marks them; `hide` leaves the n and drops value, interval and,
 * when a group of the gap (`gapGroups`: women or men by default) is hidden, the gap.
 */
export function discloseGesiRows(
  rows: readonly GesiRow[],
  disclosure: Disclosure,
  lang: Lang,
  gapGroups: readonly string[] = ['P', 'L'],
): GesiRow[] {
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
    const gapHidden = disclosure.mode === 'hide' && cells.some((c) => c.group !== null && gapGroups.includes(c.group) && c.disclosure);
    return { ...row, cells, gap: gapHidden ? NO_GAP : row.gap };
  });
}
