/**
 * The engine refuses the outside world, whatever the host sends.
 *
 * DuckDB opens files and URLs itself (`read_csv('http://…')`, `FROM 'x.csv'`, `read_text`,
 * `sniff_csv`, `glob` …), inside its worker, where a page's `<meta>` Content-Security-Policy
 * does not reach. So the engine is locked with its own settings, right after it starts:
 *
 * - every file the app hands to DuckDB is registered under one directory, `APP_FILE_DIR`
 *   (uploaded slices, canonical copies, exports, the crosswalk, published database files);
 * - `allowed_directories` lists only that directory, then `enable_external_access = false`
 *   refuses every other path and every URL — the app's registered files stay readable;
 * - `lock_configuration = true` stops any later `SET` (from user SQL or anything else) from
 *   undoing it.
 *
 * A published (remote) dataset keeps working: its files are registered under the same
 * directory and fetched by DuckDB-WASM's own file layer from the URL the app checked against
 * the allowed origins (remote-manifest.ts); SQL cannot register files.
 *
 * This is not string filtering of SQL: the engine itself refuses the access. Side-effect
 * table functions (`enable_logging`, `checkpoint` …) are not covered by these settings and
 * are refused before they run by the SQL page's guard (query/user-sql-guard.ts).
 */

/** The one directory whose files DuckDB may open. */
export const APP_FILE_DIR = '/dampingan/';

const SAFE_FILE_NAME = /^[A-Za-z0-9_.-]+$/;

/** The engine path of an app file: `name` (letters, digits, `_ . -`) inside `APP_FILE_DIR`. */
export function appFile(name: string): string {
  if (!SAFE_FILE_NAME.test(name) || name.includes('..')) throw new Error(`Not a safe app file name: ${JSON.stringify(name)}`);
  return `${APP_FILE_DIR}${name}`;
}

/**
 * Run once, in this order, on a fresh engine before it is used. Extension auto-loading is
 * off (nothing may be fetched at run time); HEAD requests are not trusted for remote files
 * (DuckDB-WASM then sizes a file with a one-byte ranged GET, which every host that serves
 * ranges answers — the setting cannot change once the configuration is locked).
 */
export const LOCKDOWN_STATEMENTS: readonly string[] = [
  `SET autoinstall_known_extensions = false`,
  `SET autoload_known_extensions = false`,
  `SET reliable_head_requests = false`,
  `SET allowed_directories = ['${APP_FILE_DIR}']`,
  `SET enable_external_access = false`,
  `SET lock_configuration = true`,
];

/** Applies the lock-down through any way of running one statement. */
export async function lockDownEngine(run: (sql: string) => Promise<unknown>): Promise<void> {
  for (const sql of LOCKDOWN_STATEMENTS) await run(sql);
}
