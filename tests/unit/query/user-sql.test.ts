import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/query/database';
import { listTables, runUserQuery, MAX_CELL_CHARS, UserQueryError, type UserQueryProblem } from '../../../src/lib/query/user-sql';
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
      { key: 'c1', name: 'region_code', type: 'VARCHAR' },
      { key: 'c2', name: 'n', type: 'BIGINT' },
      { key: 'c3', name: 'first', type: 'DATE' },
    ]);
    expect(r.rows).toHaveLength(10);
    expect(r.rows[0]).toMatchObject({ c1: '5201' });
    expect(r.rows[0].c3).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.truncated).toBe(false);
  });

  it('caps the rows it fetches', async () => {
    const r = await runUserQuery(db, 'FROM sessions', { maxRows: 100 });
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

  it('leaves out an upload’s staging tables, there while it runs', async () => {
    await db.query('CREATE TABLE stg_sessions AS SELECT * FROM sessions LIMIT 3');
    try {
      const names = (await listTables(db)).map((t) => t.name);
      expect(names).toContain('sessions');
      expect(names).not.toContain('stg_sessions');
    } finally {
      await db.query('DROP TABLE stg_sessions');
    }
  });
});

async function problemOf(promise: Promise<unknown>): Promise<UserQueryProblem> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserQueryError) return error.problem;
    throw error;
  }
  throw new Error('expected the query to be refused');
}

describe('user SQL is a sandbox', () => {
  it.each([
    ["SELECT * FROM enable_logging(storage = 'file', storage_path = '/dampingan/log')", 'enable_logging'],
    ['SELECT * FROM checkpoint()', 'checkpoint'],
    ['SELECT * FROM force_checkpoint()', 'force_checkpoint'],
    ['SELECT * FROM truncate_duckdb_logs()', 'truncate_duckdb_logs'],
    ['SELECT * FROM disable_logging()', 'disable_logging'],
    ['SELECT setseed(0.5)', 'setseed'],
    ['SELECT (0.5).setseed()', 'setseed'],
    ['SELECT * FROM "CheckPoint"()', 'checkpoint'],
    ["SELECT * FROM query('SELECT * FROM enable_logging()')", 'query'],
    ["SELECT * FROM query_table('clients')", 'query_table'],
    ["SELECT * FROM read_text('http://127.0.0.1:9/x')", 'read_text'],
    ["SELECT * FROM read_csv(['http://127.0.0.1:9/a.csv'])", 'read_csv'],
    ["SELECT * FROM sniff_csv('http://127.0.0.1:9/a.csv')", 'sniff_csv'],
    ["SELECT * FROM glob('*')", 'glob'],
    ['SELECT * FROM duckdb_logs_parsed()', 'duckdb_logs_parsed'],
    ["SELECT * FROM pragma_storage_info('clients')", 'pragma_storage_info'],
  ])('refuses %s before it runs', async (sql, name) => {
    expect(await problemOf(runUserQuery(db, sql))).toEqual({ kind: 'refused-function', name });
  });

  it('after every refused attempt the engine still answers and no table changed', async () => {
    const before = await rowCounts();
    for (const sql of [
      "SELECT * FROM enable_logging(storage = 'file', storage_path = '/dampingan/x')",
      'SELECT * FROM checkpoint()',
      'SELECT setseed(0.1)',
    ]) {
      await expect(runUserQuery(db, sql)).rejects.toThrow(UserQueryError);
    }
    const r = await runUserQuery(db, 'SELECT count(*) AS n FROM clients');
    expect(r.rows[0].c1).toBe(1500);
    expect(await rowCounts()).toEqual(before);
  });

  it('the engine itself refuses URLs and paths that slip past the text check', async () => {
    for (const sql of ["SELECT * FROM 'http://127.0.0.1:9/x.csv'", "SELECT * FROM '/etc/hosts.csv'", "FROM 'clients.csv'"]) {
      const problem = await problemOf(runUserQuery(db, sql));
      expect(problem).toMatchObject({ kind: 'engine', category: 'access' });
    }
    // Without the page's check too: the lock-down is the engine's.
    await expect(db.query("SELECT * FROM read_text('http://127.0.0.1:9/x')")).rejects.toThrow(/disabled by configuration/);
    await expect(db.query('SET enable_external_access = true')).rejects.toThrow(/locked/);
    await expect(db.query("SET allowed_directories = ['/']")).rejects.toThrow(/locked|Cannot change/);
  });

  it('allows read-only table functions and table aliases with column lists', async () => {
    const r = await runUserQuery(db, "SELECT count(*) AS n FROM range(10) AS t(i), unnest(['a', 'b']) AS u(x)");
    expect(r.rows[0].c1).toBe(20);
    const d = await runUserQuery(db, "SELECT table_name FROM duckdb_tables() WHERE table_name = 'clients'");
    expect(d.rows).toEqual([{ c1: 'clients' }]);
  });

  it('stops a runaway query at its time limit, and the engine answers afterwards', async () => {
    const t0 = performance.now();
    expect(await problemOf(runUserQuery(db, 'SELECT sum(hash(i)) FROM range(10000000000) t(i)', { timeLimitMs: 400 }))).toEqual({
      kind: 'timeout',
      limitMs: 400,
    });
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect((await runUserQuery(db, 'SELECT 42 AS x')).rows).toEqual([{ c1: 42 }]);
  });

  it('stops a runaway query when cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    expect(await problemOf(runUserQuery(db, 'SELECT sum(hash(i)) FROM range(10000000000) t(i)', { signal: controller.signal }))).toEqual({
      kind: 'cancelled',
    });
    expect((await runUserQuery(db, 'SELECT 1 AS x')).rows).toEqual([{ c1: 1 }]);
  });

  it('cuts a 300 MB cell to a size the page can show', async () => {
    const r = await runUserQuery(db, "SELECT repeat('x', 300000000) AS big, [1, 2, 3] AS l");
    const cell = r.rows[0].c1 as string;
    expect(cell.length).toBeLessThanOrEqual(MAX_CELL_CHARS + 2);
    expect(cell.startsWith('xxx')).toBe(true);
    expect(r.cellsCapped).toBe(true);
    expect(r.rows[0].c2).toBe('[1, 2, 3]');
  });

  it('stops a result at the byte budget', async () => {
    const r = await runUserQuery(
      db,
      "SELECT repeat('x', 1999) AS a, repeat('y', 1999) AS b, repeat('z', 1999) AS c, i FROM range(20000) t(i)",
    );
    expect(r.bytesCapped).toBe(true);
    expect(r.rows.length).toBeGreaterThan(100);
    expect(r.rows.length).toBeLessThan(10_000);
  });

  it('keeps repeated column names apart', async () => {
    const r = await runUserQuery(db, "SELECT 1 AS a, 'x' AS a");
    expect(r.columns.map((c) => c.key)).toEqual(['c1', 'c2']);
    expect(r.rows).toEqual([{ c1: 1, c2: 'x' }]);
  });
});
