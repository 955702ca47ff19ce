/**
 * Workbooks on the Data page's path: which files go to the workbook reader, the sheet files
 * it gives, the sentences for its failures — and a workbook of typed cells (dates, numbers,
 * booleans) loaded through the real upload pipeline (DuckDB-WASM's Node build) to the very
 * dataset its CSV twin gives.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { TABLE_NAMES } from '../../../src/lib/domain/schema';
import { expandWorkbook, type WorkbookFailure } from '../../../src/lib/ingest/xlsx';
import { inspectFile, type FileInspection } from '../../../src/lib/upload/inspect';
import { loadUpload } from '../../../src/lib/upload/pipeline';
import { isWorkbookFile, skippedSheetText, workbookFailureText, workbookSheetFiles } from '../../../src/lib/upload/workbook';
import { fileFrom, functionIndex, inputFrom, openEmptyDatabase, upload } from '../../helpers/upload';
import { encryptedXlsxBytes, namedFile, odsBytes, typedRows, withTitles, xlsBytes, xlsxBytes } from '../../helpers/xlsx';

const TINY = join(import.meta.dirname, '..', '..', 'fixtures', 'tiny');
const tinyCsv = (t: string) => readFileSync(join(TINY, `${t}.csv`), 'utf8');

describe('isWorkbookFile', () => {
  it('by name, or by ZIP/OLE bytes whatever the name', async () => {
    expect(await isWorkbookFile(fileFrom('Ekspor.xlsx', 'x'))).toBe(true);
    expect(await isWorkbookFile(fileFrom('lama.XLS', 'x'))).toBe(true);
    expect(await isWorkbookFile(fileFrom('calc.ods', 'x'))).toBe(true);
    expect(await isWorkbookFile(fileFrom('laporan.csv', await xlsxBytes({ sheets: [{ name: 'A', rows: [['x']] }] })))).toBe(true);
    expect(await isWorkbookFile(fileFrom('laporan.csv', xlsBytes()))).toBe(true);
    expect(await isWorkbookFile(fileFrom('clients.csv', 'client_id\nK1\n'))).toBe(false);
    expect(await isWorkbookFile(fileFrom('kosong.csv', ''))).toBe(false);
  });
});

describe('workbookSheetFiles (no Worker in Node: read in this thread)', () => {
  it('gives the sheet files', async () => {
    const bytes = await xlsxBytes({
      sheets: [
        {
          name: 'Klien',
          rows: [
            ['client_id', 'region_code'],
            ['K1', 5201],
          ],
        },
        { name: 'Kosong', rows: [] },
      ],
    });
    const r = await workbookSheetFiles(namedFile('Ekspor.xlsx', bytes));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.files.map((f) => f.file.name)).toEqual(['Ekspor.xlsx › Klien']);
    expect(await r.files[0].file.text()).toBe('client_id,region_code\r\nK1,5201\r\n');
    expect(r.skipped.map((s) => skippedSheetText('en', s, 'Ekspor.xlsx'))).toEqual(['Sheet "Kosong" of Ekspor.xlsx is empty: skipped.']);
    expect(r.skipped.map((s) => skippedSheetText('id', s, 'Ekspor.xlsx'))).toEqual(['Lembar "Kosong" di Ekspor.xlsx kosong: dilewati.']);
  });

  it('says why a file cannot be read, in both languages', async () => {
    const failure = async (bytes: Uint8Array) => (await workbookSheetFiles(namedFile('x.xlsx', bytes))) as WorkbookFailure;
    const xls = await failure(xlsBytes());
    const ods = await failure(odsBytes());
    const locked = await failure(encryptedXlsxBytes());
    expect([xls.reason, ods.reason, locked.reason]).toEqual(['xls', 'ods', 'password_protected']);
    for (const f of [xls, ods]) {
      expect(workbookFailureText('en', f, 1000)).toMatch(/save it as "Excel Workbook \(\.xlsx\)" or "CSV UTF-8"/);
      expect(workbookFailureText('id', f, 1000)).toMatch(/simpan sebagai "Buku Kerja Excel \(\.xlsx\)" atau "CSV UTF-8"/);
    }
    expect(workbookFailureText('en', locked, 1000)).toMatch(/password/);
    const tooMany: WorkbookFailure = { ok: false, reason: 'too_many_cells', detail: '', sheet: 'Sesi', limit: 1_000_000 };
    expect(workbookFailureText('en', tooMany, 0)).toBe(
      'Sheet "Sesi" has more than 1,000,000 cells, too many to read from Excel in the browser. Save that sheet as "CSV UTF-8" and upload the CSV file.',
    );
    expect(workbookFailureText('id', tooMany, 0)).toContain('Lembar "Sesi" berisi lebih dari 1.000.000 sel');
    const tooLarge: WorkbookFailure = { ok: false, reason: 'too_large', detail: '', limit: 500_000_000 };
    expect(workbookFailureText('en', tooLarge, 600_000_000)).toMatch(/^Too large \(600 MB\).*at most 500 MB/);
  });

  it('a ZIP that is no workbook', async () => {
    const r = (await workbookSheetFiles(namedFile('arsip.xlsx', strToU8('PK\u0003\u0004 not really')))) as WorkbookFailure;
    expect(r.reason).toBe('corrupt_workbook');
    expect(workbookFailureText('en', r, 10)).toMatch(/damaged/);
  });
});

describe('a workbook of typed cells loads to the dataset its CSV twin gives', () => {
  let db: Awaited<ReturnType<typeof openEmptyDatabase>>;
  let csvFingerprint: string;
  beforeAll(async () => {
    db = await openEmptyDatabase();
    csvFingerprint = (
      await upload(
        db,
        TABLE_NAMES.map((t) => fileFrom(`${t}.csv`, tinyCsv(t))),
      )
    ).fingerprint;
  });
  afterAll(() => db?.close());

  it('four sheets, each with two title rows; dates, amounts, hours and yes/no as Excel types', async () => {
    const bytes = await xlsxBytes({
      sheets: TABLE_NAMES.map((t) => ({
        name: t,
        rows: withTitles(typedRows(t, tinyCsv(t)), `Ekspor ${t}`, 'Dinas Koperasi dan UKM NTB'),
      })),
    });
    const expanded = await expandWorkbook(fileFrom('Ekspor Pendampingan.xlsx', bytes), 'Ekspor Pendampingan.xlsx');
    if (!expanded.ok) throw new Error(expanded.detail);
    const inspections = await Promise.all(expanded.files.map((f) => inspectFile(f.file)));
    for (const [i, inspection] of inspections.entries()) {
      expect(inspection.ok).toBe(true);
      const ok = inspection as FileInspection;
      expect([ok.match.table, ok.titleRows, ok.match.needsReview]).toEqual([TABLE_NAMES[i], 2, false]);
    }
    const other = await openEmptyDatabase();
    try {
      const report = await loadUpload(
        other,
        expanded.files.map((f, i) => inputFrom(f.file as never, inspections[i] as FileInspection)),
        { functionIndex },
      );
      expect(report.problemsTotal).toBe(0);
      expect(report.tables).toEqual([
        { table: 'clients', rows: 6 },
        { table: 'mentors', rows: 2 },
        { table: 'sessions', rows: 14 },
        { table: 'outcomes', rows: 13 },
      ]);
      expect(report.fingerprint).toBe(csvFingerprint);
    } finally {
      other.close();
    }
  });
});
