/**
 * Reading a *remote dataset* — the four canonical tables as DuckDB database files on a
 * static host — without downloading it: each file is attached read-only and DuckDB reads the
 * blocks a query needs with HTTP range requests. The canonical tables become views over the
 * attached files, and so do the model tables when the publisher precomputed them with the
 * same model code (manifest `model`, checked by `modelVersion()`): then loading reads
 * almost nothing, and each view fetches only the columns and row groups its queries touch.
 * Without a usable precomputed model, `buildModel` runs over the remote views unchanged
 * (reading the columns the model needs: most of `sessions`).
 *
 * Why DuckDB files and not Parquet: DuckDB-WASM 1.32 has no Parquet reader built in (it is
 * an extension fetched from extensions.duckdb.org, which this site may not contact, and no
 * npm package ships it), while its own storage format is read natively, lazily, block by
 * block. See the README ("Remote datasets").
 *
 * This module knows nothing of the browser: an engine adapter (`RemoteFiles`) fetches small
 * files and makes database files readable — over HTTP in the browser (remote-browser.ts),
 * from buffers in Node tests.
 */
import { FRAMEWORKS, parseCrosswalk } from '../domain/frameworks';
import { DUCKDB_TYPE, TABLE_NAMES, TABLES, type TableName } from '../domain/schema';
import { buildModel, modelChanged } from '../query/model';
import { quoteIdent, stringLiteral } from '../query/sql';
import { dropDatasetViews, dropTablesOrViews, REMOTE_ALIAS_PREFIX, swapTables } from './swap';
import { loadCrosswalk } from './load-canonical';
import { fnv1a64, modelVersion } from './remote-model';
import {
  MANIFEST_FILE,
  MAX_MANIFEST_BYTES,
  checkAllowedOrigin,
  datasetFileUrl,
  manifestFiles,
  parseRemoteManifest,
  resolveDatasetBase,
  type RemoteManifest,
} from './remote-manifest';
import type { Database } from '../query/database';
import { appFile } from './engine-lockdown';
import { errorMessage } from '../domain/error-text';

/** What an engine must provide to read a remote dataset. */
export interface RemoteFiles {
  /** Fetches a small file (the manifest, the crosswalk) whole; refuses more than `maxBytes`. */
  fetchSmall(url: string, maxBytes: number): Promise<Uint8Array>;
  /**
   * Makes the DuckDB database file at `url` readable by SQL under `name` (for `ATTACH`),
   * read lazily where the engine can. Returns the file's size when the host reports it.
   */
  registerDatabaseFile(db: Database, name: string, url: string): Promise<{ bytes: number | null }>;
  dropFile(name: string): Promise<void>;
}

export type RemoteLoadStep = 'manifest' | 'attach' | 'check' | 'model';
/** Where the model came from: the publisher's precomputed tables, or built here from the canonical views. */
export type RemoteModelSource = 'precomputed' | 'built';

export interface LoadRemoteOptions {
  files: RemoteFiles;
  /** The page's URL: relative dataset URLs resolve against it, and its origin is always allowed. */
  pageUrl: string;
  /** Further origins a dataset may come from (the build's DATA_ORIGIN). */
  allowedOrigins?: readonly string[];
  /** The crosswalk CSV to use when the manifest names none (the app's built-in one). */
  defaultCrosswalk?: () => Promise<Uint8Array>;
  signal?: AbortSignal;
  onStep?: (step: RemoteLoadStep) => void;
  /** Set false to build the model here even when a usable precomputed one is published. */
  usePrecomputedModel?: boolean;
}

export interface RemoteDataset {
  /** The dataset folder, absolute, ending in `/`. */
  baseUrl: string;
  manifest: RemoteManifest;
  /** The manifest's fingerprint (hex), or one derived from its row counts and file sizes. */
  fingerprint: string;
  tables: { table: TableName; file: string; rows: number; bytes: number | null }[];
  model: RemoteModelSource;
}

export class RemoteDatasetError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RemoteDatasetError';
  }
}

/** Attached remote files are named `dmp_remote_<generation>_<n>`; a reload takes a new generation. */
const ALIAS_PREFIX = REMOTE_ALIAS_PREFIX;
const MAX_CROSSWALK_BYTES = 1024 * 1024;

const message = (error: unknown) => errorMessage(error);

/** Column types a file may hold for each declared type: the same, or one that widens to it losslessly. */
const ACCEPTED_TYPES: Record<string, readonly string[]> = {
  VARCHAR: ['VARCHAR'],
  DATE: ['DATE'],
  BOOLEAN: ['BOOLEAN'],
  INTEGER: ['INTEGER', 'SMALLINT', 'TINYINT', 'USMALLINT', 'UTINYINT'],
  BIGINT: ['BIGINT', 'INTEGER', 'SMALLINT', 'TINYINT', 'UINTEGER', 'USMALLINT', 'UTINYINT'],
  DOUBLE: ['DOUBLE', 'FLOAT', 'BIGINT', 'INTEGER', 'SMALLINT', 'TINYINT', 'UINTEGER', 'USMALLINT', 'UTINYINT'],
};

function accepts(declared: string, actual: string): boolean {
  if (declared === 'DOUBLE' && /^DECIMAL\(\d+,\d+\)$/.test(actual)) return true;
  return (ACCEPTED_TYPES[declared] ?? [declared]).includes(actual);
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RemoteDatasetError('Loading the remote dataset was cancelled.');
}

/**
 * The SELECT list that presents a remote table as the canonical one: declared columns in
 * declared order and type; optional columns the file lacks become typed NULLs; columns the
 * format does not know are not exposed. Throws when a required column is missing or a
 * column has a type that cannot stand for the declared one.
 */
export function canonicalSelectList(table: TableName, columns: ReadonlyMap<string, string>, file: string): string {
  const problems: string[] = [];
  const items = TABLES[table].columns.map((column) => {
    const declared = DUCKDB_TYPE[column.kind];
    const actual = columns.get(column.name);
    if (actual === undefined) {
      // A published dataset is complete in its keys: a missing key cannot be made up for a view.
      if (column.required || column.generated) problems.push(`required column "${column.name}" is missing`);
      return `CAST(NULL AS ${declared}) AS ${quoteIdent(column.name)}`;
    }
    if (actual === declared) return quoteIdent(column.name);
    if (accepts(declared, actual)) return `CAST(${quoteIdent(column.name)} AS ${declared}) AS ${quoteIdent(column.name)}`;
    problems.push(`column "${column.name}" is ${actual}, expected ${declared}`);
    return '';
  });
  if (problems.length > 0) {
    throw new RemoteDatasetError(`${file}: table "${table}" does not match export format v1: ${problems.join('; ')}.`);
  }
  return items.join(', ');
}

async function attachedRemoteAliases(db: Database): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT database_name AS name FROM duckdb_databases() WHERE starts_with(database_name, ?) ORDER BY database_name`,
    [ALIAS_PREFIX],
  );
  return rows.map((r) => r.name);
}

async function nextGeneration(db: Database): Promise<number> {
  let max = 0;
  for (const alias of await attachedRemoteAliases(db)) {
    const generation = Number(/^dmp_remote_(\d+)_\d+$/.exec(alias)?.[1] ?? 0);
    max = Math.max(max, generation);
  }
  return max + 1;
}

/** Detaches every attached remote file except those of `keepGeneration`, and forgets their registrations. */
export async function detachRemoteFiles(db: Database, files?: Pick<RemoteFiles, 'dropFile'>, keepGeneration?: number): Promise<void> {
  for (const alias of await attachedRemoteAliases(db)) {
    if (keepGeneration !== undefined && alias.startsWith(`${ALIAS_PREFIX}${keepGeneration}_`)) continue;
    await db.query(`DETACH ${quoteIdent(alias)}`).catch(() => undefined);
    await (files ?? db).dropFile(appFile(`${alias}.duckdb`)).catch(() => undefined);
  }
}

/** Removes a remote dataset: its views and its attached files. The canonical tables are then gone. */
export async function releaseRemoteDataset(db: Database, files?: Pick<RemoteFiles, 'dropFile'>): Promise<void> {
  const run = async (conn: Database) => {
    await dropDatasetViews(conn, 'remote');
    modelChanged();
  };
  await (db.exclusive ? db.exclusive(run) : run(db));
  await detachRemoteFiles(db, files);
}

/**
 * For a manifest without a fingerprint: 16 hex digits from its row counts and file sizes.
 * Not a content fingerprint (a publisher who wants links to match the same data loaded from
 * CSV puts the app's fingerprint in the manifest; the build script does).
 */
function derivedFingerprint(manifest: RemoteManifest, sizes: Map<string, number | null>): string {
  const parts = TABLE_NAMES.map(
    (t) => `${t}:${manifest.tables[t].file}:${manifest.tables[t].rows}:${sizes.get(manifest.tables[t].file) ?? '?'}`,
  );
  return fnv1a64(parts.join('|'));
}

/**
 * Loads the remote dataset at `datasetUrl` (its folder or its manifest.json) as the active
 * dataset: validates the manifest, attaches each file read-only, checks every table against
 * the canonical format and the manifest's row counts, then — in one transaction — replaces
 * the canonical tables (or views) with views over the remote files and either points the
 * model at the publisher's precomputed tables or rebuilds it. On any error nothing that was
 * loaded before is touched, and what was attached is detached again.
 */
export async function loadRemoteDataset(db: Database, datasetUrl: string, options: LoadRemoteOptions): Promise<RemoteDataset> {
  const { files, signal } = options;
  const page = new URL(options.pageUrl);
  const base = resolveDatasetBase(datasetUrl, options.pageUrl);
  checkAllowedOrigin(base, page.origin, options.allowedOrigins ?? []);

  options.onStep?.('manifest');
  const manifestUrl = datasetFileUrl(base, MANIFEST_FILE);
  let manifestBytes: Uint8Array;
  try {
    manifestBytes = await files.fetchSmall(manifestUrl, MAX_MANIFEST_BYTES);
  } catch (error) {
    throw new RemoteDatasetError(`Cannot read ${manifestUrl}: ${message(error)}`, { cause: error });
  }
  const manifest = parseRemoteManifest(new TextDecoder().decode(manifestBytes));
  checkAborted(signal);

  let crosswalk: Uint8Array;
  if (manifest.crosswalk) {
    const url = datasetFileUrl(base, manifest.crosswalk.file);
    try {
      crosswalk = await files.fetchSmall(url, MAX_CROSSWALK_BYTES);
    } catch (error) {
      throw new RemoteDatasetError(`Cannot read the crosswalk ${url}: ${message(error)}`, { cause: error });
    }
  } else if (options.defaultCrosswalk) {
    crosswalk = await options.defaultCrosswalk();
  } else {
    throw new RemoteDatasetError('The manifest names no crosswalk and no default crosswalk was given.');
  }
  checkAborted(signal);

  let crosswalkFrameworks: string[];
  try {
    crosswalkFrameworks = parseCrosswalk(new TextDecoder().decode(crosswalk)).map((f) => f.framework);
  } catch (error) {
    throw new RemoteDatasetError(`The crosswalk is not valid: ${message(error)}`, { cause: error });
  }
  // A precomputed model is used only when it was made by this very model code, with the
  // dataset's own crosswalk, and holds the exposure rows of every framework a view may ask
  // for (its exposure table is then read-only: nothing needs to be inserted).
  const wanted = new Set([...crosswalkFrameworks, ...FRAMEWORKS.map((f) => f.key)]);
  const model =
    options.usePrecomputedModel !== false &&
    manifest.model &&
    manifest.crosswalk &&
    manifest.tables.clients.rows > 0 &&
    manifest.model.version === (await modelVersion()) &&
    [...wanted].every((f) => manifest.model!.frameworks.includes(f))
      ? manifest.model
      : null;

  options.onStep?.('attach');
  const generation = await nextGeneration(db);
  const aliasOf = new Map<string, string>();
  const sizes = new Map<string, number | null>();
  const cleanUp = async () => {
    for (const alias of aliasOf.values()) {
      await db.query(`DETACH ${quoteIdent(alias)}`).catch(() => undefined);
      await files.dropFile(appFile(`${alias}.duckdb`)).catch(() => undefined);
    }
  };

  try {
    const toAttach = [...manifestFiles(manifest), ...(model && !manifestFiles(manifest).includes(model.file) ? [model.file] : [])];
    for (const [index, file] of toAttach.entries()) {
      const alias = `${ALIAS_PREFIX}${generation}_${index}`;
      const url = datasetFileUrl(base, file);
      const { bytes } = await files.registerDatabaseFile(db, appFile(`${alias}.duckdb`), url);
      try {
        await db.query(`ATTACH ${stringLiteral(appFile(`${alias}.duckdb`))} AS ${quoteIdent(alias)} (READ_ONLY)`);
      } catch (error) {
        await files.dropFile(appFile(`${alias}.duckdb`)).catch(() => undefined);
        throw new RemoteDatasetError(
          `Cannot open ${file} as a DuckDB database (${message(error)}). Write it with DuckDB 1.0–1.4 and STORAGE_VERSION 'v1.0.0' (see the README).`,
          { cause: error },
        );
      }
      aliasOf.set(file, alias);
      sizes.set(file, bytes);
      checkAborted(signal);
    }

    options.onStep?.('check');
    const selects = new Map<TableName, string>();
    for (const table of TABLE_NAMES) {
      const entry = manifest.tables[table];
      const alias = aliasOf.get(entry.file)!;
      const size = sizes.get(entry.file);
      if (entry.bytes !== undefined && size != null && size !== entry.bytes) {
        throw new RemoteDatasetError(
          `${entry.file} has ${size} bytes but the manifest says ${entry.bytes}: the manifest is stale, publish it again.`,
        );
      }
      const columns = await db.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = ? AND schema_name = 'main' AND table_name = ?`,
        [alias, table],
      );
      if (columns.length === 0) throw new RemoteDatasetError(`${entry.file} holds no table "${table}".`);
      const selectList = canonicalSelectList(table, new Map(columns.map((c) => [c.column_name, c.data_type])), entry.file);
      const source = `${quoteIdent(alias)}.main.${quoteIdent(table)}`;
      await checkRowCount(db, source, entry.rows, `${entry.file}: table "${table}"`);
      selects.set(table, `SELECT ${selectList} FROM ${source}`);
      checkAborted(signal);
    }
    const modelSources = new Map<string, string>();
    if (model) {
      const alias = aliasOf.get(model.file)!;
      for (const [table, rows] of Object.entries(model.tables)) {
        const [{ n }] = await db.query<{ n: number }>(
          `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main' AND table_name = ?`,
          [alias, table],
        );
        if (Number(n) === 0) throw new RemoteDatasetError(`${model.file} holds no model table "${table}".`);
        const source = `${quoteIdent(alias)}.main.${quoteIdent(table)}`;
        await checkRowCount(db, source, rows, `${model.file}: table "${table}"`);
        modelSources.set(table, source);
      }
    }

    options.onStep?.('model');
    const swap = (conn: Database) =>
      swapTables(conn, async () => {
        await dropTablesOrViews(conn, [...TABLE_NAMES, ...modelSources.keys()]);
        for (const table of TABLE_NAMES) await conn.query(`CREATE VIEW ${quoteIdent(table)} AS ${selects.get(table)!}`);
        await loadCrosswalk(conn, crosswalk);
        if (model) {
          for (const [table, source] of modelSources) await conn.query(`CREATE VIEW ${quoteIdent(table)} AS SELECT * FROM ${source}`);
        } else {
          await buildModel(conn);
        }
      });
    await (db.exclusive ? db.exclusive(swap) : swap(db));
  } catch (error) {
    await cleanUp();
    if (error instanceof RemoteDatasetError) throw error;
    throw new RemoteDatasetError(`Loading the remote dataset at ${base.href} failed: ${message(error)}`, { cause: error });
  }

  // The new views are committed: files of earlier remote datasets are no longer read.
  await detachRemoteFiles(db, files, generation);

  return {
    baseUrl: base.href,
    manifest,
    fingerprint: manifest.fingerprint ?? derivedFingerprint(manifest, sizes),
    tables: TABLE_NAMES.map((table) => ({
      table,
      file: manifest.tables[table].file,
      rows: manifest.tables[table].rows,
      bytes: sizes.get(manifest.tables[table].file) ?? null,
    })),
    model: model ? 'precomputed' : 'built',
  };
}

/** Counting reads row-group metadata only, not column data. */
async function checkRowCount(db: Database, source: string, expected: number, what: string): Promise<void> {
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${source}`);
  if (Number(n) !== expected) {
    throw new RemoteDatasetError(
      `${what} has ${Number(n)} rows but the manifest says ${expected}: the manifest is stale, publish it again.`,
    );
  }
}
