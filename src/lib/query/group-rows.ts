/**
 * Group rows computed in TypeScript from the values of the clients in each group, as the
 * group query's SQL computes them: n counts non-missing values, a rate's value is its
 * successes over n (DuckDB's avg of an INTEGER: the integer sum divided by the count), a
 * median is DuckDB's median (stats/intervals.ts), a mean is compensated in another order
 * than DuckDB's (last bits).
 */
import type { GroupRow } from './group-row';
import type { Statistic } from './measures';
import { selectedByValue, type GroupColumn, type ValueColumn } from './client-columns';
import { mean, median } from '../stats/intervals';

export function groupRow(
  group: string | null,
  exposed: boolean | null,
  values: Float64Array,
  statistic: Statistic,
  withValues: boolean,
): GroupRow {
  const n = values.length;
  let successes: number | null = null;
  let value: number | null;
  if (statistic === 'rate') {
    successes = 0;
    for (let i = 0; i < n; i++) if (values[i] !== 0) successes++;
    value = n > 0 ? successes / n : null;
  } else value = statistic === 'median' ? median(values) : mean(values);
  return { group, group2: null, exposed, n, value, successes, values: withValues && statistic !== 'rate' && n > 0 ? values : null };
}

/**
 * The selected clients by one client dimension: a row per group that holds at least one of
 * them (its n may be 0), in the dimension's order (the engine's ORDER BY … NULLS LAST);
 * each row's values ascending.
 */
export function rowsByGroup(
  selected: Int32Array,
  column: GroupColumn,
  measure: ValueColumn,
  statistic: Statistic,
  withValues: boolean,
): GroupRow[] {
  const { codes, groups } = column;
  const { has, values } = measure;
  const present = new Uint8Array(groups.length);
  const counts = new Int32Array(groups.length);
  for (let i = 0; i < selected.length; i++) {
    const key = selected[i] as number;
    const code = key < codes.length ? (codes[key] as number) : -1;
    if (code < 0) continue;
    present[code] = 1;
    if (has[key] === 1) counts[code]! += 1;
  }
  const buckets = Array.from(counts, (n) => new Float64Array(n));
  const filled = new Int32Array(groups.length);
  const byValue = selectedByValue(selected, measure);
  for (let i = 0; i < byValue.length; i++) {
    const key = byValue[i] as number;
    const code = key < codes.length ? (codes[key] as number) : -1;
    if (code < 0) continue;
    (buckets[code] as Float64Array)[filled[code]!++] = values[key] as number;
  }
  const rows: GroupRow[] = [];
  for (let code = 0; code < groups.length; code++)
    if (present[code]) rows.push(groupRow(groups[code] ?? null, null, buckets[code] as Float64Array, statistic, withValues));
  return rows;
}
