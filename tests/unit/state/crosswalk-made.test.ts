/**
 * The site's crosswalk table is made once per visit, as the dataset becomes active: after
 * the tables are in (no load or swap reads it) and before any query a page sends then.
 */
import { describe, expect, it } from 'vitest';
import { DatasetManager } from '../../../src/lib/state/dataset-manager.svelte';
import { UploadManager } from '../../../src/lib/state/upload-manager.svelte';
import { ensureFramework } from '../../../src/lib/query/model';
import type { NodeDatabase } from '../../../src/lib/db/node-database';
import type { DatasetEnvironment } from '../../../src/lib/state/dataset-environment';
import { closeWorldsAfterEach, nodeWorld, recordQueries, type NodeWorld } from '../../helpers/node-environment';
import { inputsFor, tinyFiles } from '../../helpers/upload';

const worlds = closeWorldsAfterEach();
const MAKES_CROSSWALK = /^CREATE OR REPLACE TABLE function_crosswalk\b/;

/** A visit whose engine records every statement it is sent. */
async function visit(before?: NodeWorld) {
  const world = before ? nodeWorld(before.store, before.activeId, before.columns) : nodeWorld();
  worlds.push(world);
  const sent: string[] = [];
  const env: DatasetEnvironment<NodeDatabase> = {
    ...world.env,
    async startEngine(onProgress) {
      const db = await world.env.startEngine(onProgress);
      recordQueries(db, sent);
      return db;
    },
  };
  const datasets = new DatasetManager<NodeDatabase>(env);
  await datasets.start();
  return { world, datasets, sent };
}

describe('the crosswalk table', () => {
  it('is made once on a first visit, with the sample', async () => {
    const first = await visit();
    expect(first.datasets.status).toBe('ready');
    expect(first.sent.filter((s) => MAKES_CROSSWALK.test(s))).toHaveLength(1);
    const [{ n }] = await first.datasets.database.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM function_crosswalk');
    expect(n).toBeGreaterThan(0);
  });

  it('is made after a stored upload is back, ahead of what the pages ask', async () => {
    const first = await visit();
    const uploads = new UploadManager<NodeDatabase>(first.datasets, () => new Map());
    await uploads.run(await inputsFor(tinyFiles()), { name: 'Kecil' });
    expect(first.world.activeId).toBe(first.datasets.id);

    const next = await visit(first.world);
    expect(next.datasets.id).toBe(first.datasets.id);
    const made = next.sent.findIndex((s) => MAKES_CROSSWALK.test(s));
    expect(next.sent.filter((s) => MAKES_CROSSWALK.test(s))).toHaveLength(1);
    // The upload's tables were in before it (the CSV copy read, the model built).
    expect(next.sent.slice(0, made).some((s) => /^CREATE OR REPLACE TABLE client_fact\b/.test(s))).toBe(true);
    // A framework no view has used yet is filled from it at once.
    const db = next.datasets.database;
    const asked = next.sent.length;
    await ensureFramework(db, 'wiryasaputra');
    expect(next.sent.length).toBeGreaterThan(asked);
    const [{ n }] = await db.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM client_function_sessions WHERE framework = 'wiryasaputra'`,
    );
    expect(n).toBeGreaterThan(0);
  });
});
