/**
 * The canonical fast path against the general path, on the real engine: clean canonical
 * files take the fast path and commit the same rows, fingerprint and report as the
 * general path forced on the same files; a canonical-looking file with one value, key,
 * reference or byte out of line falls back and reports exactly what the general path
 * reports; a cancel on the fast path leaves the loaded dataset alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES, TABLE_NAMES, type TableName } from '../../../src/lib/domain/schema';
import { datasetFingerprint } from '../../../src/lib/upload/fingerprint';
import { fetchProblems } from '../../../src/lib/upload/pipeline';
import { LoadError, type LoadReport } from '../../../src/lib/upload/types';
import { SAMPLE_DIR } from '../../helpers/sample-db';
import { fileFrom, openEmptyDatabase, openSampleLoaded, upload, type NamedBlob } from '../../helpers/upload';

const TINY_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'tiny');
type Db = Awaited<ReturnType<typeof openEmptyDatabase>>;
type Texts = Record<TableName, string>;

const textsOf = (dir: string): Texts =>
  Object.fromEntries(TABLE_NAMES.map((t) => [t, readFileSync(join(dir, `${t}.csv`), 'utf8')])) as Texts;
const filesOf = (texts: Texts, tables: readonly TableName[] = TABLE_NAMES): NamedBlob[] =>
  tables.map((t) => fileFrom(`${t}.csv`, texts[t]));
const TODAY = '2027-01-01';

/**
 * The tiny fixture as the canonical export writes it: the hand-made file lists two
 * functions as `educate|facilitate`, the app keeps them in the official order.
 */
function tinyCanonical(): Texts {
  const tiny = textsOf(TINY_DIR);
  return { ...tiny, sessions: tiny.sessions.replaceAll(',educate|facilitate,', ',facilitate|educate,') };
}

/** Every committed row of the four tables, in key order, as JSON-safe values. */
async function tableRows(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLE_NAMES) {
    const names = TABLES[table].columns.map((c) => c.name);
    const rows = await db.query<Record<string, unknown>>(
      `SELECT ${names.map((n) => `"${n}"::VARCHAR AS "${n}"`).join(', ')} FROM ${table} ORDER BY ${TABLES[table].key.join(', ')}`,
    );
    out[table] = rows;
  }
  return out;
}

/** The report without what may differ between the paths (time taken, the path itself). */
function comparable(report: LoadReport) {
  const { loadMs, path, ...rest } = report;
  expect(loadMs).toBeGreaterThan(0);
  expect(['canonical', 'normalised']).toContain(path);
  return rest;
}

interface Outcome {
  readonly report: LoadReport;
  readonly rows: Record<string, unknown[]>;
  readonly fingerprint: string;
  readonly problems: unknown[];
}

/** Loads the files by the fast path, then by the forced general path, into one database. */
async function loadBothWays(files: () => NamedBlob[], sliceBytes?: number): Promise<{ fast: Outcome; slow: Outcome }> {
  const db = await openEmptyDatabase();
  const run = async (forceNormalise: boolean): Promise<Outcome> => {
    const report = await upload(db, files(), { forceNormalise, today: TODAY, sliceBytes });
    return {
      report,
      rows: await tableRows(db),
      fingerprint: await datasetFingerprint(db),
      problems: await fetchProblems(
        db,
        report.files.map((f) => f.name),
        report.files.map((f) => f.table),
      ),
    };
  };
  try {
    return { fast: await run(false), slow: await run(true) };
  } finally {
    db.close();
  }
}

function expectSameLoad(fast: Outcome, slow: Outcome): void {
  expect(fast.report.fingerprint).toBe(slow.report.fingerprint);
  expect(fast.fingerprint).toBe(slow.fingerprint);
  expect(fast.report.fingerprint).toBe(fast.fingerprint);
  expect(fast.rows).toEqual(slow.rows);
  expect(comparable(fast.report)).toEqual(comparable(slow.report));
  expect(fast.problems).toEqual(slow.problems);
}

describe.each<[string, () => Texts, number | undefined]>([
  ['the tiny fixture', tinyCanonical, undefined],
  ['the sample', () => textsOf(SAMPLE_DIR), undefined],
  ['the sample in 64 KB slices', () => textsOf(SAMPLE_DIR), 65_536],
  // Shorter than most lines: each read widens until a whole line fits.
  ['the tiny fixture in 40-byte slices', tinyCanonical, 40],
])('%s, canonical as exported', (_name, texts, sliceBytes) => {
  let fast: Outcome;
  let slow: Outcome;
  beforeAll(async () => {
    ({ fast, slow } = await loadBothWays(() => filesOf(texts()), sliceBytes));
  });

  it('takes the fast path (and the forced general path when asked)', () => {
    expect(fast.report.path).toBe('canonical');
    expect(slow.report.path).toBe('normalised');
  });

  it('commits the same rows, fingerprint and report as the general path', () => {
    expect(fast.rows.sessions.length).toBeGreaterThan(10);
    expect(fast.report.tables.every((t) => t.rows > 0)).toBe(true);
    expectSameLoad(fast, slow);
  });
});

describe('a canonical set with warnings the general path keeps', () => {
  it('(the tiny fixture reordered is its canonical form: the general path gives both one fingerprint)', async () => {
    const fingerprints: string[] = [];
    for (const texts of [textsOf(TINY_DIR), tinyCanonical()]) {
      const db = await openEmptyDatabase();
      try {
        fingerprints.push((await upload(db, filesOf(texts), { forceNormalise: true, today: TODAY })).fingerprint);
      } finally {
        db.close();
      }
    }
    expect(fingerprints[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprints[1]).toBe(fingerprints[0]);
  });

  it('stays on the fast path and reports the same warnings on the same lines', async () => {
    const tiny = tinyCanonical();
    const texts: Texts = {
      ...tiny,
      // A negative duration (kept, flagged) on the third data line.
      sessions: tiny.sessions.replace(
        'S03,2024-05-10,M1,C1,pendampingan,educate,pemasaran,pelatihan,daring,1.0,',
        'S03,2024-05-10,M1,C1,pendampingan,educate,pemasaran,pelatihan,daring,-1.0,',
      ),
    };
    expect(texts.sessions).not.toBe(tiny.sessions);
    const { fast, slow } = await loadBothWays(() => filesOf(texts));
    expect(fast.report.path).toBe('canonical');
    expect(fast.problems).toEqual([
      expect.objectContaining({ line: 4, column: 'duration_hours', reason: 'negative_value', action: 'kept' }),
    ]);
    expectSameLoad(fast, slow);
  });

  it('derives a missing mentors table on the fast path as the general path does', async () => {
    const tiny = tinyCanonical();
    const { fast, slow } = await loadBothWays(() => filesOf(tiny, ['clients', 'sessions', 'outcomes']));
    expect(fast.report.path).toBe('canonical');
    expect(fast.report.derived).toEqual([{ table: 'mentors', rows: 2, from: 'sessions' }]);
    expectSameLoad(fast, slow);
  });
});

/** One line of a tiny fixture file replaced (or the text changed otherwise). */
function tinyWith(table: TableName, change: (text: string) => string): Texts {
  const tiny = tinyCanonical();
  const changed = change(tiny[table]);
  expect(changed).not.toBe(tiny[table]);
  return { ...tiny, [table]: changed };
}

const S02 = 'S02,2024-04-10,M1,C1,pendampingan,facilitate|educate,pemasaran,mentoring,tatap_muka,2.5,';

describe.each<[string, Texts]>([
  ['functions not in the official order (the hand-made tiny fixture)', textsOf(TINY_DIR)],
  ['a bad date', tinyWith('sessions', (t) => t.replace('S02,2024-04-10', 'S02,2024-04-31'))],
  ['a date not written the ISO way', tinyWith('sessions', (t) => t.replace('S02,2024-04-10', 'S02,10/04/2024'))],
  ['an unknown region code', tinyWith('clients', (t) => t.replace('umkm,L,5201', 'umkm,L,5299'))],
  ['a duplicate key', tinyWith('sessions', (t) => `${t}${S02}\n`)],
  ['a session of an unknown client', tinyWith('sessions', (t) => `${t}${S02.replace('S02', 'S99').replace(',C1,', ',C99,')}\n`)],
  ['a non-canonical enum spelling', tinyWith('sessions', (t) => t.replace(S02, S02.replace(',pendampingan,', ',Pendampingan,')))],
  ['a yes/no the engine and the app read differently', tinyWith('outcomes', (t) => t.replace(/,lokal,true\n/, ',lokal,t\n'))],
  ['an amount with an underscore', tinyWith('outcomes', (t) => t.replace(',10000000,', ',10_000_000,'))],
  ['an id with a space around it', tinyWith('sessions', (t) => t.replace(S02, S02.replace('S02,', ' S02,')))],
  ['a CRLF line among LF lines', tinyWith('sessions', (t) => t.replace(`${S02}\n`, `${S02}\r\n`))],
  ['a quoted note with a line break', tinyWith('sessions', (t) => t.replace(`${S02}\n`, `${S02}"first line\nsecond line"\n`))],
  ['a blank line', tinyWith('sessions', (t) => t.replace(`${S02}\n`, `${S02}\n\n`))],
  ['a short row', tinyWith('sessions', (t) => t.replace(`${S02}\n`, `${S02.slice(0, -1)}\n`))],
])('a canonical-looking set with %s', (_name, texts) => {
  let fast: Outcome;
  let slow: Outcome;
  beforeAll(async () => {
    ({ fast, slow } = await loadBothWays(() => filesOf(texts)));
  });

  it('falls back to the general path and reports what it reports', () => {
    expect(fast.report.path).toBe('normalised');
    expectSameLoad(fast, slow);
  });
});

describe('the fast path keeps the pipeline guarantees', () => {
  let db: Awaited<ReturnType<typeof openSampleLoaded>>;
  let before: string;
  beforeAll(async () => {
    db = await openSampleLoaded();
    before = await datasetFingerprint(db);
  });
  afterAll(() => db?.close());

  it('a cancel between slices stops it, and the loaded dataset stays as it was', async () => {
    const controller = new AbortController();
    const phases: string[] = [];
    let slices = 0;
    const error = await upload(db, filesOf(textsOf(SAMPLE_DIR)), {
      signal: controller.signal,
      sliceBytes: 65_536,
      onProgress: (p) => phases.push(p.phase),
      onSlice: () => {
        if (++slices === 3) controller.abort();
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).code).toBe('cancelled');
    expect(slices).toBe(3);
    expect(phases).toEqual(['reading', 'reading', 'reading']);
    expect(await datasetFingerprint(db)).toBe(before);
    const left = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE 'stg_%'`);
    expect(left[0].n).toBe(0);
  });

  it('reports its phases in order while it loads', async () => {
    const phases: string[] = [];
    const report = await upload(db, filesOf(textsOf(SAMPLE_DIR)), {
      onProgress: (p) => {
        if (phases.at(-1) !== p.phase) phases.push(p.phase);
      },
    });
    expect(report.path).toBe('canonical');
    expect(phases).toEqual(['reading', 'checking', 'saving']);
  });
});
