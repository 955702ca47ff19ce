/**
 * The project's own nasty exports in Indonesian form (tests/fixtures/ingest/, described in
 * its README.md): each goes through the whole pure pipeline — decode, sniff, parse, match
 * the header, normalise every cell — and the canonical rows that come out are asserted.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCrosswalk } from '../../../src/lib/domain/frameworks';
import { findColumn, type TableName } from '../../../src/lib/domain/schema';
import { matchHeader, type HeaderMatch } from '../../../src/lib/ingest/header-match';
import { buildFunctionIndex, detectDateOrder, normalizeCell, type CellValue } from '../../../src/lib/ingest/normalize';
import type { ParsedTable } from '../../../src/lib/ingest/parse';
import { readCsvBytes, type ReadTable } from '../../../src/lib/ingest/read-table';
import type { Sniffed } from '../../../src/lib/ingest/sniff';

const FIXTURES = path.resolve(process.cwd(), 'tests/fixtures/ingest');
const functionIndex = buildFunctionIndex(parseCrosswalk(readFileSync(path.resolve(process.cwd(), 'data/mentor-functions.csv'), 'utf8')));

function read(name: string) {
  return readCsvBytes(new Uint8Array(readFileSync(path.join(FIXTURES, name))));
}

function readOk(name: string): ReadTable {
  const r = read(name);
  if (!r.ok) throw new Error(`${name}: ${r.stage} ${r.reason}`);
  return r;
}

interface Canonical {
  rows: Record<string, CellValue>[];
  problems: { line: number; column: string; reason: string }[];
}

/**
 * Normalises every mapped column with what the column as a whole says (its decimal mark,
 * its day/month order). Canonical column names come from the schema, so plain objects are
 * safe here; header text never becomes a key.
 */
function canonicalRows(table: TableName, parsed: ParsedTable, sniffed: Sniffed, match: HeaderMatch): Canonical {
  const rows: Record<string, CellValue>[] = parsed.rows.map(() => ({}));
  const problems: Canonical['problems'] = [];
  match.mapping.forEach((name, i) => {
    if (name === null) return;
    const def = findColumn(table, name);
    if (!def) throw new Error(`unknown column ${name}`);
    const values = parsed.rows.map((r) => r[i]);
    const ctx = {
      decimalMark: sniffed.columnDecimalMarks[i] ?? sniffed.decimalMark,
      dateOrder: detectDateOrder(values).order,
      functionIndex,
    };
    values.forEach((v, r) => {
      const n = normalizeCell(def, v, ctx);
      if (n.ok) rows[r][name] = n.value;
      else {
        rows[r][name] = null;
        problems.push({ line: parsed.lines[r], column: name, reason: n.reason });
      }
    });
  });
  return { rows, problems };
}

function pipeline(name: string, expectedTable: TableName) {
  const r = readOk(name);
  const header = r.table.header;
  if (!header) throw new Error(`${name}: no header`);
  const match = matchHeader(header, { fileName: name });
  expect(match.table).toBe(expectedTable);
  return { ...r, match, ...canonicalRows(expectedTable, r.table, r.sniffed, match) };
}

describe('fixture: sesi-id-ID.csv (UTF-8 BOM, CRLF, ; + decimal comma, Indonesian months, Rp, functions)', () => {
  it('reads into canonical sessions', () => {
    const p = pipeline('sesi-id-ID.csv', 'sessions');
    expect([p.decoded.encoding, p.sniffed.delimiter, p.sniffed.decimalMark, p.match.needsReview]).toEqual([
      'utf-8-bom',
      ';',
      'comma',
      false,
    ]);
    expect(p.problems).toEqual([]);
    expect(p.table.lines).toEqual([2, 3, 4, 5, 7]);
    const base = { mentor_id: 'P-01' };
    expect(p.rows).toEqual([
      {
        ...base,
        session_id: 'S-001',
        session_date: '2026-08-22',
        client_id: 'K-0001',
        stage: 'observasi_awal',
        functions: ['observe'],
        support_area: 'pemasaran',
        support_form: 'konsultasi',
        mode: 'tatap_muka',
        duration_hours: 1.5,
        notes: 'Omzet naik; target Rp 2.500.000',
      },
      {
        ...base,
        session_id: 'S-002',
        session_date: '2026-08-05',
        client_id: 'K-0002',
        stage: 'pendampingan',
        functions: ['facilitate', 'educate'],
        support_area: 'pembiayaan',
        support_form: 'pelatihan',
        mode: 'daring',
        duration_hours: 2,
        notes: 'Ajukan KUR Rp 25 jt',
      },
      {
        session_id: 'S-003',
        session_date: '2026-05-01',
        mentor_id: 'P-02',
        client_id: 'K-0001',
        stage: 'evaluasi_refleksi',
        functions: ['evaluate'],
        support_area: 'sdm',
        support_form: 'mentoring',
        mode: 'telepon',
        duration_hours: 0.75,
        notes: null,
      },
      {
        session_id: 'S-004',
        session_date: '2026-10-17',
        mentor_id: 'P-02',
        client_id: 'K-0003',
        stage: 'pelaporan',
        functions: ['supervise', 'report'],
        support_area: 'teknologi_informasi',
        support_form: 'akses_pasar',
        mode: 'tatap_muka',
        duration_hours: 1,
        notes: 'Catatan\ndua baris',
      },
      {
        session_id: 'S-005',
        session_date: '2026-12-31',
        mentor_id: 'P-03',
        client_id: 'K-0003',
        stage: 'pendampingan',
        functions: ['mediate', 'advocate'],
        support_area: 'jaringan_kerja_sama',
        support_form: 'jejaring',
        mode: 'tatap_muka',
        duration_hours: 3.25,
        notes: null,
      },
    ]);
  });
});

describe('fixture: hasil-excel-judul-total.csv (title rows, blank row, totals row, footer, Rp/jt/M amounts)', () => {
  it('skips the titles and the totals, and reads the amounts', () => {
    const p = pipeline('hasil-excel-judul-total.csv', 'outcomes');
    expect([p.sniffed.headerIndex, p.table.headerLine]).toEqual([3, 4]);
    expect(p.table.dropped).toEqual({ leadingRows: 3, blankRows: 1, totalsRowLine: 9, footerRows: 1, trailingEmptyColumns: 0 });
    expect(p.problems).toEqual([]);
    expect(p.rows).toEqual([
      {
        client_id: 'K-0001',
        measurement: 'baseline',
        measured_on: '2026-01-02',
        monthly_revenue: 2_500_000,
        assets: 15_000_000,
        employees: 3,
        has_nib: true,
        has_halal: false,
        size_class: 'mikro',
      },
      {
        client_id: 'K-0001',
        measurement: 'endline',
        measured_on: '2026-11-30',
        monthly_revenue: 4_750_000,
        assets: 20_000_000,
        employees: 4,
        has_nib: true,
        has_halal: true,
        size_class: 'mikro',
      },
      {
        client_id: 'K-0002',
        measurement: 'baseline',
        measured_on: '2026-01-15',
        monthly_revenue: 2_500_000,
        assets: 1_200_000_000,
        employees: 12,
        has_nib: true,
        has_halal: false,
        size_class: 'kecil',
      },
      {
        client_id: 'K-0002',
        measurement: 'endline',
        measured_on: '2026-12-13',
        monthly_revenue: 3_000_000,
        assets: 1_500_000_000,
        employees: 15,
        has_nib: true,
        has_halal: true,
        size_class: 'kecil',
      },
    ]);
  });
});

describe('fixture: klien-windows1252.csv (Windows-1252 “ ” – ‘ ’ é, region names, NIK-style id in E+ notation)', () => {
  it('decodes the typographic characters and reports the destroyed id', () => {
    const p = pipeline('klien-windows1252.csv', 'clients');
    expect([p.decoded.encoding, p.decoded.suspicious, p.sniffed.delimiter]).toEqual(['windows-1252', false, ',']);
    expect(p.problems).toEqual([{ line: 5, column: 'client_id', reason: 'scientific_notation_id' }]);
    const shared = { cohort: '2025-A' };
    expect(p.rows).toEqual([
      {
        client_id: 'K-0001',
        client_name: 'Kopi “Rinjani”',
        owner_name: 'Baiq Sri',
        phone: '081234567890',
        entity_type: 'umkm',
        owner_gender: 'P',
        region_code: '5203',
        cohort: '2024-A',
        programme: 'pendamping_kumkm',
        sector: 'kuliner',
        business_type: 'Kopi bubuk',
        enrolled_on: '2024-11-22',
      },
      {
        client_id: 'K-0002',
        client_name: 'Tenun Sasak – Sukarara',
        owner_name: 'Lalu Ahmad',
        phone: '081298765432',
        entity_type: 'umkm',
        owner_gender: 'L',
        region_code: '5202',
        cohort: '2024-A',
        programme: 'ppkl',
        sector: 'fesyen',
        business_type: 'Tenun ikat',
        enrolled_on: '2024-12-03',
      },
      {
        ...shared,
        client_id: 'K-0003',
        client_name: 'Koperasi Madu Sumbawa',
        owner_name: 'H. Muhammad',
        phone: null,
        entity_type: 'koperasi',
        owner_gender: null,
        region_code: '5204',
        programme: 'konsultan_plut',
        sector: 'peternakan',
        business_type: 'Madu hutan',
        enrolled_on: '2025-01-15',
      },
      {
        ...shared,
        client_id: null,
        client_name: 'Dodol Nangka ‘Bu Sri’',
        owner_name: 'Ni Made Ayu',
        phone: '+62 812 3456 789',
        entity_type: 'umkm',
        owner_gender: 'P',
        region_code: '5272',
        programme: 'bds',
        sector: 'kuliner',
        business_type: 'Dodol',
        enrolled_on: '2025-02-02',
      },
      {
        ...shared,
        client_id: 'K-0005',
        client_name: 'Café Senggigi',
        owner_name: 'José Ramírez',
        phone: '0370-123456',
        entity_type: 'umkm',
        owner_gender: 'L',
        region_code: '5206',
        programme: 'konsultan_plut',
        sector: 'pariwisata',
        business_type: 'Kafe',
        enrolled_on: '2025-02-02',
      },
    ]);
  });
});

describe('fixture: pendamping-utf16le.csv (Excel "Unicode Text": UTF-16LE BOM, tabs)', () => {
  it('reads into canonical mentors', () => {
    const p = pipeline('pendamping-utf16le.csv', 'mentors');
    expect([p.decoded.encoding, p.sniffed.delimiter]).toEqual(['utf-16le', '\t']);
    expect(p.problems).toEqual([]);
    expect(p.rows).toEqual([
      {
        mentor_id: 'P-01',
        mentor_name: 'Baiq Nurul Hidayati',
        programme: 'pendamping_kumkm',
        region_code: '5203',
        gender: 'P',
        phone: '081111',
        active_since: '2023-01-15',
      },
      {
        mentor_id: 'P-02',
        mentor_name: 'I Gusti Ngurah Rai',
        programme: 'ppkl',
        region_code: '5271',
        gender: 'L',
        phone: '082222',
        active_since: '2022-03-01',
      },
      {
        mentor_id: 'P-03',
        mentor_name: 'Siti Aisyah',
        programme: 'konsultan_plut',
        region_code: '5207',
        gender: 'P',
        phone: '083333',
        active_since: '2021-07-01',
      },
      {
        mentor_id: 'P-04',
        mentor_name: 'Ahmad Dahlan',
        programme: 'bds',
        region_code: '5271',
        gender: 'L',
        phone: null,
        active_since: null,
      },
    ]);
  });
});

describe('fixture: baris-tidak-rata.csv (ragged rows)', () => {
  it('pads and cuts rows, naming the lines', () => {
    const p = pipeline('baris-tidak-rata.csv', 'clients');
    expect(p.table.issues).toEqual([
      { code: 'too_few_fields', line: 3, expected: 3, actual: 2 },
      { code: 'too_many_fields', line: 4, expected: 3, actual: 4 },
    ]);
    expect(p.rows.map((r) => [r.client_id, r.client_name, r.region_code])).toEqual([
      ['K-1', 'Warung A', '5201'],
      ['K-2', 'Warung B', null],
      ['K-3', 'Warung C', '5202'],
      ['K-4', 'Warung, D', '5203'],
    ]);
    // Only the client id is required of an upload; the absent columns load as missing values.
    expect(p.match.missingRequired).toEqual([]);
  });
});

describe('fixture: kolom-ganda.csv (duplicate, empty and prototype-named columns)', () => {
  it('maps the first of two same-named columns and lists the rest', () => {
    const p = pipeline('kolom-ganda.csv', 'sessions');
    expect(p.match.duplicates).toEqual([{ canonical: 'session_date', columns: [1, 2] }]);
    expect([p.match.emptyHeaders, p.match.unknownColumns, p.match.needsReview]).toEqual([[9], [9, 10, 11], true]);
    expect(p.rows).toEqual([
      {
        session_id: 'S-1',
        session_date: '2026-11-22',
        mentor_id: 'P-1',
        client_id: 'K-1',
        stage: 'pendampingan',
        functions: ['guide'],
        support_area: 'produksi',
        support_form: 'mentoring',
      },
    ]);
  });
});

describe('fixtures that must be refused or flagged', () => {
  it.each([
    ['xlsx-renamed.csv', { ok: false, stage: 'decode', reason: 'zip_or_xlsx' }],
    ['xls-renamed.csv', { ok: false, stage: 'decode', reason: 'xls' }],
    ['kutip-tidak-tertutup.csv', { ok: false, stage: 'parse', reason: 'unclosed_quote', line: 2 }],
  ])('%s → %j', (name, expected) => {
    expect(read(name)).toMatchObject(expected);
  });

  it('shift-jis.csv is read as Windows-1252 mojibake and flagged suspicious', () => {
    const r = readOk('shift-jis.csv');
    expect([r.decoded.encoding, r.decoded.suspicious, r.decoded.warnings]).toEqual(['windows-1252', true, ['possibly_wrong_encoding']]);
    expect([r.table.columnCount, r.table.rows.length]).toEqual([3, 2]);
  });
});
