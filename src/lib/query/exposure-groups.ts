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
 * 2. per view: the selected clients' keys and values, one row of three lists (a scan of
 *    `client_fact`, ≈ 60,000 values at 1M sessions).
 *
 * Splitting the values by group is then one pass per group over typed arrays. The groups,
 * their order, counts, successes, values and medians are the direct SQL's; a mean is
 * summed in another order than DuckDB's, so it can differ in the last bits.
 */
import type { Database, SqlParam } from './database';
import type { ExposureSource } from './dimensions';
import type { GroupRow } from './group-row';
import type { Statistic } from './measures';
import { currentModelGeneration } from './model';
import { mean, median } from '../stats/intervals';

/** Each group of an exposure dimension with its sessions per client (indexed by client_key; −1: no row for the client). */
export interface ExposureCounts {
  readonly groups: readonly string[];
  readonly sessions: readonly Int32Array[];
}

/** The selected clients (all keys) and their non-missing values (with the keys they belong to). */
export interface SelectedValues {
  readonly keys: ArrayLike<number>;
  readonly valueKeys: ArrayLike<number>;
  readonly values: ArrayLike<number>;
}

const countsByDatabase = new WeakMap<Database, Map<string, { generation: number; counts: Promise<ExposureCounts> }>>();

/**
 * Session counts per group and client for a dimension (and framework, where it depends on
 * one), asked once per model generation and database object. The framework's exposure
 * rows must exist (`ensureFramework`).
 */
export function exposureCounts(db: Database, source: ExposureSource, framework: string): Promise<ExposureCounts> {
  const generation = currentModelGeneration();
  const key = `${source.table} ${source.byFramework ? framework : ''}`;
  let known = countsByDatabase.get(db);
  if (!known) countsByDatabase.set(db, (known = new Map()));
  const cached = known.get(key);
  if (cached && cached.generation === generation) return cached.counts;
  const params: SqlParam[] = source.byFramework ? [framework] : [];
  // Not cancellable: every later view of this dimension waits for the same answer.
  const counts = db
    .query<{ grp: string | null; keys: unknown; sessions: unknown }>(
      `SELECT e.${source.column}::VARCHAR AS grp, list(e.client_key) AS keys, list(e.sessions) AS sessions
       FROM ${source.table} e ${source.byFramework ? 'WHERE e.framework = ?' : ''}
       GROUP BY 1 ORDER BY min(e.${source.order}), 1`,
      params,
    )
    .then((rows) => countsFromLists(rows.map((r) => ({ group: r.grp ?? '', keys: numbers(r.keys), sessions: numbers(r.sessions) }))));
  const entry = { generation, counts };
  known.set(key, entry);
  counts.catch(() => {
    if (known.get(key) === entry) known.delete(key); // a failure is not remembered: asking again retries
  });
  return counts;
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
 * The view's question: the selected clients (`units`, a SELECT over `client_fact f`) as one
 * row of lists. Keys of clients whose value is missing still come back: they make a group
 * exist (with n = 0), as in the direct SQL.
 */
export function selectedValuesSql(units: string, value: string): string {
  return `SELECT list(f.client_key) AS keys,
      list(f.client_key) FILTER (WHERE (${value}) IS NOT NULL) AS value_keys,
      list((${value})::DOUBLE) FILTER (WHERE (${value}) IS NOT NULL) AS "values"
    FROM (${units}) f`;
}

export async function selectedValues(
  db: Database,
  sql: string,
  params: readonly SqlParam[],
  signal?: AbortSignal,
): Promise<SelectedValues> {
  const [row] = await db.query<{ keys: unknown; value_keys: unknown; values: unknown }>(sql, params, { signal });
  return { keys: numbers(row?.keys), valueKeys: numbers(row?.value_keys), values: numbers(row?.values) };
}

/**
 * Each group's exposed and not-exposed rows, as the direct SQL gives them: groups in their
 * order, exposed first, a row only where at least one selected client falls in it.
 */
export function exposureGroupRows(
  counts: ExposureCounts,
  selected: SelectedValues,
  minSessions: number,
  statistic: Statistic,
  withValues: boolean,
): GroupRow[] {
  const rows: GroupRow[] = [];
  // Typed copies once: the loops below then read one array type each (monomorphic, ≈ 1 ms at 1M sessions).
  const keys = Int32Array.from(selected.keys);
  const valueKeys = Int32Array.from(selected.valueKeys);
  const values = Float64Array.from(selected.values);
  counts.groups.forEach((group, g) => {
    const side = exposureSides(counts.sessions[g] as Int32Array, minSessions);
    // Which sides the selected clients reach (usually both, known after a few clients).
    let reached = 0;
    for (let i = 0; i < keys.length && reached !== 3; i++) reached |= side[keys[i] as number] as number;
    if (reached === 0) return;
    // Exposed values fill the buffer from the front, the others from the back.
    const buffer = new Float64Array(values.length);
    let front = 0;
    let back = values.length;
    for (let i = 0; i < values.length; i++) {
      const s = side[valueKeys[i] as number];
      if (s === EXPOSED) buffer[front++] = values[i] as number;
      else if (s === NOT_EXPOSED) buffer[--back] = values[i] as number;
    }
    if (reached & EXPOSED) rows.push(groupRow(group, true, buffer.subarray(0, front), statistic, withValues));
    if (reached & NOT_EXPOSED) rows.push(groupRow(group, false, buffer.subarray(back), statistic, withValues));
  });
  return rows;
}

const EXPOSED = 1;
const NOT_EXPOSED = 2;

/** Per client: EXPOSED, NOT_EXPOSED, or 0 (no row for the client: in no side of the group). */
function exposureSides(sessions: Int32Array, minSessions: number): Uint8Array {
  const side = new Uint8Array(sessions.length);
  for (let key = 0; key < sessions.length; key++) {
    const s = sessions[key] as number;
    side[key] = s >= minSessions ? EXPOSED : s >= 0 ? NOT_EXPOSED : 0;
  }
  return side;
}

function groupRow(group: string, exposed: boolean, values: Float64Array, statistic: Statistic, withValues: boolean): GroupRow {
  const n = values.length;
  let successes: number | null = null;
  let value: number | null = null;
  if (statistic === 'rate') {
    successes = 0;
    for (let i = 0; i < n; i++) if (values[i] !== 0) successes++;
    // DuckDB's avg of an INTEGER column: the integer sum divided by the count, as doubles.
    value = n > 0 ? successes / n : null;
  } else value = statistic === 'median' ? median(values) : mean(values);
  return {
    group,
    group2: null,
    exposed,
    n,
    value,
    successes,
    values: withValues && statistic !== 'rate' && n > 0 ? values : null,
  };
}

/** A list cell (an Arrow vector) as a typed array without copying where Arrow allows; empty when NULL. */
function numbers(cell: unknown): ArrayLike<number> {
  if (cell == null) return new Float64Array(0);
  const array = (cell as { toArray?: () => unknown }).toArray?.();
  if (ArrayBuffer.isView(array) && !(array instanceof BigInt64Array) && !(array instanceof BigUint64Array))
    return array as unknown as ArrayLike<number>;
  return Float64Array.from(cell as ArrayLike<number>, Number);
}
