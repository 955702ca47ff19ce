/**
 * DuckDB-WASM's blocking Node build behind the app's `Database` interface: the same engine
 * and the same SQL as the browser, for unit tests, the benchmark and expected values.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Database, QueryOptions, SqlParam } from '../query/database';
import type { EngineDatabase } from './engine-database';
import { runPendingQuery, type PendingQueryPort } from './pending-query';
import { createQueryQueue } from './query-queue';
import { inlineParams } from '../query/sql';
import { arrowToRows } from './arrow-rows';
import { loadCanonicalTables } from './load-canonical';
import { lockDownEngine } from './engine-lockdown';
import { TABLE_NAMES, type TableName } from '../domain/schema';

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as typeof import('@duckdb/duckdb-wasm/blocking');

export type NodeDatabase = EngineDatabase & { close(): void };

export async function openNodeDatabase(): Promise<NodeDatabase> {
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles = {
    mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const bindings = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await bindings.instantiate();
  bindings.open({});
  const conn = bindings.connect();
  // The same lock-down as the browser's engine: only app files, no URLs, no later SET.
  await lockDownEngine(async (sql) => conn.query(sql));
  const connectionId = conn.useUnsafe((_, id) => id);
  const port: PendingQueryPort = {
    start: (sql) => bindings.startPendingQuery(connectionId, sql, true),
    poll: () => bindings.pollPendingQuery(connectionId),
    fetch: () => bindings.fetchQueryResults(connectionId),
    cancel: () => bindings.cancelPendingQuery(connectionId),
  };
  // Queries wait their turn as in the browser's queue, so a cancelled one can be skipped.
  const enqueue = createQueryQueue();
  /** One statement, now: what a queued query or a transaction's statements run. */
  async function run<T>(sql: string, params?: readonly SqlParam[], signal?: AbortSignal): Promise<T[]> {
    if (signal) {
      const text = params && params.length > 0 ? inlineParams(sql, params) : sql;
      return arrowToRows<T>((await runPendingQuery(port, text, { signal })).table);
    }
    if (params && params.length > 0) {
      const stmt = conn.prepare(sql);
      try {
        return arrowToRows<T>(stmt.query(...params));
      } finally {
        stmt.close();
      }
    }
    return arrowToRows<T>(conn.query(sql));
  }
  const files = {
    async registerFileBuffer(name: string, bytes: Uint8Array) {
      bindings.registerFileBuffer(name, bytes);
    },
    async dropFile(name: string) {
      bindings.dropFile(name);
    },
  };
  return {
    ...files,
    // Node has no OPFS: uploads are kept only as their CSV copies.
    persistence: { kind: 'memory', reason: 'unavailable' },
    query<T>(sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<T[]> {
      return enqueue(() => run<T>(sql, params, options?.signal), options?.signal, options?.priority);
    },
    queryCapped<T>(sql: string, options: QueryOptions & { maxBytes: number }) {
      return enqueue(async () => {
        const result = await runPendingQuery(port, sql, options);
        return { rows: arrowToRows<T>(result.table), truncated: result.truncated };
      }, options.signal);
    },
    exclusive<T>(work: (direct: Database) => Promise<T>): Promise<T> {
      // The whole of `work` holds the queue, as in the browser: a transaction sees no other query.
      const direct: Database = { ...files, query: (sql, params, options) => run(sql, params, options?.signal) };
      return enqueue(() => work(direct));
    },
    async registerBlob(name: string, blob: Blob) {
      bindings.registerFileBuffer(name, new Uint8Array(await blob.arrayBuffer()));
    },
    async registerEmptyFile(name: string) {
      // COPY … TO writes into a registered buffer when it writes no temporary file first (USE_TMP_FILE false).
      bindings.registerFileBuffer(name, new Uint8Array(0));
    },
    async copyFileToBuffer(name: string) {
      return bindings.copyFileToBuffer(name);
    },
    close() {
      conn.close();
      bindings.reset();
    },
  };
}

/** Opens a database with a canonical dataset from a folder (default: the built-in sample). */
export async function openDatasetFromFolder(folder: string, crosswalkPath: string): Promise<NodeDatabase> {
  const db = await openNodeDatabase();
  const files = Object.fromEntries(TABLE_NAMES.map((t) => [t, new Uint8Array(readFileSync(join(folder, `${t}.csv`)))])) as Record<
    TableName,
    Uint8Array
  >;
  await loadCanonicalTables(db, files, new Uint8Array(readFileSync(crosswalkPath)));
  return db;
}
