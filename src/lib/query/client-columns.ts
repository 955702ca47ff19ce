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
 *   which the next regroup, and the function groups, share — unless the filters are on
 *   client dimensions only, whose group columns then answer without asking the engine.
 * Everything returned is what the direct SQL returns: groups, order, n, successes,
 * values and medians; a mean is summed in another order than DuckDB's (last bits).
 */
import type { Database, SqlParam } from './database';
import { dimensionByKey } from './dimensions';
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
  /** The columns that have arrived, by key (what `arrivedColumns` hands out). */
  arrived: Map<string, unknown>;
  selections: ResultCache;
}

const memories = new WeakMap<Database, Memory>();

/** This database's columns and selections of the current model generation (emptied when the model changes). */
function memoryOf(db: Database): Memory {
  const generation = currentModelGeneration();
  let memory = memories.get(db);
  if (!memory || memory.generation !== generation) {
    memory = { generation, columns: new Map(), arrived: new Map(), selections: new ResultCache(16) };
    memories.set(db, memory);
  }
  return memory;
}

/** One column, asked once and shared (not cancellable: the views after this one want it too). */
export function memoColumn<T>(db: Database, key: string, load: () => Promise<T>): Promise<T> {
  const memory = memoryOf(db);
  const { columns } = memory;
  let pending = columns.get(key) as Promise<T> | undefined;
  if (!pending) {
    const loading = load();
    pending = loading;
    columns.set(key, loading);
    loading.then(
      (column) => {
        if (columns.get(key) !== loading) return;
        memory.arrived.set(key, column);
        for (const listener of arrivalListeners.get(db) ?? []) listener();
      },
      () => {
        if (columns.get(key) === loading) columns.delete(key); // a failure is not remembered
      },
    );
  }
  return pending;
}

const arrivalListeners = new WeakMap<Database, Set<() => void>>();

/**
 * The columns of the current model generation that have arrived, as [key, column] pairs:
 * plain objects of typed arrays, numbers and strings (structured-cloneable), for keeping
 * beside a stored upload so that its next visit need not ask the engine again.
 */
export function arrivedColumns(db: Database): [string, unknown][] {
  return [...memoryOf(db).arrived];
}

/**
 * Columns kept from an earlier visit of the same dataset and model (`arrivedColumns` then):
 * later asks for those keys are answered from them without the engine. A key already asked
 * in this generation keeps its own answer.
 */
export function seedColumns(db: Database, entries: readonly (readonly [string, unknown])[]): void {
  const memory = memoryOf(db);
  for (const [key, column] of entries) {
    if (memory.columns.has(key)) continue;
    memory.columns.set(key, Promise.resolve(column));
    memory.arrived.set(key, column);
  }
}

/** Calls `listener` whenever a column asked of `db` arrives; returns the function that stops it. */
export function onColumnArrived(db: Database, listener: () => void): () => void {
  const listeners = arrivalListeners.get(db) ?? new Set<() => void>();
  arrivalListeners.set(db, listeners);
  listeners.add(listener);
  return () => listeners.delete(listener);
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

/** What `clientsFromColumns` needs of a view's filters (query/group-query.ts `ViewFilters`). */
export interface ClientFilters {
  readonly values: Readonly<Record<string, readonly string[]>>;
  readonly dateFrom?: string | null;
  readonly dateTo?: string | null;
}

/**
 * The keys of the clients a selection (a SELECT over `client_fact f`, with its parameters)
 * keeps. `key` names the selection's inputs; recent selections are answered from memory,
 * and one under way is shared (cancelled only when nobody waits for it any more). Given the
 * `filters` the SQL was built from, filters on client dimensions alone are answered from
 * the dimensions' group columns (`clientsFromColumns`), without a round trip to the engine.
 */
export function selectedClients(
  db: Database,
  key: string,
  sql: string,
  params: readonly SqlParam[],
  signal?: AbortSignal,
  filters?: ClientFilters,
): Promise<Int32Array> {
  return memoryOf(db).selections.get(
    key,
    async (own) => {
      const fromColumns = filters ? await clientsFromColumns(db, filters) : null;
      if (fromColumns) return fromColumns;
      const keys = async (signal?: AbortSignal) => {
        const [row] = await db.query<{ keys: unknown }>(`SELECT list(f.client_key) AS keys FROM (${sql}) f`, params, { signal });
        return Int32Array.from(numbers(row?.keys));
      };
      // No filter at all (every client, or all a view's SQL keeps): a column like the
      // others, kept with them for the next visit (state/column-keeper.ts). Not cancelled:
      // later views share it.
      if (filters && unfiltered(filters) && params.length === 0) return memoColumn(db, `selection ${sql}`, () => keys());
      return keys(own);
    },
    signal,
  );
}

function unfiltered(filters: ClientFilters): boolean {
  return !filters.dateFrom && !filters.dateTo && Object.values(filters.values).every((values) => !values || values.length === 0);
}

/**
 * The clients that filters on client dimensions keep (`expression IN (values)` for each
 * dimension, all of them), ascending by key, from the dimensions' group columns; null where
 * the SQL must answer: no filter, dates, exposure dimensions (functions, areas), or a value
 * that is not one of the dimension's groups as text (`02024` still matches the year 2024
 * in SQL; only exact group names are taken here).
 */
export async function clientsFromColumns(db: Database, filters: ClientFilters): Promise<Int32Array | null> {
  if (filters.dateFrom || filters.dateTo) return null;
  const wanted = Object.entries(filters.values).filter(([, values]) => values && values.length > 0);
  if (wanted.length === 0) return null;
  const expressions: string[] = [];
  for (const [key] of wanted) {
    const dim = dimensionByKey(key);
    if (!dim?.client || dim.exposure) return null;
    expressions.push(dim.client);
  }
  const columns = await Promise.all(expressions.map((expression) => groupColumn(db, expression)));
  const allowed: Uint8Array[] = [];
  for (let d = 0; d < wanted.length; d++) {
    const { groups } = columns[d] as GroupColumn;
    const codes = new Uint8Array(groups.length);
    for (const value of (wanted[d] as [string, readonly string[]])[1]) {
      const code = groups.indexOf(value);
      if (code < 0) return null;
      codes[code] = 1;
    }
    allowed.push(codes);
  }
  const size = Math.min(...columns.map((c) => c.codes.length));
  const kept = new Int32Array(size);
  let n = 0;
  for (let key = 0; key < size; key++) {
    let keep = true;
    for (let d = 0; d < columns.length && keep; d++) {
      const code = (columns[d] as GroupColumn).codes[key] as number;
      keep = code >= 0 && (allowed[d] as Uint8Array)[code] === 1;
    }
    if (keep) kept[n++] = key;
  }
  return kept.slice(0, n);
}

const valueOrders = new WeakMap<ValueColumn, Int32Array>();

/** Integer columns whose values span at most this many are ordered by counting, not sorted. */
const COUNTING_SPAN = 1 << 16;

/**
 * The keys of the clients with a value, ascending by value (ties by key); ordered once per
 * column. Yes/no columns and small counts are ordered by counting (one pass, no comparison
 * callback: 1 ms instead of 6–7 for 60,000 clients, measured warm in Node); other values
 * by a comparison sort.
 */
export function valueOrder(measure: ValueColumn): Int32Array {
  let order = valueOrders.get(measure);
  if (!order) {
    const { has, values } = measure;
    let n = 0;
    let min = Infinity;
    let max = -Infinity;
    let integers = true;
    for (let key = 0; key < has.length; key++) {
      if (has[key] !== 1) continue;
      n++;
      const value = values[key] as number;
      if (value < min) min = value;
      if (value > max) max = value;
      if (integers && !Number.isInteger(value)) integers = false;
    }
    order = n > 0 && integers && max - min < COUNTING_SPAN ? countingOrder(has, values, n, min, max) : sortedOrder(has, values, n);
    valueOrders.set(measure, order);
  }
  return order;
}

/** Counting sort: keys visited in ascending order keep ties ordered by key. */
function countingOrder(has: Uint8Array, values: Float64Array, n: number, min: number, max: number): Int32Array {
  const order = new Int32Array(n);
  const starts = new Int32Array(max - min + 2);
  for (let key = 0; key < has.length; key++) if (has[key] === 1) starts[(values[key] as number) - min + 1]!++;
  for (let v = 1; v < starts.length; v++) starts[v]! += starts[v - 1] as number;
  for (let key = 0; key < has.length; key++) if (has[key] === 1) order[starts[(values[key] as number) - min]!++] = key;
  return order;
}

/** A comparison sort by value, ties by key. */
function sortedOrder(has: Uint8Array, values: Float64Array, n: number): Int32Array {
  const order = new Int32Array(n);
  for (let key = 0, j = 0; key < has.length; key++) if (has[key] === 1) order[j++] = key;
  return order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
}

/**
 * The selected clients that have a value, ascending by value: every group split from them
 * is sorted, so its median and the order statistics of its intervals are read off directly
 * (stats/select.ts) instead of selected again for each group, statistic and worker.
 */
export function selectedByValue(selected: Int32Array, measure: ValueColumn): Int32Array {
  const order = valueOrder(measure);
  const chosen = new Uint8Array(measure.has.length);
  let n = 0;
  for (let i = 0; i < selected.length; i++) {
    const key = selected[i] as number;
    if (key < chosen.length && measure.has[key] === 1 && chosen[key] === 0) {
      chosen[key] = 1;
      n++;
    }
  }
  const out = new Int32Array(n);
  for (let i = 0, j = 0; j < n; i++) {
    const key = order[i] as number;
    if (chosen[key] === 1) out[j++] = key;
  }
  return out;
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
