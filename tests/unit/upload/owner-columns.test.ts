/**
 * The owner's birth year and disability, two optional columns added to the clients table
 * after format v1 was first released (`ColumnDef.late`): files written before them (the
 * sample, stored CSV copies, published datasets) load as they did and keep their
 * fingerprint; files with them load the same on the fast and the general path; their
 * Indonesian names are recognised; implausible birth years are flagged and kept.
 * Fixtures: tests/fixtures/owner-columns (the tiny fixture's clients with the two columns,
 * in canonical form and as a spreadsheet export with aliases and bad birth years).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES, TABLE_NAMES, baseColumnNames, type TableName } from '../../../src/lib/domain/schema';
import { datasetFingerprint } from '../../../src/lib/upload/fingerprint';
import { fetchProblems } from '../../../src/lib/upload/pipeline';
import { canonicalHeader, readCanonicalCsvSql } from '../../../src/lib/db/load-canonical';
import { exportedColumns } from '../../../src/lib/db/load-stored';
import { appFile } from '../../../src/lib/db/engine-lockdown';
import { REPO_ROOT } from '../../helpers/sample-db';
import { fileFrom, openEmptyDatabase, openSampleLoaded, upload } from '../../helpers/upload';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures');
const TINY_DIR = join(FIXTURES, 'tiny');
const OWNER_DIR = join(FIXTURES, 'owner-columns');
const TODAY = '2027-01-01';
/** The built-in sample's fingerprint, computed before the late columns were added (also in the remote manifest test). */
const SAMPLE_FINGERPRINT = '89565c225e3e0b94';

type Texts = Record<TableName, string>;
const read = (path: string) => readFileSync(path, 'utf8');
/** The tiny fixture in canonical form (functions in the official order), clients replaced by `clients`. */
function tinyWith(clients: string): Texts {
  const tiny = Object.fromEntries(TABLE_NAMES.map((t) => [t, read(join(TINY_DIR, `${t}.csv`))])) as Texts;
  return { ...tiny, clients, sessions: tiny.sessions.replaceAll(',educate|facilitate,', ',facilitate|educate,') };
}
const filesOf = (texts: Texts) => TABLE_NAMES.map((t) => fileFrom(`${t}.csv`, texts[t]));

type Db = Awaited<ReturnType<typeof openEmptyDatabase>>;
interface Owner {
  client_id: string;
  owner_birth_year: number | null;
  owner_disability: boolean | null;
}
const owners = (db: Db) => db.query<Owner>('SELECT client_id, owner_birth_year, owner_disability FROM clients ORDER BY client_id');

describe('files without the late columns', () => {
  let sample: Db;
  beforeAll(async () => {
    sample = await openSampleLoaded();
  }, 120_000);
  afterAll(() => sample?.close());

  it('the sample keeps the fingerprint it had before the columns existed', async () => {
    expect(await datasetFingerprint(sample)).toBe(SAMPLE_FINGERPRINT);
  });

  it('the sample loads with the two columns typed and empty', async () => {
    const [row] = await sample.query<{ n: number; years: number; disabilities: number; t1: string; t2: string }>(
      `SELECT count(*)::INTEGER AS n, count(owner_birth_year)::INTEGER AS years, count(owner_disability)::INTEGER AS disabilities,
         any_value(typeof(owner_birth_year)) AS t1, any_value(typeof(owner_disability)) AS t2 FROM clients`,
    );
    expect(row).toEqual({ n: 1500, years: 0, disabilities: 0, t1: 'INTEGER', t2: 'BOOLEAN' });
  });

  it('the canonical export of data without them writes the header it always wrote', async () => {
    expect(await exportedColumns(sample, 'clients')).toEqual(baseColumnNames('clients'));
    for (const table of TABLE_NAMES) expect(await exportedColumns(sample, table)).toEqual(baseColumnNames(table));
  });

  it('an old-format file and the same file with the two columns empty have one fingerprint; values change it', async () => {
    const old = read(join(TINY_DIR, 'clients.csv'));
    const emptyColumns = old
      .trimEnd()
      .split('\n')
      .map((line, i) => (i === 0 ? `${line},owner_birth_year,owner_disability` : `${line},,`))
      .join('\n');
    const fingerprints: string[] = [];
    for (const clients of [old, `${emptyColumns}\n`, read(join(OWNER_DIR, 'clients.csv'))]) {
      const db = await openEmptyDatabase();
      try {
        fingerprints.push((await upload(db, filesOf(tinyWith(clients)), { today: TODAY })).fingerprint);
      } finally {
        db.close();
      }
    }
    expect(fingerprints[1]).toBe(fingerprints[0]);
    expect(fingerprints[2]).not.toBe(fingerprints[0]);
  });

  it('the canonical reader follows the header: late columns absent or in another order', async () => {
    const db = await openEmptyDatabase();
    try {
      const text = 'client_id,owner_disability,enrolled_on\nA,true,2024-01-02\nB,,2024-02-03\n';
      const file = appFile('header-test.csv');
      await db.registerFileBuffer(file, new TextEncoder().encode(text));
      expect(canonicalHeader(new TextEncoder().encode(text))).toEqual(['client_id', 'owner_disability', 'enrolled_on']);
      const rows = await db.query<Record<string, unknown>>(
        `SELECT client_id, owner_birth_year, owner_disability, enrolled_on::VARCHAR AS enrolled_on, region_code
         FROM (${readCanonicalCsvSql('clients', file, canonicalHeader(text))}) ORDER BY client_id`,
      );
      expect(rows).toEqual([
        { client_id: 'A', owner_birth_year: null, owner_disability: true, enrolled_on: '2024-01-02', region_code: null },
        { client_id: 'B', owner_birth_year: null, owner_disability: null, enrolled_on: '2024-02-03', region_code: null },
      ]);
      const columns = await db.query<{ name: string }>(
        `SELECT column_name AS name FROM (DESCRIBE ${readCanonicalCsvSql('clients', file, canonicalHeader(text))})`,
      );
      expect(columns.map((c) => c.name)).toEqual(TABLES.clients.columns.map((c) => c.name));
      // An empty file (no header line) reads as no rows with every column.
      const empty = appFile('empty-test.csv');
      await db.registerFileBuffer(empty, new Uint8Array(0));
      const none = await db.query<{ name: string }>(
        `SELECT column_name AS name FROM (DESCRIBE ${readCanonicalCsvSql('clients', empty, canonicalHeader(''))})`,
      );
      expect(none.map((c) => c.name)).toEqual(TABLES.clients.columns.map((c) => c.name));
    } finally {
      db.close();
    }
  });
});

describe('a clients file with the late columns', () => {
  const expected: Owner[] = [
    { client_id: 'C1', owner_birth_year: 2001, owner_disability: false },
    { client_id: 'C2', owner_birth_year: 1980, owner_disability: true },
    { client_id: 'C3', owner_birth_year: 1969, owner_disability: null },
    { client_id: 'C4', owner_birth_year: null, owner_disability: false },
    { client_id: 'C5', owner_birth_year: 1990, owner_disability: true },
    { client_id: 'C6', owner_birth_year: null, owner_disability: null },
  ];

  it('takes the fast path and loads the same rows and fingerprint as the general path', async () => {
    const texts = tinyWith(read(join(OWNER_DIR, 'clients.csv')));
    const db = await openEmptyDatabase();
    try {
      const fast = await upload(db, filesOf(texts), { today: TODAY });
      const fastOwners = await owners(db);
      const slow = await upload(db, filesOf(texts), { today: TODAY, forceNormalise: true });
      expect([fast.path, slow.path]).toEqual(['canonical', 'normalised']);
      expect(fastOwners).toEqual(expected);
      expect(await owners(db)).toEqual(expected);
      expect(fast.fingerprint).toBe(slow.fingerprint);
      expect(await exportedColumns(db, 'clients')).toEqual(TABLES.clients.columns.map((c) => c.name));
    } finally {
      db.close();
    }
  });

  it('with only one of them, still the fast path; the other is empty', async () => {
    const lines = read(join(OWNER_DIR, 'clients.csv')).trimEnd().split('\n');
    const withoutDisability = `${lines.map((l) => l.slice(0, l.lastIndexOf(','))).join('\n')}\n`;
    const db = await openEmptyDatabase();
    try {
      const report = await upload(db, filesOf(tinyWith(withoutDisability)), { today: TODAY });
      expect(report.path).toBe('canonical');
      expect(await owners(db)).toEqual(expected.map((o) => ({ ...o, owner_disability: null })));
      expect(await exportedColumns(db, 'clients')).toEqual([...baseColumnNames('clients'), 'owner_birth_year']);
    } finally {
      db.close();
    }
  });

  it('recognises Indonesian names and Ya/Tidak, and flags birth years out of range or after the enrolment (kept)', async () => {
    const texts = tinyWith(read(join(OWNER_DIR, 'clients-aliases.csv')));
    const db = await openEmptyDatabase();
    try {
      const report = await upload(db, filesOf(texts), { today: TODAY });
      expect(report.path).toBe('normalised');
      expect(await owners(db)).toEqual([
        { client_id: 'C1', owner_birth_year: 2001, owner_disability: false },
        { client_id: 'C2', owner_birth_year: 1980, owner_disability: true },
        { client_id: 'C3', owner_birth_year: 1850, owner_disability: null },
        { client_id: 'C4', owner_birth_year: 2030, owner_disability: false },
        { client_id: 'C5', owner_birth_year: 2026, owner_disability: true },
        { client_id: 'C6', owner_birth_year: null, owner_disability: null },
      ]);
      const problems = await fetchProblems(db, ['clients.csv'], ['clients']);
      expect(
        problems
          .filter((p) => p.column === 'owner_birth_year')
          .map((p) => [p.line, p.value, p.reason, p.action])
          .sort(),
      ).toEqual([
        [4, '1850', 'birth_year_out_of_range', 'kept'],
        [5, '2030', 'birth_year_out_of_range', 'kept'],
        [6, '2026', 'birth_year_after_enrolment', 'kept'],
      ]);
      // An implausible birth year gives no age: the age band is unknown.
      const ages = await db.query<{ client_id: string; owner_age: number | null }>(
        'SELECT client_id, owner_age FROM client_fact ORDER BY client_id',
      );
      expect(ages.map((a) => a.owner_age)).toEqual([23, 44, null, null, null, null]);
    } finally {
      db.close();
    }
  });
});
