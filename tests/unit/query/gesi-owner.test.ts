/**
 * The GESI table by owner disability and by age band, on the sample with an owner's birth
 * year and disability written into its clients file by a rule (every client's index), so
 * the expected groups are known without the app: counts per age band are worked out here
 * from the file's text, shares per disability group by SQL written independently of the
 * query layer, and the small-group rule is the one the gender table follows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDatabase, type NodeDatabase } from '../../../src/lib/db/node-database';
import { loadCanonicalTables, type CanonicalFiles } from '../../../src/lib/db/load-canonical';
import { TABLE_NAMES } from '../../../src/lib/domain/schema';
import { datasetCoverage, missingNeed } from '../../../src/lib/query/coverage';
import {
  breakdownNeeds,
  gesiClientCounts,
  gesiTable,
  GESI_BY_AGE,
  GESI_BY_DISABILITY,
  GESI_EXTRA_BREAKDOWNS,
} from '../../../src/lib/query/gesi';
import { discloseGesiRows, gesiRows } from '../../../src/lib/charts/gesi-table';
import { measureByKey } from '../../../src/lib/query/measures';
import { newcombeDifference } from '../../../src/lib/stats/differences';
import { CROSSWALK_PATH, SAMPLE_DIR } from '../../helpers/sample-db';

/** The owner columns of the client on data line `i` (0-based): a spread of ages, 1 in 10 with a disability, 1 in 10 unknown. */
function owner(i: number): { birth: number | null; disability: boolean | null } {
  return { birth: i % 17 === 5 ? null : 1945 + ((i * 13) % 60), disability: i % 10 === 3 ? true : i % 10 === 7 ? null : false };
}

const clientsText = readFileSync(join(SAMPLE_DIR, 'clients.csv'), 'utf8');
const lines = clientsText.trimEnd().split('\n');
const withOwners = [
  `${lines[0]},owner_birth_year,owner_disability`,
  ...lines.slice(1).map((line, i) => {
    const o = owner(i);
    return `${line},${o.birth ?? ''},${o.disability ?? ''}`;
  }),
].join('\n');

/** Age bands counted from the text: the enrolment year is the row's only yyyy-mm-dd date. */
function expectedAgeCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  lines.slice(1).forEach((line, i) => {
    const year = Number(/(\d{4})-\d{2}-\d{2}/.exec(line)![1]);
    const birth = owner(i).birth;
    const age = birth === null ? null : year - birth;
    const band = age === null ? '' : age < 25 ? '00-24' : age < 35 ? '25-34' : age < 45 ? '35-44' : age < 55 ? '45-54' : '55-plus';
    counts[band] = (counts[band] ?? 0) + 1;
  });
  return counts;
}

let db: NodeDatabase;
beforeAll(async () => {
  db = await openNodeDatabase();
  const files = Object.fromEntries(
    TABLE_NAMES.map((t) => [
      t,
      t === 'clients' ? new TextEncoder().encode(withOwners) : new Uint8Array(readFileSync(join(SAMPLE_DIR, `${t}.csv`))),
    ]),
  ) as CanonicalFiles;
  await loadCanonicalTables(db, files, new Uint8Array(readFileSync(CROSSWALK_PATH)));
}, 120_000);
afterAll(() => db?.close());

describe('GESI by age band and disability', () => {
  it('is offered when the data has the columns', async () => {
    const coverage = await datasetCoverage(db);
    for (const breakdown of GESI_EXTRA_BREAKDOWNS) expect(missingNeed(breakdownNeeds(breakdown), coverage)).toBeNull();
  });

  it('counts clients per age band at enrolment as worked out from the file', async () => {
    const counts = await gesiClientCounts(db, undefined, GESI_BY_AGE);
    expect(counts).toEqual(expectedAgeCounts());
    expect(Object.keys(counts).sort()).toEqual(['', '00-24', '25-34', '35-44', '45-54', '55-plus']);
  });

  it('a share per disability group with its Newcombe gap (with − without), against SQL written independently', async () => {
    const [row] = gesiRows(
      await gesiTable(db, [measureByKey('has_nib_endline_rate')!], undefined, GESI_BY_DISABILITY),
      GESI_BY_DISABILITY.gap,
    );
    const sql = await db.query<{ g: string | null; n: number; yes: number }>(
      `SELECT CASE WHEN c.owner_disability THEN 'yes' WHEN NOT c.owner_disability THEN 'no' END AS g,
         count(o.has_nib)::INTEGER AS n, count_if(o.has_nib)::INTEGER AS yes
       FROM clients c JOIN outcomes o ON o.client_id = c.client_id AND o.measurement = 'endline'
       GROUP BY ALL`,
    );
    const of = (g: string | null) => sql.find((r) => r.g === g) ?? { n: 0, yes: 0 };
    expect(row.cells.map((c) => c.group)).toEqual(['yes', 'no', null]);
    for (const cell of row.cells) {
      const expected = of(cell.group);
      expect([cell.group, cell.n]).toEqual([cell.group, expected.n]);
      expect(expected.n).toBeGreaterThan(0);
      expect(cell.value).toBeCloseTo(expected.yes / expected.n, 12);
      expect(cell.low).not.toBeNull();
      expect(cell.high).not.toBeNull();
    }
    const d = newcombeDifference(of('yes').yes, of('yes').n, of('no').yes, of('no').n)!;
    expect(row.gap).toEqual({ value: d.estimate, low: d.low, high: d.high });
  });

  it('age bands have no gap; each band has its n and interval', async () => {
    const [row] = gesiRows(await gesiTable(db, [measureByKey('sessions_per_client')!], undefined, GESI_BY_AGE), GESI_BY_AGE.gap);
    expect(row.gap).toEqual({ value: null, low: null, high: null });
    const counts = expectedAgeCounts();
    expect(row.cells.map((c) => [c.group, c.n])).toEqual(GESI_BY_AGE.groups.map((g) => [g, counts[g ?? ''] ?? 0]));
    for (const cell of row.cells.filter((c) => c.n > 1)) expect([cell.low, cell.high].every((v) => v !== null)).toBe(true);
  });

  it('small groups are hidden as in the gender table: the disability group under k, a complement and the gap', async () => {
    const rows = gesiRows(
      await gesiTable(db, [measureByKey('has_nib_endline_rate')!], undefined, GESI_BY_DISABILITY),
      GESI_BY_DISABILITY.gap,
    );
    const [yes, no, unknown] = rows[0].cells.map((c) => c.n);
    expect(yes).toBeLessThan(unknown);
    expect(unknown).toBeLessThan(no);
    // A threshold just above the "with a disability" group: it is hidden, and so is the smallest other group (unknown).
    const k = yes + 1;
    const [hidden] = discloseGesiRows(rows, { k, mode: 'hide' }, 'en', GESI_BY_DISABILITY.gap!);
    expect(hidden.cells.map((c) => [c.group, c.n, c.value === null, c.disclosure?.suppressed ?? null])).toEqual([
      ['yes', yes, true, 'primary'],
      ['no', no, false, null],
      [null, unknown, true, 'secondary'],
    ]);
    expect(hidden.gap).toEqual({ value: null, low: null, high: null });
    const [marked] = discloseGesiRows(rows, { k, mode: 'mark' }, 'en', GESI_BY_DISABILITY.gap!);
    expect(marked.gap).toEqual(rows[0].gap);
    expect(marked.cells[0].value).toBe(rows[0].cells[0].value);
  });
});
