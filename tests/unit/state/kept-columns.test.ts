/**
 * A stored upload's Explore columns are kept between visits (state/column-keeper.ts): the
 * next visit's first view gets them without asking the engine, with the same results; a
 * record from another app version (or dataset, or model) is not used.
 */
import { describe, expect, it } from 'vitest';
import { DatasetManager } from '../../../src/lib/state/dataset-manager.svelte';
import { UploadManager } from '../../../src/lib/state/upload-manager.svelte';
import { exploreResults } from '../../../src/lib/query/explore';
import { DEFAULT_VIEW } from '../../../src/lib/query/view';
import type { NodeDatabase } from '../../../src/lib/db/node-database';
import { closeWorldsAfterEach, nodeWorld, recordQueries, until, type NodeWorld } from '../../helpers/node-environment';
import { inputsFor, tinyFiles } from '../../helpers/upload';

const worlds = closeWorldsAfterEach();

/** A visit of the same browser (storage and kept columns) as `before`, or a first one. */
async function visit(before?: NodeWorld) {
  const world = before ? nodeWorld(before.store, before.activeId, before.columns) : nodeWorld();
  worlds.push(world);
  const datasets = new DatasetManager<NodeDatabase>(world.env);
  await datasets.start();
  return { world, datasets };
}

/** Explore's default view, with the SQL of every query it sent. */
async function defaultView(db: NodeDatabase): Promise<{ shown: string; sql: string[] }> {
  const sql: string[] = [];
  const undo = recordQueries(db, sql);
  try {
    const r = await exploreResults(db, DEFAULT_VIEW);
    return { shown: JSON.stringify({ kpis: r.kpis, groups: r.groups, regions: r.regions }), sql };
  } finally {
    undo();
  }
}

// Columns, and the unfiltered selection of clients (kept like a column).
const askedForColumns = (sql: string[]) => sql.filter((s) => /list\(/.test(s));

describe('kept columns', () => {
  it('the next visit of a stored upload shows the first view without asking for its columns, with the same results', async () => {
    const first = await visit();
    const uploads = new UploadManager<NodeDatabase>(first.datasets, () => new Map());
    await uploads.run(await inputsFor(tinyFiles()), { name: 'Kecil' });
    const id = first.datasets.id;
    expect(first.world.activeId).toBe(id);
    const asked = await defaultView(first.datasets.database);
    expect(askedForColumns(asked.sql).length).toBeGreaterThan(3);
    await until(() => first.world.columns.kept.has(id));
    const keys = first.world.columns.kept.get(id)!.entries.map(([key]) => key);
    expect(keys).toEqual(expect.arrayContaining(['value f.sessions', 'exposure client_function_sessions official']));

    const next = await visit(first.world);
    expect(next.datasets.id).toBe(id);
    const reopened = await defaultView(next.datasets.database);
    expect(askedForColumns(reopened.sql)).toEqual([]);
    expect(reopened.shown).toBe(asked.shown);

    // Columns kept by another version of the app are not trusted: asked again, and kept anew.
    const record = first.world.columns.kept.get(id)!;
    first.world.columns.kept.set(id, { ...record, appVersion: 'older' });
    const third = await visit(first.world);
    const again = await defaultView(third.datasets.database);
    expect(askedForColumns(again.sql).length).toBe(askedForColumns(asked.sql).length);
    expect(again.shown).toBe(asked.shown);
    await until(() => first.world.columns.kept.get(id)?.appVersion === 'test');
  });

  it('deleting an upload deletes its kept columns', async () => {
    const first = await visit();
    const uploads = new UploadManager<NodeDatabase>(first.datasets, () => new Map());
    await uploads.run(await inputsFor(tinyFiles()), { name: 'Kecil' });
    const id = first.datasets.id;
    await defaultView(first.datasets.database);
    await until(() => first.world.columns.kept.has(id));
    await first.datasets.remove(id);
    expect(first.world.columns.kept.has(id)).toBe(false);
  });
});
