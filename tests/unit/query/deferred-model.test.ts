/**
 * An upload's commit leaves the model tables no first view reads (`DEFERRED_TABLES`) to be
 * built just after, in the background. On the Node engine, with the tiny fixture: the commit
 * does not build them; what reads them first builds them itself and gets what a full model
 * gives; the background run then finds them made; a rolled-back commit leaves the shown
 * dataset whole; and a copy kept in the store holds them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFERRED_TABLES, MODEL_SQL, completeModel, readsDeferredTable } from '../../../src/lib/query/model';
import { runGroupQuery, runTotalQuery } from '../../../src/lib/query/group-query';
import { cohortTrajectories } from '../../../src/lib/query/trajectory';
import { runUserQuery } from '../../../src/lib/query/user-sql';
import { NO_FILTERS } from '../../../src/lib/query/overview';
import { readStoredAbout, saveStoredTables } from '../../../src/lib/db/stored-tables';
import { STORE_CATALOG } from '../../../src/lib/db/swap';
import { tableCounts } from '../../../src/lib/db/load-stored';
import { datasetCoverage } from '../../../src/lib/query/coverage';
import type { NodeDatabase } from '../../../src/lib/db/node-database';
import { openEmptyDatabase, tinyFiles, upload } from '../../helpers/upload';
import { failQueries, recordQueries } from '../../helpers/node-environment';

const open: NodeDatabase[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

async function uploaded(): Promise<NodeDatabase> {
  const db = await openEmptyDatabase();
  open.push(db);
  await upload(db, tinyFiles(), { today: '2026-01-01' });
  return db;
}

const tablesIn = async (db: NodeDatabase) =>
  (await db.query<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main'`)).map((r) => r.name);

/** Every row of a table, in a stable order. */
const rowsOf = (db: NodeDatabase, table: string) => db.query(`SELECT * FROM ${table} ORDER BY ALL`);

/** The deferred tables as a full model build makes them, from the tables now in `db`. */
async function fullModelRows(db: NodeDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of DEFERRED_TABLES) {
    const sql = MODEL_SQL.find((s) => s.startsWith(`CREATE OR REPLACE TABLE ${table} `))!;
    await db.query(sql.replace(`TABLE ${table} `, `TEMP TABLE full_${table} `));
    out[table] = await rowsOf(db, `full_${table}`);
  }
  return out;
}

const workload = {
  measure: 'mentor_sessions_per_month',
  dimension: 'region',
  framework: 'official',
  minSessions: 1,
  filters: NO_FILTERS,
} as const;

describe('the model tables an upload builds after its commit', () => {
  it('are not built by the commit; the first reader builds them, as a full model would', async () => {
    const db = await openEmptyDatabase();
    open.push(db);
    const sent: string[] = [];
    const stop = recordQueries(db, sent);
    await upload(db, tinyFiles(), { today: '2026-01-01' });
    const committed = sent.indexOf('COMMIT');
    expect(committed).toBeGreaterThan(0);
    expect(
      sent.slice(0, committed).filter((sql) => /CREATE (OR REPLACE )?TABLE (IF NOT EXISTS )?client_(mentor_)?month\b/.test(sql)),
    ).toEqual([]);
    const tables = await tablesIn(db);
    for (const table of DEFERRED_TABLES) expect(tables).not.toContain(table);
    expect(tables).toContain('client_fact');

    // A workload view asks first: it builds them in the foreground and answers.
    const rows = await runGroupQuery(db, workload);
    stop();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => Number(r.n) > 0)).toBe(true);
    const expected = await fullModelRows(db);
    for (const table of DEFERRED_TABLES) expect(await rowsOf(db, table)).toEqual(expected[table]);
  });

  it('the background run builds them when nobody asks, and a later reader sends nothing more', async () => {
    const db = await uploaded();
    await completeModel(db, 'background');
    for (const table of DEFERRED_TABLES) expect(await tablesIn(db)).toContain(table);
    const sent: string[] = [];
    const stop = recordQueries(db, sent);
    await completeModel(db);
    await runTotalQuery(db, workload);
    stop();
    expect(sent.filter((sql) => sql.includes('IF NOT EXISTS'))).toEqual([]);
  });

  it('two readers at once share one run', async () => {
    const db = await uploaded();
    const sent: string[] = [];
    const stop = recordQueries(db, sent);
    await Promise.all([completeModel(db), completeModel(db)]);
    stop();
    expect(sent.filter((sql) => sql.startsWith('CREATE TABLE IF NOT EXISTS'))).toHaveLength(DEFERRED_TABLES.length);
  });

  it('every reader of them waits: trajectories of sessions and the SQL page', async () => {
    const trajectories = await cohortTrajectories(await uploaded(), {
      measure: 'sessions_per_client',
      framework: 'official',
      minSessions: 1,
      filters: NO_FILTERS,
    });
    expect(trajectories?.length).toBeGreaterThan(0);
    const result = await runUserQuery(await uploaded(), 'SELECT sum(sessions)::INTEGER AS s FROM client_month');
    const [{ c1 }] = result.rows as { c1: number }[];
    expect(c1).toBeGreaterThan(0);
    expect(readsDeferredTable('SELECT * FROM client_mentor_month')).toBe(true);
    expect(readsDeferredTable('SELECT * FROM client_fact')).toBe(false);
  });

  it('a commit that fails after leaving them out puts the shown dataset back whole', async () => {
    const db = await uploaded();
    const before = await fullModelRows(db);
    // The next upload fails in its commit (after its model left the tables out).
    const restore = failQueries(db, (sql) => sql === 'COMMIT', 'disk full');
    await expect(upload(db, tinyFiles(), { today: '2026-01-01' })).rejects.toThrow();
    restore();
    await runGroupQuery(db, workload);
    for (const table of DEFERRED_TABLES) expect(await rowsOf(db, table)).toEqual(before[table]);
  });

  it('a copy kept in the store right after the upload holds them', async () => {
    const db = await uploaded();
    await db.query(`ATTACH ':memory:' AS ${STORE_CATALOG}`);
    const outcome = await saveStoredTables(db, 'ds-1', {
      fingerprint: '0123456789abcdef',
      formatVersion: 1,
      modelKey: 'model-a',
      tables: await tableCounts(db),
      coverage: await datasetCoverage(db),
    });
    expect(outcome).toBe('saved');
    expect(await readStoredAbout(db, 'ds-1')).not.toBeNull();
    const expected = await fullModelRows(db);
    for (const table of DEFERRED_TABLES) expect(await rowsOf(db, `${STORE_CATALOG}."ds-1".${table}`)).toEqual(expected[table]);
  });
});
