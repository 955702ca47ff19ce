/**
 * What the dataset manager needs from an engine beyond running SQL: files to read from and
 * write to, whole-transaction access, and whether uploads can be kept in its database file.
 * The browser's worker (browser-database.ts) and DuckDB-WASM's Node build (node-database.ts)
 * both implement it, so the managers run on the real engine in unit tests.
 */
import type { Database } from '../query/database';

/**
 * Where the engine keeps uploads between visits (stored-tables.ts): in its own database file
 * in OPFS, or nowhere because another tab of the site holds that file (`busy`), the browser
 * cannot give the engine access to it (`unavailable`), or the engine was opened without it.
 */
export type EnginePersistence =
  { readonly kind: 'opfs' } | { readonly kind: 'memory'; readonly reason: 'busy' | 'unavailable' | 'not-asked'; readonly detail?: string };

export interface EngineDatabase extends Database {
  readonly persistence: EnginePersistence;
  exclusive<T>(work: (db: Database) => Promise<T>): Promise<T>;
  /** Makes a File or Blob readable by SQL under `name`. */
  registerBlob(name: string, blob: Blob): Promise<void>;
  /** Prepares an in-memory file for DuckDB to write into (`COPY … TO name`). */
  registerEmptyFile(name: string): Promise<void>;
  /** The bytes of a file DuckDB wrote (e.g. with `COPY … TO name`). */
  copyFileToBuffer(name: string): Promise<Uint8Array>;
}
