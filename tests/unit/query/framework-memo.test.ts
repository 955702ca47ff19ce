/**
 * `ensureFramework` asks the engine once per model generation: later calls cost no round
 * trip, and a rebuilt model (which has no exposure rows) is asked again and filled again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, SqlParam } from '../../../src/lib/query/database';
import { buildModel, ensureFramework, modelChanged } from '../../../src/lib/query/model';
import { openSampleDatabase } from '../../helpers/sample-db';

let db: Database & { close(): void };
let sent: string[] = [];
const counting: Database = {
  query<T>(sql: string, params?: readonly SqlParam[]) {
    sent.push(sql.trim().split(/\s+/).slice(0, 2).join(' '));
    return db.query<T>(sql, params);
  },
  registerFileBuffer: (name, bytes) => db.registerFileBuffer(name, bytes),
  dropFile: (name) => db.dropFile(name),
};
const rows = async (framework: string) =>
  (await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM client_function_sessions WHERE framework = ?', [framework]))[0].n;

beforeAll(async () => {
  db = await openSampleDatabase();
});
afterAll(() => db.close());

describe('ensureFramework', () => {
  it('checks and fills once, then answers from memory', async () => {
    await buildModel(counting);
    sent = [];
    await ensureFramework(counting, 'suharto_functions');
    // Missing: where do its rows go (the table itself here, not a stored dataset's additions)?
    expect(sent).toEqual(['SELECT EXISTS', 'SELECT count(*)', 'INSERT INTO']);
    const filled = await rows('suharto_functions');
    expect(filled).toBeGreaterThan(0);
    sent = [];
    await ensureFramework(counting, 'suharto_functions');
    expect(sent).toEqual([]);
    expect(await rows('suharto_functions')).toBe(filled);
  });

  it('fills once when two parts of a view ask at the same time', async () => {
    await buildModel(counting);
    sent = [];
    await Promise.all([ensureFramework(counting, 'official'), ensureFramework(counting, 'official')]);
    expect(sent).toEqual(['SELECT EXISTS', 'SELECT count(*)', 'INSERT INTO']);
    expect(await rows('official')).toBeGreaterThan(0);
  });

  it('asks again after the model is rebuilt, and refills the emptied table', async () => {
    await ensureFramework(counting, 'official');
    await buildModel(counting); // the exposure table is recreated empty
    expect(await rows('official')).toBe(0);
    sent = [];
    await ensureFramework(counting, 'official');
    expect(sent).toEqual(['SELECT EXISTS', 'SELECT count(*)', 'INSERT INTO']);
    expect(await rows('official')).toBeGreaterThan(0);
  });

  it('asks again after any other model change, and per database object', async () => {
    await ensureFramework(counting, 'official');
    modelChanged();
    sent = [];
    await ensureFramework(counting, 'official');
    expect(sent).toEqual(['SELECT EXISTS']); // rows still there: checked, not refilled
    const other: Database = { ...counting };
    sent = [];
    await ensureFramework(other, 'official');
    expect(sent).toEqual(['SELECT EXISTS']);
  });
});
