/**
 * Replacing the active dataset with canonical CSV files (the built-in sample, or a stored
 * upload) in one transaction, and writing the active tables back out as canonical CSV
 * for storage. The canonical reader (`readCanonicalCsvSql`) types every column from the
 * schema, so nothing is guessed on the way back in.
 */
import { TABLES, TABLE_NAMES, lateColumnNames, type TableName } from '../domain/schema';
import { buildModel } from '../query/model';
import { swapTables } from './swap';
import { ident, stringLiteral } from '../query/sql';
import { canonicalHeaderOf, readCanonicalCsvSql } from './load-canonical';
import type { EngineDatabase } from './engine-database';
import type { Database } from '../query/database';
import { appFile } from './engine-lockdown';

export type CanonicalSource = Blob | Uint8Array;

/** Registers each table's file, then swaps all four tables and the model atomically. */
export async function replaceWithCanonical(db: EngineDatabase, sources: Record<TableName, CanonicalSource>): Promise<void> {
  const names = Object.fromEntries(TABLE_NAMES.map((t) => [t, appFile(`canonical_${t}.csv`)])) as Record<TableName, string>;
  const headers = {} as Record<TableName, string[]>;
  for (const table of TABLE_NAMES) headers[table] = await canonicalHeaderOf(sources[table]);
  for (const table of TABLE_NAMES) {
    const source = sources[table];
    if (source instanceof Uint8Array) await db.registerFileBuffer(names[table], source);
    else await db.registerBlob(names[table], source);
  }
  try {
    await swapTables(db, async () => {
      for (const table of TABLE_NAMES)
        await db.query(`CREATE OR REPLACE TABLE ${table} AS ${readCanonicalCsvSql(table, names[table], headers[table])}`);
      await buildModel(db);
    });
  } finally {
    for (const table of TABLE_NAMES) await db.dropFile(names[table]).catch(() => undefined);
  }
}

/** Rows per exported piece: ≈ 20 MB of CSV, so no single message or write holds the page long. */
const EXPORT_ROWS = 200_000;

/**
 * The columns the canonical export writes: every column of the format's first release, and
 * a late one (`ColumnDef.late`) only when it holds a value, so data without the late columns
 * is written exactly as before they existed.
 */
export async function exportedColumns(db: Database, table: TableName): Promise<string[]> {
  const all = TABLES[table].columns.map((c) => c.name);
  const late = lateColumnNames(table);
  if (late.length === 0) return all;
  const [row] = await db.query<Record<string, number>>(
    `SELECT ${late.map((n, i) => `count(${ident(n, all)})::BIGINT AS c${i}`).join(', ')} FROM ${table}`,
  );
  const filled = new Set(late.filter((_, i) => Number(row[`c${i}`]) > 0));
  return all.filter((n) => !late.includes(n) || filled.has(n));
}

/**
 * One active canonical table as CSV (header, comma, ISO dates, empty = missing), in
 * pieces of rows by `rowid` range; the pieces concatenate to one CSV file.
 */
export async function* exportCanonical(db: EngineDatabase, table: TableName): AsyncGenerator<Uint8Array> {
  const names = await exportedColumns(db, table);
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${table}`);
  for (let from = 0, part = 0; from < Math.max(n, 1); from += EXPORT_ROWS, part++) {
    const name = appFile(`export_${table}_${part}.csv`);
    await db.registerEmptyFile(name);
    try {
      await db.query(
        `COPY (SELECT ${names.map((c) => ident(c, names)).join(', ')} FROM ${table} WHERE rowid >= ${from} AND rowid < ${from + EXPORT_ROWS})
         TO ${stringLiteral(name)} (FORMAT csv, HEADER ${part === 0}, DELIMITER ',', QUOTE '"', ESCAPE '"', USE_TMP_FILE false)`,
      );
      yield await db.copyFileToBuffer(name);
    } finally {
      await db.dropFile(name).catch(() => undefined);
    }
  }
}

/** Row counts of the active canonical tables. */
export async function tableCounts(db: Database): Promise<{ table: TableName; rows: number }[]> {
  const rows = await db.query<{ t: TableName; n: number }>(
    TABLE_NAMES.map((t) => `SELECT '${t}' AS t, count(*)::BIGINT AS n FROM ${t}`).join(' UNION ALL '),
  );
  return TABLE_NAMES.map((table) => ({ table, rows: rows.find((r) => r.t === table)?.n ?? 0 }));
}
