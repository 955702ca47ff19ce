/**
 * Loads the four canonical tables and the function crosswalk from CSV bytes into DuckDB,
 * with the column types declared in the schema (no type guessing for canonical files),
 * then builds the derived model the queries read.
 */
import { DUCKDB_TYPE, TABLE_NAMES, TABLES, type TableName } from '../domain/schema';
import { buildModel } from '../query/model';
import { stringLiteral } from '../query/sql';
import type { Database } from '../query/database';
import { appFile } from './engine-lockdown';

export type CanonicalFiles = Record<TableName, Uint8Array>;

function columnsStruct(table: TableName): string {
  const entries = TABLES[table].columns.map((c) => `${stringLiteral(c.name)}: ${stringLiteral(DUCKDB_TYPE[c.kind])}`);
  return `{${entries.join(', ')}}`;
}

/** SQL reading a canonical-format CSV registered under `fileName`. */
export function readCanonicalCsvSql(table: TableName, fileName: string): string {
  return `SELECT * FROM read_csv(${stringLiteral(fileName)}, header = true, delim = ',', quote = '"', escape = '"',
    auto_detect = false, columns = ${columnsStruct(table)}, dateformat = '%Y-%m-%d', nullstr = '')`;
}

export async function loadCrosswalk(db: Database, crosswalkCsv: Uint8Array): Promise<void> {
  const file = appFile('mentor-functions.csv');
  await db.registerFileBuffer(file, crosswalkCsv);
  await db.query(`CREATE OR REPLACE TABLE function_crosswalk AS
    SELECT framework, "function", label_id, label_en, ord, trim(task) AS official_task
    FROM (
      SELECT *, row_number() OVER () AS ord
      FROM read_csv(${stringLiteral(file)}, header = true, delim = ',', quote = '"', auto_detect = false,
        columns = {'framework': 'VARCHAR', 'function': 'VARCHAR', 'label_id': 'VARCHAR', 'label_en': 'VARCHAR',
                   'official_tasks': 'VARCHAR', 'aliases': 'VARCHAR'})
    ), unnest(string_split(official_tasks, '|')) AS t(task)
    WHERE trim(task) <> ''`);
  await db.dropFile(file);
}

export async function loadCanonicalTables(db: Database, files: CanonicalFiles, crosswalkCsv: Uint8Array): Promise<void> {
  await loadCrosswalk(db, crosswalkCsv);
  for (const table of TABLE_NAMES) {
    const fileName = appFile(`${table}.csv`);
    await db.registerFileBuffer(fileName, files[table]);
    await db.query(`CREATE OR REPLACE TABLE ${table} AS ${readCanonicalCsvSql(table, fileName)}`);
    await db.dropFile(fileName);
  }
  await buildModel(db);
}
