/**
 * `followDataset` on a real dataset manager and DuckDB-WASM's Node engine: a page's need runs
 * once the dataset is ready, again on a new key or a new generation (an upload), superseded
 * work is cancelled, a failing query is an error that the next key clears, and of two views
 * racing only the later one is shown — equal to the same query run directly.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { flushSync } from 'svelte';
import { DatasetManager } from '../../../src/lib/state/dataset-manager.svelte';
import { UploadManager } from '../../../src/lib/state/upload-manager.svelte';
import { followDataset, type DatasetNeed } from '../../../src/lib/state/dataset-query.svelte';
import { exploreResults } from '../../../src/lib/query/explore';
import { DEFAULT_VIEW, toggleFilterValue } from '../../../src/lib/query/view';
import { TABLE_NAMES } from '../../../src/lib/domain/schema';
import type { NodeDatabase } from '../../../src/lib/db/node-database';
import { closeWorld, nodeWorld, type NodeWorld } from '../../helpers/node-environment';
import { REPO_ROOT } from '../../helpers/sample-db';
import { fileFromPath, inputsFor } from '../../helpers/upload';
import { Input, inEffectRoot } from './effect-root.svelte';

const TINY_DIR = join(REPO_ROOT, 'tests', 'fixtures', 'tiny');
const worlds: NodeWorld[] = [];
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  for (const world of worlds.splice(0)) closeWorld(world);
});

async function startedManager() {
  const world = nodeWorld();
  worlds.push(world);
  const datasets = new DatasetManager<NodeDatabase>(world.env);
  await datasets.start();
  return { datasets, uploads: new UploadManager<NodeDatabase>(datasets, () => new Map()) };
}

function follow<T>(datasets: DatasetManager<NodeDatabase>, declare: () => DatasetNeed<T, NodeDatabase> | null) {
  const root = inEffectRoot(() => followDataset(datasets, declare));
  stops.push(root.stop);
  flushSync();
  return root.value;
}

/** Waits until `done` holds, letting effects and engine work run. */
async function until(done: () => boolean, ms = 30_000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    flushSync();
    await new Promise((r) => setTimeout(r, 10));
  }
}

const countClients = (db: NodeDatabase, signal: AbortSignal) =>
  db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM clients', [], { signal }).then((rows) => rows[0].n);

describe('followDataset', () => {
  it('runs the need when the dataset is ready, and again with the new data after an upload (a new generation)', async () => {
    const { datasets, uploads } = await startedManager();
    let runs = 0;
    const clients = follow(datasets, () => ({ key: 'clients', run: (db, signal) => (runs++, countClients(db, signal)) }));
    await until(() => clients.value !== null);
    expect([clients.value, clients.key, runs]).toEqual([1500, 'clients', 1]);

    await uploads.run(await inputsFor(TABLE_NAMES.map((t) => fileFromPath(join(TINY_DIR, `${t}.csv`)))), { name: 'Kecil' });
    flushSync();
    // The sample's count is not shown for the upload while the upload's is computed.
    expect(clients.value === null || clients.value === 6).toBe(true);
    await until(() => clients.value === 6);
    expect(runs).toBe(2);
  });

  it('a new key supersedes the run under way: it is aborted, and only the later result shows', async () => {
    const { datasets } = await startedManager();
    const region = new Input<string>('5201');
    const signals: AbortSignal[] = [];
    const byRegion = follow(datasets, () => {
      const code = region.current;
      return {
        key: code,
        run: async (db, signal) => {
          signals.push(signal);
          const [row] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM clients WHERE region_code = ?', [code], {
            signal,
          });
          return { code, n: row.n };
        },
      };
    });
    region.current = '5202';
    flushSync();
    await until(() => byRegion.key === '5202' && !byRegion.busy);
    expect(signals).toHaveLength(2);
    expect(signals[0].aborted).toBe(true);
    const [expected] = await datasets.database.query<{ n: number }>(
      "SELECT count(*)::INTEGER AS n FROM clients WHERE region_code = '5202'",
    );
    expect(byRegion.value).toEqual({ code: '5202', n: expected.n });
    expect(byRegion.error).toBeNull();
  });

  it('a failing query is an error in words, and the next key that works clears it', async () => {
    const { datasets } = await startedManager();
    const table = new Input('no_such_table');
    const rows = follow(datasets, () => {
      const name = table.current;
      return { key: name, run: (db, signal) => db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${name}`, [], { signal }) };
    });
    await until(() => rows.error !== null);
    expect(rows.error).toMatch(/no_such_table/);
    expect(rows.value).toBeNull();
    table.current = 'mentors';
    flushSync();
    await until(() => rows.value !== null);
    expect([rows.value, rows.error]).toEqual([[{ n: 50 }], null]);
  });

  it('of two Explore views racing, the later one shows, equal to the same view queried directly', async () => {
    const { datasets } = await startedManager();
    const view = new Input(DEFAULT_VIEW);
    const results = follow(datasets, () => {
      const current = view.current;
      return { key: JSON.stringify(current), run: (db, signal) => exploreResults(db, current, undefined, signal) };
    });
    const later = { ...DEFAULT_VIEW, dimension: 'region', filters: toggleFilterValue(DEFAULT_VIEW.filters, 'sector', 'kuliner') };
    view.current = later;
    flushSync();
    await until(() => results.key === JSON.stringify(later) && !results.busy);
    const direct = await exploreResults(datasets.database, later);
    expect(direct.groups.length).toBeGreaterThan(5); // a real chart: every region with kuliner clients
    expect(results.value?.groups).toEqual(direct.groups);
    expect(results.value?.kpis).toEqual(direct.kpis);
    expect(results.value?.regions).toEqual(direct.regions);
  });

  it('a need of null drops the last result (nothing to show), and leaving the page cancels what runs', async () => {
    const { datasets } = await startedManager();
    const wanted = new Input(true);
    const clients = follow(datasets, () => (wanted.current ? { key: 'clients', run: countClients } : null));
    await until(() => clients.value !== null);
    wanted.current = false;
    flushSync();
    expect([clients.value, clients.key, clients.busy]).toEqual([null, null, false]);

    let seen: AbortSignal | null = null;
    const root = inEffectRoot(() =>
      followDataset(datasets, () => ({
        key: 'slow',
        run: (db, signal) => {
          seen = signal;
          return db.query('SELECT count(*) FROM range(400000000) a', [], { signal });
        },
      })),
    );
    flushSync();
    await until(() => seen !== null);
    root.stop();
    expect(seen!.aborted).toBe(true);
    expect(root.value.busy).toBe(false);
  });
});
