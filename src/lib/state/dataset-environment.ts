/**
 * What the dataset and upload managers take from the world around them: the engine, the
 * site's files, the browser's storage, the page's address and clock. The browser passes
 * the real ones (browser-environment.ts); unit tests pass DuckDB-WASM's Node engine, files
 * read from disk and storage in memory, so the managers run in Node on the real engine.
 */
import type { EngineDatabase } from '../db/engine-database';
import type { EngineProgress } from '../db/browser-database';
import type { DatasetStore } from '../db/dataset-store';
import type { ColumnCache } from '../db/column-cache';
import type { TableName } from '../domain/schema';

/** A published dataset opened in the engine (db/remote-browser.ts). */
export interface OpenedRemote {
  /** The publisher's title, or the host when it has none. */
  readonly title: string;
  readonly baseUrl: string;
  readonly fingerprint: string;
  readonly tables: readonly { readonly table: TableName; readonly rows: number }[];
}

export interface DatasetEnvironment<D extends EngineDatabase = EngineDatabase> {
  /** Starts the engine (once; the manager keeps it). */
  startEngine(onProgress: (progress: EngineProgress) => void): Promise<D>;
  /** The built-in sample's four tables, reporting bytes received per table. */
  fetchSample(onBytes?: (table: TableName, bytes: number) => void): Promise<Record<TableName, Uint8Array>>;
  /** The site's mentor-function crosswalk (data/mentor-functions.csv). */
  fetchCrosswalk(): Promise<Uint8Array>;
  /** Where uploads are kept between visits. */
  openStore(): Promise<DatasetStore>;
  /** Where a stored upload's Explore columns are kept for its next visit (null: nowhere). */
  readonly columnCache: ColumnCache | null;
  /** The app's version (kept columns count only for the code that asked for them). */
  readonly appVersion: string;
  /** The dataset to open on the next visit (localStorage in the browser). */
  readActiveId(): string | null;
  writeActiveId(id: string | null): void;
  newDatasetId(): string;
  /** The page's `source` link parameter: a published dataset to open instead of the remembered one. */
  sourceParam(): string | null;
  openRemote(db: D, url: string): Promise<OpenedRemote>;
  releaseRemote(db: D): Promise<void>;
  /** A performance mark (`dampingan:<name>`), for the benchmark's profile. */
  mark(name: string): void;
  now(): number;
}
