/**
 * Columns of `client_fact` kept in memory as typed arrays indexed by `client_key`, and the
 * sets of clients that filters select, so that grouping the main chart by a client
 * dimension is a pass over typed arrays instead of a query.
 *
 * At 1M sessions Explore has ≈ 60,000 clients. A regroup asked the engine for a
 * GROUP BY over them (≈ 10 ms in the engine, plus the worker's round trip and Arrow);
 * a filter change asked for the function groups' values. Here the engine is asked
 * - once per model generation and dimension: each client's group, as a code into the
 *   dimension's groups in the engine's own order (`ORDER BY … NULLS LAST`);
 * - once per model generation and measure: each client's value (missing marked apart);
 * - once per set of filters: the keys of the clients they select (a few recent sets kept),
 *   which the next regroup, and the function groups, share.
 * Everything returned is what the direct SQL returns: groups, order, n, successes,
 * values and medians; a mean is summed in another order than DuckDB's (last bits).
 */
import type { Database, SqlParam } from './database';
import { currentModelGeneration } from './model';
import { ResultCache } from './result-cache';

/** A measure's value per client: `has[key]` is 1 where the value is not missing. */
export interface ValueColumn {
  readonly has: Uint8Array;
  readonly values: Float64Array;
}

/** A dimension's group per client, as an index into `groups` (−1: the client has no row). */
export interface GroupColumn {
  readonly groups: readonly (string | null)[];
  readonly codes: Int32Array;
}

interface Memory {
  generation: number;
  columns: Map<string, Promise<unknown>>;
  selections: ResultCache;
}

const memories = new WeakMap<Database, Memory>();

/** This database's columns and selections of the current model generation (emptied when the model changes). */
function memoryOf(db: Database): Memory {
  const generation = currentModelGeneration();
  let memory = memories.get(db);
  if (!memory || memory.generation !== generation) {
    memory = { generation, columns: new Map(), selections: new ResultCache(16) };
    memories.set(db, memory);
  }
  return memory;
}

/** One column, asked once and shared (not cancellable: the views after this one want it too). */
export function memoColumn<T>(db: Database, key: string, load: () => Promise<T>): Promise<T> {
  const { columns } = memoryOf(db);
  let pending = columns.get(key) as Promise<T> | undefined;
  if (!pending) {
    const loading = load();
    pending = loading;
    columns.set(key, loading);
    loading.catch(() => {
      if (columns.get(key) === loading) columns.delete(key); // a failure is not remembered
    });
  }
  return pending;
}

/** The values of a measure's SQL expression over `client_fact f` (trusted: from the measure registry). */
export function valueColumn(db: Database, expression: string): Promise<ValueColumn> {
  return memoColumn(db, `value ${expression}`, async () => {
    const [row] = await db.query<{ keys: unknown; value_keys: unknown; values: unknown }>(
      `SELECT list(f.client_key) AS keys,
         list(f.client_key) FILTER (WHERE (${expression}) IS NOT NULL) AS value_keys,
         list((${expression})::DOUBLE) FILTER (WHERE (${expression}) IS NOT NULL) AS "values"
       FROM client_fact f`,
    );
    const size = maxOf(numbers(row?.keys)) + 1;
    const has = new Uint8Array(size);
    const values = new Float64Array(size);
    const keys = numbers(row?.value_keys);
    const cells = numbers(row?.values);
    for (let i = 0; i < keys.length; i++) {
      has[keys[i] as number] = 1;
      values[keys[i] as number] = cells[i] as number;
    }
    return { has, values };
  });
}

/** The groups of a dimension's SQL expression over `client_fact f` (trusted: from the dimension registry). */
export function groupColumn(db: Database, expression: string): Promise<GroupColumn> {
  return memoColumn(db, `group ${expression}`, async () => {
    const [row] = await db.query<{ groups: unknown; keys: unknown; codes: unknown }>(
      `WITH g AS (SELECT f.client_key, (${expression})::VARCHAR AS grp FROM client_fact f),
         ordered AS (SELECT grp, (row_number() OVER (ORDER BY grp NULLS LAST) - 1)::INTEGER AS code FROM (SELECT DISTINCT grp FROM g))
       SELECT (SELECT list(grp ORDER BY code) FROM ordered) AS groups, list(g.client_key) AS keys, list(ordered.code) AS codes
       FROM g JOIN ordered ON g.grp IS NOT DISTINCT FROM ordered.grp`,
    );
    const keys = numbers(row?.keys);
    const codeList = numbers(row?.codes);
    const codes = new Int32Array(maxOf(keys) + 1).fill(-1);
    for (let i = 0; i < keys.length; i++) codes[keys[i] as number] = codeList[i] as number;
    const groups = row?.groups == null ? [] : Array.from(row.groups as ArrayLike<string | null>, (g) => g ?? null);
    return { groups, codes };
  });
}

/**
 * Asks for the group columns of these dimension expressions that are not in memory yet,
 * one after the other, until `signal` aborts (the next view): after the first view the
 * next regroups find theirs. One at a time, so a click's queries wait for at most one of
 * them (≈ 10–20 ms of engine at 1M sessions) — not the lower lane, where a regroup could
 * wait behind an upload's copy into the browser's database file.
 */
export async function prefetchGroupColumns(db: Database, expressions: readonly string[], signal: AbortSignal): Promise<void> {
  for (const expression of expressions) {
    if (signal.aborted) return;
    await groupColumn(db, expression).catch(() => undefined);
  }
}

/** Which mentors held sessions with which client (`client_mentor`), mentors as dense codes. */
export interface MentorPairs {
  readonly keys: Int32Array;
  readonly mentors: Int32Array;
  readonly mentorCount: number;
}

export function mentorPairs(db: Database): Promise<MentorPairs> {
  return memoColumn(db, 'mentor pairs', async () => {
    const [row] = await db.query<{ keys: unknown; mentors: unknown; mentor_count: number }>(
      `WITH m AS (SELECT mentor_id, (row_number() OVER () - 1)::INTEGER AS code FROM (SELECT DISTINCT mentor_id FROM client_mentor WHERE mentor_id IS NOT NULL))
       SELECT list(cm.client_key) AS keys, list(m.code) AS mentors, (SELECT count(*) FROM m)::INTEGER AS mentor_count
       FROM client_mentor cm JOIN m USING (mentor_id)`,
    );
    return {
      keys: Int32Array.from(numbers(row?.keys)),
      mentors: Int32Array.from(numbers(row?.mentors)),
      mentorCount: row?.mentor_count ?? 0,
    };
  });
}

/**
 * The keys of the clients a selection (a SELECT over `client_fact f`, with its parameters)
 * keeps. `key` names the selection's inputs; recent selections are answered from memory,
 * and one under way is shared (cancelled only when nobody waits for it any more).
 */
export function selectedClients(
  db: Database,
  key: string,
  sql: string,
  params: readonly SqlParam[],
  signal?: AbortSignal,
): Promise<Int32Array> {
  return memoryOf(db).selections.get(
    key,
    async (own) => {
      const [row] = await db.query<{ keys: unknown }>(`SELECT list(f.client_key) AS keys FROM (${sql}) f`, params, { signal: own });
      return Int32Array.from(numbers(row?.keys));
    },
    signal,
  );
}

function maxOf(keys: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < keys.length; i++) if ((keys[i] as number) > max) max = keys[i] as number;
  return max;
}

/** A list cell (an Arrow vector) as a typed array without copying where Arrow allows; empty when NULL. */
export function numbers(cell: unknown): ArrayLike<number> {
  if (cell == null) return new Float64Array(0);
  const array = (cell as { toArray?: () => unknown }).toArray?.();
  if (ArrayBuffer.isView(array) && !(array instanceof BigInt64Array) && !(array instanceof BigUint64Array))
    return array as unknown as ArrayLike<number>;
  return Float64Array.from(cell as ArrayLike<number>, Number);
}
