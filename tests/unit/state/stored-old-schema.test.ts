/**
 * Reopening an upload kept in the engine's database file (stored-tables.ts) when its stored
 * clients table predates the owner's birth year and disability (`ColumnDef.late`): the
 * dataset manager opens it from the file with the columns read as missing; and when the
 * stored tables cannot be used at all, it falls back to the upload's CSV copy. In Node the
 * database file is an attached in-memory catalog and the engine says it has OPFS.
 */
import { describe, expect, it } from 'vitest';
import { DatasetManager } from '../../../src/lib/state/dataset-manager.svelte';
import { UploadManager } from '../../../src/lib/state/upload-manager.svelte';
import { STORE_CATALOG, readStoredAbout } from '../../../src/lib/db/stored-tables';
import { lateColumnNames } from '../../../src/lib/domain/schema';
import type { NodeDatabase } from '../../../src/lib/db/node-database';
import { closeWorldsAfterEach, nodeWorld, opfsEnvironment, until } from '../../helpers/node-environment';
import { inputsFor, tinyFiles } from '../../helpers/upload';

const worlds = closeWorldsAfterEach();

/** A visit whose engine keeps uploads in a database file, as in a browser with OPFS. */
function opfsVisit() {
  const world = nodeWorld();
  worlds.push(world);
  const datasets = new DatasetManager<NodeDatabase>(opfsEnvironment(world));
  const uploads = new UploadManager<NodeDatabase>(datasets, () => new Map());
  return { world, datasets, uploads };
}

describe('a stored upload from before the late columns', () => {
  it('opens from the database file with the columns missing; unusable stored tables fall back to the CSV copy', async () => {
    const { world, datasets, uploads } = opfsVisit();
    await datasets.start();
    const report = await uploads.run(await inputsFor(tinyFiles()), { name: 'Kecil' });
    const id = datasets.id;
    await until(() => world.marks.includes('stored-tables-saved'));
    const db = datasets.database;
    const stored = `${STORE_CATALOG}."${id}"`;

    await datasets.activateSample();
    for (const column of lateColumnNames('clients')) await db.query(`ALTER TABLE ${stored}.clients DROP COLUMN ${column}`);
    // A record of that time has no list of the stored columns either: the catalog is asked.
    const { columns: _listed, ...older } = (await readStoredAbout(db, id))!;
    await db.query(`UPDATE ${stored}._about SET about = ?`, [JSON.stringify(older)]);
    await datasets.activateStored(id);
    expect([datasets.id, datasets.openedFrom, datasets.fingerprint]).toEqual([id, 'database', report?.fingerprint]);
    const [row] = await db.query<{ n: number; years: number; disabilities: number }>(
      'SELECT count(*)::INTEGER AS n, count(owner_birth_year)::INTEGER AS years, count(owner_disability)::INTEGER AS disabilities FROM clients',
    );
    expect(row).toEqual({ n: 6, years: 0, disabilities: 0 });

    // Stored tables that cannot be read (a table gone): the swap rolls back and the CSV copy is read.
    await datasets.activateSample();
    await db.query(`DROP TABLE ${stored}.sessions`);
    await datasets.activateStored(id);
    expect([datasets.id, datasets.openedFrom, datasets.fingerprint, datasets.status]).toEqual([id, 'csv', report?.fingerprint, 'ready']);
  });
});
