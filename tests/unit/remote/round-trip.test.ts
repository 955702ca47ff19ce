/**
 * The built-in sample converted to a remote dataset (DuckDB files + manifest, as `npm run
 * build` ships it), served over HTTP on 127.0.0.1 and loaded through remote-source into
 * DuckDB-WASM's Node engine, gives the same model and KPIs as the CSV sample.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRemoteDataset } from '../../../scripts/build-remote-sample';
import { openNodeDatabase } from '../../../src/lib/db/node-database';
import { serveStatic } from '../../../scripts/serve.mjs';
import { loadCanonicalTables } from '../../../src/lib/db/load-canonical';
import { loadRemoteDataset, releaseRemoteDataset, type LoadRemoteOptions } from '../../../src/lib/db/remote-source';
import type { Database } from '../../../src/lib/query/database';
import { TABLE_NAMES, type TableName } from '../../../src/lib/domain/schema';
import { overviewKpis, type OverviewKpis } from '../../../src/lib/query/overview';
import { ensureFramework } from '../../../src/lib/query/model';
import { runGroupQuery } from '../../../src/lib/query/group-query';
import { datasetFingerprint } from '../../../src/lib/upload/fingerprint';
import { nodeRemoteFiles } from '../../helpers/remote-files';
import { CROSSWALK_PATH, SAMPLE_DIR, openSampleDatabase } from '../../helpers/sample-db';

type NodeDb = Database & { close(): void };

let root: string;
let server: { url: string; close(): Promise<void> };
let expected: { kpis: OverviewKpis; fingerprint: string; byRegion: unknown };

const SPEC = {
  measure: 'revenue_growth_median',
  dimension: 'region',
  framework: 'official',
  minSessions: 3,
  filters: { values: {} },
} as const;

function options(db: Database, log?: string[]): LoadRemoteOptions {
  return {
    files: nodeRemoteFiles(db, log),
    pageUrl: server.url,
    defaultCrosswalk: async () => new Uint8Array(readFileSync(CROSSWALK_PATH)),
  };
}

async function withDb<T>(work: (db: NodeDb) => Promise<T>): Promise<T> {
  const db = await openNodeDatabase();
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

function editManifest(
  dir: string,
  edit: (manifest: { tables: Record<TableName, { file: string; rows: number; bytes?: number }> }) => void,
) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  edit(manifest);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

/**
 * Copies of the good dataset (one file per table) with one file or the manifest spoilt;
 * made before the server starts, which lists its files once.
 */
const VARIANTS: Record<string, (dir: string) => void | Promise<void>> = {
  'stale-rows': (dir) => editManifest(dir, (m) => (m.tables.sessions.rows += 1)),
  'wrong-types': async (dir) => {
    rmSync(join(dir, 'clients.duckdb'));
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    // Type guessing makes region_code a BIGINT (5201): exactly the mistake to catch.
    await conn.run(`ATTACH '${join(dir, 'clients.duckdb')}' AS o (STORAGE_VERSION 'v1.0.0')`);
    await conn.run(`CREATE TABLE o.clients AS SELECT * EXCLUDE (cohort) FROM read_csv('${join(SAMPLE_DIR, 'clients.csv')}')`);
    await conn.run('DETACH o');
    conn.closeSync();
    instance.closeSync();
    editManifest(dir, (m) => delete m.tables.clients.bytes);
  },
  'not-duckdb': (dir) => {
    writeFileSync(join(dir, 'mentors.duckdb'), 'mentor_id,mentor_name\nM1,Ani\n');
    editManifest(dir, (m) => delete m.tables.mentors.bytes);
  },
  'stale-size': (dir) => editManifest(dir, (m) => (m.tables.outcomes.bytes = 1234)),
  swapped: (dir) => editManifest(dir, (m) => (m.tables.mentors = { file: 'clients.duckdb', rows: 50 })),
  'bad-manifest': (dir) => editManifest(dir, (m) => (m.tables.sessions.file = '../sample/sessions.duckdb')),
  'no-fingerprint': (dir) => editManifest(dir, (m) => delete (m as { fingerprint?: string }).fingerprint),
  'old-model': (dir) => editManifest(dir, (m) => ((m as unknown as { model: { version: string } }).model.version = '0123456789abcdef')),
};

const variant = (name: keyof typeof VARIANTS) => `${server.url}${name}/`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'dampingan-remote-'));
  await buildRemoteDataset({ from: SAMPLE_DIR, out: join(root, 'sample'), crosswalk: CROSSWALK_PATH });
  await buildRemoteDataset({ from: SAMPLE_DIR, out: join(root, 'split'), crosswalk: CROSSWALK_PATH, layout: 'per-table' });
  for (const [name, spoil] of Object.entries(VARIANTS)) {
    cpSync(join(root, 'split'), join(root, name), { recursive: true });
    await spoil(join(root, name));
  }
  server = await serveStatic({ dir: root, port: 0, basePath: '/' });
  const csv = await openSampleDatabase();
  try {
    expected = {
      kpis: await overviewKpis(csv),
      fingerprint: await datasetFingerprint(csv),
      byRegion: await runGroupQuery(csv, SPEC as never),
    };
  } finally {
    csv.close();
  }
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('remote dataset round trip', () => {
  it.each([
    ['one file', 'sample/'],
    ['a file per table', 'split/'],
  ])('gives the same KPIs, charts and content fingerprint as the CSV sample (%s)', async (_, path) => {
    await withDb(async (db) => {
      const steps: string[] = [];
      const remote = await loadRemoteDataset(db, path, { ...options(db), onStep: (s) => steps.push(s) });
      expect(steps).toEqual(['manifest', 'attach', 'check', 'model']);
      expect(await overviewKpis(db)).toEqual(expected.kpis);
      expect(await runGroupQuery(db, SPEC as never)).toEqual(expected.byRegion);
      // The manifest carries the app's own content fingerprint: links made on the CSV sample match.
      expect(remote.fingerprint).toBe(expected.fingerprint);
      expect(await datasetFingerprint(db)).toBe(expected.fingerprint);
      expect(remote.baseUrl).toBe(`${server.url}${path}`);
      expect(remote.model).toBe('precomputed');
      expect(remote.tables.map((t) => [t.table, t.rows])).toEqual([
        ['clients', 1500],
        ['mentors', 50],
        ['sessions', 24898],
        ['outcomes', 4359],
      ]);
      // The canonical and model tables are views over the attached, read-only files.
      const views = await db.query<{ name: string }>(`SELECT view_name AS name FROM duckdb_views() WHERE NOT internal ORDER BY 1`);
      expect(views.map((v) => v.name)).toEqual([...TABLE_NAMES, ...Object.keys(remote.manifest.model!.tables)].sort());
      await expect(db.query(`INSERT INTO dmp_remote_1_0.main.clients SELECT * FROM dmp_remote_1_0.main.clients LIMIT 1`)).rejects.toThrow(
        /read-only/i,
      );
      // Nothing can be inserted into the model either: every framework's exposure rows are there already.
      for (const f of remote.manifest.model!.frameworks) await ensureFramework(db, f);
    });
  });

  it('the precomputed model is the model the browser engine builds, table for table', async () => {
    const MODEL_TABLES = [
      'client_fact',
      'client_task_set',
      'client_mentor',
      'client_mentor_month',
      'client_month',
      'outcome_point',
      'client_function_sessions',
    ];
    const digest = async (db: Database) => {
      const out: Record<string, string> = {};
      for (const t of MODEL_TABLES)
        out[t] = JSON.stringify(await db.query(`SELECT count(*)::BIGINT AS n, bit_xor(hash(t))::VARCHAR AS x FROM ${t} t`));
      return out;
    };
    const precomputed = await withDb(async (db) => {
      const remote = await loadRemoteDataset(db, 'sample/', options(db));
      expect(remote.model).toBe('precomputed');
      return digest(db);
    });
    const built = await withDb(async (db) => {
      const remote = await loadRemoteDataset(db, 'sample/', { ...options(db), usePrecomputedModel: false });
      expect(remote.model).toBe('built');
      for (const f of remote.manifest.model!.frameworks) await ensureFramework(db, f);
      expect(await overviewKpis(db)).toEqual(expected.kpis);
      return digest(db);
    });
    expect(precomputed).toEqual(built);
  });

  it('builds the model itself when the published one was made by other model code', async () => {
    await withDb(async (db) => {
      const remote = await loadRemoteDataset(db, variant('old-model'), options(db));
      expect(remote.model).toBe('built');
      expect(await overviewKpis(db)).toEqual(expected.kpis);
      const attached = await db.query<{ name: string }>(
        `SELECT database_name AS name FROM duckdb_databases() WHERE database_name LIKE 'dmp_remote_%'`,
      );
      expect(attached).toHaveLength(4); // model.duckdb was not even attached (the copy has a file per table)
    });
  });

  it('derives a link-safe fingerprint when the manifest has none', async () => {
    await withDb(async (db) => {
      const remote = await loadRemoteDataset(db, variant('no-fingerprint'), options(db));
      expect(remote.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      expect(remote.fingerprint).not.toBe(expected.fingerprint);
    });
  });

  it('replaces loaded CSV tables, and a second remote load replaces the first and detaches it', async () => {
    await withDb(async (db) => {
      await loadCanonicalTables(
        db,
        Object.fromEntries(TABLE_NAMES.map((t) => [t, new Uint8Array(readFileSync(join(SAMPLE_DIR, `${t}.csv`)))])) as Record<
          TableName,
          Uint8Array
        >,
        new Uint8Array(readFileSync(CROSSWALK_PATH)),
      );
      await loadRemoteDataset(db, `${server.url}sample/manifest.json`, options(db));
      await loadRemoteDataset(db, 'sample', options(db));
      const attached = await db.query<{ name: string }>(
        `SELECT database_name AS name FROM duckdb_databases() WHERE database_name LIKE 'dmp_remote_%' ORDER BY 1`,
      );
      expect(attached.map((a) => a.name)).toEqual(['dmp_remote_2_0']);
      expect(await overviewKpis(db)).toEqual(expected.kpis);

      // Back to CSV tables: release the remote views first.
      await releaseRemoteDataset(db);
      expect(await db.query(`SELECT database_name FROM duckdb_databases() WHERE database_name LIKE 'dmp_remote_%'`)).toEqual([]);
      await loadCanonicalTables(
        db,
        Object.fromEntries(TABLE_NAMES.map((t) => [t, new Uint8Array(readFileSync(join(SAMPLE_DIR, `${t}.csv`)))])) as Record<
          TableName,
          Uint8Array
        >,
        new Uint8Array(readFileSync(CROSSWALK_PATH)),
      );
      expect(await overviewKpis(db)).toEqual(expected.kpis);
    });
  });

  it('a failed load leaves the loaded dataset as it was and attaches nothing', async () => {
    const stale = variant('stale-rows');
    await withDb(async (db) => {
      await loadRemoteDataset(db, 'sample/', options(db));
      await expect(loadRemoteDataset(db, stale, options(db))).rejects.toThrow(
        /sessions.duckdb: table "sessions" has 24898 rows but the manifest says 24899/,
      );
      expect(await overviewKpis(db)).toEqual(expected.kpis);
      const attached = await db.query<{ name: string }>(
        `SELECT database_name AS name FROM duckdb_databases() WHERE database_name LIKE 'dmp_remote_%'`,
      );
      expect(attached.map((a) => a.name).every((n) => n.startsWith('dmp_remote_1_'))).toBe(true);
    });
  });

  it('says what is wrong with a table that does not match the format', async () => {
    const wrongTypes = variant('wrong-types');
    await withDb(async (db) => {
      await expect(loadRemoteDataset(db, wrongTypes, options(db))).rejects.toThrow(
        /clients.duckdb: table "clients" does not match export format v1: column "region_code" is BIGINT, expected VARCHAR\./,
      );
    });
  });

  it('refuses a file that is not a DuckDB database, a stale size, a missing table and another origin', async () => {
    const notDuckdb = variant('not-duckdb');
    const staleSize = variant('stale-size');
    const swapped = variant('swapped');
    await withDb(async (db) => {
      await expect(loadRemoteDataset(db, notDuckdb, options(db))).rejects.toThrow(/Cannot open mentors.duckdb as a DuckDB database/);
      await expect(loadRemoteDataset(db, staleSize, options(db))).rejects.toThrow(
        /outcomes.duckdb has \d+ bytes but the manifest says 1234/,
      );
      await expect(loadRemoteDataset(db, swapped, options(db))).rejects.toThrow(/clients.duckdb holds no table "mentors"/);
      await expect(loadRemoteDataset(db, 'https://data.example.go.id/ntb/', options(db))).rejects.toThrow(/not an allowed data origin/);
      await expect(loadRemoteDataset(db, 'missing/', options(db))).rejects.toThrow(/Cannot read .*missing\/manifest.json: HTTP 404/);
      expect(await db.query(`SELECT database_name FROM duckdb_databases() WHERE database_name LIKE 'dmp_remote_%'`)).toEqual([]);
    });
  });

  it('reads nothing but the manifest when the manifest is bad', async () => {
    const bad = variant('bad-manifest');
    await withDb(async (db) => {
      const log: string[] = [];
      await expect(loadRemoteDataset(db, bad, options(db, log))).rejects.toThrow(/file "..\/sample\/sessions.duckdb" is not allowed/);
      expect(log).toEqual([`${bad}manifest.json`]);
    });
  });

  it('honours cancellation', async () => {
    await withDb(async (db) => {
      const controller = new AbortController();
      const load = loadRemoteDataset(db, 'sample/', {
        ...options(db),
        signal: controller.signal,
        onStep: (s) => s === 'attach' && controller.abort(),
      });
      await expect(load).rejects.toThrow(/cancelled/);
      expect(await db.query(`SELECT database_name FROM duckdb_databases() WHERE database_name LIKE 'dmp_remote_%'`)).toEqual([]);
    });
  });
});
