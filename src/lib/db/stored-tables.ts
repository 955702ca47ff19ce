/**
 * Uploads kept in the engine's own database file, so that reopening the site attaches them
 * instead of reading CSV again. In the browser the engine's main database is a DuckDB file
 * in the Origin Private File System (browser-database.ts), attached as `STORE_CATALOG`; the
 * app's working tables live in the in-memory catalog beside it. Each stored dataset is one
 * schema of that file, named by the dataset's id, holding:
 *
 * - the four canonical tables and every model table (query/model.ts), with the exposure rows
 *   of the frameworks built so far, so a reopened dataset needs neither the CSV reader nor
 *   the model;
 * - `_about`: one row of JSON — fingerprint, row counts, coverage, the format version and
 *   the model key it was built with. It is written last: a schema without it is an
 *   interrupted save and is never used.
 *
 * Reopening makes the active tables views of the stored ones (`useStoredTables`), the same
 * way a published remote dataset is read; only the exposure rows are copied into memory,
 * because other frameworks' rows are added to them as views ask. Saving runs in the query
 * queue's background lane, in pieces, so the pages keep answering while an upload is kept. The CSV copies (dataset-store.ts) stay the source
 * of truth and the way back when this file cannot be opened (another tab holds it, a browser
 * without OPFS access handles) or a dataset is missing from it.
 *
 * Integrity: DuckDB checksums every block it reads from the file, so a damaged copy fails
 * loudly instead of showing other numbers; the fingerprint kept in `_about` must equal the
 * one the dataset was listed with.
 */
import { DUCKDB_TYPE, TABLES, TABLE_NAMES, type TableName } from '../domain/schema';
import {
  EXPOSURE_ADDITIONS,
  MODEL_TABLES,
  buildModel,
  completeModel,
  currentModelGeneration,
  exposureTableSql,
  frameworksBuilt,
} from '../query/model';
import type { Coverage } from '../query/coverage';
import { quoteIdent } from '../query/sql';
import { fnv1a64, modelVersion } from './remote-model';
import { STORE_CATALOG, dropTablesOrViews, swapTables } from './swap';
import type { Database, QueryOptions } from '../query/database';

export { STORE_CATALOG };

/** What a stored dataset says about itself (its `_about` row). */
export interface StoredAbout {
  readonly fingerprint: string;
  readonly formatVersion: number;
  /** `storedModelKey()` of the app that built the stored model tables. */
  readonly modelKey: string;
  readonly tables: readonly { readonly table: TableName; readonly rows: number }[];
  readonly coverage: Coverage;
  /** ISO time the tables were written. */
  readonly savedAt: string;
  /**
   * The frameworks whose exposure rows the stored model holds (each is inserted whole, by
   * one statement): a reopen need not ask. Absent in records written before it was kept.
   */
  readonly frameworks?: readonly string[];
  /** The stored canonical tables' columns (a reopen need not ask the catalog). Absent in older records. */
  readonly columns?: Readonly<Record<string, readonly string[]>>;
}

/** What a caller says about the tables it saves; the rest is read from the copy when it is made. */
export type AboutToSave = Omit<StoredAbout, 'savedAt' | 'frameworks' | 'columns'>;

/** Every table a stored dataset holds, in the order they are written. */
export const STORED_TABLES: readonly string[] = [...TABLE_NAMES, ...MODEL_TABLES];

const ABOUT_TABLE = '_about';
const isCanonical = (table: string): table is TableName => (TABLE_NAMES as readonly string[]).includes(table);
const EXPOSURE_TABLE = 'client_function_sessions';
const SAFE_ID = /^[a-z0-9-]{1,64}$/;

function schemaOf(id: string): string {
  if (!SAFE_ID.test(id)) throw new Error(`Not a dataset id: ${JSON.stringify(id)}`);
  return `${STORE_CATALOG}.${quoteIdent(id)}`;
}

/**
 * The model the stored tables were built with must be the one this app builds: the same
 * model SQL (`modelVersion()`) and the same function crosswalk. Otherwise the stored
 * canonical tables are used and the model is built again.
 */
export async function storedModelKey(crosswalkCsv: Uint8Array): Promise<string> {
  return fnv1a64(`${await modelVersion()}\n${new TextDecoder().decode(crosswalkCsv)}`);
}

/** Whether this engine has the store catalog attached (false in a tab that could not open the file). */
export async function hasStore(db: Database): Promise<boolean> {
  const rows = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duckdb_databases() WHERE database_name = ?`, [
    STORE_CATALOG,
  ]);
  return Number(rows[0]?.n ?? 0) > 0;
}

/** Ids of the datasets in the store, complete or not. */
export async function storedDatasetIds(db: Database, options?: QueryOptions): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT schema_name AS name FROM duckdb_schemas() WHERE database_name = ? AND NOT internal`,
    [STORE_CATALOG],
    options,
  );
  return rows.map((r) => r.name).filter((name) => SAFE_ID.test(name));
}

/** The `_about` of a stored dataset, or null when it is absent, incomplete or unreadable. */
export async function readStoredAbout(db: Database, id: string): Promise<StoredAbout | null> {
  if (!SAFE_ID.test(id)) return null;
  try {
    // Asked directly: a missing schema or `_about` (an interrupted save) is an error here.
    const rows = await db.query<{ about: string }>(`SELECT about FROM ${schemaOf(id)}.${ABOUT_TABLE}`);
    const about: unknown = JSON.parse(rows[0]?.about ?? 'null');
    return isAbout(about) ? about : null;
  } catch {
    return null;
  }
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

function isAbout(value: unknown): value is StoredAbout {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.fingerprint === 'string' &&
    typeof v.formatVersion === 'number' &&
    typeof v.modelKey === 'string' &&
    Array.isArray(v.tables) &&
    typeof v.coverage === 'object' &&
    v.coverage !== null &&
    (v.frameworks === undefined || isStringList(v.frameworks)) &&
    (v.columns === undefined ||
      (typeof v.columns === 'object' && v.columns !== null && Object.values(v.columns).every((names) => isStringList(names))))
  );
}

export type SaveOutcome = 'saved' | 'superseded';

/**
 * Writes the active dataset's tables into the store as dataset `id`, in pieces in the
 * background lane, so pages keep querying in between. If the active tables change meanwhile (another upload or
 * a switch: the model generation moves on), the partial copy is dropped and 'superseded'
 * comes back. `about` must describe the active tables.
 */
export async function saveStoredTables(db: Database, id: string, about: AboutToSave): Promise<SaveOutcome> {
  const schema = schemaOf(id);
  await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.query(`CREATE SCHEMA ${schema}`);
  const outcome = await copyInto(db, id, STORED_TABLES, about);
  // Nothing reads a copy that never got its `_about`: it can go at once.
  if (outcome === 'superseded') await removeStoredTables(db, id);
  return outcome;
}

/**
 * Replaces the model tables of stored dataset `id` with the active ones (after a model built
 * again because the stored one was stale); its canonical tables stay as they are.
 */
export async function refreshStoredModel(db: Database, id: string, about: AboutToSave): Promise<SaveOutcome> {
  const schema = schemaOf(id);
  await db.query(`DROP TABLE IF EXISTS ${schema}.${ABOUT_TABLE}`);
  for (const table of MODEL_TABLES) await db.query(`DROP TABLE IF EXISTS ${schema}.${quoteIdent(table)}`);
  return copyInto(db, id, MODEL_TABLES, about);
}

/** Rows per piece of a background copy: a page's query never waits behind more than one piece. */
const COPY_ROWS = 100_000;
const BACKGROUND = { priority: 'background' } as const;

async function copyInto(db: Database, id: string, tables: readonly string[], about: AboutToSave): Promise<SaveOutcome> {
  const schema = schemaOf(id);
  await completeModel(db, 'background'); // an upload's deferred model tables are copied too
  const generation = currentModelGeneration();
  // A swap meanwhile (another upload, a switch) changes what the active tables hold: stop,
  // leaving the copy without `_about` (incomplete, never used).
  const superseded = () => currentModelGeneration() !== generation;
  for (const table of tables) {
    if (superseded()) return 'superseded';
    const target = `${schema}.${quoteIdent(table)}`;
    await db.query(`CREATE TABLE ${target} AS SELECT * FROM ${quoteIdent(table)} LIMIT 0`, [], BACKGROUND);
    const [{ n, pieces }] = await db.query<{ n: number; pieces: boolean }>(
      `SELECT count(*)::BIGINT AS n, (SELECT count(*) > 0 FROM duckdb_tables() WHERE database_name = current_database() AND table_name = ?) AS pieces
       FROM ${quoteIdent(table)}`,
      [table],
      BACKGROUND,
    );
    // A view (a stored dataset's table read in place) has no row ids: one piece.
    if (!pieces) await db.query(`INSERT INTO ${target} SELECT * FROM ${quoteIdent(table)}`, [], BACKGROUND);
    else
      for (let from = 0; from < Number(n); from += COPY_ROWS) {
        if (superseded()) return 'superseded';
        await db.query(
          `INSERT INTO ${target} SELECT * FROM ${quoteIdent(table)} WHERE rowid >= ${from} AND rowid < ${from + COPY_ROWS}`,
          [],
          BACKGROUND,
        );
      }
  }
  if (superseded()) return 'superseded';
  // Read from the copy: what it holds, whatever was added to the active rows meanwhile.
  const frameworks = tables.includes(EXPOSURE_TABLE)
    ? (
        await db.query<{ framework: string }>(
          `SELECT DISTINCT framework FROM ${schema}.${quoteIdent(EXPOSURE_TABLE)} ORDER BY framework`,
          [],
          BACKGROUND,
        )
      ).map((r) => r.framework)
    : undefined;
  const stored = await storedColumns(db, id, BACKGROUND);
  const columns = Object.fromEntries(TABLE_NAMES.map((table) => [table, [...(stored.get(table) ?? [])]]));
  const complete: StoredAbout = { ...about, frameworks, columns, savedAt: new Date().toISOString() };
  await db.query(`CREATE TABLE ${schema}.${ABOUT_TABLE} AS SELECT ?::VARCHAR AS about`, [JSON.stringify(complete)], BACKGROUND);
  await db.query(`CHECKPOINT ${STORE_CATALOG}`, [], BACKGROUND);
  return 'saved';
}

/** The columns of a stored dataset's tables, by table (one catalog query). */
async function storedColumns(db: Database, id: string, options?: QueryOptions): Promise<Map<string, Set<string>>> {
  const rows = await db.query<{ table: string; name: string }>(
    `SELECT table_name AS "table", column_name AS name FROM duckdb_columns() WHERE database_name = ? AND schema_name = ?`,
    [STORE_CATALOG, id],
    options,
  );
  const columns = new Map<string, Set<string>>();
  for (const { table, name } of rows) columns.set(table, (columns.get(table) ?? new Set()).add(name));
  return columns;
}

/**
 * The SELECT list presenting a stored canonical table as the current one: a dataset stored
 * before the late columns existed (`ColumnDef.late`) lacks them, and they read as missing.
 */
function storedCanonicalSelect(table: TableName, present: ReadonlySet<string>): string {
  return TABLES[table].columns
    .map((c) => (present.has(c.name) ? quoteIdent(c.name) : `CAST(NULL AS ${DUCKDB_TYPE[c.kind]}) AS ${quoteIdent(c.name)}`))
    .join(', ');
}

/** How `useStoredTables` may take shortcuts, from what the caller knows. */
export interface StoredUseOptions {
  /** The stored `frameworks`: their exposure rows are known to be there (no check). */
  readonly frameworks?: readonly string[];
  /** The stored `columns` of the canonical tables (else the catalog is asked). */
  readonly columns?: Readonly<Record<string, readonly string[]>>;
  /**
   * No dataset has been in this engine (a page's first open): nothing to drop, so the
   * catalog is not listed — on a fresh engine its first listing costs ≈ 0.1 s.
   */
  readonly engineEmpty?: boolean;
}

/**
 * Makes stored dataset `id` the active one: the canonical tables (and, when `modelCurrent`,
 * the model tables) become views of the stored tables, in one swap. A stale model is built
 * again from the stored canonical tables.
 */
export async function useStoredTables(db: Database, id: string, modelCurrent: boolean, options: StoredUseOptions = {}): Promise<void> {
  const schema = schemaOf(id);
  const swap = (conn: Database) =>
    swapTables(
      conn,
      async () => {
        if (!options.engineEmpty) await dropTablesOrViews(conn, modelCurrent ? STORED_TABLES : TABLE_NAMES);
        const columns = options.columns
          ? new Map(Object.entries(options.columns).map(([table, names]) => [table, new Set(names)]))
          : await storedColumns(conn, id);
        for (const table of modelCurrent ? STORED_TABLES : TABLE_NAMES) {
          const stored = `${schema}.${quoteIdent(table)}`;
          // Exposure rows are added one framework at a time when a view first needs one
          // (ensureFramework): frameworks the file lacks go to an in-memory table the view
          // also reads. Every table is read in place, none copied.
          if (table === EXPOSURE_TABLE) {
            await conn.query(exposureTableSql(EXPOSURE_ADDITIONS));
            await conn.query(`CREATE VIEW ${quoteIdent(table)} AS SELECT * FROM ${stored} UNION ALL SELECT * FROM ${EXPOSURE_ADDITIONS}`);
          } else {
            const select = isCanonical(table) ? storedCanonicalSelect(table, columns.get(table) ?? new Set()) : '*';
            await conn.query(`CREATE VIEW ${quoteIdent(table)} AS SELECT ${select} FROM ${stored}`);
          }
        }
        if (!modelCurrent) await buildModel(conn);
      },
      { engineEmpty: options.engineEmpty },
    );
  await (db.exclusive ? db.exclusive(swap) : swap(db));
  // The stored model's frameworks need no check (the swap started a new model generation).
  if (modelCurrent) frameworksBuilt(db, options.frameworks ?? []);
}

/** Deletes a stored dataset's tables (nothing when it is not there). */
export async function removeStoredTables(db: Database, id: string): Promise<void> {
  if (!SAFE_ID.test(id)) return;
  await db.query(`DROP SCHEMA IF EXISTS ${schemaOf(id)} CASCADE`);
  await db.query(`CHECKPOINT ${STORE_CATALOG}`);
}

/**
 * Deletes every stored dataset `keep` says no to (datasets deleted or never listed); returns
 * their ids. `keep` is asked after the listing, so an id it learns meanwhile (an upload being
 * saved) counts. The listing waits for the pages' queries (a reopened upload's first view).
 */
export async function removeUnlistedTables(db: Database, keep: (id: string) => boolean): Promise<string[]> {
  const gone = (await storedDatasetIds(db, BACKGROUND)).filter((id) => !keep(id));
  for (const id of gone) await removeStoredTables(db, id);
  return gone;
}
