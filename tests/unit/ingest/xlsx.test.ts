/**
 * Excel workbooks through the reader and into the CSV pipeline's recogniser: real .xlsx
 * files written in the test (write-excel-file, plus the parts Excel writes — see
 * tests/helpers/xlsx.ts), real .ods and OLE files; read-excel-file and fflate unmocked.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { expandWorkbook, readWorkbook, sheetCsv, type WorkbookSheets, type WorkbookSheetFiles } from '../../../src/lib/ingest/xlsx';
import { decodeBytes } from '../../../src/lib/ingest/encoding';
import { sniffContainer } from '../../../src/lib/ingest/containers';
import { inspectFile, type FileInspection } from '../../../src/lib/upload/inspect';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TABLE_NAMES } from '../../../src/lib/domain/schema';
import { fileFrom } from '../../helpers/upload';
import { SAMPLE_DIR } from '../../helpers/sample-db';
import {
  date1904Cell,
  dateCell,
  encryptedXlsxBytes,
  odsBytes,
  oleBytes,
  typedRows,
  xlsBytes,
  xlsxBytes,
  type WorkbookSpec,
} from '../../helpers/xlsx';

const TITLE = 'Laporan Pendampingan KUMKM Provinsi NTB';
const SUBTITLE = 'Dinas Koperasi dan UKM, keadaan 30 November 2026';

/** Two title rows above the header: the first merged across the table, the second a plain cell. */
function titled(width: number, rows: unknown[][]): WorkbookSpec['sheets'][number]['rows'] {
  return [[{ value: TITLE, columnSpan: width, fontWeight: 'bold' }, ...Array(width - 1).fill(null)], [SUBTITLE], ...rows] as never;
}

/** The export an evaluator gets from a reporting system, as a workbook of three sheets. */
const EXPORT: WorkbookSpec = {
  sheets: [
    {
      name: 'Klien',
      rows: titled(8, [
        ['id_klien', 'nama_usaha', 'no_hp', 'jenis_klien', 'kode_wilayah', 'angkatan', 'program', 'tanggal_mulai'],
        // a 16-digit id written as a number, the phone stored as text, the region as a number
        [
          { value: 5203012345678901, type: Number },
          'Kopi Sembalun, "Bu Nur"',
          '081234567890',
          'umkm',
          5203,
          '2024-A',
          'pendamping_kumkm',
          dateCell('2024-03-11'),
        ],
        // id and phone typed as text with leading zeros; a date-time cell; the cohort from a formula
        [
          '007',
          'Tenun Sukarara',
          '0819000111',
          'koperasi',
          5202,
          { type: 'Formula', value: '="2024-"&"B"' },
          'ppkl',
          { value: new Date(Date.UTC(2024, 8, 2, 9, 45)), type: Date, format: 'dd/mm/yyyy hh:mm' },
        ],
      ]),
      cached: { '="2024-"&"B"': '2024-B' },
    },
    {
      name: 'Sesi',
      rows: titled(6, [
        ['id_sesi', 'tanggal', 'id_pendamping', 'id_klien', 'fungsi', 'durasi_jam'],
        [
          'S0000001',
          dateCell('2024-03-14'),
          'P001',
          { value: 5203012345678901, type: Number },
          'observe|advise',
          { type: 'Formula', value: '=0.1+0.2' },
        ],
        ['S0000002', dateCell('2024-04-02', 'd mmmm yyyy'), 'P001', '007', 'educate|facilitate', 1.5],
        ['S0000003', dateCell('2024-12-31', 'yyyy-mm-dd'), 'P002', '007', 'report', { type: 'Formula', value: '=1/4+1' }],
      ]),
      cached: { '=0.1+0.2': 0.30000000000000004, '=1/4+1': 1.25 },
    },
    { name: 'Kosong', rows: [] },
    {
      name: 'Hasil',
      rows: titled(7, [
        ['id_klien', 'pengukuran', 'tanggal_pengukuran', 'omzet_bulanan', 'tenaga_kerja', 'punya_nib', 'penjualan_digital'],
        ['007', 'baseline', dateCell('2024-09-02'), 12500000, 3, true, false],
        ['007', 'endline', dateCell('2025-09-01'), { type: 'Formula', value: '=D4*1.2' }, 4, true, true],
      ]),
      cached: { '=D4*1.2': 15000000.000000002 },
    },
    {
      name: 'Rahasia',
      hidden: true,
      rows: [['catatan internal'], ['jangan dimuat']],
      // A cell that names a shared string that does not exist: reading this sheet would fail.
      transform: (xml) => xml.replace('</sheetData>', '<row r="9"><c r="A9" t="s"><v>99999</v></c></row></sheetData>'),
    },
  ],
};

describe('an export workbook: three tables, title rows, a merged title, an empty and a hidden sheet', () => {
  let bytes: Uint8Array;
  let read: WorkbookSheets;
  let expanded: WorkbookSheetFiles;
  beforeAll(async () => {
    bytes = await xlsxBytes(EXPORT);
    const r = await readWorkbook(bytes);
    if (!r.ok) throw new Error(r.detail);
    read = r;
    const e = await expandWorkbook(fileFrom('Ekspor.xlsx', bytes), 'Ekspor.xlsx');
    if (!e.ok) throw new Error(e.detail);
    expanded = e;
  });

  it('lists every sheet in order with its state; the hidden one is not read (it would not parse)', async () => {
    const unhidden = await readWorkbook(await xlsxBytes({ sheets: EXPORT.sheets.map((s) => ({ ...s, hidden: false })) }));
    expect(!unhidden.ok && unhidden.reason).toBe('corrupt_workbook');
    expect(read.date1904).toBe(false);
    expect(read.sheets.map((s) => [s.name, s.position, s.state, s.empty])).toEqual([
      ['Klien', 1, 'visible', false],
      ['Sesi', 2, 'visible', false],
      ['Kosong', 3, 'visible', true],
      ['Hasil', 4, 'visible', false],
      ['Rahasia', 5, 'hidden', false],
    ]);
    const hidden = read.sheets[4];
    expect([hidden.rows, hidden.csv]).toEqual([[], '']);
  });

  it('turns cells into canonical text: ISO dates, ids intact, text kept, cached formula values, no float noise', () => {
    const klien = read.sheets[0];
    expect(klien.width).toBe(8);
    expect(klien.rows).toEqual([
      [TITLE],
      [SUBTITLE],
      ['id_klien', 'nama_usaha', 'no_hp', 'jenis_klien', 'kode_wilayah', 'angkatan', 'program', 'tanggal_mulai'],
      ['5203012345678901', 'Kopi Sembalun, "Bu Nur"', '081234567890', 'umkm', '5203', '2024-A', 'pendamping_kumkm', '2024-03-11'],
      ['007', 'Tenun Sukarara', '0819000111', 'koperasi', '5202', '2024-B', 'ppkl', '2024-09-02'],
    ]);
    expect(read.sheets[1].rows.slice(3).map((r) => [r[1], r[5]])).toEqual([
      ['2024-03-14', '0.3'],
      ['2024-04-02', '1.5'],
      ['2024-12-31', '1.25'],
    ]);
    expect(read.sheets[3].rows.slice(3)).toEqual([
      ['007', 'baseline', '2024-09-02', '12500000', '3', 'true', 'false'],
      ['007', 'endline', '2025-09-01', '15000000', '4', 'true', 'true'],
    ]);
  });

  it('writes RFC 4180 CSV, every line as wide as the sheet, so the merged title stays one filled cell', () => {
    const csv = read.sheets[0].csv;
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(`${TITLE},,,,,,,`);
    expect(lines[1]).toBe(`"${SUBTITLE}",,,,,,,`); // it holds a comma
    expect(lines[3]).toBe('5203012345678901,"Kopi Sembalun, ""Bu Nur""",081234567890,umkm,5203,2024-A,pendamping_kumkm,2024-03-11');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(sheetCsv([['a\nb', ''], ['c']], 2)).toBe('"a\nb",\r\nc,\r\n');
  });

  it('gives one text/csv File per non-empty visible sheet, named after workbook and sheet; reports the rest', () => {
    expect(expanded.files.map((f) => [f.sheet, f.file.name, f.file.type])).toEqual([
      ['Klien', 'Ekspor.xlsx › Klien', 'text/csv'],
      ['Sesi', 'Ekspor.xlsx › Sesi', 'text/csv'],
      ['Hasil', 'Ekspor.xlsx › Hasil', 'text/csv'],
    ]);
    expect(expanded.skipped).toEqual([
      { sheet: 'Kosong', reason: 'empty' },
      { sheet: 'Rahasia', reason: 'hidden' },
    ]);
  });

  it.each([
    ['Klien', 'clients', ['client_id', 'client_name', 'phone', 'entity_type', 'region_code', 'cohort', 'programme', 'enrolled_on']],
    ['Sesi', 'sessions', ['session_id', 'session_date', 'mentor_id', 'client_id', 'functions', 'duration_hours']],
    ['Hasil', 'outcomes', ['client_id', 'measurement', 'measured_on', 'monthly_revenue', 'employees', 'has_nib', 'sells_online']],
  ])('inspectFile recognises sheet %s as %s, skips both title rows and previews the exact values', async (sheet, table, mapping) => {
    const { file } = expanded.files.find((f) => f.sheet === sheet)!;
    const inspection = await inspectFile(file);
    expect(inspection.ok).toBe(true);
    const ok = inspection as FileInspection;
    expect([ok.encoding, ok.delimiter, ok.titleRows, ok.hasHeader, ok.commentChar]).toEqual(['utf-8', ',', 2, true, null]);
    expect(ok.match.table).toBe(table);
    expect(ok.match.mapping).toEqual(mapping);
    const source = read.sheets.find((s) => s.name === sheet)!;
    expect(ok.header).toEqual(source.rows[2]);
    expect(ok.previewRows).toEqual(source.rows.slice(3));
  });
});

describe('dates in the 1904 date system (old Mac workbooks)', () => {
  it('are shifted to the right day', async () => {
    const bytes = await xlsxBytes({
      date1904: true,
      sheets: [
        {
          name: 'Sesi',
          rows: [
            ['id_sesi', 'tanggal'],
            ['S1', date1904Cell('2024-03-14')],
            ['S2', date1904Cell('1999-12-31', 'yyyy-mm-dd')],
          ],
        },
      ],
    });
    const r = await readWorkbook(bytes);
    expect(r.ok && r.date1904).toBe(true);
    expect(r.ok && r.sheets[0].rows.slice(1)).toEqual([
      ['S1', '2024-03-14'],
      ['S2', '1999-12-31'],
    ]);
  });
});

describe('what is not an .xlsx is refused with a reason', () => {
  const zipOf = (entries: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, strToU8(v)])));

  it.each([
    ['an old .xls (OLE with a Workbook stream)', 'xls', () => xlsBytes()],
    ['a password-protected .xlsx (OLE with EncryptedPackage)', 'password_protected', () => encryptedXlsxBytes()],
    ['an OpenDocument .ods', 'ods', () => odsBytes()],
    ['an OLE file that is no workbook (a Word .doc)', 'not_a_workbook', () => oleBytes(['WordDocument', '1Table'])],
    ['a ZIP without a workbook', 'not_a_workbook', () => zipOf({ 'word/document.xml': '<w:document/>' })],
    ['CSV text', 'not_a_workbook', () => strToU8('client_id,region_code\nK1,5201\n')],
    ['an empty file', 'empty_file', () => new Uint8Array(0)],
    [
      'a workbook whose XML is broken',
      'corrupt_workbook',
      () =>
        zipOf({
          'xl/workbook.xml': '<workbook><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets>',
          'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
        }),
    ],
  ])('%s → %s', async (_label, reason, make) => {
    const r = await readWorkbook(make());
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe(reason);
  });

  it('a truncated .xlsx → corrupt_workbook', async () => {
    const bytes = await xlsxBytes({ sheets: [{ name: 'A', rows: [['x']] }] });
    const r = await readWorkbook(bytes.subarray(0, bytes.length - 200));
    expect(!r.ok && r.reason).toBe('corrupt_workbook');
  });

  it('the encrypted workbook is recognised even when its directory lies past the first megabyte', async () => {
    const big = encryptedXlsxBytes(2100); // 2100 padding sectors ≈ 1.1 MB before the directory
    expect(big.length).toBeGreaterThan(1 << 20);
    expect(sniffContainer(big)).toBe('encrypted_ooxml');
    expect(sniffContainer(big.subarray(0, 1 << 20))).toBe('ole'); // a head alone cannot tell
    const r = await readWorkbook(big);
    expect(!r.ok && r.reason).toBe('password_protected');
  });
});

describe('limits', () => {
  const wide = (rows: number, cols: number) => Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => r * cols + c));

  it('a file over the app limit is refused before it is read', async () => {
    let read = false;
    const blob = { size: 600_000_000, arrayBuffer: () => ((read = true), Promise.resolve(new ArrayBuffer(0))) } as unknown as Blob;
    Object.setPrototypeOf(blob, Blob.prototype);
    const r = await readWorkbook(blob);
    expect(!r.ok && [r.reason, r.limit]).toEqual(['too_large', 500_000_000]);
    expect(read).toBe(false);
  });

  it('a sheet whose <dimension> declares too many cells is refused before it is parsed', async () => {
    const bytes = await xlsxBytes({ sheets: [{ name: 'Besar', rows: wide(3, 4), dimension: 'A1:D3' }] });
    const r = await readWorkbook(bytes, { maxSheetCells: 11 });
    expect(!r.ok && [r.reason, r.sheet, r.limit]).toEqual(['too_many_cells', 'Besar', 11]);
    expect(!r.ok && r.detail).toContain('declares 12 cells');
  });

  it('a sheet without <dimension> is counted after parsing', async () => {
    const bytes = await xlsxBytes({ sheets: [{ name: 'Besar', rows: wide(3, 4) }] });
    expect((await readWorkbook(bytes, { maxSheetCells: 12 })).ok).toBe(true);
    const r = await readWorkbook(bytes, { maxSheetCells: 11 });
    expect(!r.ok && [r.reason, r.sheet]).toEqual(['too_many_cells', 'Besar']);
  });

  it('a package that unpacks to more XML than allowed is refused before it is unpacked', async () => {
    const bytes = await xlsxBytes({ sheets: [{ name: 'A', rows: wide(50, 10) }] });
    const r = await readWorkbook(bytes, { maxXmlBytes: 4096 });
    expect(!r.ok && [r.reason, r.limit]).toEqual(['unpacked_too_large', 4096]);
  });

  it('the default limit: a million cells per sheet', async () => {
    const { MAX_SHEET_CELLS } = await import('../../../src/lib/ingest/xlsx');
    expect(MAX_SHEET_CELLS).toBe(1_000_000);
  });
});

describe('a workbook handed to the CSV recogniser directly still gets a clear reason', () => {
  it.each([
    ['.xlsx', 'zip_or_xlsx', () => xlsxBytes({ sheets: [{ name: 'A', rows: [['x']] }] })],
    ['.ods', 'ods', async () => odsBytes()],
    ['.xls', 'xls', async () => xlsBytes()],
    ['password-protected .xlsx', 'password_protected', async () => encryptedXlsxBytes()],
  ])('%s → %s', async (_label, reason, make) => {
    const bytes = await make();
    const decoded = decodeBytes(bytes);
    expect(!decoded.ok && decoded.reason).toBe(reason);
    const inspected = await inspectFile(fileFrom('laporan.csv', bytes));
    expect(!inspected.ok && inspected.reason).toBe(reason);
  });
});

describe('the built-in sample as a workbook (≈ 400,000 cells)', () => {
  it('reads back line for line to the sample CSV (whose upload tests/unit/upload/pipeline.test.ts checks)', async () => {
    const sampleCsv = (t: string) => readFileSync(join(SAMPLE_DIR, `${t}.csv`), 'utf8');
    const bytes = await xlsxBytes({ sheets: TABLE_NAMES.map((t) => ({ name: t, rows: typedRows(t, sampleCsv(t)) })) });
    const expanded = await expandWorkbook(fileFrom('sample.xlsx', bytes), 'sample.xlsx');
    if (!expanded.ok) throw new Error(expanded.detail);
    for (const [i, t] of TABLE_NAMES.entries()) {
      // The generator's text but for CRLF line ends, and `2.0` hours written as the number 2.
      const expected = sampleCsv(t).replace(/\n/g, '\r\n').replace(/\.0,/g, ',');
      expect((await expanded.files[i].file.text()).replace(/\.0,/g, ',')).toBe(expected);
    }
  });
});
