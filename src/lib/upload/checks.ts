/**
 * Checks across rows and tables, on the typed staging tables of the whole set:
 * each table's files are gathered into `stg_<table>` (a table with no file is an empty
 * one); a flat sheet's repeated client/mentor details are merged to one row per key
 * (`mergeFlatParts`); a second row with a key already seen is rejected (`duplicate_key`,
 * the first one stays); a table the set lacks is derived where the others name its ids
 * (mentors from the session log, clients from sessions and outcomes); sessions whose
 * client or mentor is not among the loaded clients/mentors and outcomes of unknown
 * clients are rejected; outcomes of a client without a baseline measurement are kept with
 * a note (they cannot count towards growth). Each rejected row becomes a problem row.
 */
import type { Database } from '../query/database';
import { DUCKDB_TYPE, STAGING_PREFIX, TABLES, TABLE_NAMES, type ColumnDef, type TableName } from '../domain/schema';
import { ident, stringLiteral } from '../query/sql';
import type { NormalisedFile } from './normalise';
import { PROBLEMS_TABLE, PROBLEM_ROW } from './stage';

/**
 * A table's staging table: its canonical columns between the bookkeeping ones (`_file`,
 * `_row` first, the fast path's `_bad` last). Not a TEMP table: the commit renames it into
 * place (commit.ts), and a table cannot move out of the temp catalog.
 */
export const stagingTable = (table: TableName): string => `${STAGING_PREFIX}${table}`;

/** An empty `stg_<table>` for a table the set has no file for. */
export async function emptyStaging(db: Database, table: TableName): Promise<void> {
  const cols = TABLES[table].columns;
  const names = cols.map((c) => c.name);
  const select = cols.map((c) => `NULL::${DUCKDB_TYPE[c.kind]} AS ${ident(c.name, names)}`);
  await db.query(
    `CREATE OR REPLACE TABLE ${stagingTable(table)} AS SELECT NULL::INTEGER AS _file, NULL::BIGINT AS _row, ${select.join(', ')} WHERE false`,
  );
}

/**
 * A column the file does not have: missing values — or, for a generated column (a session
 * log without session ids), an id made from the file and row (`S2-17`: file 2, row 17).
 */
function absentColumnSql(column: ColumnDef, names: readonly string[]): string {
  if (column.generated) return `('S' || (_file + 1)::VARCHAR || '-' || (_row + 1)::VARCHAR) AS ${ident(column.name, names)}`;
  return `NULL::${DUCKDB_TYPE[column.kind]} AS ${ident(column.name, names)}`;
}

/** Gathers a table's files into `stg_<table>` (file index, row ordinal, canonical columns). */
export async function gatherTable(
  db: Database,
  table: TableName,
  files: readonly NormalisedFile[],
  present: ReadonlyMap<number, readonly string[]>,
): Promise<void> {
  const cols = TABLES[table].columns;
  const names = cols.map((c) => c.name);
  const parts = files.map((f) => {
    const have = present.get(f.index) ?? [];
    const select = cols.map((c) => (have.includes(c.name) ? ident(c.name, names) : absentColumnSql(c, names)));
    return `SELECT ${f.index}::INTEGER AS _file, _row, ${select.join(', ')} FROM (SELECT ${f.index}::INTEGER AS _file, * FROM ${f.stgTable}) WHERE NOT _skip AND NOT _reject`;
  });
  await db.query(`CREATE OR REPLACE TABLE ${stagingTable(table)} AS ${parts.join(' UNION ALL ')}`);
}

async function rejectWhere(
  db: Database,
  table: TableName,
  column: string | null,
  valueSql: string,
  reason: string,
  where: string,
): Promise<void> {
  const stg = stagingTable(table);
  await db.query(
    `INSERT INTO ${PROBLEMS_TABLE} ${PROBLEM_ROW} SELECT _file, _row, NULL, ${column === null ? 'NULL' : `'${column}'`}, ${valueSql}, '${reason}', 'rejected'
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
  await rejectWhere(
    db,
    table,
    TABLES[table].key.length === 1 ? TABLES[table].key[0] : null,
    keyText,
    'duplicate_key',
    `EXISTS (SELECT 1 FROM dup_rows d WHERE d._file = s._file AND d._row = s._row)`,
  );
  await db.query(`DROP TABLE dup_rows`);
}

/** Referential checks; clients and mentors must be final (duplicates removed) first. */
export async function rejectUnknownReferences(db: Database): Promise<void> {
  await rejectWhere(
    db,
    'sessions',
    'client_id',
    's.client_id',
    'unknown_client',
    `s.client_id NOT IN (SELECT client_id FROM ${stagingTable('clients')})`,
  );
  await rejectWhere(
    db,
    'sessions',
    'mentor_id',
    's.mentor_id',
    'unknown_mentor',
    `s.mentor_id NOT IN (SELECT mentor_id FROM ${stagingTable('mentors')})`,
  );
  await rejectWhere(
    db,
    'outcomes',
    'client_id',
    's.client_id',
    'unknown_client',
    `s.client_id NOT IN (SELECT client_id FROM ${stagingTable('clients')})`,
  );
  await noteMissingBaselines(db);
}

/** Outcomes of a client without a baseline are kept, with a note: growth needs a baseline. */
export async function noteMissingBaselines(db: Database): Promise<void> {
  await db.query(
    `INSERT INTO ${PROBLEMS_TABLE} ${PROBLEM_ROW} SELECT _file, _row, NULL, 'measurement', measurement, 'no_baseline', 'kept'
     FROM ${stagingTable('outcomes')} s
     WHERE measurement <> 'baseline' AND client_id NOT IN (SELECT client_id FROM ${stagingTable('outcomes')} WHERE measurement = 'baseline')`,
  );
}

/**
 * A flat sheet repeats its client's details on every session (or measurement) row: its
 * client part is merged to one row per client — each detail the value most rows give
 * (ties: the first row's) — and every row whose value differs is reported
 * (`conflicting_value`, the value not used). A client also listed in a clients file keeps
 * that file's row. Same for mentor details.
 */
export async function mergeFlatParts(db: Database, table: TableName, flatFiles: readonly number[]): Promise<void> {
  const def = TABLES[table];
  const names = def.columns.map((c) => c.name);
  const key = ident(def.key[0], names);
  const stg = stagingTable(table);
  const flatList = flatFiles.map((f) => `${Math.floor(f)}`).join(', ');
  const isFlat = `_file IN (${flatList})`;
  await db.query(`DELETE FROM ${stg} WHERE ${isFlat} AND ${key} IN (SELECT ${key} FROM ${stg} WHERE NOT ${isFlat})`);
  const details = def.columns.filter((c) => c.name !== def.key[0]).map((c) => ident(c.name, names));
  const chosen = details.map(
    (c, i) => `d${i} AS (
      SELECT ${key}, first(v ORDER BY n DESC, first_row) AS v FROM (
        SELECT ${key}, ${c} AS v, count(*) AS n, min(_file::BIGINT * 1000000000000 + _row) AS first_row
        FROM ${stg} WHERE ${isFlat} AND ${c} IS NOT NULL GROUP BY ALL)
      GROUP BY ${key})`,
  );
  await db.query(
    `CREATE OR REPLACE TEMP TABLE flat_merged AS
     WITH k AS (SELECT ${key}, min(_file) AS _file, min(_row) AS _row FROM ${stg} WHERE ${isFlat} GROUP BY ${key})${chosen.length ? `, ${chosen.join(', ')}` : ''}
     SELECT k._file, k._row, k.${key}${details.map((c, i) => `, d${i}.v AS ${c}`).join('')}
     FROM k ${details.map((_, i) => `LEFT JOIN d${i} USING (${key})`).join(' ')}`,
  );
  for (const c of details) {
    await db.query(
      `INSERT INTO ${PROBLEMS_TABLE} ${PROBLEM_ROW}
       SELECT s._file, s._row, NULL, ${stringLiteral(c.slice(1, -1))}, s.${c}::VARCHAR, 'conflicting_value', 'ignored'
       FROM ${stg} s JOIN flat_merged m USING (${key})
       WHERE s.${isFlat} AND s.${c} IS NOT NULL AND s.${c} IS DISTINCT FROM m.${c}`,
    );
  }
  await db.query(`DELETE FROM ${stg} WHERE ${isFlat}`);
  await db.query(`INSERT INTO ${stg} BY NAME SELECT * FROM flat_merged`);
  await db.query(`DROP TABLE flat_merged`);
}

/** Rows of a derived table carry this file index: they come from no file. */
export const DERIVED_FILE = -1;

/**
 * Tables the set has no file for, made from the ids the others name: mentors from the
 * session log (programme and region unknown), clients from the sessions and outcomes
 * (every detail unknown). Returns what was made, for the report.
 */
export async function deriveMissingTables(
  db: Database,
  absent: readonly TableName[],
): Promise<{ table: TableName; rows: number; from: TableName }[]> {
  const made: { table: TableName; rows: number; from: TableName }[] = [];
  const derive = async (table: TableName, key: string, source: string, from: TableName) => {
    await db.query(
      `INSERT INTO ${stagingTable(table)} BY NAME
       SELECT ${DERIVED_FILE} AS _file, (row_number() OVER (ORDER BY id) - 1)::BIGINT AS _row, id AS ${key}
       FROM (${source}) WHERE id IS NOT NULL`,
    );
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${stagingTable(table)} WHERE _file = ${DERIVED_FILE}`);
    if (n > 0) made.push({ table, rows: n, from });
  };
  if (absent.includes('mentors')) {
    await derive('mentors', 'mentor_id', `SELECT DISTINCT mentor_id AS id FROM ${stagingTable('sessions')}`, 'sessions');
  }
  if (absent.includes('clients')) {
    await derive(
      'clients',
      'client_id',
      `SELECT client_id AS id FROM ${stagingTable('sessions')} UNION SELECT client_id FROM ${stagingTable('outcomes')}`,
      absent.includes('sessions') ? 'outcomes' : 'sessions',
    );
  }
  return made;
}

/** Runs every cross-row check, in the order the references need; returns the derived tables. */
export async function runChecks(
  db: Database,
  absent: readonly TableName[] = [],
): Promise<{ table: TableName; rows: number; from: TableName }[]> {
  for (const table of TABLE_NAMES) await rejectDuplicates(db, table);
  const derived = await deriveMissingTables(db, absent);
  await rejectUnknownReferences(db);
  return derived;
}
