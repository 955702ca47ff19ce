/**
 * A dataset kept in the engine's database file before the clients table had the owner's
 * birth year and disability (`ColumnDef.late`): its stored clients table lacks them. It must
 * still open — the missing columns read as missing values, the model is built again on the
 * stored tables — with its fingerprint and its numbers unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleDatabase } from '../../helpers/sample-db';
import { STORE_CATALOG, saveStoredTables, useStoredTables } from '../../../src/lib/db/stored-tables';
import { datasetFingerprint } from '../../../src/lib/upload/fingerprint';
import { datasetCoverage, missingNeed } from '../../../src/lib/query/coverage';
import { tableCounts } from '../../../src/lib/db/load-stored';
import { exploreResults } from '../../../src/lib/query/explore';
import { DEFAULT_VIEW } from '../../../src/lib/query/view';
import { lateColumnNames } from '../../../src/lib/domain/schema';
import { breakdownNeeds, GESI_EXTRA_BREAKDOWNS } from '../../../src/lib/query/gesi';

type Db = Awaited<ReturnType<typeof openSampleDatabase>>;
let db: Db;
let fingerprint: string;
let view: string;

/** What Explore's default view shows, as comparable text. */
async function defaultView(): Promise<string> {
  const r = await exploreResults(db, DEFAULT_VIEW);
  return JSON.stringify({ kpis: r.kpis, groups: r.groups.map((g) => [g.group, g.exposed, g.n, g.value]) });
}

beforeAll(async () => {
  db = await openSampleDatabase();
  await db.query(`ATTACH ':memory:' AS ${STORE_CATALOG}`);
  fingerprint = await datasetFingerprint(db);
  view = await defaultView();
  const about = {
    fingerprint,
    formatVersion: 1,
    modelKey: 'old-model',
    tables: await tableCounts(db),
    coverage: await datasetCoverage(db),
  };
  expect(await saveStoredTables(db, 'ds-old', about)).toBe('saved');
  // What an app before the late columns stored: a clients table without them.
  for (const column of lateColumnNames('clients')) await db.query(`ALTER TABLE ${STORE_CATALOG}."ds-old".clients DROP COLUMN ${column}`);
}, 120_000);

afterAll(() => db?.close());

describe('a stored dataset without the late columns', () => {
  it('the stored table really lacks them', async () => {
    const rows = await db.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM duckdb_columns() WHERE database_name = ? AND schema_name = 'ds-old' AND table_name = 'clients'
         AND column_name IN ('owner_birth_year', 'owner_disability')`,
      [STORE_CATALOG],
    );
    expect(rows[0].n).toBe(0);
  });

  it.each([
    ['with a stale model (built again on the stored tables)', false],
    ['with a current model (read in place)', true],
  ])('opens %s: the columns read as missing, same fingerprint and numbers', async (_name, modelCurrent) => {
    await useStoredTables(db, 'ds-old', modelCurrent);
    const [row] = await db.query<{ years: number; disabilities: number; t1: string; t2: string }>(
      `SELECT count(owner_birth_year)::INTEGER AS years, count(owner_disability)::INTEGER AS disabilities,
         any_value(typeof(owner_birth_year)) AS t1, any_value(typeof(owner_disability)) AS t2 FROM clients`,
    );
    expect(row).toEqual({ years: 0, disabilities: 0, t1: 'INTEGER', t2: 'BOOLEAN' });
    expect(await datasetFingerprint(db)).toBe(fingerprint);
    expect(await defaultView()).toBe(view);
    const coverage = await datasetCoverage(db);
    // No birth years, no disabilities: the GESI table shows no age or disability section.
    for (const breakdown of GESI_EXTRA_BREAKDOWNS) expect(missingNeed(breakdownNeeds(breakdown), coverage)).not.toBeNull();
  });
});
