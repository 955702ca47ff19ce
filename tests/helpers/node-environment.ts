/**
 * The dataset managers' environment in Node: DuckDB-WASM's Node engine, the site's files read
 * from `data/`, an in-memory store of uploads that keeps what it is given (so a test can damage
 * a stored copy), and the "next visit" remembered in a variable. Published datasets are not
 * reachable here: opening one fails as a host that cannot be read does.
 */
import { readFileSync } from 'node:fs';
import { afterEach, expect } from 'vitest';
import { join } from 'node:path';
import { Blob } from 'node:buffer';
import { openNodeDatabase, type NodeDatabase } from '../../src/lib/db/node-database';
import type { DatasetStore, StoredDatasetMeta } from '../../src/lib/db/dataset-store';
import type { ColumnCache, KeptColumns } from '../../src/lib/db/column-cache';
import { TABLE_NAMES, type TableName } from '../../src/lib/domain/schema';
import type { DatasetEnvironment } from '../../src/lib/state/dataset-environment';
import { STORE_CATALOG } from '../../src/lib/db/stored-tables';
import { CROSSWALK_PATH, SAMPLE_DIR } from './sample-db';

export class MemoryStore implements DatasetStore {
  readonly kind = 'indexeddb';
  readonly saved = new Map<string, { meta: StoredDatasetMeta; tables: Record<TableName, Uint8Array> }>();

  async list(): Promise<StoredDatasetMeta[]> {
    return [...this.saved.values()].map((s) => s.meta);
  }

  async save(meta: StoredDatasetMeta, tables: Record<TableName, () => AsyncIterable<Uint8Array>>): Promise<number> {
    const kept = {} as Record<TableName, Uint8Array>;
    for (const table of TABLE_NAMES) {
      const pieces: Uint8Array[] = [];
      for await (const piece of tables[table]()) pieces.push(piece);
      kept[table] = new Uint8Array(Buffer.concat(pieces));
    }
    const bytes = TABLE_NAMES.reduce((n, t) => n + kept[t].byteLength, 0);
    this.saved.set(meta.id, { meta: { ...meta, storedBytes: bytes }, tables: kept });
    return bytes;
  }

  async read(id: string) {
    const entry = this.saved.get(id);
    if (!entry) return null;
    const tables = Object.fromEntries(TABLE_NAMES.map((t) => [t, new Blob([entry.tables[t]])])) as unknown as Record<
      TableName,
      globalThis.Blob
    >;
    return { meta: entry.meta, tables };
  }

  async remove(id: string): Promise<void> {
    this.saved.delete(id);
  }

  async removeOrphans(): Promise<string[]> {
    return [];
  }
}

export interface NodeWorld {
  readonly env: DatasetEnvironment<NodeDatabase>;
  readonly store: MemoryStore;
  /** Explore's columns kept per stored upload (IndexedDB in the browser). */
  readonly columns: MemoryColumnCache;
  /** The dataset the next visit opens (localStorage in the browser). */
  activeId: string | null;
  /** The `source` link parameter of the page. */
  source: string | null;
  /** Engines started (each manager starts one). */
  readonly engines: NodeDatabase[];
  readonly marks: string[];
}

/** Kept columns in memory, written at once (the browser waits for a view's columns to settle). */
export class MemoryColumnCache implements ColumnCache {
  readonly settleMs = 0;
  readonly kept = new Map<string, KeptColumns>();
  writes = 0;

  async read(id: string): Promise<KeptColumns | null> {
    return this.kept.get(id) ?? null;
  }

  async write(id: string, kept: KeptColumns): Promise<void> {
    this.writes++;
    this.kept.set(id, structuredClone(kept));
  }

  async remove(id: string): Promise<void> {
    this.kept.delete(id);
  }

  async ids(): Promise<string[]> {
    return [...this.kept.keys()];
  }
}

const readData = (path: string) => new Uint8Array(readFileSync(path));

/** A fresh "browser": its storage is `store` and `columns` (shared between visits when passed in). */
export function nodeWorld(store = new MemoryStore(), activeId: string | null = null, columns = new MemoryColumnCache()): NodeWorld {
  let ids = 0;
  const world: NodeWorld = {
    store,
    columns,
    activeId,
    source: null,
    engines: [],
    marks: [],
    env: {
      async startEngine() {
        const db = await openNodeDatabase();
        world.engines.push(db);
        return db;
      },
      async fetchSample(onBytes) {
        const files = Object.fromEntries(TABLE_NAMES.map((t) => [t, readData(join(SAMPLE_DIR, `${t}.csv`))])) as Record<
          TableName,
          Uint8Array
        >;
        for (const t of TABLE_NAMES) onBytes?.(t, files[t].byteLength);
        return files;
      },
      fetchCrosswalk: async () => readData(CROSSWALK_PATH),
      openStore: async () => world.store,
      columnCache: columns,
      appVersion: 'test',
      readActiveId: () => world.activeId,
      writeActiveId: (id) => (world.activeId = id),
      newDatasetId: () => `ds-test-${++ids}`,
      sourceParam: () => world.source,
      openRemote: async (_db, url) => {
        throw new Error(`HTTP 404 for ${url}`);
      },
      releaseRemote: async () => undefined,
      mark: (name) => world.marks.push(name),
      now: () => performance.now(),
    },
  };
  return world;
}

/** Closes the engines a test started. */
export function closeWorld(world: NodeWorld): void {
  for (const db of world.engines) db.close();
}

/** The world's environment with an engine that keeps uploads in a database file, as a browser with OPFS (an attached in-memory catalog here). */
export function opfsEnvironment(world: NodeWorld): DatasetEnvironment<NodeDatabase> {
  const startEngine = world.env.startEngine;
  return {
    ...world.env,
    async startEngine(onProgress) {
      const db = await startEngine(onProgress);
      await db.query(`ATTACH ':memory:' AS ${STORE_CATALOG}`);
      return Object.assign(db, { persistence: { kind: 'opfs' } as const });
    },
  };
}

/** The worlds a test file starts, closed after each test (push every world made). */
export function closeWorldsAfterEach(): NodeWorld[] {
  const worlds: NodeWorld[] = [];
  afterEach(() => {
    for (const world of worlds.splice(0)) closeWorld(world);
  });
  return worlds;
}

/** Waits until `condition` holds (up to 30 s), then asserts it. */
export async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(condition()).toBe(true);
}

/** Patches `db.query` in place so `around` sees each statement before it runs; returns the undo. */
function aroundQueries(db: NodeDatabase, around: (sql: string, run: () => Promise<unknown>) => Promise<unknown>): () => void {
  const query = db.query.bind(db);
  db.query = ((sql: string, ...rest: unknown[]) =>
    around(sql, () => (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest))) as typeof db.query;
  return () => {
    db.query = query;
  };
}

/** Records the SQL of every query sent to `db` into `sent`; returns the undo. */
export function recordQueries(db: NodeDatabase, sent: string[]): () => void {
  return aroundQueries(db, (sql, run) => {
    sent.push(sql);
    return run();
  });
}

/** Makes the statements `fails` picks reject with `message` (the others run); returns the undo. */
export function failQueries(db: NodeDatabase, fails: (sql: string) => boolean, message: string): () => void {
  return aroundQueries(db, (sql, run) => (fails(sql) ? Promise.reject(new Error(message)) : run()));
}
