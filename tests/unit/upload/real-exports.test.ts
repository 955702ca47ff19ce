/**
 * Exports as offices really produce them, on the real engine: partial table sets, missing
 * optional columns, one flat sheet that repeats its clients' details, implausible values
 * kept with a warning, and every row accounted for (a stray quote that swallows lines is
 * reported with all of them; mixed line ends and a huge first cell load).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TABLE_NAMES, type TableName } from '../../../src/lib/domain/schema';
import { NO_FILTERS, overviewKpis } from '../../../src/lib/query/overview';
import { runGroupQuery } from '../../../src/lib/query/group-query';
import { inspectFile } from '../../../src/lib/upload/inspect';
import { fetchProblems, loadUpload, type UploadPart } from '../../../src/lib/upload/pipeline';
import { datasetFingerprint } from '../../../src/lib/upload/fingerprint';
import type { LoadReport, Problem } from '../../../src/lib/upload/types';
import { SAMPLE_DIR } from '../../helpers/sample-db';
import { fileFrom, functionIndex, openEmptyDatabase, openSampleLoaded, type NamedBlob } from '../../helpers/upload';

const sampleText = (t: TableName) => readFileSync(join(SAMPLE_DIR, `${t}.csv`), 'utf8');
const sample = (t: TableName) => fileFrom(`${t}.csv`, sampleText(t));
const TODAY = '2026-11-30';

/** Inspects the files the way the Data page does, with a flat sheet's further parts. */
async function partsFor(files: readonly NamedBlob[]): Promise<UploadPart[]> {
  const parts: UploadPart[] = [];
  for (const file of files) {
    const inspection = await inspectFile(file);
    if (!inspection.ok) throw new Error(`${file.name}: ${inspection.reason}`);
    const { table, mapping, extraParts } = inspection.match;
    if (!table) throw new Error(`${file.name}: not recognised`);
    parts.push({ name: file.name, file, inspection, table, mapping });
    for (const part of extraParts) parts.push({ name: file.name, file, inspection, table: part.table, mapping: part.mapping, flat: true });
  }
  return parts;
}

let db: Awaited<ReturnType<typeof openEmptyDatabase>>;
beforeEach(async () => {
  db = await openEmptyDatabase();
});
afterEach(() => db?.close());

async function load(files: readonly NamedBlob[]): Promise<LoadReport> {
  return loadUpload(db, await partsFor(files), { functionIndex, today: TODAY });
}

async function problems(report: LoadReport): Promise<Problem[]> {
  return fetchProblems(
    db,
    report.files.map((f) => f.name),
    report.files.map((f) => f.table),
  );
}

const rows = (report: LoadReport) => Object.fromEntries(report.tables.map((t) => [t.table, t.rows]));

describe('partial table sets', () => {
  it('clients alone are a dataset: the other tables load empty and say so', async () => {
    const report = await load([sample('clients')]);
    expect(rows(report)).toEqual({ clients: 1500, mentors: 0, sessions: 0, outcomes: 0 });
    expect(report.absent).toEqual(['mentors', 'sessions', 'outcomes']);
    expect(report.derived).toEqual([]);
    expect(await overviewKpis(db)).toMatchObject({
      clients: 1500,
      mentors: 0,
      sessions: 0,
      median_revenue_growth: null,
      revenue_growth_n: 0,
    });
    // Outcome views by region still answer (every group empty, none fails).
    const byRegion = await runGroupQuery(db, {
      measure: 'revenue_growth_median',
      dimension: 'region',
      framework: 'official',
      minSessions: 3,
      filters: NO_FILTERS,
    });
    expect(byRegion.every((g) => g.value === null)).toBe(true);
  });

  it('clients + sessions: mentors are made from the session log', async () => {
    const report = await load([sample('clients'), sample('sessions')]);
    expect(rows(report)).toEqual({ clients: 1500, mentors: 50, sessions: 24898, outcomes: 0 });
    expect(report.derived).toEqual([{ table: 'mentors', rows: 50, from: 'sessions' }]);
    expect(report.absent).toEqual(['outcomes']);
    const mentors = await db.query<{ n: number; programmes: number }>(
      `SELECT count(*)::INTEGER AS n, count(programme)::INTEGER AS programmes FROM mentors`,
    );
    expect(mentors).toEqual([{ n: 50, programmes: 0 }]);
    const byFunction = await runGroupQuery(db, {
      measure: 'sessions_per_client',
      dimension: 'function',
      framework: 'official',
      minSessions: 3,
      filters: NO_FILTERS,
    });
    expect(byFunction.length).toBeGreaterThan(0);
  });

  it('clients + sessions + outcomes give the sample’s numbers, mentors made up', async () => {
    const report = await load([sample('clients'), sample('sessions'), sample('outcomes')]);
    expect(rows(report)).toEqual({ clients: 1500, mentors: 50, sessions: 24898, outcomes: 4359 });
    const reference = await openSampleLoaded();
    try {
      const expected = await overviewKpis(reference);
      expect(await overviewKpis(db)).toEqual(expected);
    } finally {
      reference.close();
    }
  });

  it('all four tables: the sample’s fingerprint', async () => {
    const report = await load(TABLE_NAMES.map(sample));
    const reference = await openSampleLoaded();
    try {
      expect(report.fingerprint).toBe(await datasetFingerprint(reference));
      expect(report.absent).toEqual([]);
      expect(report.derived).toEqual([]);
    } finally {
      reference.close();
    }
  });

  it('sessions + outcomes without a clients file: clients are made from the ids', async () => {
    const report = await load([sample('sessions'), sample('outcomes')]);
    expect(rows(report).clients).toBe(1500);
    expect(report.derived).toEqual([
      { table: 'mentors', rows: 50, from: 'sessions' },
      { table: 'clients', rows: 1500, from: 'sessions' },
    ]);
    expect((await overviewKpis(db)).revenue_growth_n).toBe(1358);
  });
});

describe('missing optional columns', () => {
  /** The clients file without some columns. */
  function clientsWithout(...drop: string[]): NamedBlob {
    const [header, ...lines] = sampleText('clients').trimEnd().split('\n');
    const names = header.split(',');
    const keep = names.map((n, i) => (drop.includes(n) ? -1 : i)).filter((i) => i >= 0);
    // The sample's clients have no quoted commas in these columns.
    const cut = (line: string) => {
      const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
      return keep.map((i) => cells[i]).join(',');
    };
    return fileFrom('klien.csv', [cut(header), ...lines.map(cut)].join('\n') + '\n');
  }

  it.each(['programme', 'entity_type', 'enrolled_on', 'region_code', 'cohort', 'sector', 'owner_gender'])(
    'without %s: every client loads, the column is empty, no review is needed',
    async (column) => {
      const file = clientsWithout(column);
      const inspection = await inspectFile(file);
      if (!inspection.ok) throw new Error(inspection.reason);
      expect(inspection.match.table).toBe('clients');
      expect(inspection.match.needsReview).toBe(false);
      const report = await load([file, sample('sessions'), sample('outcomes')]);
      expect(rows(report).clients).toBe(1500);
      expect(report.files[0]).toMatchObject({ rowsLoaded: 1500, rowsRejected: 0 });
      const [{ n }] = await db.query<{ n: number }>(`SELECT count("${column}")::INTEGER AS n FROM clients`);
      expect(n).toBe(0);
    },
  );

  it('a dimension whose column is absent shows one "unknown" group with every client', async () => {
    await load([clientsWithout('programme', 'sector'), sample('sessions'), sample('outcomes')]);
    const byProgramme = await runGroupQuery(db, {
      measure: 'revenue_growth_median',
      dimension: 'programme',
      framework: 'official',
      minSessions: 3,
      filters: NO_FILTERS,
    });
    expect(byProgramme.map((g) => [g.group, g.n])).toEqual([[null, 1358]]);
  });

  it('a session log without ids gets made-up ones, and sessions keep their place', async () => {
    const [header, ...lines] = sampleText('sessions').trimEnd().split('\n');
    const text = [header.replace(/^session_id,/, ''), ...lines.map((l) => l.replace(/^[^,]*,/, ''))].join('\n') + '\n';
    const report = await load([sample('clients'), fileFrom('log-sesi.csv', text)]);
    expect(rows(report).sessions).toBe(24898);
    const ids = await db.query<{ first: string; distinct_ids: number }>(
      `SELECT min_by(session_id, rowid) AS first, count(DISTINCT session_id)::INTEGER AS distinct_ids FROM sessions`,
    );
    expect(ids).toEqual([{ first: 'S2-1', distinct_ids: 24898 }]);
  });
});

describe('one flat sheet', () => {
  /** The session log with each client's region, cohort, sector and name repeated on its rows. */
  function flatSheet(edit?: (rows: string[][]) => void): NamedBlob {
    const clientLines = sampleText('clients').trimEnd().split('\n');
    const ch = clientLines[0].split(',');
    const clients = new Map(clientLines.slice(1).map((l) => [l.split(',')[0], l.split(',')]));
    const [sh, ...sessions] = sampleText('sessions').trimEnd().split('\n');
    const rows = sessions.map((l) => {
      const cells = l.split(',');
      const client = clients.get(cells[3])!;
      return [...cells, client[ch.indexOf('region_code')], client[ch.indexOf('cohort')], client[ch.indexOf('sector')]];
    });
    edit?.(rows);
    return fileFrom(
      'kunjungan-kobo.csv',
      [[...sh.split(','), 'Kabupaten/Kota', 'Angkatan', 'Sektor Usaha'].join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n',
    );
  }

  it('is split into sessions and clients; every row is accounted for', async () => {
    const report = await load([flatSheet()]);
    expect(rows(report)).toMatchObject({ clients: 1500, sessions: 24898, mentors: 50 });
    const [sessionsPart, clientsPart] = report.files;
    expect(sessionsPart).toMatchObject({ table: 'sessions', flat: false, rowsRead: 24898, rowsLoaded: 24898, rowsMerged: 0 });
    expect(clientsPart).toMatchObject({
      table: 'clients',
      flat: true,
      rowsRead: 24898,
      rowsLoaded: 1500,
      rowsRejected: 0,
      rowsMerged: 24898 - 1500,
    });
    // The details are the clients file's.
    const reference = await openSampleLoaded();
    try {
      const want = await reference.query(
        `SELECT client_id, region_code, cohort, sector FROM clients WHERE client_id IN (SELECT DISTINCT client_id FROM sessions) ORDER BY 1`,
      );
      expect(await db.query(`SELECT client_id, region_code, cohort, sector FROM clients ORDER BY 1`)).toEqual(want);
    } finally {
      reference.close();
    }
  });

  it('reports clients whose details conflict between rows (row, value) and keeps the most frequent value', async () => {
    let target = '';
    const report = await load([
      flatSheet((rows) => {
        target = rows[4][3];
        rows[4][13] = rows[4][13] === 'jasa' ? 'kuliner' : 'jasa'; // one row gives another sector
      }),
    ]);
    const conflicts = (await problems(report)).filter((p) => p.reason === 'conflicting_value');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ table: 'clients', line: 6, column: 'sector', action: 'ignored' });
    const reference = await openSampleLoaded();
    try {
      const [want] = await reference.query<{ sector: string }>(`SELECT sector FROM clients WHERE client_id = ?`, [target]);
      const [got] = await db.query<{ sector: string }>(`SELECT sector FROM clients WHERE client_id = ?`, [target]);
      expect(got.sector).toBe(want.sector);
      expect(conflicts[0].value).not.toBe(want.sector);
    } finally {
      reference.close();
    }
  });

  it('a client also in a clients file keeps that file’s details', async () => {
    const report = await load([sample('clients'), flatSheet((rows) => rows.forEach((r) => (r[13] = 'jasa')))]);
    expect(rows(report).clients).toBe(1500);
    const [{ jasa }] = await db.query<{ jasa: number }>(`SELECT count(*) FILTER (WHERE sector = 'jasa')::INTEGER AS jasa FROM clients`);
    const reference = await openSampleLoaded();
    try {
      const [{ want }] = await reference.query<{ want: number }>(
        `SELECT count(*) FILTER (WHERE sector = 'jasa')::INTEGER AS want FROM clients`,
      );
      expect(jasa).toBe(want);
    } finally {
      reference.close();
    }
  });
});

describe('plausibility warnings (rows kept)', () => {
  it.each([
    [
      'a negative revenue',
      'outcomes',
      (t: string) => t.replace(/^(K00001,baseline,[^,]*,)\d+/m, '$1-2500000'),
      'negative_value',
      'monthly_revenue',
    ],
    [
      'a negative duration',
      'sessions',
      (t: string) => t.replace(/^(S0000001,(?:[^,]*,){8})[^,]*/m, '$1-2.5'),
      'negative_value',
      'duration_hours',
    ],
    ['a session in 1900', 'sessions', (t: string) => t.replace(/^(S0000002,)[^,]*/m, '$11900-01-05'), 'date_out_of_range', 'session_date'],
    [
      'a session in the future',
      'sessions',
      (t: string) => t.replace(/^(S0000003,)[^,]*/m, '$12027-06-01'),
      'date_out_of_range',
      'session_date',
    ],
    [
      'an endline before the baseline',
      'outcomes',
      (t: string) => t.replace(/^(K00001,endline,)[^,]*/m, '$12023-01-01'),
      'endline_before_baseline',
      'measured_on',
    ],
    [
      'a revenue jump over 100×',
      'outcomes',
      (t: string) => t.replace(/^(K00001,endline,[^,]*,)\d+/m, '$19999999999'),
      'revenue_jump',
      'monthly_revenue',
    ],
    [
      'a duplicate session',
      'sessions',
      (t: string) => t.replace(/\n$/, `\n${t.split('\n')[1].replace(/^S0000001/, 'S9999999')}\n`),
      'duplicate_session',
      'session_id',
    ],
  ] as const)('%s is loaded, flagged once and counted', async (_label, table, edit, reason, column) => {
    const files = TABLE_NAMES.map((t) => (t === table ? fileFrom(`${t}.csv`, edit(sampleText(t))) : sample(t)));
    const report = await load(files);
    expect(report.rejectedRows).toBe(0);
    const flagged = (await problems(report)).filter((p) => p.reason === reason);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ table, column, action: 'kept' });
    expect(report.problemCounts.find((c) => c.reason === reason)?.count).toBe(1);
  });

  it('the sample itself raises none', async () => {
    const report = await load(TABLE_NAMES.map(sample));
    expect(report.problemsTotal).toBe(0);
  });
});

describe('honest counts', () => {
  // The sample's sessions with a plain note each (its own notes may hold quotes and commas).
  const [header, ...sessionLines] = sampleText('sessions')
    .trimEnd()
    .split('\n')
    .map((l, i) => (i === 0 ? l : `${l.split(',').slice(0, 10).join(',')},catatan ${i}`));

  it('a stray quote that swallows 62 lines reports 62 lines, first and last', async () => {
    // Line 101 of the file opens a quote in its notes; the next quote is in line 162's notes.
    const lines = [...sessionLines];
    lines[99] = lines[99].replace(/,([^,]*)$/, ',"$1 (dicatat');
    lines[160] = lines[160].replace(/,([^,]*)$/, ',$1 "selesai');
    const report = await load([sample('clients'), fileFrom('sessions.csv', [header, ...lines].join('\n') + '\n')]);
    const sessions = report.files.find((f) => f.table === 'sessions')!;
    expect(sessions.rowsRejected).toBe(1);
    expect(sessions.rejectedLines).toBe(62);
    expect(sessions.rowsLoaded).toBe(24898 - 62);
    const [stray] = (await problems(report)).filter((p) => p.table === 'sessions');
    expect(stray).toMatchObject({ line: 101, lineEnd: 162, action: 'rejected' });
  });

  it('a stray quote that closes at a field’s end (so the reader accepts the record) is still caught', async () => {
    const lines = [...sessionLines];
    lines[99] = lines[99].replace(/,([^,]*)$/, ',"$1');
    lines[104] = lines[104].replace(/,([^,]*)$/, ',$1"');
    const report = await load([sample('clients'), fileFrom('sessions.csv', [header, ...lines].join('\n') + '\n')]);
    const sessions = report.files.find((f) => f.table === 'sessions')!;
    expect(sessions).toMatchObject({ rowsRejected: 1, rejectedLines: 6, rowsLoaded: 24898 - 6 });
    const [stray] = (await problems(report)).filter((p) => p.table === 'sessions');
    expect(stray).toMatchObject({ line: 101, lineEnd: 106, reason: 'csv_stray_quote', action: 'rejected' });
  });

  it('a file mixing CRLF and LF line ends loads whole', async () => {
    const mixed = [header, ...sessionLines].map((l, i) => (i % 3 === 0 ? `${l}\r` : l)).join('\n') + '\r\n';
    const report = await load([sample('clients'), fileFrom('sessions.csv', mixed)]);
    expect(report.files[1]).toMatchObject({ rowsRead: 24898, rowsLoaded: 24898, rowsRejected: 0 });
  });

  it('a first row with a 1 MB note is data, not "a header without data"', async () => {
    const big =
      [header, sessionLines[0].replace(/,([^,]*)$/, `,"${'catatan panjang '.repeat(70_000)}"`), ...sessionLines.slice(1)].join('\n') + '\n';
    const file = fileFrom('sessions.csv', big);
    const inspection = await inspectFile(file);
    expect(inspection.ok).toBe(true);
    const report = await load([sample('clients'), file]);
    expect(report.files[1]).toMatchObject({ rowsRead: 24898, rowsLoaded: 24898 });
  });
});
