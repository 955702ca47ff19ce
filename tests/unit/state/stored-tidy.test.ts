/**
 * Tidying the engine's database file (the dataset manager deletes stored tables of uploads no
 * longer listed) waits for the pages' queries, so it can run while this visit's first upload
 * is being kept in the file and before that upload is listed: the upload must stay.
 */
import { describe, expect, it } from 'vitest';
import { DatasetManager } from '../../../src/lib/state/dataset-manager.svelte';
import { UploadManager } from '../../../src/lib/state/upload-manager.svelte';
import { storedDatasetIds } from '../../../src/lib/db/stored-tables';
import type { NodeDatabase } from '../../../src/lib/db/node-database';
import { closeWorldsAfterEach, nodeWorld, opfsEnvironment, until } from '../../helpers/node-environment';
import { inputsFor, tinyFiles } from '../../helpers/upload';

const worlds = closeWorldsAfterEach();

describe('tidying the database file', () => {
  it('keeps an upload kept in the file on this visit whose listing comes after the tidying read the list', async () => {
    const world = nodeWorld();
    worlds.push(world);
    // The tidying's read of the list sees the store as it was at the start (no uploads), and
    // answers only once the upload is in the database file.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let listsAnswered = 0;
    const env = opfsEnvironment(world);
    const datasets = new DatasetManager<NodeDatabase>({
      ...env,
      openStore: async () => {
        const store = world.store;
        return {
          kind: store.kind,
          list: async () => {
            const snapshot = await store.list();
            await gate;
            listsAnswered++;
            return snapshot;
          },
          save: (meta, tables) => store.save(meta, tables),
          read: (id) => store.read(id),
          remove: (id) => store.remove(id),
          removeOrphans: () => store.removeOrphans(),
        };
      },
    });
    const uploads = new UploadManager<NodeDatabase>(datasets, () => new Map());
    await datasets.start();
    await uploads.run(await inputsFor(tinyFiles()), { name: 'Kecil' });
    const id = datasets.id;
    await until(() => world.marks.includes('stored-tables-saved'));
    const db = datasets.database;
    expect(await storedDatasetIds(db)).toEqual([id]);

    release();
    await until(() => listsAnswered > 0);
    // The tidying's listing takes the background lane; a later background query runs after it and its deletions.
    await db.query('SELECT 1', [], { priority: 'background' });
    await db.query('SELECT 1', [], { priority: 'background' });
    expect(await storedDatasetIds(db)).toEqual([id]);
  });
});
