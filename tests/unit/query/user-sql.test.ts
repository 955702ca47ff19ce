import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/db/types';
import { listTables, runUserQuery } from '../../../src/lib/query/user-sql';
import { openSampleDatabase } from '../../helpers/sample-db';

let db: Database & { close(): void };
beforeAll(async () => {
  db = await openSampleDatabase();
});
afterAll(() => db?.close());

async function rowCounts() {
  return Object.fromEntries((await listTables(db)).map((t) => [t.name, t.rows]));
}

describe('the SQL page runs read-only queries', () => {
  it('returns columns with types, rows and ISO dates', async () => {
    const r = await runUserQuery(db, `SELECT region_code, count(*) AS n, min(enrolled_on) AS first FROM clients GROUP BY 1 ORDER BY 1;`);
    expect(r.columns).toEqual([
      { name: 'region_code', type: 'VARCHAR' },
      { name: 'n', type: 'BIGINT' },
      { name: 'first', type: 'DATE' },
    ]);
    expect(r.rows).toHaveLength(10);
    expect(r.rows[0]).toMatchObject({ region_code: '5201' });
    expect(r.rows[0].first).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.truncated).toBe(false);
  });

  it('caps the rows it fetches', async () => {
    const r = await runUserQuery(db, 'FROM sessions', 100);
    expect(r.rows).toHaveLength(100);
    expect(r.truncated).toBe(true);
  });

  it.each([
    'DROP TABLE clients',
    'SELECT 1; DROP TABLE clients',
    'DELETE FROM sessions',
    'UPDATE clients SET region_code = NULL',
    'INSERT INTO clients SELECT * FROM clients',
    'CREATE TABLE x AS SELECT 1',
    "COPY clients TO 'x.csv'",
    "ATTACH 'x.db' AS x",
    'INSTALL httpfs',
    'SET threads = 1',
    'PRAGMA show_tables',
    "SELECT * FROM query('DROP TABLE clients')",
    'ALTER TABLE clients RENAME TO y',
  ])('refuses %s and leaves every table as it was', async (sql) => {
    const before = await rowCounts();
    await expect(runUserQuery(db, sql)).rejects.toThrow();
    expect(await rowCounts()).toEqual(before);
  });

  it('lists the loaded and derived tables with their columns', async () => {
    const tables = await listTables(db);
    const names = tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['clients', 'mentors', 'sessions', 'outcomes', 'client_fact']));
    expect(tables.find((t) => t.name === 'clients')!.rows).toBe(1500);
    expect(tables.find((t) => t.name === 'sessions')!.columns.map((c) => c.name)).toContain('functions');
  });
});
