/** Workbooks as an office suite writes them (LibreOffice Calc; see tests/fixtures/xlsx/README.md). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandWorkbook, readWorkbook } from '../../../src/lib/ingest/xlsx';
import { inspectFile, type FileInspection } from '../../../src/lib/upload/inspect';
import { fileFrom } from '../../helpers/upload';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'xlsx');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

describe('an export saved by LibreOffice Calc', () => {
  it('reads every sheet: stored formula results, 15-digit precision, dates, merged title', async () => {
    const r = await readWorkbook(fixture('libreoffice-ekspor.xlsx'));
    if (!r.ok) throw new Error(r.detail);
    expect(r.sheets.map((s) => [s.name, s.state, s.empty])).toEqual([
      ['Klien', 'visible', false],
      ['Sesi', 'visible', false],
      ['Kosong', 'visible', true],
      ['Rahasia', 'hidden', false],
      ['Hasil', 'visible', false],
    ]);
    expect(r.sheets[0].rows).toEqual([
      ['Laporan Pendampingan KUMKM Provinsi NTB'],
      ['Dinas Koperasi dan UKM, keadaan 30 November 2026'],
      ['id_klien', 'nama_usaha', 'no_hp', 'jenis_klien', 'kode_wilayah', 'angkatan', 'program', 'tanggal_mulai'],
      ['5203012345678900', 'Kopi Sembalun, "Bu Nur"', '081234567890', 'umkm', '5203', '2024-A', 'pendamping_kumkm', '2024-03-11'],
      ['007', 'Tenun Sukarara', '0819000111', 'koperasi', '5202', '2024-B', 'ppkl', '2024-09-02'],
    ]);
    expect(r.sheets[1].rows.slice(3).map((row) => [row[1], row[5]])).toEqual([
      ['2024-03-14', '0.3'],
      ['2024-04-02', '1.5'],
      ['2024-12-31', '0.333333333333333'],
    ]);
    expect(r.sheets[4].rows.slice(3)).toEqual([
      ['007', 'baseline', '2024-09-02', '12500000', '3', 'true', 'false'],
      ['007', 'endline', '2025-09-01', '15000000', '4', 'true', 'true'],
    ]);
  });

  it.each([
    ['Klien', 'clients'],
    ['Sesi', 'sessions'],
    ['Hasil', 'outcomes'],
  ])('sheet %s is recognised as %s with both title rows skipped', async (sheet, table) => {
    const expanded = await expandWorkbook(fileFrom('ekspor.xlsx', fixture('libreoffice-ekspor.xlsx')), 'ekspor.xlsx');
    if (!expanded.ok) throw new Error(expanded.detail);
    expect(expanded.skipped).toEqual([
      { sheet: 'Kosong', reason: 'empty' },
      { sheet: 'Rahasia', reason: 'hidden' },
    ]);
    const inspection = (await inspectFile(expanded.files.find((f) => f.sheet === sheet)!.file)) as FileInspection;
    expect([inspection.ok, inspection.match.table, inspection.titleRows, inspection.previewRows.length]).toEqual([
      true,
      table,
      2,
      sheet === 'Sesi' ? 3 : 2,
    ]);
  });

  it('dates of a 1904 workbook (date1904="true", as LibreOffice writes it) fall on the right day', async () => {
    const r = await readWorkbook(fixture('libreoffice-tanggal-1904.xlsx'));
    expect(r.ok && r.date1904).toBe(true);
    expect(r.ok && r.sheets[0].rows).toEqual([
      ['id_sesi', 'tanggal'],
      ['S1', '2024-03-14'],
      ['S2', '1999-12-31'],
    ]);
  });

  it.each([
    ['libreoffice-ekspor.xls', 'xls'],
    ['libreoffice-ekspor.ods', 'ods'],
  ])('the same workbook saved as %s is refused as %s, by the workbook reader and by the CSV recogniser', async (name, reason) => {
    const r = await readWorkbook(fixture(name));
    expect(!r.ok && r.reason).toBe(reason);
    const inspected = await inspectFile(fileFrom(name, fixture(name)));
    expect(!inspected.ok && inspected.reason).toBe(reason);
  });
});
