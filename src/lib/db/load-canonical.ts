/**
 * Loads the four canonical tables and the function crosswalk from CSV bytes into DuckDB,
 * with the column types declared in the schema (no type guessing for canonical files),
 * then builds the derived model the queries read.
 *
 * The reader follows the file's own header: a canonical file written before the late
 * columns existed (`ColumnDef.late` — the built-in sample, CSV copies kept in a browser,
 * published datasets) lacks them, and they load as missing values.
 */
import { DUCKDB_TYPE, TABLE_NAMES, TABLES, baseColumnNames, findColumn, type TableName } from '../domain/schema';
import { buildModel } from '../query/model';
import { quoteIdent, stringLiteral } from '../query/sql';
import type { Database } from '../query/database';
import { appFile } from './engine-lockdown';
import { parseCrosswalk } from '../domain/frameworks';

export type CanonicalFiles = Record<TableName, Uint8Array>;

/** Column names of a canonical CSV's header line (names never need quotes; a BOM or `\r` is dropped). */
export function canonicalHeader(head: Uint8Array | string): string[] {
  const text = typeof head === 'string' ? head : new TextDecoder().decode(head.subarray(0, Math.min(head.length, 65_536)));
  const line = text
    .replace(/^\uFEFF/, '')
    .split('\n', 1)[0]
    .replace(/\r$/, '');
  return line.split(',').map((name) => name.trim().replace(/^"(.*)"$/, '$1'));
}

/** The header of a canonical file given as bytes or a Blob (its first 64 KB are enough). */
export async function canonicalHeaderOf(source: Blob | Uint8Array): Promise<string[]> {
  return canonicalHeader(source instanceof Uint8Array ? source : new Uint8Array(await source.slice(0, 65_536).arrayBuffer()));
}

/**
 * SQL reading a canonical-format CSV registered under `fileName` whose header line is
 * `header`: every file column typed from the schema (a name the format does not know is
 * read as text and left out), every schema column the file lacks a typed NULL.
 */
export function readCanonicalCsvSql(table: TableName, fileName: string, fileHeader: readonly string[]): string {
  // An empty file has no header line: read it as the format's first release wrote it (no rows either way).
  const header = fileHeader.some((name) => name !== '') ? fileHeader : baseColumnNames(table);
  const types = header.map((name) => {
    const def = findColumn(table, name);
    return `${stringLiteral(name)}: ${stringLiteral(def ? DUCKDB_TYPE[def.kind] : 'VARCHAR')}`;
  });
  const select = TABLES[table].columns.map((c) =>
    header.includes(c.name) ? quoteIdent(c.name) : `CAST(NULL AS ${DUCKDB_TYPE[c.kind]}) AS ${quoteIdent(c.name)}`,
  );
  return `SELECT ${select.join(', ')} FROM read_csv(${stringLiteral(fileName)}, header = true, delim = ',', quote = '"', escape = '"',
    auto_detect = false, columns = {${types.join(', ')}}, dateformat = '%Y-%m-%d', nullstr = '')`;
}

/**
 * One row per function and official task it maps to; `ord` is the function's row in the file
 * (1-based), which orders functions everywhere. Built from the parsed file as a VALUES list:
 * on a page's freshly started engine the CSV reader's first run cost ≈ 0.15 s of every
 * visit, for 40 lines.
 */
export async function loadCrosswalk(db: Database, crosswalkCsv: Uint8Array): Promise<void> {
  const functions = parseCrosswalk(new TextDecoder().decode(crosswalkCsv));
  const rows = functions.flatMap((f, i) =>
    f.official_tasks.map(
      (task) => `(${[f.framework, f.function, f.label_id, f.label_en].map(stringLiteral).join(', ')}, ${i + 1}, ${stringLiteral(task)})`,
    ),
  );
  // One statement: queries queued after it never see the table half made (the dataset
  // manager issues it without waiting, just before pages may query).
  await db.query(
    rows.length > 0
      ? `CREATE OR REPLACE TABLE function_crosswalk AS
         SELECT framework::VARCHAR AS framework, "function"::VARCHAR AS "function", label_id::VARCHAR AS label_id,
           label_en::VARCHAR AS label_en, ord::BIGINT AS ord, official_task::VARCHAR AS official_task
         FROM (VALUES ${rows.join(', ')}) AS t(framework, "function", label_id, label_en, ord, official_task)`
      : `CREATE OR REPLACE TABLE function_crosswalk (framework VARCHAR, "function" VARCHAR, label_id VARCHAR, label_en VARCHAR, ord BIGINT, official_task VARCHAR)`,
  );
}

export async function loadCanonicalTables(db: Database, files: CanonicalFiles, crosswalkCsv: Uint8Array): Promise<void> {
  await loadCrosswalk(db, crosswalkCsv);
  for (const table of TABLE_NAMES) {
    const fileName = appFile(`${table}.csv`);
    // Read before registering: the browser's engine takes the bytes over (their buffer is detached).
    const header = canonicalHeader(files[table]);
    await db.registerFileBuffer(fileName, files[table]);
    await db.query(`CREATE OR REPLACE TABLE ${table} AS ${readCanonicalCsvSql(table, fileName, header)}`);
    await db.dropFile(fileName);
  }
  await buildModel(db);
}
