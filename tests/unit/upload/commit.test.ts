/**
 * The commit (upload/commit.ts) renames the staging tables into place: the tables come out
 * with exactly the schema's columns, in order, and no staging table is left; a commit that
 * fails rolls back to the tables the pages were showing, staging tables as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitStaging } from '../../../src/lib/upload/commit';
import { emptyStaging, stagingTable } from '../../../src/lib/upload/checks';
import { TABLES, TABLE_NAMES } from '../../../src/lib/domain/schema';
import type { Database } from '../../../src/lib/query/database';
import { openSampleDatabase } from '../../helpers/sample-db';

let db: Awaited<ReturnType<typeof openSampleDatabase>>;

const columnsOf = async (table: string) =>
  (
    await db.query<{ name: string }>(
      `SELECT column_name AS name FROM duckdb_columns() WHERE database_name = current_database() AND table_name = ? ORDER BY column_index`,
      [table],
    )
  ).map((r) => r.name);
const rows = async (table: string) => Number((await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table}`))[0].n);

/** Staging tables as a load leaves them: the sample's rows, with the bookkeeping columns. */
async function stageSample(): Promise<void> {
  for (const table of TABLE_NAMES) {
    await emptyStaging(db, table);
    await db.query(`INSERT INTO ${stagingTable(table)} SELECT 0, row_number() OVER (), * FROM ${table}`);
  }
}

beforeAll(async () => {
  db = await openSampleDatabase();
});
afterAll(() => db.close());

describe('commit', () => {
  it('a failed commit leaves the shown tables and the staging tables as they were', async () => {
    const sessions = await rows('sessions');
    await stageSample();
    await db.query(`DELETE FROM ${stagingTable('sessions')} WHERE _row > 10`);
    const failing: Database = {
      ...db,
      query: (sql, params, options) =>
        /CREATE OR REPLACE TABLE client_fact/.test(sql) ? Promise.reject(new Error('engine error')) : db.query(sql, params, options),
    };
    await expect(commitStaging(failing)).rejects.toThrow('engine error');
    expect(await rows('sessions')).toBe(sessions);
    expect(await columnsOf('sessions')).toEqual(TABLES.sessions.columns.map((c) => c.name));
    expect(await rows(stagingTable('sessions'))).toBe(10);
    expect((await columnsOf(stagingTable('sessions'))).slice(0, 2)).toEqual(['_file', '_row']);
  });

  it('renames the staging tables into place, with the schema’s columns in order and their rows', async () => {
    await stageSample();
    await db.query(`DELETE FROM ${stagingTable('sessions')} WHERE _row > 10`);
    await commitStaging(db);
    expect(await rows('sessions')).toBe(10);
    for (const table of TABLE_NAMES) expect(await columnsOf(table)).toEqual(TABLES[table].columns.map((c) => c.name));
    const left = await db.query(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'stg_%'`);
    expect(left).toEqual([]);
    expect(await rows('client_fact')).toBeGreaterThan(0);
  });
});
