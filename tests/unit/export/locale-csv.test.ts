/**
 * CSV for the UI language's Excel beside the canonical one: Indonesian `;`, decimal commas,
 * shares as percentages under a `(%)` header, Indonesian headers, a BOM; English `,` and dot
 * decimals; both formula-safe; the canonical CSV unchanged from what the app always wrote.
 */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { CSV_CONVENTIONS, headerWithUnit, localeCsv, localeValue, plainNumber } from '../../../src/lib/export/locale-csv';
import { canonicalCsv, kindOfDuckDbType, kindOfValues, sheetName, tableFromRows, type ExportTable } from '../../../src/lib/export/table';
import { mainChartTable, queryResultTable } from '../../../src/lib/export/view-tables';
import { measureByKey } from '../../../src/lib/query/measures';
import type { ExploreRow } from '../../../src/lib/charts/explore-rows';

const table: ExportTable = {
  sheet: 'Grafik utama',
  title: 'Naik kelas menurut angkatan',
  columns: [
    { key: 'group', label: 'Kelompok', kind: 'text' },
    { key: 'n', label: 'n', kind: 'integer' },
    { key: 'value', label: 'Nilai', kind: 'percent' },
    { key: 'diff', label: 'Selisih', kind: 'pp' },
    { key: 'hours', label: 'Jam per klien', kind: 'hours' },
    { key: 'mean', label: 'Rata-rata', kind: 'number' },
    { key: 'small', label: 'n kecil', kind: 'boolean' },
  ],
  rows: [
    { group: '2024-A', n: 1280, value: 0.2798, diff: -0.0512, hours: 12.25, mean: -1.5, small: false },
    { group: 'Kota; Mataram "lama"', n: 8, value: null, diff: null, hours: 0.000001, mean: 1234567.891, small: true },
    { group: '=HYPERLINK("http://x")', n: 0, value: 1, diff: 0, hours: null, mean: 0, small: null },
  ],
};

const parse = (csv: string, delimiter: string) => {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<string[]>(csv.slice(1).trimEnd(), { delimiter }).data;
};

describe('Indonesian CSV', () => {
  const csv = localeCsv(table, 'id');
  const rows = parse(csv, ';');

  it('uses ; and CRLF, with a byte-order mark', () => {
    expect(csv.split('\r\n')[0]).toBe('\uFEFFKelompok;n;Nilai (%);Selisih (pp);Jam per klien (jam);Rata-rata;n kecil');
    expect(rows).toHaveLength(4);
  });

  it('writes shares as percentages with a decimal comma and no float noise', () => {
    expect(rows[1]).toEqual(['2024-A', '1280', '27,98', '-5,12', '12,25', '-1,5', 'tidak']);
    expect(rows[3].slice(1, 6)).toEqual(['0', '100', '0', '', '0']);
  });

  it('writes numbers without thousands separators or exponents', () => {
    expect(rows[2][4]).toBe('0,000001');
    expect(rows[2][5]).toBe('1234567,891');
    expect(rows[2][6]).toBe('ya');
  });

  it('quotes cells holding the delimiter or quotes, and neutralises formulas', () => {
    expect(rows[2][0]).toBe('Kota; Mataram "lama"');
    expect(csv).toContain('"Kota; Mataram ""lama"""');
    expect(rows[3][0]).toBe('\'=HYPERLINK("http://x")');
    // Negative numbers are numbers, not formulas: no apostrophe.
    expect(rows[1][3]).toBe('-5,12');
  });
});

describe('English CSV', () => {
  it('uses , and dot decimals, English words for yes/no', () => {
    const rows = parse(localeCsv({ ...table, columns: table.columns.map((c) => ({ ...c, label: c.key })) }, 'en'), ',');
    expect(rows[0]).toEqual(['group', 'n', 'value (%)', 'diff (pp)', 'hours (h)', 'mean', 'small']);
    expect(rows[1]).toEqual(['2024-A', '1280', '27.98', '-5.12', '12.25', '-1.5', 'no']);
    expect(rows[2][0]).toBe('Kota; Mataram "lama"');
    expect(rows[3][0]).toBe('\'=HYPERLINK("http://x")');
  });
});

describe('the canonical CSV', () => {
  it('keeps machine headers, fractions, dot decimals and true/false', () => {
    const rows = parse(canonicalCsv(table), ',');
    expect(rows[0]).toEqual(['group', 'n', 'value', 'diff', 'hours', 'mean', 'small']);
    expect(rows[1]).toEqual(['2024-A', '1280', '0.2798', '-0.0512', '12.25', '-1.5', 'false']);
    expect(rows[3][0]).toBe('\'=HYPERLINK("http://x")');
  });

  it('of the main chart has the columns the chart CSV always had', () => {
    const row: ExploreRow = {
      key: 'educate',
      label: 'Edukasi',
      seriesKey: 'exposed',
      seriesLabel: 'Terpapar',
      n: 120,
      value: 0.25,
      low: 0.2,
      high: 0.3,
      intervalMethod: 'wilson',
      small: false,
      selected: false,
      exposed: true,
      plotted: true,
      rank: 1,
      diff: 0.05,
      diffLow: -0.01,
      diffHigh: 0.11,
      disclosure: null,
    };
    const t = mainChartTable([row], measureByKey('naik_kelas_rate')!, 'Naik kelas menurut fungsi', 'Subkelompok', 'id');
    const [header, values] = parse(canonicalCsv(t), ',');
    expect(header).toEqual([
      'group',
      'group_label',
      'series',
      'series_label',
      'exposed',
      'n',
      'value',
      'ci95_low',
      'ci95_high',
      'interval_method',
      'small_group',
      'diff_vs_not_exposed',
      'diff_ci95_low',
      'diff_ci95_high',
      'suppressed',
    ]);
    expect(values).toEqual([
      'educate',
      'Edukasi',
      'exposed',
      'Terpapar',
      'true',
      '120',
      '0.25',
      '0.2',
      '0.3',
      'wilson',
      'false',
      '0.05',
      '-0.01',
      '0.11',
      '',
    ]);
    const [idHeader, idValues] = parse(localeCsv(t, 'id'), ';');
    expect(idHeader).toEqual([
      'Kode kelompok',
      'Kelompok',
      'Kode subkelompok',
      'Subkelompok',
      'Terpapar',
      'n',
      'Nilai (%)',
      'Batas bawah 95% (%)',
      'Batas atas 95% (%)',
      'Metode selang',
      'n kecil',
      'Selisih terpapar − tidak (pp)',
      'Selisih: batas bawah 95% (pp)',
      'Selisih: batas atas 95% (pp)',
    ]);
    expect(idValues).toEqual([
      'educate',
      'Edukasi',
      'exposed',
      'Terpapar',
      'ya',
      '120',
      '25',
      '20',
      '30',
      'wilson',
      'tidak',
      '5',
      '-1',
      '11',
    ]);
  });
});

describe('pieces', () => {
  it('plain numbers', () => {
    expect(plainNumber(0.2798 * 100, ',')).toBe('27,98');
    expect(plainNumber(-0, ',')).toBe('0');
    expect(plainNumber(1e21, '.')).toBe('1000000000000000000000');
    expect(plainNumber(Number.NaN, ',')).toBe('');
  });

  it('values and headers', () => {
    expect(localeValue(0.5, 'percent', CSV_CONVENTIONS.id)).toBe(50);
    expect(localeValue(true, 'boolean', CSV_CONVENTIONS.en)).toBe('yes');
    expect(localeValue('', 'number', CSV_CONVENTIONS.id)).toBeNull();
    expect(headerWithUnit({ label: 'Nilai (%)', kind: 'percent' }, 'id')).toBe('Nilai (%)');
    expect(headerWithUnit({ label: 'Omzet', kind: 'money' }, 'id')).toBe('Omzet (Rp)');
  });

  it('kinds from values and from DuckDB types', () => {
    expect(kindOfValues([1, 2, null])).toBe('integer');
    expect(kindOfValues([1, 2.5])).toBe('number');
    expect(kindOfValues([true, null])).toBe('boolean');
    expect(kindOfValues([1, 'a'])).toBe('text');
    expect(kindOfValues([])).toBe('text');
    expect(['BIGINT', 'DOUBLE', 'DECIMAL(18,3)', 'BOOLEAN', 'DATE', 'VARCHAR', 'INTEGER[]'].map(kindOfDuckDbType)).toEqual([
      'integer',
      'number',
      'number',
      'boolean',
      'date',
      'text',
      'text',
    ]);
    const t = tableFromRows(['a', 'b'], [{ a: 1, b: 'x' }], 'S');
    expect(t.columns.map((c) => c.kind)).toEqual(['integer', 'text']);
  });

  it('an SQL result keeps its column names, even repeated ones', () => {
    const t = queryResultTable(
      {
        columns: [
          { key: 'c0', name: 'n', type: 'BIGINT' },
          { key: 'c1', name: 'n', type: 'DOUBLE' },
        ],
        rows: [{ c0: 3n, c1: 0.5 }],
      },
      'id',
    );
    expect(parse(canonicalCsv(t), ',')).toEqual([
      ['n', 'n'],
      ['3', '0.5'],
    ]);
    expect(parse(localeCsv(t, 'id'), ';')).toEqual([
      ['n', 'n'],
      ['3', '0,5'],
    ]);
  });

  it('leaves out columns without a value for people, not in the standard CSV nor for SQL results', () => {
    const t = tableFromRows(
      ['a', 'b'],
      [
        { a: 1, b: null },
        { a: 2, b: '' },
      ],
      'S',
    );
    expect(parse(localeCsv(t, 'id'), ';')).toEqual([['a'], ['1'], ['2']]);
    expect(parse(canonicalCsv(t), ',')[0]).toEqual(['a', 'b']);
    expect(parse(localeCsv({ ...t, keepEmptyColumns: true }, 'id'), ';')[0]).toEqual(['a', 'b']);
  });

  it('sheet names Excel accepts', () => {
    expect(sheetName('Dosis/respons: [semua]?')).toBe('Dosis-respons- -semua--');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
    expect(sheetName('Peta', new Set(['peta']))).toBe('Peta (2)');
  });
});
