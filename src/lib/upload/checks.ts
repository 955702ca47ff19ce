/**
 * Checks across rows and tables, on the typed staging tables of the whole set:
 * each table's files are gathered into `stg_<table>`; a second row with a key already
 * seen is rejected (`duplicate_key`, the first one stays); sessions whose client or
 * mentor is not among the loaded clients/mentors and outcomes of unknown clients are
 * rejected; outcomes of a client without a baseline measurement are kept with a note
 * (they cannot count towards growth). Each rejected row becomes a problem row.
 */
import type { Database } from '../db/types';
import { DUCKDB_TYPE, TABLES, TABLE_NAMES, type TableName } from '../domain/schema';
import { ident } from '../query/sql';
import type { NormalisedFile } from './normalise';
import { PROBLEMS_TABLE } from './stage';

export const stagingTable = (table: TableName): string => `stg_${table}`;

/** Gathers a table's files into `stg_<table>` (file index, row ordinal, canonical columns). */
export async function gatherTable(db: Database, table: TableName, files: readonly NormalisedFile[], present: ReadonlyMap<number, readonly string[]>): Promise<void> {
  const cols = TABLES[table].columns;
  const names = cols.map((c) => c.name);
  const parts = files.map((f) => {
    const have = present.get(f.index) ?? [];
    const select = cols.map((c) => (have.includes(c.name) ? ident(c.name, names) : `NULL::${DUCKDB_TYPE[c.kind]} AS ${ident(c.name, names)}`));
    return `SELECT ${f.index}::INTEGER AS _file, _row, ${select.join(', ')} FROM ${f.stgTable} WHERE NOT _skip AND NOT _reject`;
  });
  await db.query(`CREATE OR REPLACE TEMP TABLE ${stagingTable(table)} AS ${parts.join(' UNION ALL ')}`);
}

async function rejectWhere(db: Database, table: TableName, column: string | null, valueSql: string, reason: string, where: string): Promise<void> {
  const stg = stagingTable(table);
  await db.query(
    `INSERT INTO ${PROBLEMS_TABLE} SELECT _file, _row, NULL, ${column === null ? 'NULL' : `'${column}'`}, ${valueSql}, '${reason}', 'rejected'
     FROM ${stg} s WHERE ${where}`,
  );
  await db.query(`DELETE FROM ${stg} s WHERE ${where}`);
}

/** Second and later rows with the same key are rejected. */
export async function rejectDuplicates(db: Database, table: TableName): Promise<void> {
  const names = TABLES[table].columns.map((c) => c.name);
  const key = TABLES[table].key.map((k) => ident(k, names));
  const stg = stagingTable(table);
  await db.query(
    `CREATE OR REPLACE TEMP TABLE dup_rows AS
     SELECT _file, _row FROM (
       SELECT _file, _row, row_number() OVER (PARTITION BY ${key.join(', ')} ORDER BY _file, _row) AS n FROM ${stg}
     ) WHERE n > 1`,
  );
  const keyText = key.length === 1 ? `s.${key[0]}::VARCHAR` : `concat_ws(' / ', ${key.map((k) => `s.${k}::VARCHAR`).join(', ')})`;
  await rejectWhere(db, table, TABLES[table].key.length === 1 ? TABLES[table].key[0] : null, keyText, 'duplicate_key',
    `EXISTS (SELECT 1 FROM dup_rows d WHERE d._file = s._file AND d._row = s._row)`);
  await db.query(`DROP TABLE dup_rows`);
}

/** Referential checks; clients and mentors must be final (duplicates removed) first. */
export async function rejectUnknownReferences(db: Database): Promise<void> {
  await rejectWhere(db, 'sessions', 'client_id', 's.client_id', 'unknown_client', `s.client_id NOT IN (SELECT client_id FROM ${stagingTable('clients')})`);
  await rejectWhere(db, 'sessions', 'mentor_id', 's.mentor_id', 'unknown_mentor', `s.mentor_id NOT IN (SELECT mentor_id FROM ${stagingTable('mentors')})`);
  await rejectWhere(db, 'outcomes', 'client_id', 's.client_id', 'unknown_client', `s.client_id NOT IN (SELECT client_id FROM ${stagingTable('clients')})`);
  // Kept, with a note: growth needs a baseline.
  await db.query(
    `INSERT INTO ${PROBLEMS_TABLE} SELECT _file, _row, NULL, 'measurement', measurement, 'no_baseline', 'kept'
     FROM ${stagingTable('outcomes')} s
     WHERE measurement <> 'baseline' AND client_id NOT IN (SELECT client_id FROM ${stagingTable('outcomes')} WHERE measurement = 'baseline')`,
  );
}

/** Runs every cross-row check, in the order the references need. */
export async function runChecks(db: Database): Promise<void> {
  for (const table of TABLE_NAMES) await rejectDuplicates(db, table);
  await rejectUnknownReferences(db);
}
