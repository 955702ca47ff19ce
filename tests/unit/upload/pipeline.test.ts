/**
 * The whole upload pipeline on the real engine (DuckDB-WASM's Node build): the sample
 * and a messy Indonesian re-export of it load to the same numbers and fingerprint; bad
 * input is refused or reported with file, line, column, value and reason; and a failed
 * load never touches the dataset that was loaded before.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES, type TableName } from '../../../src/lib/domain/schema';
import { overviewKpis } from '../../../src/lib/query/overview';
import { datasetFingerprint } from '../../../src/lib/upload/fingerprint';
import { inspectFile, type FileInspection } from '../../../src/lib/upload/inspect';
import { fetchProblems, loadUpload } from '../../../src/lib/upload/pipeline';
import { LoadError, type LoadReport } from '../../../src/lib/upload/types';
import { problemsCsv } from '../../../src/lib/upload/report';
import { reexportSample, REEXPORT_FILE_NAMES } from '../../helpers/reexport';
import { SAMPLE_DIR } from '../../helpers/sample-db';
import {
  fileFrom,
  functionIndex,
  inputFrom,
  inputsFor,
  openEmptyDatabase,
  openSampleLoaded,
  sampleFiles,
  upload,
  type NamedBlob,
} from '../../helpers/upload';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'ingest');
const sampleText = (t: TableName) => readFileSync(join(SAMPLE_DIR, `${t}.csv`), 'utf8');

/** The sample with one table replaced. */
function sampleWith(table: TableName, content: string | Uint8Array, name = `${table}.csv`): NamedBlob[] {
  return TABLE_NAMES.map((t) => (t === table ? fileFrom(name, content) : fileFrom(`${t}.csv`, sampleText(t))));
}

/** Appends lines to a sample table (the header stays). */
function appended(table: TableName, ...lines: string[]): string {
  return sampleText(table) + lines.map((l) => `${l}\n`).join('');
}

/** Row counts of every permanent table: the canonical ones and the derived model, whatever it holds. */
async function counts(db: Awaited<ReturnType<typeof openSampleLoaded>>) {
  const tables = await db.query<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1`);
  const rows = await db.query<{ t: string; n: number }>(
    tables.map((t) => `SELECT '${t.name}' AS t, count(*)::BIGINT AS n FROM "${t.name}"`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

async function expectLoadError(promise: Promise<unknown>, code: LoadError['code']): Promise<LoadError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LoadError);
  expect((error as LoadError).code).toBe(code);
  return error as LoadError;
}

describe('the sample, uploaded', () => {
  let db: Awaited<ReturnType<typeof openSampleLoaded>>;
  let reference: Awaited<ReturnType<typeof openSampleLoaded>>;
  let report: LoadReport;
  beforeAll(async () => {
    reference = await openSampleLoaded();
    db = await openEmptyDatabase();
    report = await upload(db, sampleFiles());
  });
  afterAll(() => {
    db?.close();
    reference?.close();
  });

  it('loads every row and reports no problem', () => {
    expect(report.tables).toEqual([
      { table: 'clients', rows: 1500 },
      { table: 'mentors', rows: 50 },
      { table: 'sessions', rows: 24898 },
      { table: 'outcomes', rows: 4359 },
    ]);
    expect(report.problemsTotal).toBe(0);
    for (const f of report.files) expect([f.rowsRead, f.rowsRejected, f.rowsSkipped]).toEqual([f.rowsLoaded, 0, 0]);
  });

  it('gives the KPIs and the fingerprint of the canonical loader', async () => {
    expect(await overviewKpis(db)).toEqual(await overviewKpis(reference));
    expect(report.fingerprint).toBe(await datasetFingerprint(reference));
    expect(report.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('the messy Indonesian re-export (Windows-1252, ;, decimal comma, Rp, Indonesian dates and names) loads to the same dataset', async () => {
    const files = reexportSample();
    const blobs = TABLE_NAMES.map((t) => fileFrom(REEXPORT_FILE_NAMES[t], files[t]));
    const inspections = await Promise.all(blobs.map((b) => inspectFile(b)));
    for (const i of inspections) {
      expect(i.ok).toBe(true);
      const ok = i as FileInspection;
      expect([ok.encoding, ok.delimiter, ok.titleRows, ok.match.needsReview]).toEqual(['windows-1252', ';', 1, false]);
    }
    const other = await openEmptyDatabase();
    try {
      const r = await loadUpload(
        other,
        blobs.map((b, i) => inputFrom(b, inspections[i] as FileInspection)),
        { functionIndex },
      );
      expect(r.problemsTotal).toBe(0);
      expect(r.fingerprint).toBe(report.fingerprint);
      expect(await overviewKpis(other)).toEqual(await overviewKpis(reference));
    } finally {
      other.close();
    }
  });
});

describe('bad files are refused up front, with the reason', () => {
  const cases: [string, Uint8Array | string, string][] = [
    ['empty file', '', 'empty_file'],
    ['only white space', '  \r\n\r\n', 'empty_file'],
    ['header only', 'client_id,entity_type,region_code\r\n', 'header_only'],
    ['xlsx renamed to csv', readFileSync(join(FIXTURES, 'xlsx-renamed.csv')), 'zip_or_xlsx'],
    ['xls renamed to csv', readFileSync(join(FIXTURES, 'xls-renamed.csv')), 'xls'],
    ['binary', Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256), 'binary'],
    ['unclosed quote in the first megabyte', readFileSync(join(FIXTURES, 'kutip-tidak-tertutup.csv')), 'unclosed_quote'],
  ];
  it.each(cases)('%s', async (_label, content, reason) => {
    const result = await inspectFile(fileFrom('x.csv', content));
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.reason).toBe(reason);
  });

  it('a 2 GB file, without reading it', async () => {
    let read = false;
    const huge = { name: 'besar.csv', size: 2 * 1024 ** 3, slice: () => ((read = true), new Blob([])) } as unknown as Blob & {
      name: string;
    };
    const result = await inspectFile(huge);
    expect(result.ok === false && result.reason).toBe('too_large');
    expect(read).toBe(false);
  });
});

describe('a set that cannot make a dataset', () => {
  let db: Awaited<ReturnType<typeof openEmptyDatabase>>;
  beforeAll(async () => {
    db = await openEmptyDatabase();
  });
  afterAll(() => db?.close());

  it('refuses a set with no clients to speak of (mentors alone)', async () => {
    const e = await expectLoadError(upload(db, sampleFiles().slice(1, 2)), 'nothing_loaded');
    expect(e.info.table).toBe('clients');
  });

  it('names the missing required columns', async () => {
    const text = sampleText('clients').replace(/^([^\n]*)\n/, (h) => h.replace('client_id', 'unknown_col'));
    const files = sampleWith('clients', text);
    const inputs = await inputsFor(files);
    expect(inputs[0].inspection.match.missingRequired).toEqual(['client_id']);
    const e = await expectLoadError(loadUpload(db, inputs, { functionIndex }), 'required_columns_missing');
    expect(e.info).toMatchObject({ file: 'clients.csv', columns: ['client_id'] });
  });

  it('says which table lost every row', async () => {
    // Every session names an unknown mentor: nothing of the table survives.
    const text = sampleText('sessions').replace(/,P0(\d\d),/g, ',X$1,');
    const e = await expectLoadError(upload(db, sampleWith('sessions', text)), 'nothing_loaded');
    expect(e.info.table).toBe('sessions');
    const partial = (e as LoadError & { partial?: { problemCounts: { reason: string; count: number }[] } }).partial;
    expect(partial?.problemCounts.find((c) => c.reason === 'unknown_mentor')?.count).toBe(24898);
  });
});

describe('atomic loading: a failed load leaves the previous dataset exactly as it was', () => {
  let db: Awaited<ReturnType<typeof openSampleLoaded>>;
  let before: Record<string, number>;
  let kpis: Awaited<ReturnType<typeof overviewKpis>>;
  beforeAll(async () => {
    db = await openSampleLoaded();
    before = await counts(db);
    kpis = await overviewKpis(db);
  });
  afterAll(() => db?.close());

  const failures: [string, () => Promise<unknown>, LoadError['code']][] = [
    [
      'a quote never closed past the first megabyte',
      async () => {
        const big =
          sampleText('sessions') +
          appended('sessions').split('\n').slice(1, 12000).join('\n') +
          '\nS9999999,2024-05-01,P001,K00001,pendampingan,"educate,pemasaran\n';
        return upload(
          db,
          sampleWith(
            'sessions',
            big.replace(/^S0/gm, (m, i) => (i > 2_500_000 ? 'T0' : m)),
          ),
        );
      },
      'unclosed_quote',
    ],
    ['a set without clients', () => upload(db, sampleFiles().slice(1, 2)), 'nothing_loaded'],
    [
      'an engine error mid-way',
      async () => {
        const inputs = await inputsFor(sampleFiles());
        const failing = Object.create(db) as typeof db;
        // Fails while the derived model is rebuilt, after the four tables were already replaced.
        const modelStatement = (sql: string) => {
          const m = /^\s*CREATE OR REPLACE TABLE (\w+)/.exec(sql);
          return m !== null && !(TABLE_NAMES as readonly string[]).includes(m[1]);
        };
        failing.query = (sql, params) => (modelStatement(sql) ? Promise.reject(new Error('boom')) : db.query(sql, params));
        return loadUpload(failing, inputs, { functionIndex });
      },
      'engine',
    ],
    [
      'a cancel',
      async () => {
        const controller = new AbortController();
        return upload(db, sampleFiles(), { signal: controller.signal, sliceBytes: 64 * 1024, onSlice: () => controller.abort() });
      },
      'cancelled',
    ],
  ];
  it.each(failures)('%s', async (_label, run, code) => {
    await expectLoadError(run(), code);
    expect(await counts(db)).toEqual(before);
    expect(await overviewKpis(db)).toEqual(kpis);
    const leftovers = await db.query<{ name: string }>(
      `SELECT table_name AS name FROM duckdb_tables() WHERE regexp_matches(table_name, '^(raw|stg|map|bad|lines|rej)_')`,
    );
    expect(leftovers).toEqual([]);
  });
});

describe('rows with problems are rejected or kept, each reported with its line', () => {
  let db: Awaited<ReturnType<typeof openEmptyDatabase>>;
  let report: LoadReport;
  const sessionsLines = sampleText('sessions').trimEnd().split('\n').length; // header included
  beforeAll(async () => {
    db = await openEmptyDatabase();
    const sessions = appended(
      'sessions',
      'S0000001,2024-03-18,P001,K00001,pendampingan,educate,pemasaran,mentoring,tatap_muka,1.0,duplicate id', // +1
      'S9000002,2024-03-18,P001,K99999,pendampingan,educate,pemasaran,mentoring,tatap_muka,1.0,unknown client', // +2
      'S9000003,31/02/2024,P001,K00001,pendampingan,educate,pemasaran,mentoring,tatap_muka,1.0,bad date', // +3
      'S9000004,2024-03-18,P001,K00001,pendampingan,terbang,pemasaran,mentoring,tatap_muka,1.0,unknown function', // +4
      'S9000005,2024-03-18,P001,K00001,pendampingan,educate,pemasaran,mentoring,tatap_muka,dua jam,bad hours kept', // +5
      'S9000006,2024-03-18,P001,K00001,pendampingan,educate,pemasaran,mentoring,tatap_muka,1.0,x,extra field', // +6
      'S9000007,2024-03-18,P001,K00001,pendampingan,educate,pemasaran,mentoring', // +7 short: padded, ok
      '1.23457E+15,2024-03-18,P001,K00001,pendampingan,educate,pemasaran,mentoring,tatap_muka,1.0,sci id', // +8
      ',,,,,,,,,,', // +9 empty row: skipped
      'S9000010,2024-03-18,P001,K00001,pendampingan,educate,pemasaran,mentoring,tatap_muka,1.0,"<script>alert(1)</script> =HYPERLINK(""http://x"")"', // +10
    );
    const outcomes = appended('outcomes', 'K09999,endline,2026-01-01,1000,,,,,,,,,,'); // the new client has no baseline: kept, with a note
    const clients = appended('clients', 'K09999,Usaha Baru,Ani,0811,umkm,P,5203,2024-A,bds,kuliner,Kopi,2024-03-04'); // no outcomes: fine
    const files = TABLE_NAMES.map((t) =>
      fileFrom(`${t}.csv`, t === 'sessions' ? sessions : t === 'outcomes' ? outcomes : t === 'clients' ? clients : sampleText(t)),
    );
    report = await upload(db, files);
  });
  afterAll(() => db?.close());

  it('counts rows read, loaded, rejected and skipped per file', () => {
    const sessions = report.files.find((f) => f.table === 'sessions');
    // An unknown function no longer rejects the session (functions are optional): the value is emptied.
    expect(sessions).toMatchObject({
      rowsRead: 24898 + 10,
      rowsSkipped: 1,
      rowsRejected: 5,
      rowsLoaded: 24898 + 4,
      valuesIgnored: 2,
      rowsMerged: 0,
    });
    const outcomes = report.files.find((f) => f.table === 'outcomes');
    expect(outcomes).toMatchObject({ rowsLoaded: 4359 + 1, rowsRejected: 0 });
  });

  it('lists every problem with its line, column, value, reason and what was done', async () => {
    const problems = (
      await fetchProblems(
        db,
        report.files.map((f) => f.name),
        report.files.map((f) => f.table),
      )
    ).filter((p) => p.table === 'sessions');
    const at = (k: number) => sessionsLines + k;
    expect(problems.map((p) => [p.line, p.column, p.value, p.reason, p.action])).toEqual([
      [at(1), 'session_id', 'S0000001', 'duplicate_key', 'rejected'],
      [at(2), 'client_id', 'K99999', 'unknown_client', 'rejected'],
      [at(3), 'session_date', '31/02/2024', 'invalid_date', 'rejected'],
      [at(4), 'functions', 'terbang', 'unknown_function', 'ignored'],
      [at(5), 'duration_hours', 'dua jam', 'not_a_number', 'ignored'],
      [at(6), null, expect.stringContaining('S9000006'), 'csv_too_many_fields', 'rejected'],
      // Same client, mentor, day and functions as the line before: kept, flagged.
      [at(7), 'session_id', 'S9000007', 'duplicate_session', 'kept'],
      // A key the file has but cannot read rejects the row (it is not made up).
      [at(8), 'session_id', '1.23457E+15', 'scientific_notation_id', 'rejected'],
      [at(10), 'session_id', 'S9000010', 'duplicate_session', 'kept'],
    ]);
    const noBaseline = (
      await fetchProblems(
        db,
        report.files.map((f) => f.name),
        report.files.map((f) => f.table),
      )
    ).filter((p) => p.reason === 'no_baseline');
    expect(noBaseline).toMatchObject([{ table: 'outcomes', column: 'measurement', value: 'endline', action: 'kept' }]);
  });

  it('keeps HTML, script and formula-like text as text, and neutralises formulas in the CSV it writes', async () => {
    const [row] = await db.query<{ notes: string }>(`SELECT notes FROM sessions WHERE session_id = 'S9000010'`);
    expect(row.notes).toBe('<script>alert(1)</script> =HYPERLINK("http://x")');
    const csv = problemsCsv(
      [
        {
          file: 'a.csv',
          table: 'sessions',
          line: 3,
          column: 'notes',
          value: '=HYPERLINK("http://x")',
          reason: 'csv_error',
          action: 'rejected',
        },
      ],
      'en',
    );
    expect(csv).toContain(`'=HYPERLINK(""http://x"")`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('lists values no normaliser understood, with their counts', () => {
    expect(report.unmapped).toEqual([
      { table: 'sessions', column: 'session_date', raw: '31/02/2024', count: 1, reason: 'invalid_date' },
      { table: 'sessions', column: 'functions', raw: 'terbang', count: 1, reason: 'unknown_function' },
    ]);
  });
});

describe('hard shapes', () => {
  let db: Awaited<ReturnType<typeof openEmptyDatabase>>;
  beforeAll(async () => {
    db = await openEmptyDatabase();
  });
  afterAll(() => db?.close());

  it('values the evaluator maps by hand load on the next try', async () => {
    const clients = sampleText('clients').replace(/,5207,/g, ',Sumbawa Brt,');
    const first = await upload(db, sampleWith('clients', clients));
    expect(first.unmapped).toEqual([{ table: 'clients', column: 'region_code', raw: 'Sumbawa Brt', count: 58, reason: 'unknown_region' }]);
    // The region is optional: the 58 clients load with their region emptied (and counted as such).
    expect(first.tables[0].rows).toBe(1500);
    expect(first.files.find((f) => f.table === 'clients')?.valuesIgnored).toBe(58);
    expect((await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM clients WHERE region_code IS NULL`))[0].n).toBe(58);
    const overrides = new Map([['clients.region_code', new Map([['Sumbawa Brt', '5207']])]]);
    const second = await upload(db, sampleWith('clients', clients), { overrides });
    expect(second.unmapped).toEqual([]);
    expect(second.tables[0].rows).toBe(1500);
    expect((await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM clients WHERE region_code = '5207'`))[0].n).toBe(58);
  });

  it('several files for one table are combined, and a key repeated across them is a duplicate', async () => {
    const [header, ...rows] = sampleText('sessions').trimEnd().split('\n');
    const half = Math.floor(rows.length / 2);
    const first = [header, ...rows.slice(0, half)].join('\n') + '\n';
    const second = [header, ...rows.slice(half), rows[0]].join('\n') + '\n'; // repeats the first session
    const files = [
      ...sampleFiles().filter((f) => f.name !== 'sessions.csv'),
      fileFrom('sesi-1.csv', first),
      fileFrom('sesi-2.csv', second),
    ];
    const r = await upload(db, files);
    expect(r.tables.find((t) => t.table === 'sessions')?.rows).toBe(24898);
    expect(r.files.filter((f) => f.table === 'sessions').map((f) => [f.name, f.rowsLoaded, f.rowsRejected])).toEqual([
      ['sesi-1.csv', half, 0],
      ['sesi-2.csv', rows.length - half, 1],
    ]);
    const problems = await fetchProblems(
      db,
      r.files.map((f) => f.name),
      r.files.map((f) => f.table),
    );
    expect(problems).toMatchObject([
      { file: 'sesi-2.csv', line: rows.length - half + 2, reason: 'duplicate_key', value: rows[0].split(',')[0] },
    ]);
  });

  it('duplicate column names: the first one is used, the mapping asks for review', async () => {
    const text = sampleText('mentors')
      .replace(/^mentor_id,/, 'mentor_id,ID Pendamping,')
      .replace(/\n(P\d+),/g, '\n$1,$1-copy,');
    const inspection = (await inspectFile(fileFrom('mentors.csv', text))) as FileInspection;
    expect(inspection.match.duplicates).toEqual([{ canonical: 'mentor_id', columns: [0, 1] }]);
    expect(inspection.match.needsReview).toBe(true);
    const r = await upload(db, sampleWith('mentors', text));
    expect(r.tables[1].rows).toBe(50);
  });

  it('10,000 columns', async () => {
    const extra = Array.from({ length: 9988 }, (_, i) => `x${i}`);
    const lines = sampleText('clients').trimEnd().split('\n');
    const text = [`${lines[0]},${extra.join(',')}`, ...lines.slice(1).map((l) => `${l},${extra.map(() => '1').join(',')}`)].join('\n');
    const inspection = (await inspectFile(fileFrom('clients.csv', text))) as FileInspection;
    expect(inspection.ok && inspection.header.length).toBe(10000);
    expect(inspection.match.table).toBe('clients');
    const r = await upload(db, sampleWith('clients', text));
    expect(r.tables[0].rows).toBe(1500);
  });

  it('a cell of 1 MB', async () => {
    const big = 'panjang '.repeat(131072);
    const r = await upload(
      db,
      sampleWith(
        'sessions',
        appended('sessions', `S9000001,2024-03-18,P001,K00001,pendampingan,educate,pemasaran,mentoring,tatap_muka,1.0,"${big}"`),
      ),
    );
    expect(r.problemsTotal).toBe(0);
    const [row] = await db.query<{ n: number }>(`SELECT length(notes)::BIGINT AS n FROM sessions WHERE session_id = 'S9000001'`);
    expect(row.n).toBe(big.trim().length);
  });

  it('ragged rows from the fixtures: short ones padded, long ones rejected', async () => {
    const inspection = (await inspectFile(fileFrom('x.csv', readFileSync(join(FIXTURES, 'baris-tidak-rata.csv'))))) as FileInspection;
    expect(inspection.ok).toBe(true);
    expect(inspection.sampleIssues.get('too_few_fields')).toBeGreaterThan(0);
  });

  it('a spreadsheet totals row at the end is skipped, not rejected', async () => {
    const r = await upload(db, sampleWith('mentors', appended('mentors', 'Jumlah,50,,,,,', 'Sumber: dinas,,,,,,')));
    const mentors = r.files.find((f) => f.table === 'mentors');
    expect(mentors).toMatchObject({ rowsLoaded: 50, rowsRejected: 0, rowsSkipped: 2 });
  });

  it('an encoding that changes after the first megabyte is read correctly', async () => {
    // ASCII for more than the sniffed sample, then a Windows-1252 é in a note.
    const lines = sampleText('sessions');
    const tail = 'S9000001,2024-03-18,P001,K00001,pendampingan,educate,pemasaran,mentoring,tatap_muka,1.0,caf\u00e9\n';
    const bytes = new Uint8Array([...new TextEncoder().encode(lines), ...[...tail].map((c) => c.charCodeAt(0))]);
    const r = await upload(db, sampleWith('sessions', bytes));
    expect(r.files.find((f) => f.table === 'sessions')?.encodingSwitched).toBe(true);
    const [row] = await db.query<{ notes: string }>(`SELECT notes FROM sessions WHERE session_id = 'S9000001'`);
    expect(row.notes).toBe('café');
  });
});
