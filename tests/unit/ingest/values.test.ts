import { describe, it, expect } from 'vitest';
import { findColumn, OFFICIAL_FUNCTIONS, TABLES, type ColumnDef, type TableName } from '../../../src/lib/domain/schema';
import {
  ENUM_SYNONYMS,
  buildEnumMatcher,
  isNullMarker,
  normalizeBoolean,
  normalizeCell,
  normalizeEnum,
  normalizeEnumList,
  normalizeGender,
  normalizeId,
  normalizeRegion,
  normalizeText,
  type Normalized,
} from '../../../src/lib/ingest/normalize';

function summary<T>(r: Normalized<T>): T | string {
  return r.ok ? r.value : `!${r.reason}`;
}

function column(table: TableName, name: string): ColumnDef {
  const c = findColumn(table, name);
  if (!c) throw new Error(`no column ${table}.${name}`);
  return c;
}

describe('isNullMarker', () => {
  it.each([
    ['', true],
    ['   ', true],
    ['-', true],
    ['NA', true],
    ['N/A', true],
    ['n/a', true],
    ['null', true],
    ['NULL', true],
    ['none', true],
    ['#N/A', true],
    ['tidak ada data', true],
    ['Tidak Ada Data', true],
    ['0', false],
    ['tidak ada', false],
    ['n', false],
    ['nol', false],
    ['-5', false],
  ] as [string, boolean][])('%j → %s', (raw, expected) => {
    expect(isNullMarker(raw)).toBe(expected);
  });
});

describe('normalizeBoolean', () => {
  it.each([
    ['Ya', true],
    ['YA', true],
    [' ya ', true],
    ['iya', true],
    ['Tidak', false],
    ['tdk', false],
    ['Y', true],
    ['T', false],
    ['N', false],
    ['1', true],
    ['0', false],
    ['1.0', true],
    ['0.0', false],
    ['true', true],
    ['FALSE', false],
    ['yes', true],
    ['No', false],
    ['ada', true],
    ['tidak ada', false],
    ['Tidak Ada', false],
    ['sudah', true],
    ['belum', false],
    ['punya', true],
    ['tidak punya', false],
    ['✓', true],
    ['✔', true],
    ['✗', false],
    ['v', true],
    ['', null],
    ['-', null],
    ['tidak ada data', null],
    ['mungkin', '!not_a_boolean'],
    ['2', '!not_a_boolean'],
    ['x', '!not_a_boolean'],
  ] as [string, boolean | null | string][])('%j → %j', (raw, expected) => {
    expect(summary(normalizeBoolean(raw))).toEqual(expected);
  });
});

describe('normalizeGender', () => {
  it.each([
    ['L', 'L'],
    ['l', 'L'],
    ['Laki-laki', 'L'],
    ['laki laki', 'L'],
    ['LAKI-LAKI', 'L'],
    ['Pria', 'L'],
    ['M', 'L'],
    ['male', 'L'],
    ['Lk', 'L'],
    ['Lk.', 'L'],
    ['P', 'P'],
    ['Perempuan', 'P'],
    ['Wanita', 'P'],
    ['F', 'P'],
    ['female', 'P'],
    ['pr', 'P'],
    ['W', 'P'],
    ['', null],
    ['-', null],
    ['X', '!unknown_gender'],
    ['lainnya', '!unknown_gender'],
  ] as [string, string | null][])('%j → %j', (raw, expected) => {
    expect(summary(normalizeGender(raw))).toEqual(expected);
  });
});

describe('normalizeRegion', () => {
  it.each([
    ['5203', '5203'],
    ['52.03', '5203'],
    ['52 03', '5203'],
    ['52-03', '5203'],
    ['5271', '5271'],
    ['LOTIM', '5203'],
    ['Lotim', '5203'],
    ['Kab. Lombok Timur', '5203'],
    ['Kabupaten Lombok Timur', '5203'],
    ['lombok timur', '5203'],
    ['  LOMBOK  TIMUR ', '5203'],
    ['Kab Lombok Timur', '5203'],
    ['LOBAR', '5201'],
    ['Loteng', '5202'],
    ['KLU', '5208'],
    ['Lombok Utara', '5208'],
    ['Kota Mataram', '5271'],
    ['KOTA MATARAM', '5271'],
    ['Mataram', '5271'],
    ['Kota Bima', '5272'],
    ['Bima', '5206'],
    ['Kab. Bima', '5206'],
    ['Kabupaten Bima', '5206'],
    ['Sumbawa', '5204'],
    ['Sumbawa Barat', '5207'],
    ['Kab. Sumbawa Barat', '5207'],
    ['KSB', '5207'],
    ['Dompu', '5205'],
    ['520', '!unknown_region'],
    ['5299', '!unknown_region'],
    ['5103', '!unknown_region'],
    ['Bali', '!unknown_region'],
    ['Sumbawa Besar', '!unknown_region'],
    ['Lombok', '!unknown_region'],
    ['Kota Lombok Timur', '!unknown_region'],
    ['Kabupaten Kota Bima', '!unknown_region'],
    ['Bima Kota', '!unknown_region'],
    ['', null],
    ['-', null],
  ] as [string, string | null][])('%j → %j', (raw, expected) => {
    expect(summary(normalizeRegion(raw))).toEqual(expected);
  });
});

describe('normalizeEnum', () => {
  it.each([
    ['sessions', 'stage', 'observasi awal', 'observasi_awal'],
    ['sessions', 'stage', 'Observasi Awal', 'observasi_awal'],
    ['sessions', 'stage', 'OBSERVASI_AWAL', 'observasi_awal'],
    ['sessions', 'stage', 'Pendampingan', 'pendampingan'],
    ['sessions', 'stage', 'Evaluasi & Refleksi', 'evaluasi_refleksi'],
    ['sessions', 'stage', 'evaluasi-refleksi', 'evaluasi_refleksi'],
    ['sessions', 'stage', 'Evaluasi dan Refleksi', 'evaluasi_refleksi'],
    ['sessions', 'stage', 'Pelaporan', 'pelaporan'],
    ['sessions', 'stage', 'penjajakan', 'observasi_awal'],
    ['sessions', 'stage', 'Laporan akhir', '!unknown_value'],
    ['sessions', 'support_form', 'konsultasi', 'konsultasi'],
    ['sessions', 'support_form', 'Consultation', 'konsultasi'],
    ['sessions', 'support_form', 'pelatihan', 'pelatihan'],
    ['sessions', 'support_form', 'training', 'pelatihan'],
    ['sessions', 'support_form', 'Akses Pasar', 'akses_pasar'],
    ['sessions', 'support_form', 'market access', 'akses_pasar'],
    ['sessions', 'support_form', 'networking', 'jejaring'],
    ['sessions', 'support_form', 'Pendampingan', 'mentoring'],
    ['sessions', 'support_area', 'SDM', 'sdm'],
    ['sessions', 'support_area', 'Teknologi Informasi', 'teknologi_informasi'],
    ['sessions', 'support_area', 'IT', 'teknologi_informasi'],
    ['sessions', 'support_area', 'Jaringan Kerja Sama', 'jaringan_kerja_sama'],
    ['sessions', 'support_area', 'jaringan kerjasama', 'jaringan_kerja_sama'],
    ['sessions', 'mode', 'Tatap muka', 'tatap_muka'],
    ['sessions', 'mode', 'online', 'daring'],
    ['sessions', 'mode', 'luring', 'tatap_muka'],
    ['clients', 'entity_type', 'UMKM', 'umkm'],
    ['clients', 'entity_type', 'UMK', 'umkm'],
    ['clients', 'entity_type', 'Koperasi', 'koperasi'],
    ['clients', 'entity_type', 'KSP', 'koperasi'],
    ['clients', 'entity_type', 'KSU', 'koperasi'],
    ['clients', 'entity_type', 'PT', '!unknown_value'],
    ['clients', 'programme', 'Pendamping KUMKM', 'pendamping_kumkm'],
    ['clients', 'programme', 'PPKL', 'ppkl'],
    ['clients', 'programme', 'BDS', 'bds'],
    ['clients', 'programme', 'Konsultan PLUT', 'konsultan_plut'],
    ['clients', 'programme', 'PLUT', 'konsultan_plut'],
    ['clients', 'programme', 'pendamping_kumkm', 'pendamping_kumkm'],
    ['clients', 'sector', 'Makanan & Minuman', 'kuliner'],
    ['clients', 'sector', 'Fashion', 'fesyen'],
    ['clients', 'owner_gender', 'Perempuan', 'P'],
    ['outcomes', 'measurement', 'Baseline', 'baseline'],
    ['outcomes', 'measurement', 'awal', 'baseline'],
    ['outcomes', 'measurement', 'akhir', 'endline'],
    ['outcomes', 'size_class', 'Usaha Kecil', 'kecil'],
    ['outcomes', 'market_reach', 'export', 'ekspor'],
    ['outcomes', 'market_reach', '', null],
  ] as [TableName, string, string, string | null][])('%s.%s %j → %j', (table, name, raw, expected) => {
    expect(summary(normalizeEnum(raw, column(table, name)))).toEqual(expected);
  });

  it('every synonym points at a code of its schema column, and no spelling is claimed twice', () => {
    for (const [name, byCode] of ENUM_SYNONYMS) {
      const owners = (Object.keys(TABLES) as TableName[]).map((t) => findColumn(t, name)).filter((c) => c !== undefined);
      expect(owners.length, `column ${name} exists`).toBeGreaterThan(0);
      for (const col of owners) {
        for (const code of byCode.keys()) expect(col.values, `${name} has ${code}`).toContain(code);
        expect(() => buildEnumMatcher(col.values ?? [], byCode)).not.toThrow();
      }
    }
  });

  it('buildEnumMatcher refuses a synonym claimed by two codes', () => {
    expect(() =>
      buildEnumMatcher(
        ['a', 'b'],
        new Map([
          ['a', ['x']],
          ['b', ['X']],
        ]),
      ),
    ).toThrow(/claimed/);
  });

  it('enum_list cells split on | (canonical) or on , ; / +', () => {
    const col: ColumnDef = {
      name: 'test_list',
      kind: 'enum_list',
      required: false,
      core: false,
      values: ['a', 'b', 'c'],
      aliases: [],
      description: '',
    };
    expect(summary(normalizeEnumList('c|a', col))).toEqual(['a', 'c']);
    expect(summary(normalizeEnumList('B; a, b', col))).toEqual(['a', 'b']);
    expect(summary(normalizeEnumList('a|z', col))).toEqual('!unknown_value');
    expect(summary(normalizeEnumList('', col))).toEqual(null);
  });
});

describe('normalizeId and normalizeText', () => {
  it.each([
    ['1.23457E+15', '!scientific_notation_id'],
    ['1,23457E+15', '!scientific_notation_id'],
    ['5.2E+15', '!scientific_notation_id'],
    ['1E+15', '!scientific_notation_id'],
    ['09001', '09001'],
    ['0812345678', '0812345678'],
    ["'081234", '081234'], // Excel's text apostrophe
    ["'=cmd", '=cmd'],
    ['2024E1', '2024E1'], // not Excel's format: kept
    ['2024-A', '2024-A'],
    [' K-001 ', 'K-001'],
    ['', null],
    ['-', null],
  ] as [string, string | null][])('id %j → %j', (raw, expected) => {
    expect(summary(normalizeId(raw))).toEqual(expected);
  });

  it('text is trimmed and keeps everything else', () => {
    expect(summary(normalizeText('  Kopi “Rinjani”  '))).toBe('Kopi “Rinjani”');
    expect(summary(normalizeText("'s-Hertogenbosch"))).toBe("'s-Hertogenbosch");
    expect(summary(normalizeText("'+62 812 3456"))).toBe('+62 812 3456'); // our own neutralised export, read back
    expect(summary(normalizeText("'=SUM(A1)"))).toBe('=SUM(A1)');
    expect(summary(normalizeText('N/A'))).toBe(null);
  });
});

describe('normalizeCell dispatches on the column kind', () => {
  it.each([
    ['clients', 'client_id', '00123', {}, '00123'],
    ['clients', 'region_code', 'Kota Bima', {}, '5272'],
    ['clients', 'enrolled_on', '22 Agu 2026', {}, '2026-08-22'],
    ['clients', 'enrolled_on', '46348', {}, '2026-11-22'],
    ['clients', 'enrolled_on', '46348', { excelSerialDates: false }, '!not_a_date'],
    ['clients', 'enrolled_on', '03/04/2026', { dateOrder: 'mdy' }, '2026-03-04'],
    ['outcomes', 'employees', '1.234', {}, 1234],
    ['outcomes', 'monthly_revenue', 'Rp 2.500.000,-', {}, 2500000],
    ['outcomes', 'has_nib', 'Ya', {}, true],
    ['sessions', 'duration_hours', '1,5', {}, 1.5],
    ['sessions', 'duration_hours', '1.250', { decimalMark: 'dot' }, 1.25],
    ['sessions', 'functions', 'observe|guide', {}, ['observe', 'guide']],
    ['sessions', 'notes', ' catatan ', {}, 'catatan'],
    ['mentors', 'gender', 'Wanita', {}, 'P'],
  ] as const)('%s.%s %j %j → %j', (table, name, raw, ctx, expected) => {
    expect(summary(normalizeCell(column(table, name), raw, ctx))).toEqual(expected);
  });

  it('the functions column knows the official codes without a crosswalk', () => {
    expect(column('sessions', 'functions').values).toBe(OFFICIAL_FUNCTIONS);
  });
});
