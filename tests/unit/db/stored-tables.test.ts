/**
 * Uploads kept in the engine's database file (db/stored-tables.ts), on the real engine: in
 * Node the store catalog is an attached in-memory database of the same name, so the SQL is
 * the browser's. A stored dataset must come back with the same fingerprint and the same
 * Explore numbers, whatever was active in between.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleDatabase } from '../../helpers/sample-db';
import {
  STORE_CATALOG,
  STORED_TABLES,
  readStoredAbout,
  refreshStoredModel,
  removeUnlistedTables,
  saveStoredTables,
  storedDatasetIds,
  useStoredTables,
  type StoredAbout,
} from '../../../src/lib/db/stored-tables';
import { dropTablesOrViews, swapTables } from '../../../src/lib/db/swap';
import { datasetFingerprint } from '../../../src/lib/upload/fingerprint';
import { datasetCoverage } from '../../../src/lib/query/coverage';
import { tableCounts } from '../../../src/lib/db/load-stored';
import {
  EXPOSURE_ADDITIONS,
  MODEL_SQL,
  MODEL_TABLES,
  buildModel,
  ensureFramework,
  frameworkKnown,
  modelChanged,
} from '../../../src/lib/query/model';
import { exploreResults } from '../../../src/lib/query/explore';
import { DEFAULT_VIEW } from '../../../src/lib/query/view';
import type { Database } from '../../../src/lib/query/database';

type Db = Awaited<ReturnType<typeof openSampleDatabase>>;
let db: Db;
let about: Omit<StoredAbout, 'savedAt'>;
let fingerprint: string;
let groups: string;

/** What Explore's default view shows, as comparable text. */
async function defaultView(database: Database): Promise<string> {
  const r = await exploreResults(database, DEFAULT_VIEW);
  return JSON.stringify({ kpis: r.kpis, groups: r.groups.map((g) => [g.group, g.exposed, g.n, g.value]) });
}

async function kindOf(name: string): Promise<'table' | 'view' | null> {
  const rows = await db.query<{ kind: 'table' | 'view' }>(
    `SELECT 'table' AS kind FROM duckdb_tables() WHERE database_name = current_database() AND table_name = ?
     UNION ALL SELECT 'view' FROM duckdb_views() WHERE database_name = current_database() AND view_name = ?`,
    [name, name],
  );
  return rows[0]?.kind ?? null;
}

/** Makes other tables active (a tenth of the sessions), as a switch to another dataset would. */
async function activateSomethingElse(): Promise<void> {
  await swapTables(db, async () => {
    // The swap drops the views of a stored dataset that was active: every table is made again.
    for (const table of ['clients', 'mentors', 'outcomes']) {
      await db.query(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM ${STORE_CATALOG}."ds-sample".${table}`);
    }
    await db.query(
      `CREATE OR REPLACE TABLE sessions AS SELECT * FROM ${STORE_CATALOG}."ds-sample".sessions USING SAMPLE 10 PERCENT (bernoulli, 7)`,
    );
    await buildModel(db);
  });
}

beforeAll(async () => {
  db = await openSampleDatabase();
  await db.query(`ATTACH ':memory:' AS ${STORE_CATALOG}`);
  fingerprint = await datasetFingerprint(db);
  groups = await defaultView(db);
  about = { fingerprint, formatVersion: 1, modelKey: 'model-a', tables: await tableCounts(db), coverage: await datasetCoverage(db) };
}, 120_000);

afterAll(() => db?.close());

describe('stored tables', () => {
  it('model tables list what MODEL_SQL creates', () => {
    const created = MODEL_SQL.map((sql) => /CREATE OR REPLACE TABLE (\w+)/.exec(sql)?.[1]);
    expect(created).toEqual([...MODEL_TABLES]);
  });

  it('saves a dataset with its description written last', async () => {
    expect(await saveStoredTables(db, 'ds-sample', about)).toBe('saved');
    expect(await storedDatasetIds(db)).toContain('ds-sample');
    const read = await readStoredAbout(db, 'ds-sample');
    expect(read?.fingerprint).toBe(fingerprint);
    expect(read?.tables).toEqual(about.tables);
    expect(read?.coverage.rows.sessions).toBe(about.coverage.rows.sessions);
    // The default view filled the official framework's exposure rows, and only it.
    expect(read?.frameworks).toEqual(['official']);
    expect(read?.columns?.clients).toEqual(expect.arrayContaining(['client_id', 'owner_birth_year']));
    expect(await readStoredAbout(db, 'ds-missing')).toBeNull();
  });

  it('brings the dataset back as views, with the same fingerprint and the same numbers', async () => {
    await activateSomethingElse();
    expect(await datasetFingerprint(db)).not.toBe(fingerprint);
    await useStoredTables(db, 'ds-sample', true, { frameworks: (await readStoredAbout(db, 'ds-sample'))!.frameworks });
    // The stored frameworks are known without asking the engine; others are not.
    expect(frameworkKnown(db, 'official')).toBe(true);
    expect(frameworkKnown(db, 'wiryasaputra')).toBe(false);
    expect(await kindOf('sessions')).toBe('view');
    expect(await kindOf('client_fact')).toBe('view');
    // Exposure rows too (nothing copied): frameworks the file lacks go to an in-memory
    // table the view also reads.
    expect(await kindOf('client_function_sessions')).toBe('view');
    expect(await kindOf(EXPOSURE_ADDITIONS)).toBe('table');
    expect(await datasetFingerprint(db)).toBe(fingerprint);
    expect(await defaultView(db)).toBe(groups);
    const count = async (framework: string, table = 'client_function_sessions') =>
      Number((await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE framework = ?`, [framework]))[0].n);
    const official = await count('official');
    expect(official).toBeGreaterThan(0);
    expect(await count('official', EXPOSURE_ADDITIONS)).toBe(0); // stored, not added again
    await ensureFramework(db, 'wiryasaputra');
    expect(await count('wiryasaputra')).toBeGreaterThan(0);
    expect(await count('wiryasaputra', EXPOSURE_ADDITIONS)).toBe(await count('wiryasaputra'));
    await ensureFramework(db, 'official');
    expect(await count('official')).toBe(official);
  });

  it('builds the model again when the stored one is stale, and can store the new one', async () => {
    await activateSomethingElse();
    await useStoredTables(db, 'ds-sample', false);
    expect(await kindOf('sessions')).toBe('view');
    expect(await kindOf('client_fact')).toBe('table');
    expect(await defaultView(db)).toBe(groups);
    expect(await refreshStoredModel(db, 'ds-sample', { ...about, modelKey: 'model-b' })).toBe('saved');
    expect((await readStoredAbout(db, 'ds-sample'))?.modelKey).toBe('model-b');
    await activateSomethingElse();
    await useStoredTables(db, 'ds-sample', true);
    expect(await defaultView(db)).toBe(groups);
  });

  it('lets an upload replace a stored dataset that is active (the swap drops its views)', async () => {
    await useStoredTables(db, 'ds-sample', true);
    await activateSomethingElse();
    expect(await kindOf('sessions')).toBe('table');
    expect(await kindOf('client_fact')).toBe('table');
    expect(await kindOf('client_function_sessions')).toBe('table');
    expect(await kindOf(EXPOSURE_ADDITIONS)).toBeNull(); // the stored dataset's additions went with its views
  });

  it('abandons a save when the active tables change under it', async () => {
    let inserts = 0;
    const racing: Database = {
      ...db,
      query: async (sql, params, options) => {
        // Another upload swaps its tables in while the copy is under way.
        if (sql.startsWith('INSERT INTO') && ++inserts === 2) modelChanged();
        return db.query(sql, params, options);
      },
    };
    expect(await saveStoredTables(racing, 'ds-raced', about)).toBe('superseded');
    expect(await storedDatasetIds(db)).not.toContain('ds-raced');
    expect(await readStoredAbout(db, 'ds-raced')).toBeNull();
  });

  it('removes the stored datasets that are no longer listed', async () => {
    await useStoredTables(db, 'ds-sample', true);
    await activateSomethingElse();
    expect(await saveStoredTables(db, 'ds-other', about)).toBe('saved');
    expect(await removeUnlistedTables(db, (id) => id === 'ds-sample')).toEqual(['ds-other']);
    expect(await storedDatasetIds(db)).toEqual(['ds-sample']);
  });

  it('opens into an empty engine without listing its catalog, and a wrong "empty" rolls back', async () => {
    await useStoredTables(db, 'ds-sample', true);
    await activateSomethingElse();
    // A wrong promise of an empty engine: the views cannot replace the tables, nothing changes.
    await expect(useStoredTables(db, 'ds-sample', true, { engineEmpty: true })).rejects.toThrow();
    expect(await kindOf('sessions')).toBe('table');
    expect(await defaultView(db)).not.toBe(groups);
    // As a page's first open finds it: no dataset objects at all.
    await dropTablesOrViews(db, [...STORED_TABLES]);
    const sent: string[] = [];
    const recording = (conn: Database): Database => ({
      ...conn,
      query: (sql, params, options) => {
        sent.push(sql);
        return conn.query(sql, params, options);
      },
    });
    const watched: Database = { ...recording(db), exclusive: (work) => db.exclusive!((conn) => work(recording(conn))) };
    const kept = (await readStoredAbout(db, 'ds-sample'))!;
    await useStoredTables(watched, 'ds-sample', true, { engineEmpty: true, columns: kept.columns, frameworks: kept.frameworks });
    expect(sent.filter((sql) => /duckdb_(views|tables|columns)\(\)/.test(sql))).toEqual([]);
    expect(await defaultView(db)).toBe(groups);
  });

  it('refuses ids it did not make', async () => {
    await expect(saveStoredTables(db, 'x"; DROP TABLE sessions; --', about)).rejects.toThrow(/Not a dataset id/);
    expect(await readStoredAbout(db, '../etc')).toBeNull();
  });
});
