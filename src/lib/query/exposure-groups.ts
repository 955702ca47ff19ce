/**
 * Groups of one exposure dimension (mentor function, area of support) — exposed and
 * not-exposed clients side by side — without the dense client × group join in the engine.
 *
 * The direct SQL (group-query.ts) joins the selected clients to every row of the dense
 * exposure table (clients × functions) and returns every group's values: at 1M sessions
 * ≈ 650,000 joined rows and as many values carried back, on every filter change. Here the
 * engine is asked twice, and the second question is the one that repeats:
 *
 * 1. once per model generation, dimension and framework: each group's session count per
 *    client, as columns (`exposureCounts`, kept in memory) — the exposure rule k is applied
 *    in TypeScript, so a change of k asks nothing;
 * 2. per view: the keys of the selected clients (client-columns.ts, shared with other
 *    parts and kept for recent filters), whose values come from the measure's column.
 *
 * Splitting the values by group is then one pass per group over typed arrays. The groups,
 * their order, counts, successes, values and medians are the direct SQL's; a mean is
 * summed in another order than DuckDB's, so it can differ in the last bits.
 */
import type { Database, SqlParam } from './database';
import type { ExposureSource } from './dimensions';
import type { GroupRow } from './group-row';
import type { Statistic } from './measures';
import { memoColumn, numbers, selectedByValue, type ValueColumn } from './client-columns';
import { groupRow } from './group-rows';

/** Each group of an exposure dimension with its sessions per client (indexed by client_key; −1: no row for the client). */
export interface ExposureCounts {
  readonly groups: readonly string[];
  readonly sessions: readonly Int32Array[];
}

/**
 * Session counts per group and client for a dimension (and framework, where it depends on
 * one), asked once per model generation (client-columns.ts). The framework's exposure rows
 * must exist (`ensureFramework`).
 */
export function exposureCounts(db: Database, source: ExposureSource, framework: string): Promise<ExposureCounts> {
  const params: SqlParam[] = source.byFramework ? [framework] : [];
  return memoColumn(db, `exposure ${source.table} ${source.byFramework ? framework : ''}`, async () => {
    const rows = await db.query<{ grp: string | null; keys: unknown; sessions: unknown }>(
      `SELECT e.${source.column}::VARCHAR AS grp, list(e.client_key) AS keys, list(e.sessions) AS sessions
       FROM ${source.table} e ${source.byFramework ? 'WHERE e.framework = ?' : ''}
       GROUP BY 1 ORDER BY min(e.${source.order}), 1`,
      params,
    );
    return countsFromLists(rows.map((r) => ({ group: r.grp ?? '', keys: numbers(r.keys), sessions: numbers(r.sessions) })));
  });
}

/** Dense per-client arrays from each group's (client_key, sessions) lists. */
export function countsFromLists(lists: readonly { group: string; keys: ArrayLike<number>; sessions: ArrayLike<number> }[]): ExposureCounts {
  let maxKey = 0;
  for (const l of lists) for (let i = 0; i < l.keys.length; i++) maxKey = Math.max(maxKey, l.keys[i] as number);
  const sessions = lists.map((l) => {
    const byClient = new Int32Array(maxKey + 1).fill(-1);
    for (let i = 0; i < l.keys.length; i++) byClient[l.keys[i] as number] = l.sessions[i] as number;
    return byClient;
  });
  return { groups: lists.map((l) => l.group), sessions };
}

/**
 * Each group's exposed and not-exposed rows, as the direct SQL gives them: groups in their
 * order, exposed first, a row only where at least one selected client falls in it; each
 * row's values ascending.
 */
export function exposureGroupRows(
  counts: ExposureCounts,
  selected: Int32Array,
  measure: ValueColumn,
  minSessions: number,
  statistic: Statistic,
  withValues: boolean,
): GroupRow[] {
  const rows: GroupRow[] = [];
  const { values } = measure;
  // The selected clients with a value, in value order, once for all groups: each side's values come out sorted.
  const valueKeys = selectedByValue(selected, measure);
  const sides = exposureSides(counts, minSessions);
  counts.groups.forEach((group, g) => {
    const side = sides[g] as Uint8Array;
    // Which sides the selected clients reach (usually both, known after a few clients).
    let reached = 0;
    for (let i = 0; i < selected.length && reached !== 3; i++) reached |= side[selected[i] as number] ?? 0;
    if (reached === 0) return;
    // Exposed values fill the buffer from the front, the others from the back.
    const buffer = new Float64Array(valueKeys.length);
    let front = 0;
    let back = valueKeys.length;
    for (let i = 0; i < valueKeys.length; i++) {
      const key = valueKeys[i] as number;
      const s = side[key];
      if (s === EXPOSED) buffer[front++] = values[key] as number;
      else if (s === NOT_EXPOSED) buffer[--back] = values[key] as number;
    }
    const others = buffer.subarray(back).reverse(); // filled from the back: ascending again
    if (reached & EXPOSED) rows.push(groupRow(group, true, buffer.subarray(0, front), statistic, withValues));
    if (reached & NOT_EXPOSED) rows.push(groupRow(group, false, others, statistic, withValues));
  });
  return rows;
}

const EXPOSED = 1;
const NOT_EXPOSED = 2;

const sidesOf = new WeakMap<ExposureCounts, Map<number, Uint8Array[]>>();

/** Per group and client: EXPOSED, NOT_EXPOSED, or 0 (no row for the client: in no side of the group); kept per rule. */
function exposureSides(counts: ExposureCounts, minSessions: number): Uint8Array[] {
  let byRule = sidesOf.get(counts);
  if (!byRule) sidesOf.set(counts, (byRule = new Map()));
  let sides = byRule.get(minSessions);
  if (!sides) {
    sides = counts.sessions.map((sessions) => {
      const side = new Uint8Array(sessions.length);
      for (let key = 0; key < sessions.length; key++) {
        const s = sessions[key] as number;
        side[key] = s >= minSessions ? EXPOSED : s >= 0 ? NOT_EXPOSED : 0;
      }
      return side;
    });
    byRule.set(minSessions, sides);
  }
  return sides;
}
