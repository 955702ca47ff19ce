/**
 * Converts a canonical export (CSV, or Parquet) into a *remote dataset*: a DuckDB database
 * file holding the four tables and the derived model, the function crosswalk and a
 * `manifest.json` — ready for any static host that answers HTTP range requests.
 * `npm run build` runs it for the built-in sample, so the site ships `remote/sample/`.
 *
 *   npx tsx scripts/build-remote-sample.ts [--from data/sample] [--out build/remote/sample]
 *        [--crosswalk data/mentor-functions.csv] [--title "…"]
 *        [--layout single|per-table] [--block-size 262144] [--without-model]
 *
 * For each table the input folder holds `<table>.csv` (canonical format v1, read with the
 * declared column types, exactly as the app reads it) or `<table>.parquet` (columns named as
 * in the format; cast to the declared types). Files are written by native DuckDB 1.4 with
 * STORAGE_VERSION 'v1.0.0', which DuckDB-WASM 1.32 (DuckDB 1.4.3) reads. `single` (default)
 * writes `dataset.duckdb`; `per-table` writes `<table>.duckdb` and `model.duckdb`.
 *
 * The model is computed with the app's own model code (query/model.ts) by native DuckDB, then
 * checked against the browser's engine (DuckDB-WASM's Node build) building it from the
 * written files: only an identical model is published, stamped with `modelVersion()`. The
 * content fingerprint is computed by the browser's engine too, so it equals the one the app
 * computes for the same data loaded from CSV.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DUCKDB_TYPE, FORMAT_VERSION, TABLE_NAMES, TABLES, type TableName } from '../src/lib/domain/schema';
import { FRAMEWORKS, parseCrosswalk } from '../src/lib/domain/frameworks';
import { loadCrosswalk, readCanonicalCsvSql } from '../src/lib/db/load-canonical';
import {
  MANIFEST_FILE,
  parseRemoteManifest,
  REMOTE_STORAGE,
  type RemoteManifest,
  type RemoteModelEntry,
} from '../src/lib/db/remote-manifest';
import { modelVersion } from '../src/lib/db/remote-model';
import type { Database, SqlParam } from '../src/lib/query/database';
import { buildModel, ensureFramework } from '../src/lib/query/model';
import { quoteIdent, stringLiteral } from '../src/lib/query/sql';
import { datasetFingerprint } from '../src/lib/upload/fingerprint';
import { openNodeDatabase } from '../src/lib/db/node-database';
import { nativeFileNames } from './lib/native-duckdb';
import { canonicalHeaderOfFile } from './lib/csv-header';
import { appFile } from '../src/lib/db/engine-lockdown';

export interface BuildRemoteOptions {
  /** Folder with `<table>.csv` or `<table>.parquet` for each table. */
  from: string;
  /** Output folder; its previous dataset files are replaced. */
  out: string;
  crosswalk: string;
  title?: string;
  /** Leave the model out (the browser then builds it from the canonical tables). */
  withoutModel?: boolean;
  /** One file for every table (default), or one file per canonical table plus model.duckdb. */
  layout?: 'single' | 'per-table';
  /** DuckDB block size of the written files (16384 … 262144; default 262144). */
  blockSize?: number;
}

const MODEL_FILE = 'model.duckdb';
const SINGLE_FILE = 'dataset.duckdb';
const CROSSWALK_FILE = 'mentor-functions.csv';

async function parquetSelect(conn: DuckDBConnection, table: TableName, path: string): Promise<string> {
  const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${stringLiteral(path)})`);
  const present = new Set(described.getRowObjects().map((r) => String(r.column_name)));
  const items = TABLES[table].columns.map((column) => {
    const type = DUCKDB_TYPE[column.kind];
    if (present.has(column.name)) return `CAST(${quoteIdent(column.name)} AS ${type}) AS ${quoteIdent(column.name)}`;
    if (column.required) throw new Error(`${path}: required column "${column.name}" is missing`);
    return `CAST(NULL AS ${type}) AS ${quoteIdent(column.name)}`;
  });
  return `SELECT ${items.join(', ')} FROM read_parquet(${stringLiteral(path)})`;
}

/** Native DuckDB behind the app's `Database` interface; registered files go to a scratch folder on its search path. */
async function nativeDatabase(conn: DuckDBConnection, scratch: string): Promise<Database> {
  await conn.run(`SET file_search_path = ${stringLiteral(scratch)}`);
  return {
    async query<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
      const reader = await conn.runAndReadAll(nativeFileNames(sql), params && params.length ? (params as never) : undefined);
      return reader
        .getRowObjects()
        .map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])) as T);
    },
    async registerFileBuffer(name, bytes) {
      writeFileSync(join(scratch, basename(name)), bytes);
    },
    async dropFile(name) {
      rmSync(join(scratch, basename(name)), { force: true });
    },
  };
}

/** Order-free digest of each table, to compare the model two engines built. */
async function digests(db: Database, tables: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await db.query<{ n: number; x: string }>(
      `SELECT count(*)::BIGINT AS n, coalesce(to_hex(bit_xor(hash(t))), '0') AS x FROM ${quoteIdent(table)} t`,
    );
    out[table] = `${row.n}:${row.x}`;
  }
  return out;
}

/**
 * Opens the written files with the browser's engine (DuckDB-WASM's Node build) — proof that
 * the site can read them — computes the app's content fingerprint of the dataset (the same
 * the app computes for CSV files with the same content, so shared links match) and, when a
 * model was computed, builds it the browser's way and returns its digests.
 */
async function checkWithBrowserEngine(
  out: string,
  files: Record<TableName, string>,
  crosswalk: Uint8Array,
  model: { tables: string[]; frameworks: string[] } | null,
): Promise<{ fingerprint: string; modelDigests: Record<string, string> | null }> {
  const db = await openNodeDatabase();
  try {
    const aliases = new Map<string, string>();
    for (const file of new Set(Object.values(files))) {
      const alias = `check_${aliases.size}`;
      await db.registerFileBuffer(appFile(`${alias}.duckdb`), new Uint8Array(readFileSync(join(out, file))));
      await db.query(`ATTACH ${stringLiteral(appFile(`${alias}.duckdb`))} AS ${quoteIdent(alias)} (READ_ONLY)`);
      aliases.set(file, alias);
    }
    const source = (table: TableName) => `${quoteIdent(aliases.get(files[table])!)}.main.${quoteIdent(table)}`;
    const fingerprint = await datasetFingerprint(db, source);
    if (!model) return { fingerprint, modelDigests: null };
    for (const table of TABLE_NAMES) await db.query(`CREATE VIEW ${quoteIdent(table)} AS SELECT * FROM ${source(table)}`);
    await loadCrosswalk(db, crosswalk);
    await buildModel(db);
    for (const framework of model.frameworks) await ensureFramework(db, framework);
    return { fingerprint, modelDigests: await digests(db, model.tables) };
  } finally {
    db.close();
  }
}

export async function buildRemoteDataset(options: BuildRemoteOptions): Promise<RemoteManifest> {
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'dampingan-remote-build-'));
  const crosswalk = new Uint8Array(readFileSync(options.crosswalk));
  const crosswalkFrameworks = [...new Set(parseCrosswalk(new TextDecoder().decode(crosswalk)).map((f) => f.framework))];
  // One thread: the same plan and order as the browser's single-threaded engine.
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  await conn.run('SET autoinstall_known_extensions = false');
  await conn.run('SET autoload_known_extensions = false');
  const tables = {} as Record<TableName, { file: string; rows: number; bytes: number }>;
  let model: { tables: Record<string, number>; frameworks: string[] } | null = null;
  let modelFile = MODEL_FILE;
  try {
    const db = await nativeDatabase(conn, scratch);
    for (const table of TABLE_NAMES) {
      const csv = resolve(options.from, `${table}.csv`);
      const parquet = resolve(options.from, `${table}.parquet`);
      let select: string;
      if (existsSync(csv)) select = readCanonicalCsvSql(table, csv, canonicalHeaderOfFile(csv));
      else if (existsSync(parquet)) select = await parquetSelect(conn, table, parquet);
      else throw new Error(`${options.from} has neither ${table}.csv nor ${table}.parquet`);
      await conn.run(`CREATE TABLE main.${quoteIdent(table)} AS ${select}`);
    }

    const before = new Set(
      (await db.query<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() WHERE database_name = 'memory'`)).map(
        (r) => r.name,
      ),
    );
    if (!options.withoutModel) {
      await loadCrosswalk(db, crosswalk.slice());
      await buildModel(db);
      for (const framework of new Set([...crosswalkFrameworks, ...FRAMEWORKS.map((f) => f.key)])) await ensureFramework(db, framework);
      const names = (
        await db.query<{ name: string }>(
          `SELECT table_name AS name FROM duckdb_tables() WHERE database_name = 'memory' ORDER BY table_name`,
        )
      )
        .map((r) => r.name)
        .filter((name) => !before.has(name) && name !== 'function_crosswalk');
      const counts: Record<string, number> = {};
      for (const name of names)
        counts[name] = (await db.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${quoteIdent(name)}`))[0].n;
      // Frameworks with exposure rows; a view asking for another one makes the app build the model itself.
      const frameworks = (await db.query<{ f: string }>(`SELECT DISTINCT framework AS f FROM client_function_sessions ORDER BY 1`)).map(
        (r) => r.f,
      );
      model = { tables: counts, frameworks };
    }

    const blockSize = options.blockSize ?? 262144;
    if (![16384, 32768, 65536, 131072, 262144].includes(blockSize))
      throw new Error(`--block-size must be a power of two from 16384 to 262144`);
    const write = async (path: string, statements: { table: string; select: string }[]) => {
      rmSync(path, { force: true });
      rmSync(`${path}.wal`, { force: true });
      // v1.0.0 storage: readable by every DuckDB from 1.0 on, including the browser's 1.4.3.
      const blockOption = blockSize === 262144 ? '' : `, BLOCK_SIZE ${blockSize}`;
      await conn.run(`ATTACH ${stringLiteral(path)} AS remote_out (STORAGE_VERSION 'v1.0.0'${blockOption})`);
      try {
        for (const { table, select } of statements) await conn.run(`CREATE TABLE remote_out.main.${quoteIdent(table)} AS ${select}`);
      } finally {
        await conn.run('DETACH remote_out'); // checkpoints: the file is complete, no .wal left
      }
    };
    const canonical = TABLE_NAMES.map((table) => ({ table, select: `SELECT * FROM main.${quoteIdent(table)}` }));
    const modelStatements = Object.keys(model?.tables ?? {}).map((table) => ({
      table,
      // Exposure rows grouped by framework: a view of one framework reads its row groups only.
      select: `SELECT * FROM main.${quoteIdent(table)}${table === 'client_function_sessions' ? ' ORDER BY framework, fn_key, client_key' : ''}`,
    }));
    for (const old of [SINGLE_FILE, MODEL_FILE, ...TABLE_NAMES.map((t) => `${t}.duckdb`)]) rmSync(join(out, old), { force: true });
    if ((options.layout ?? 'single') === 'single') {
      // One file: one catalog to read when the dataset is attached, however many tables.
      await write(join(out, SINGLE_FILE), [...canonical, ...modelStatements]);
    } else {
      for (const statement of canonical) await write(join(out, `${statement.table}.duckdb`), [statement]);
      if (model) await write(join(out, MODEL_FILE), modelStatements);
    }
    const single = (options.layout ?? 'single') === 'single';
    for (const table of TABLE_NAMES) {
      const file = single ? SINGLE_FILE : `${table}.duckdb`;
      const rows = (await db.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM main.${quoteIdent(table)}`))[0].n;
      tables[table] = { file, rows, bytes: statSync(join(out, file)).size };
    }
    modelFile = single ? SINGLE_FILE : MODEL_FILE;
  } finally {
    conn.closeSync();
    instance.closeSync();
    rmSync(scratch, { recursive: true, force: true });
  }

  copyFileSync(options.crosswalk, join(out, CROSSWALK_FILE));
  const files = Object.fromEntries(TABLE_NAMES.map((t) => [t, tables[t].file])) as Record<TableName, string>;
  const check = await checkWithBrowserEngine(
    out,
    files,
    crosswalk.slice(),
    model && { tables: Object.keys(model.tables), frameworks: model.frameworks },
  );

  let modelEntry: RemoteModelEntry | undefined;
  if (model && check.modelDigests) {
    const nativeDigests = await modelDigestsFromFile(join(out, modelFile), Object.keys(model.tables));
    const differing = Object.keys(model.tables).filter((t) => nativeDigests[t] !== check.modelDigests![t]);
    if (differing.length === 0) {
      modelEntry = { file: modelFile, version: await modelVersion(), frameworks: model.frameworks, tables: model.tables };
    } else {
      // Publish without it: the browser builds the model itself, which is always right.
      // (Its tables stay in the file, unused; the manifest does not name them.)
      console.warn(
        `build-remote-sample: the precomputed model differs from the browser engine's in ${differing.join(', ')}; it is left out.`,
      );
    }
  }

  const manifest = parseRemoteManifest({
    formatVersion: FORMAT_VERSION,
    storage: REMOTE_STORAGE,
    tables,
    crosswalk: { file: CROSSWALK_FILE },
    ...(modelEntry ? { model: modelEntry } : {}),
    fingerprint: check.fingerprint,
    ...(options.title ? { title: options.title } : {}),
  });
  writeFileSync(join(out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Digests of the model tables as written (read back with native DuckDB). */
async function modelDigestsFromFile(path: string, tables: string[]): Promise<Record<string, string>> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  try {
    await conn.run(`ATTACH ${stringLiteral(path)} AS m (READ_ONLY)`);
    await conn.run('USE m');
    const scratch = mkdtempSync(join(tmpdir(), 'dampingan-remote-digest-'));
    try {
      return await digests(await nativeDatabase(conn, scratch), tables);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

function parseArgs(argv: string[]): BuildRemoteOptions {
  const options: BuildRemoteOptions = { from: 'data/sample', out: 'build/remote/sample', crosswalk: 'data/mentor-functions.csv' };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    if (flag === '--without-model') {
      options.withoutModel = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--from') options.from = value;
    else if (flag === '--layout' && (value === 'single' || value === 'per-table')) options.layout = value;
    else if (flag === '--block-size') options.blockSize = Number(value);
    else if (flag === '--out') options.out = value;
    else if (flag === '--crosswalk') options.crosswalk = value;
    else if (flag === '--title') options.title = value;
    else
      throw new Error(
        `Unknown option ${flag} (use --from, --out, --crosswalk, --title, --layout single|per-table, --block-size N, --without-model)`,
      );
  }
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const manifest = await buildRemoteDataset(options);
  const summary = TABLE_NAMES.map((t) => `${t} ${manifest.tables[t].rows} rows, ${manifest.tables[t].bytes} bytes`).join('; ');
  const model = manifest.model ? `, model in ${manifest.model.file}` : ', no model';
  console.log(`wrote ${join(options.out, MANIFEST_FILE)} (${summary}${model}) in ${Math.round(performance.now() - started)} ms`);
}
