/**
 * The Indonesian Excel CSV round-trips through the app's own importer to the same numbers.
 *
 * What is exported is the raw data, the way an evaluator gets it out: the SQL page's result
 * of `SELECT * FROM <table>` for each of the four tables, through the same functions as its
 * "CSV (Excel Indonesia)" button (`queryResultTable` → `localeCsv`: `;`, decimal commas,
 * `ya`/`tidak`, a BOM). The four files are uploaded into an empty engine with the Data
 * page's pipeline (`inspectFile` + `loadUpload`, automatic mapping) and must give the
 * sample's content fingerprint, its KPIs and, row for row, its outcomes. (The SQL page keeps
 * at most 10,000 rows of a result; the sessions table is larger, so the test raises that
 * limit — the conversion is the same.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES, type TableName } from '../../../src/lib/domain/schema';
import { runUserQuery } from '../../../src/lib/query/user-sql';
import { queryResultTable } from '../../../src/lib/export/view-tables';
import { localeCsv } from '../../../src/lib/export/locale-csv';
import { overviewKpis } from '../../../src/lib/query/overview';
import { datasetFingerprint } from '../../../src/lib/upload/fingerprint';
import type { LoadReport } from '../../../src/lib/upload/types';
import { fileFrom, openEmptyDatabase, openSampleLoaded, upload } from '../../helpers/upload';

let reference: Awaited<ReturnType<typeof openSampleLoaded>>;
let reimported: Awaited<ReturnType<typeof openEmptyDatabase>>;
let report: LoadReport;
const csv = {} as Record<TableName, string>;

beforeAll(async () => {
  reference = await openSampleLoaded();
  for (const table of TABLE_NAMES) {
    const result = await runUserQuery(reference, `SELECT * FROM ${table}`, { maxRows: 100_000 });
    expect(result.truncated).toBe(false);
    csv[table] = localeCsv(queryResultTable(result, 'id'), 'id');
  }
  reimported = await openEmptyDatabase();
  report = await upload(
    reimported,
    TABLE_NAMES.map((t) => fileFrom(`dampingan-kueri-${t}-excel-id.csv`, csv[t])),
  );
}, 180_000);

afterAll(() => {
  reimported?.close();
  reference?.close();
});

describe('the Indonesian CSV of the raw data, uploaded again', () => {
  it('is in the Indonesian convention', () => {
    const [header, first] = csv.sessions.slice(1).split('\r\n');
    expect(csv.sessions.startsWith('\uFEFF')).toBe(true);
    expect(header.split(';')).toContain('duration_hours');
    const hours = first.split(';')[header.split(';').indexOf('duration_hours')];
    expect(hours).toMatch(/^\d+(,\d+)?$/);
    expect(csv.sessions).toMatch(/;\d+,\d+;/);
    expect(csv.outcomes).toMatch(/;(ya|tidak);/);
    expect(csv.outcomes).not.toMatch(/;(true|false);/);
  });

  it('loads every row with no problem', () => {
    expect(report.problemsTotal).toBe(0);
    expect(report.tables).toEqual([
      { table: 'clients', rows: 1500 },
      { table: 'mentors', rows: 50 },
      { table: 'sessions', rows: 24898 },
      { table: 'outcomes', rows: 4359 },
    ]);
  });

  it('gives the same content fingerprint and KPIs', async () => {
    expect(report.fingerprint).toBe(await datasetFingerprint(reference));
    expect(await overviewKpis(reimported)).toEqual(await overviewKpis(reference));
  });

  it('gives the same outcomes, row for row', async () => {
    const sql = 'SELECT * FROM outcomes ORDER BY client_id, measurement';
    const [a, b] = await Promise.all([reference.query(sql), reimported.query(sql)]);
    expect(b).toHaveLength(4359);
    expect(b).toEqual(a);
  });
});
