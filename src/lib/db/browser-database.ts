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
import { assets } from '$app/paths';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { arrowToRows } from './arrow-rows';
import { REMOTE_FILESYSTEM_CONFIG } from './remote-browser';
import { lockDownEngine } from './engine-lockdown';
import { STORE_CATALOG } from './swap';
import { inlineParams } from '../query/sql';
import { runPendingQuery, type PendingQueryPort } from './pending-query';
import { createQueryQueue } from './query-queue';
import { loadEngineModule, moduleServedFromCache, type EngineModule } from './engine-download';
import type { DownloadProgress } from './download-estimate';
import { cacheName } from '../offline/sw-rules';
import type { Database, QueryOptions, SqlParam } from '../query/database';
import type { EngineDatabase, EnginePersistence } from './engine-database';
import { errorMessage } from '../domain/error-text';

export interface BrowserDatabase extends EngineDatabase {
  readonly db: duckdb.AsyncDuckDB;
  /** Stops the worker (an engine of its own, such as the remote check's). */
  terminate(): Promise<void>;
}

export type { EnginePersistence };

let started: Promise<BrowserDatabase> | null = null;

/** The engine module's size as built (vite.config.ts), for progress when the host compresses it. */
declare const __DUCKDB_WASM_BYTES__: number;

/** How the engine's download goes (`fromDevice` when it came from this device's cache). */
export type EngineProgress = DownloadProgress;

const progressListeners = new Set<(progress: EngineProgress) => void>();
let lastProgress: EngineProgress | null = null;

function reportProgress(progress: EngineProgress): void {
  lastProgress = progress;
  for (const listener of progressListeners) listener(progress);
}

/**
 * Starts the page's engine (with the site's database file, when it can) on first call; later
 * calls get the same instance. The client hook calls it before the page hydrates; the dataset
 * manager's call then follows the download from where it got to.
 */
export function startDatabase(onEngineProgress?: (progress: EngineProgress) => void): Promise<BrowserDatabase> {
  if (onEngineProgress && !progressListeners.has(onEngineProgress)) {
    progressListeners.add(onEngineProgress);
    if (lastProgress) onEngineProgress(lastProgress);
  }
  started ??= openBrowserDatabase({ persistent: true, onEngineProgress: reportProgress }).catch((error: unknown) => {
    started = null; // let a later call try again
    lastProgress = null;
    throw error;
  });
  return started;
}

/** The engine's database file in OPFS; its catalog is `STORE_CATALOG`. */
export const STORE_DB_PATH = `opfs://dampingan/${STORE_CATALOG}.duckdb`;
/** The Web Lock a tab holds while its engine has the database file open. */
export const STORE_LOCK = 'dampingan-store-db';

/**
 * A new engine in a worker of its own, its module downloaded once (and kept for offline use).
 * When the site's service worker already holds the module, DuckDB's worker fetches it itself
 * through `static/engine-worker.js` (the browser then reuses the code it compiled on earlier
 * visits); otherwise the page downloads it, with progress, and hands over a `blob:` copy.
 */
async function instantiate(onEngineProgress?: (progress: EngineProgress) => void): Promise<duckdb.AsyncDuckDB> {
  const moduleUrl = new URL(ehWasmUrl, location.href).href;
  const workerUrl = new URL(ehWorkerUrl, location.href).href;
  // The service worker, where there is one, keeps the module for offline use.
  const keep = 'serviceWorker' in navigator && window.isSecureContext && typeof caches !== 'undefined';
  const cache = keep ? caches : null;
  if (await moduleServedFromCache(moduleUrl, { caches: cache, controlled: keep && navigator.serviceWorker.controller !== null })) {
    const at = performance.now();
    onEngineProgress?.({ loaded: __DUCKDB_WASM_BYTES__, total: __DUCKDB_WASM_BYTES__, startedAt: at, now: at, fromDevice: true });
    performance.mark('dampingan:engine-fetched', { detail: 'service-worker' });
    const wrapper = new URL(`${assets}/engine-worker.js`, location.href).href;
    try {
      return await instantiateIn(new Worker(wrapper, { name: workerUrl }), moduleUrl);
    } catch {
      // The page's own copy below (the one every first visit uses) still works.
    }
  }
  const worker = new Worker(workerUrl); // its script loads while the module does
  let module: EngineModule;
  try {
    module = await loadEngineModule(moduleUrl, {
      expectedBytes: __DUCKDB_WASM_BYTES__,
      caches: cache,
      cacheName: cacheName(version),
      locks: navigator.locks ?? null,
      onProgress: onEngineProgress,
    });
  } catch (error) {
    worker.terminate();
    throw error;
  }
  performance.mark('dampingan:engine-fetched', { detail: module.source });
  try {
    return await instantiateIn(worker, module.url);
  } finally {
    module.release();
  }
}

/** DuckDB started in `worker`; rejects (rather than waits for good) when the worker's script fails. */
async function instantiateIn(worker: Worker, moduleUrl: string): Promise<duckdb.AsyncDuckDB> {
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  let failed: (error: Error) => void = () => undefined;
  const onError = (event: ErrorEvent) => failed(new Error(event.message || 'the engine worker failed to start'));
  worker.addEventListener('error', onError);
  try {
    await Promise.race([db.instantiate(moduleUrl), new Promise<never>((_, reject) => (failed = reject))]);
  } catch (error) {
    await db.terminate().catch(() => undefined);
    throw error;
  } finally {
    worker.removeEventListener('error', onError);
  }
  return db;
}

/** Takes the store's Web Lock for the rest of the page's life, if no other tab has it. */
function holdStoreLock(): Promise<'held' | 'busy' | 'no-locks'> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return Promise.resolve('no-locks');
  return new Promise((resolve) => {
    locks
      .request(STORE_LOCK, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve('busy');
          return undefined;
        }
        resolve('held');
        return new Promise<never>(() => undefined); // released when the page goes
      })
      .catch(() => resolve('no-locks'));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether an open failed because another engine still has the file (a tab closing, a second tab). */
function isHandleBusy(error: unknown): boolean {
  return /Access Handles? cannot be created|NoModificationAllowed|another open Access Handle/i.test(errorMessage(error));
}

/** Whether an open failed because the file itself is unusable (damaged, or written by another engine version). */
function isFileUnusable(error: unknown): boolean {
  // "Failure while replaying WAL file …": a journal torn by a tab closed in the middle of a write.
  return /not a valid DuckDB database|Corrupt|checksum|serialized|storage version|replaying WAL/i.test(errorMessage(error));
}

/**
 * Deletes the database file and its journal (from the page, once no engine has them open);
 * false when one is still there — an engine just terminated may not have let go of it yet.
 */
async function deleteStoreFile(): Promise<boolean> {
  const root = await navigator.storage.getDirectory();
  const dir = await root.getDirectoryHandle('dampingan').catch(() => null);
  if (!dir) return true;
  const file = `${STORE_CATALOG}.duckdb`;
  let gone = true;
  for (const name of [file, `${file}.wal`]) {
    await dir.removeEntry(name).catch((error: unknown) => {
      if ((error as { name?: string } | null)?.name !== 'NotFoundError') gone = false;
    });
  }
  return gone;
}

/**
 * Opens the engine's main database: the site's file in OPFS when this tab may hold it, with
 * an in-memory catalog beside it for the working tables (so only stored datasets are written
 * to the file), else in memory only. A damaged file is deleted and started again (the CSV
 * copies remain the source of every stored dataset).
 */
async function openMainDatabase(
  db: duckdb.AsyncDuckDB,
  persistent: boolean,
): Promise<{ db: duckdb.AsyncDuckDB; persistence: EnginePersistence }> {
  // Range reads for remote datasets (remote-browser.ts): DuckDB-WASM otherwise downloads
  // a registered HTTP file whole.
  const config: duckdb.DuckDBConfig = { query: { castBigIntToDouble: false }, filesystem: REMOTE_FILESYSTEM_CONFIG };
  if (!persistent) {
    await db.open(config);
    return { db, persistence: { kind: 'memory', reason: 'not-asked' } };
  }
  const lock = await holdStoreLock();
  if (lock === 'busy') {
    await db.open(config);
    return { db, persistence: { kind: 'memory', reason: 'busy' } };
  }
  let engine = db;
  let failure: unknown = null;
  let deleted = false;
  // This tab holds the lock, so the tab that held it before has gone; its engine may still be
  // letting go of the file (a large file takes longer): retries for up to ≈ 5 s.
  for (const wait of [0, 150, 400, 800, 1500, 2500]) {
    if (wait > 0) await sleep(wait);
    try {
      await engine.open({ ...config, path: STORE_DB_PATH, accessMode: duckdb.DuckDBAccessMode.READ_WRITE });
      return { db: engine, persistence: { kind: 'opfs' } };
    } catch (error) {
      failure = error;
      if (isFileUnusable(error) && !deleted) {
        // Start again with a new file: the engine that tried has it open, so it goes first.
        // On a busy device its worker may not have let go yet: then the next try deletes again.
        await engine.terminate();
        deleted = await deleteStoreFile().catch(() => false);
        engine = await instantiate();
        continue;
      }
      if (!isHandleBusy(error)) break;
    }
  }
  await engine.open(config);
  const detail = errorMessage(failure);
  return { db: engine, persistence: { kind: 'memory', reason: isHandleBusy(failure) ? 'busy' : 'unavailable', detail } };
}

/**
 * Starts a new engine in a worker of its own, locked down like every engine of the app. Pages
 * use the shared one (`startDatabase`), which also opens the site's database file; a second
 * one keeps work apart from the dataset the pages show (the remote check) and never does.
 */
export async function openBrowserDatabase(
  options: { persistent?: boolean; onEngineProgress?: (progress: EngineProgress) => void } = {},
): Promise<BrowserDatabase> {
  performance.mark('dampingan:engine-start');
  const engine = await instantiate(options.onEngineProgress);
  performance.mark('dampingan:engine-instantiated');
  const opened = await openMainDatabase(engine, options.persistent ?? false);
  const db = opened.db;
  performance.mark('dampingan:engine-opened');
  const conn = await db.connect();
  if (opened.persistence.kind === 'opfs') {
    // Working tables in memory, as without the file; stored datasets are written to the
    // file's catalog by name (stored-tables.ts). DuckDB spills nothing to disk here.
    await conn.query(`ATTACH ':memory:' AS memory`);
    await conn.query('USE memory');
  }
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

  // Each query leaves a performance measure (the start of its SQL, its rows and lane in `detail`),
  // so a trace or the bench can say which queries a view ran and how long each took, the
  // worker's round trips included. Only the start: an upload's statements can be long.
  async function run<T>(sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<T[]> {
    const start = performance.now();
    const rows = await runUnmeasured<T>(sql, params, options);
    performance.measure('dampingan:query', {
      start,
      detail: { sql: sql.slice(0, 300), rows: rows.length, lane: options?.priority ?? 'foreground' },
    });
    return rows;
  }

  async function runUnmeasured<T>(sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<T[]> {
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
    persistence: opened.persistence,
    query<T>(sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<T[]> {
      return enqueue(() => run<T>(sql, params, options), options?.signal, options?.priority);
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
