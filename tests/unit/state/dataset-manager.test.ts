/**
 * The dataset and upload managers on DuckDB-WASM's Node engine, through the same moves a
 * tab makes: a first visit, an upload, the next visit, a damaged stored copy, a switch that
 * fails, a cancelled or failing upload, a link that cannot be read, a delete. Expected row
 * counts are read from the files with PapaParse; expected fingerprints come from loading the
 * same files with the canonical loader in an engine of their own.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { DatasetManager, SAMPLE_ID } from '../../../src/lib/state/dataset-manager.svelte';
import { UploadManager } from '../../../src/lib/state/upload-manager.svelte';
import { datasetFingerprint } from '../../../src/lib/upload/fingerprint';
import { TABLE_NAMES } from '../../../src/lib/domain/schema';
import type { NodeDatabase } from '../../../src/lib/db/node-database';
import { closeWorld, MemoryStore, nodeWorld, recordQueries, type NodeWorld } from '../../helpers/node-environment';
import { openSampleDatabase, REPO_ROOT, SAMPLE_DIR } from '../../helpers/sample-db';
import { fileFromPath, inputsFor } from '../../helpers/upload';

const TINY_DIR = join(REPO_ROOT, 'tests', 'fixtures', 'tiny');
const tinyFiles = () => TABLE_NAMES.map((t) => fileFromPath(join(TINY_DIR, `${t}.csv`)));

/** Data rows of a CSV file, counted by PapaParse (not by the engine). */
function csvRows(path: string): number {
  return Papa.parse(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data.length;
}

const worlds: NodeWorld[] = [];
function visit(store?: MemoryStore, activeId: string | null = null) {
  const world = nodeWorld(store, activeId);
  worlds.push(world);
  const datasets = new DatasetManager<NodeDatabase>(world.env);
  const uploads = new UploadManager<NodeDatabase>(datasets, () => new Map());
  return { world, datasets, uploads };
}
afterEach(() => {
  for (const world of worlds.splice(0)) closeWorld(world);
});

let sampleFingerprint: string | null = null;
async function expectedSampleFingerprint(): Promise<string> {
  if (sampleFingerprint) return sampleFingerprint;
  const db = await openSampleDatabase();
  try {
    return (sampleFingerprint = await datasetFingerprint(db));
  } finally {
    db.close();
  }
}

describe('DatasetManager', () => {
  it('opens the sample on a first visit: ready, generation 1, row counts of the files, the sample fingerprint', async () => {
    const { world, datasets } = visit();
    expect(datasets.status).toBe('idle');
    await datasets.start();
    expect([datasets.status, datasets.kind, datasets.id, datasets.version, datasets.error]).toEqual([
      'ready',
      'sample',
      SAMPLE_ID,
      1,
      null,
    ]);
    expect(datasets.tables).toEqual(TABLE_NAMES.map((table) => ({ table, rows: csvRows(join(SAMPLE_DIR, `${table}.csv`)) })));
    expect(datasets.fingerprint).toBe(await expectedSampleFingerprint());
    expect(datasets.coverage).not.toBeNull();
    expect(world.activeId).toBeNull();
    // A second start is the same start: no second engine, no second load.
    await datasets.start();
    expect([world.engines.length, datasets.version]).toEqual([1, 1]);
  });

  it('an upload becomes the next generation, is stored, and the next visit reopens it from its CSV copy', async () => {
    const first = visit();
    await first.datasets.start();
    const sent: string[] = [];
    const stopRecording = recordQueries(first.datasets.database, sent);
    const report = await first.uploads.run(await inputsFor(tinyFiles()), { name: 'Kecil' });
    stopRecording();
    expect(report).not.toBeNull();
    // The staging tables are digested once; the committed tables are not digested again…
    const digested = sent.filter((sql) => sql.includes('bit_xor(')).map((sql) => sql.trim().split(/\s+/).at(-1));
    expect(digested).toEqual(TABLE_NAMES.map((t) => `stg_${t}`));
    // …because they are the same rows: the report's fingerprint is theirs.
    expect(await datasetFingerprint(first.datasets.database)).toBe(report?.fingerprint);
    expect(first.uploads.error).toBeNull();
    expect([first.datasets.kind, first.datasets.name, first.datasets.version, first.datasets.status]).toEqual([
      'upload',
      'Kecil',
      2,
      'ready',
    ]);
    expect(first.datasets.tables).toEqual(TABLE_NAMES.map((table) => ({ table, rows: csvRows(join(TINY_DIR, `${table}.csv`)) })));
    expect(first.datasets.fingerprint).toBe(report?.fingerprint);
    // Stored, and remembered as the dataset of the next visit only once stored.
    const id = first.datasets.id;
    expect(first.world.activeId).toBe(id);
    expect([...first.world.store.saved.keys()]).toEqual([id]);
    expect(first.uploads.storeError).toBeNull();

    const next = visit(first.world.store, first.world.activeId);
    await next.datasets.start();
    expect([next.datasets.kind, next.datasets.id, next.datasets.name, next.datasets.version]).toEqual(['upload', id, 'Kecil', 1]);
    expect(next.datasets.fingerprint).toBe(report?.fingerprint);
    expect(next.datasets.openedFrom).toBe('csv');
    expect(next.datasets.notice).toBeNull();
    expect(next.datasets.tables).toEqual(first.datasets.tables);
  });

  it('a stored copy changed since it was saved is not used: the next visit opens the sample and says why', async () => {
    const first = visit();
    await first.datasets.start();
    await first.uploads.run(await inputsFor(tinyFiles()), { name: 'Kecil' });
    const id = first.datasets.id;
    const saved = first.world.store.saved.get(id)!;
    // One client's region edited in storage: still a readable copy, but not the data that was loaded.
    const text = new TextDecoder().decode(saved.tables.clients).replace('5201', '5202');
    saved.tables.clients = new TextEncoder().encode(text);

    const next = visit(first.world.store, id);
    await next.datasets.start();
    expect([next.datasets.kind, next.datasets.status]).toEqual(['sample', 'ready']);
    expect(next.datasets.notice).toEqual({ key: 'data.restoreChanged', detail: 'Kecil' });
    expect(next.datasets.fingerprint).toBe(await expectedSampleFingerprint());
    expect(next.world.activeId).toBeNull();
  });

  it('a switch to a changed copy fails and puts the dataset in use back', async () => {
    const { world, datasets, uploads } = visit();
    await datasets.start();
    await uploads.run(await inputsFor(tinyFiles()), { name: 'Kecil' });
    const damaged = datasets.id;
    const copy = world.store.saved.get(damaged)!;
    copy.tables.sessions = new TextEncoder().encode(new TextDecoder().decode(copy.tables.sessions).split('\n').slice(0, -2).join('\n'));
    await datasets.activateSample();
    expect(datasets.kind).toBe('sample');
    const generation = datasets.version;

    await expect(datasets.activateStored(damaged)).rejects.toMatchObject({ name: 'StoredCopyChangedError', datasetName: 'Kecil' });
    expect([datasets.kind, datasets.status, datasets.switching]).toEqual(['sample', 'ready', null]);
    expect(datasets.fingerprint).toBe(await expectedSampleFingerprint());
    // The sample was loaded again after the damaged copy's tables: a new generation, so nothing computed from the copy survives.
    expect(datasets.version).toBeGreaterThan(generation);
  });

  it('a cancelled upload changes nothing: same generation, same data, nothing stored', async () => {
    const { world, datasets, uploads } = visit();
    await datasets.start();
    const before = { version: datasets.version, fingerprint: datasets.fingerprint };
    const files = TABLE_NAMES.map((t) => fileFromPath(join(SAMPLE_DIR, `${t}.csv`)));
    const running = uploads.run(await inputsFor(files), { name: 'Batal' });
    expect(uploads.running).toBe(true);
    uploads.cancel();
    expect(await running).toBeNull();
    expect(uploads.error?.code).toBe('cancelled');
    expect([uploads.running, uploads.phase]).toEqual([false, null]);
    expect({ version: datasets.version, fingerprint: datasets.fingerprint }).toEqual(before);
    expect([datasets.status, datasets.kind]).toEqual(['ready', 'sample']);
    expect(world.store.saved.size).toBe(0);
  });

  it('a failing upload keeps the dataset ready and says why', async () => {
    const { datasets, uploads } = visit();
    await datasets.start();
    // A session log whose client column was unmapped by hand: nothing can say whose sessions they are.
    const [sessions] = await inputsFor([fileFromPath(join(TINY_DIR, 'sessions.csv'))]);
    const unmapped = { ...sessions, mapping: sessions.mapping.map((m) => (m === 'client_id' ? null : m)) };
    expect(await uploads.run([unmapped], { name: 'Tanpa klien' })).toBeNull();
    expect(uploads.error).toMatchObject({ code: 'required_columns_missing', info: { columns: ['client_id'] } });
    expect([datasets.status, datasets.kind, datasets.version]).toEqual(['ready', 'sample', 1]);
  });

  it('a second upload while one runs is ignored', async () => {
    const { datasets, uploads } = visit();
    await datasets.start();
    const inputs = await inputsFor(tinyFiles());
    const first = uploads.run(inputs, { name: 'Satu' });
    expect(await uploads.run(inputs, { name: 'Dua' })).toBeNull();
    expect(await first).not.toBeNull();
    expect([datasets.name, datasets.version]).toEqual(['Satu', 2]);
  });

  it('a link to a published dataset that cannot be read opens the remembered dataset, with a notice', async () => {
    const { world, datasets } = visit();
    world.source = 'http://127.0.0.1:9/terbitan/';
    await datasets.start();
    expect([datasets.kind, datasets.status]).toEqual(['sample', 'ready']);
    expect(datasets.notice?.key).toBe('data.remoteFailed');
    expect(datasets.notice?.detail).toContain('127.0.0.1:9');
  });

  it('deleting the active upload switches to the sample and removes its copy', async () => {
    const { world, datasets, uploads } = visit();
    await datasets.start();
    await uploads.run(await inputsFor(tinyFiles()), { name: 'Kecil' });
    const id = datasets.id;
    await datasets.remove(id);
    expect([datasets.kind, datasets.id]).toEqual(['sample', SAMPLE_ID]);
    expect(world.store.saved.has(id)).toBe(false);
    expect(await datasets.list()).toEqual([]);
    expect(world.activeId).toBeNull();
  });
});
