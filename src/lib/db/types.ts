/** What the app needs from a DuckDB instance: the browser worker and the Node engine in
 * tests both implement it, so the same SQL runs on the same engine in both places. */

export type SqlParam = string | number | boolean | null;
export type Row = Record<string, unknown>;

export interface Database {
  /** Runs one statement; with params it is prepared and the params are bound (`?`). */
  query<T = Row>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** Makes bytes readable by SQL under `name` (e.g. in `read_csv('name')`). */
  registerFileBuffer(name: string, bytes: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
}
