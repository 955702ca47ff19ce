/**
 * Native DuckDB (@duckdb/node-api, same DuckDB version as the browser's WASM build, two
 * threads) behind the app's `Database` interface — the benchmark's reference for what the
 * hardware can do. Files are read straight from disk: `registerFileBuffer` is not used;
 * `read_csv('clients.csv')` resolves through `file_search_path`.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { Database, SqlParam } from '../../src/lib/query/database';
import { APP_FILE_DIR } from '../../src/lib/db/engine-lockdown';

/**
 * The app names its files inside DuckDB-WASM's locked-down directory (`/dampingan/x.csv`,
 * engine-lockdown.ts); native DuckDB reads them by bare name through `file_search_path`.
 */
export function nativeFileNames(sql: string): string {
  return sql.replaceAll(`'${APP_FILE_DIR}`, "'");
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value && typeof value === 'object' && 'toDouble' in value && typeof (value as { toDouble: unknown }).toDouble === 'function') {
    return (value as { toDouble(): number }).toDouble(); // DECIMAL
  }
  if (value && typeof value === 'object' && 'items' in value) return ((value as { items: unknown[] }).items ?? []).map(plain); // LIST
  return value;
}

export async function openNativeDatabase(searchPaths: string[]): Promise<Database & { close(): void }> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const conn = await instance.connect();
  await conn.run(`SET file_search_path = '${searchPaths.join(',').replaceAll("'", "''")}'`);
  await conn.run('SET autoinstall_known_extensions = false');
  await conn.run('SET autoload_known_extensions = false');
  // One connection, one query at a time, as in the browser (db/query-queue.ts): callers
  // such as Explore ask for several parts at once, and a connection runs one statement.
  let last: Promise<unknown> = Promise.resolve();
  const run = async <T>(sql: string, params?: readonly SqlParam[]): Promise<T[]> => {
    const reader = await conn.runAndReadAll(nativeFileNames(sql), params && params.length ? (params as never) : undefined);
    return reader.getRowObjects().map((row) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) out[k] = plain(v);
      return out as T;
    });
  };
  return {
    query<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
      const result = last.then(() => run<T>(sql, params));
      last = result.catch(() => undefined);
      return result;
    },
    async registerFileBuffer() {
      // Native reads the files where they lie (file_search_path).
    },
    async dropFile() {},
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
