/**
 * DuckDB-WASM in a Web Worker, started once per page load and shared by every page.
 * The `.wasm` and worker files are bundled by Vite and served from the site itself.
 * Only the `eh` (WebAssembly exceptions) bundle ships: every current browser runs it,
 * and the `coi` (threads) bundle needs cross-origin-isolation headers few hosts send.
 * The `.wasm` itself is fetched by the page (engine-download.ts): progress on a slow link,
 * one copy in the service worker's cache.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { version } from '$app/environment';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { arrowToRows } from './arrow-rows';
import { REMOTE_FILESYSTEM_CONFIG } from './remote-browser';
import { lockDownEngine } from './engine-lockdown';
import { inlineParams } from '../query/sql';
import { runPendingQuery, type PendingQueryPort } from './pending-query';
import { createQueryQueue } from './query-queue';
import { loadEngineModule } from './engine-download';
import type { DownloadProgress } from './download-estimate';
import { cacheName } from '../offline/sw-rules';
import type { Database, QueryOptions, SqlParam } from './types';

export interface BrowserDatabase extends Database {
  readonly db: duckdb.AsyncDuckDB;
  exclusive<T>(work: (db: Database) => Promise<T>): Promise<T>;
  /** Makes a File or Blob readable by SQL under `name`, read lazily inside the worker. */
  registerBlob(name: string, blob: Blob): Promise<void>;
  /** Prepares an in-memory file for DuckDB to write into (`COPY … TO name`). */
  registerEmptyFile(name: string): Promise<void>;
  /** The bytes of a file DuckDB wrote (e.g. with `COPY … TO name`). */
  copyFileToBuffer(name: string): Promise<Uint8Array>;
  /** Stops the worker (an engine of its own, such as the remote check's). */
  terminate(): Promise<void>;
}

let started: Promise<BrowserDatabase> | null = null;

/** The engine module's size as built (vite.config.ts), for progress when the host compresses it. */
declare const __DUCKDB_WASM_BYTES__: number;

/** How the engine's download goes (`fromDevice` when it came from this device's cache). */
export type EngineProgress = DownloadProgress;

/** Starts the page's engine on first call; later calls get the same instance. */
export function startDatabase(onEngineProgress?: (progress: EngineProgress) => void): Promise<BrowserDatabase> {
  started ??= openBrowserDatabase(onEngineProgress).catch((error: unknown) => {
    started = null; // let a later call try again
    throw error;
  });
  return started;
}

/**
 * Starts a new engine in a worker of its own, locked down like every engine of the app. Pages
 * use the shared one (`startDatabase`); a second one keeps work apart from the dataset the
 * pages show (the remote check).
 */
export async function openBrowserDatabase(onEngineProgress?: (progress: EngineProgress) => void): Promise<BrowserDatabase> {
  performance.mark('dampingan:engine-start');
  const worker = new Worker(new URL(ehWorkerUrl, location.href).href);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  try {
    // The service worker, where there is one, keeps the module for offline use.
    const keep = 'serviceWorker' in navigator && window.isSecureContext && typeof caches !== 'undefined';
    const module = await loadEngineModule(new URL(ehWasmUrl, location.href).href, {
      expectedBytes: __DUCKDB_WASM_BYTES__,
      caches: keep ? caches : null,
      cacheName: cacheName(version),
      locks: navigator.locks ?? null,
      onProgress: onEngineProgress,
    });
    performance.mark('dampingan:engine-fetched');
    try {
      await db.instantiate(module.url);
    } finally {
      module.release();
    }
  } catch (error) {
    await db.terminate().catch(() => undefined);
    throw error;
  }
  performance.mark('dampingan:engine-instantiated');
  // Range reads for remote datasets (remote-browser.ts): DuckDB-WASM otherwise downloads
  // a registered HTTP file whole.
  await db.open({ query: { castBigIntToDouble: false }, filesystem: REMOTE_FILESYSTEM_CONFIG });
  const conn = await db.connect();
  // Nothing may leave the origin, whatever the host's headers: the engine refuses every
  // URL and every path outside the app's own registered files (engine-lockdown.ts).
  await lockDownEngine((sql) => conn.query(sql));
  performance.mark('dampingan:engine-ready');

  // One connection, one queue: DuckDB-WASM runs one query at a time per connection anyway,
  // and a queue keeps a prepared statement's prepare/query/close together. A query whose
  // signal aborts while it waits is skipped; one that is running is interrupted.
  const enqueue = createQueryQueue();

  const connectionId = conn.useUnsafe((_, id) => id);
  const port: PendingQueryPort = {
    start: (sql) => db.startPendingQuery(connectionId, sql, true),
    poll: () => db.pollPendingQuery(connectionId),
    fetch: () => db.fetchQueryResults(connectionId),
    cancel: () => db.cancelPendingQuery(connectionId),
  };

  async function run<T>(sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<T[]> {
    if (options?.signal) {
      // The cancellable path takes text: the values go in as literals (query/sql.ts).
      const text = params && params.length > 0 ? inlineParams(sql, params) : sql;
      return arrowToRows<T>((await runPendingQuery(port, text, { signal: options.signal })).table);
    }
    if (params && params.length > 0) {
      const stmt = await conn.prepare(sql);
      try {
        return arrowToRows<T>(await stmt.query(...params));
      } finally {
        await stmt.close();
      }
    }
    return arrowToRows<T>(await conn.query(sql));
  }

  const self: BrowserDatabase = {
    db,
    query<T>(sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<T[]> {
      return enqueue(() => run<T>(sql, params, options), options?.signal);
    },
    queryCapped<T>(sql: string, options: QueryOptions & { maxBytes: number }) {
      return enqueue(async () => {
        const result = await runPendingQuery(port, sql, options);
        return { rows: arrowToRows<T>(result.table), truncated: result.truncated };
      }, options.signal);
    },
    exclusive<T>(work: (direct: Database) => Promise<T>): Promise<T> {
      // The whole of `work` holds the queue: a transaction sees no other page's queries.
      const direct: Database = {
        query: run,
        registerFileBuffer: (name, bytes) => db.registerFileBuffer(name, bytes),
        dropFile: async (name) => {
          await db.dropFile(name);
        },
      };
      return enqueue(() => work(direct));
    },
    async registerBlob(name, blob) {
      await db.registerFileHandle(name, blob, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    },
    async registerEmptyFile(name) {
      await db.registerEmptyFileBuffer(name);
    },
    copyFileToBuffer(name) {
      return db.copyFileToBuffer(name);
    },
    async registerFileBuffer(name, bytes) {
      await db.registerFileBuffer(name, bytes);
    },
    async dropFile(name) {
      await db.dropFile(name);
    },
    async terminate() {
      await db.terminate();
    },
  };
  return self;
}
