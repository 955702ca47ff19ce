/**
 * DuckDB-WASM's blocking Node build behind the app's `Database` interface: the same engine
 * and the same SQL as the browser, for unit tests, the benchmark and expected values.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Database, SqlParam } from '../../src/lib/db/types';
import { arrowToRows } from '../../src/lib/db/arrow-rows';
import { loadCanonicalTables } from '../../src/lib/db/load-canonical';
import { TABLE_NAMES, type TableName } from '../../src/lib/domain/schema';

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as typeof import('@duckdb/duckdb-wasm/blocking');

export async function openNodeDatabase(): Promise<Database & { close(): void }> {
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles = {
    mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const bindings = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await bindings.instantiate();
  bindings.open({});
  const conn = bindings.connect();
  conn.query(`SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;`);
  return {
    async query<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
      if (params && params.length > 0) {
        const stmt = conn.prepare(sql);
        try {
          return arrowToRows<T>(stmt.query(...params));
        } finally {
          stmt.close();
        }
      }
      return arrowToRows<T>(conn.query(sql));
    },
    async registerFileBuffer(name: string, bytes: Uint8Array) {
      bindings.registerFileBuffer(name, bytes);
    },
    async dropFile(name: string) {
      bindings.dropFile(name);
    },
    close() {
      conn.close();
      bindings.reset();
    },
  };
}

/** Opens a database with a canonical dataset from a folder (default: the built-in sample). */
export async function openDatasetFromFolder(folder: string, crosswalkPath: string): Promise<Database & { close(): void }> {
  const db = await openNodeDatabase();
  const files = Object.fromEntries(
    TABLE_NAMES.map((t) => [t, new Uint8Array(readFileSync(join(folder, `${t}.csv`)))]),
  ) as Record<TableName, Uint8Array>;
  await loadCanonicalTables(db, files, new Uint8Array(readFileSync(crosswalkPath)));
  return db;
}
