/** What the app needs from a DuckDB instance: the browser worker and the Node engine in
 * tests both implement it, so the same SQL runs on the same engine in both places. */

export type SqlParam = string | number | boolean | null;
export type Row = Record<string, unknown>;

export interface QueryOptions {
  /**
   * Aborting it stops the query: taken out of the queue if it has not started, interrupted
   * in the engine if it has (the promise rejects with `QueryCancelledError`).
   */
  signal?: AbortSignal;
  /** `background`: runs only when no other query waits (see db/query-queue.ts). */
  priority?: 'foreground' | 'background';
}

export interface Database {
  /** Runs one statement; with params it is prepared and the params are bound (`?`). */
  query<T = Row>(sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<T[]>;
  /**
   * Runs one statement that can be stopped, streaming its result: at most `maxBytes` of it
   * are kept (`truncated` says when the rest was dropped). For queries of unknown cost —
   * an evaluator's own SQL.
   */
  queryCapped?<T = Row>(sql: string, options: QueryOptions & { maxBytes: number }): Promise<{ rows: T[]; truncated: boolean }>;
  /** Makes bytes readable by SQL under `name` (e.g. in `read_csv('name')`). */
  registerFileBuffer(name: string, bytes: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
  /**
   * Runs `work` with the connection to itself: no other query runs in between (for
   * transactions). Optional: a database used by one caller at a time does not need it.
   * Note: `work` gets a different object than this one; code that keeps state per
   * Database object (e.g. a WeakMap keyed by it) sees a different key inside `work`.
   */
  exclusive?<T>(work: (db: Database) => Promise<T>): Promise<T>;
}
