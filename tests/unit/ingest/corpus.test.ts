/**
 * The shared nasty-CSV corpus (../shared/csv-corpus, files from public CSV-parser test
 * suites, see its SOURCES.md) through decode → sniff → parse. For every file the table
 * below says what "correct" is: the exact shape of a sensible parse, or the typed failure.
 * A file in the folder without a row here fails the test, so new files get a decision.
 * Where a file tests values (decimal marks, dates, nulls), `check` normalises its columns.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { matchHeader } from '../../../src/lib/ingest/header-match';
import {
  detectDateOrder,
  normalizeDate,
  normalizeId,
  normalizeInteger,
  normalizeMoney,
  normalizeNumber,
  type Normalized,
} from '../../../src/lib/ingest/normalize';
import type { ParseIssueCode } from '../../../src/lib/ingest/parse';
import { readCsvBytes, type ReadResult, type ReadTable } from '../../../src/lib/ingest/read-table';

const CORPUS = path.resolve(process.cwd(), '../shared/csv-corpus');
const corpusExists = existsSync(CORPUS);

function summary<T>(r: Normalized<T>): T | string {
  return r.ok ? r.value : `!${r.reason}`;
}

/** One column of a parsed file, by header name (first match) or by index. */
function col(r: ReadTable, name: string | number): string[] {
  const i = typeof name === 'number' ? name : (r.table.header ?? []).indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return r.table.rows.map((row) => row[i]);
}

/** The column's decimal mark as sniffed (falling back to the file's). */
function markOf(r: ReadTable, name: string) {
  const i = (r.table.header ?? []).indexOf(name);
  return r.sniffed.columnDecimalMarks[i] ?? r.sniffed.decimalMark;
}

interface Success {
  encoding: string;
  delimiter: string;
  /** The header names; null when the file has none; a number: only how many (long headers). */
  header: string[] | null | number;
  rows: number;
  /** Only issue codes listed here may occur, with exactly these counts. */
  issues?: Partial<Record<ParseIssueCode, number>>;
  suspicious?: boolean;
  comment?: '#';
  dropped?: Partial<ReadTable['table']['dropped']>;
  first?: string[];
  last?: string[];
  check?: (r: ReadTable) => void;
}

interface Failure {
  fails: { stage: 'decode' | 'sniff' | 'parse'; reason: string; line?: number };
  checkFailure?: (r: ReadResult) => void;
}

const EXPECTED: Record<string, Success | Failure> = {
  'csvspectrum__comma_in_quotes.csv': { encoding: 'utf-8', delimiter: ',', header: ['first', 'last', 'address', 'city', 'zip'], rows: 1 },
  'csvspectrum__empty.csv': { encoding: 'utf-8', delimiter: ',', header: ['a', 'b', 'c'], rows: 2 },
  'csvspectrum__escaped_quotes.csv': { encoding: 'utf-8', delimiter: ',', header: ['a', 'b'], rows: 2 },
  'csvspectrum__quotes_and_newlines.csv': { encoding: 'utf-8', delimiter: ',', header: ['a', 'b'], rows: 2 },
  'duckdb__comma_decimal_null.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: 28,
    rows: 8,
    check: (r) => {
      // Money columns use the decimal comma inside quotes, indicator columns the dot.
      expect(markOf(r, 'FINANZ_STATO_FSC')).toBe('comma');
      expect(markOf(r, 'PROGRAMMATO_INDICATORE_1')).toBe('dot');
      expect(
        col(r, 'FINANZ_STATO_FSC')
          .slice(0, 3)
          .map((v) => summary(normalizeNumber(v, markOf(r, 'FINANZ_STATO_FSC')))),
      ).toEqual([80_000_000, 1_400_000, 424_428]);
      expect(
        col(r, 'PROGRAMMATO_INDICATORE_1')
          .slice(0, 3)
          .map((v) => summary(normalizeNumber(v, markOf(r, 'PROGRAMMATO_INDICATORE_1')))),
      ).toEqual([1.5, 300, 424_428]);
      expect(
        col(r, 'OC_DATA_INIZIO_PROGETTO')
          .slice(0, 2)
          .map((v) => summary(normalizeDate(v))),
      ).toEqual(['2006-05-02', '2015-09-28']);
      expect(summary(normalizeDate(col(r, 'OC_DATA_FINE_PROGETTO_EFFETTIVA')[0]))).toBeNull();
    },
  },
  'duckdb__comments_simple.csv': {
    encoding: 'utf-8',
    delimiter: ';',
    comment: '#',
    header: ['a', 'b'],
    rows: 2,
    first: ['1', '3'],
    last: ['6', '7'],
  },
  'duckdb__csv_quoted_newline_odd.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: ['content'],
    rows: 2,
    // The next row `84,hello world` has two fields under a one-column header: cut, and said.
    issues: { too_many_fields: 1 },
    last: ['84'],
    check: (r) => {
      const tweet = r.table.rows[0][0];
      expect(tweet.startsWith('RT @Truffaut: 🎁#Concours\nVos animaux vont être gâtés')).toBe(true);
      expect(tweet).toContain('20€');
      expect(tweet.split('\n').length).toBe(9);
      expect(r.table.lines).toEqual([2, 11]);
    },
  },
  'duckdb__custom_date.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: ['ID', 'Date_Time'],
    rows: 2,
    check: (r) => {
      // `1/2/2023` and `12/2/2023` prove no order: the Indonesian default (day-first) is used
      // and flagged as a default so the UI can ask. The 12-hour time is dropped.
      const values = col(r, 'Date_Time');
      const order = detectDateOrder(values);
      expect(order).toEqual({ order: 'dmy', basis: 'default' });
      expect(values.map((v) => summary(normalizeDate(v, { order: order.order })))).toEqual(['2023-02-01', '2023-02-12']);
      expect(values.map((v) => summary(normalizeDate(v, { order: 'unknown' })))).toEqual(['!ambiguous_date', '!ambiguous_date']);
    },
  },
  'duckdb__dates_special_format.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: null, // the first row is a date: no header
    rows: 8,
    check: (r) => {
      expect(col(r, 0).map((v) => summary(normalizeDate(v)))).toEqual([
        '2022-12-08',
        '2022-09-26',
        '2022-08-31',
        '2022-08-14',
        '2022-05-16',
        '2022-04-28',
        '2022-04-14',
        '2022-01-10',
      ]);
    },
  },
  'duckdb__decimal_separators.csv': {
    encoding: 'utf-8',
    delimiter: ';',
    header: ['commas', 'periods'],
    rows: 5,
    check: (r) => {
      expect(markOf(r, 'commas')).toBe('comma');
      expect(markOf(r, 'periods')).toBe('dot');
      const expected = [1.1, 0.25, 15300, 15300, -15300];
      expect(col(r, 'commas').map((v) => summary(normalizeNumber(v, markOf(r, 'commas'))))).toEqual(expected);
      expect(col(r, 'periods').map((v) => summary(normalizeNumber(v, markOf(r, 'periods'))))).toEqual(expected);
    },
  },
  'duckdb__duplicate_header_columns.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: ['a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', ''],
    rows: 2,
    last: ['345', 'TEST2', 'text2', '', '', '', '', '', '', '', '', '', 'value2'],
    check: (r) => {
      const m = matchHeader(r.table.header ?? []);
      expect([m.table, m.emptyHeaders, m.unknownColumns.length]).toEqual([null, [12], 13]);
    },
  },
  'duckdb__empty.csv': { fails: { stage: 'decode', reason: 'empty_file' } },
  'duckdb__encodings_latin1.csv': {
    encoding: 'windows-1252',
    delimiter: ',',
    header: ['name', 'age'],
    rows: 12,
    first: ['José Álvarez', '30'],
    last: ['Léonard Dubois', '29'],
  },
  'duckdb__encodings_utf16.csv': {
    encoding: 'utf-16le',
    delimiter: ',',
    header: ['name', 'age'],
    rows: 20,
    first: ['José Álvarez', '30'],
    last: ['Krystýna Novák', '23'],
  },
  'duckdb__header_only.csv': {
    fails: { stage: 'parse', reason: 'no_data_rows' },
    checkFailure: (r) => expect(!r.ok && r.stage === 'parse' && r.header).toEqual(['abs_file_name']),
  },
  'duckdb__inconsistent_columns_3.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: ['one', 'two', 'three', ''], // every row has a 4th field: the header gets an unnamed 4th column
    rows: 5,
    issues: { header_narrower_than_rows: 1 },
    first: ['1', '2', '3', '4'],
  },
  'duckdb__leading_zeros.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: ['CODGEO', 'NAISD14', 'NAISD15', 'NAISD16', 'NAISD17', 'NAISD18', 'NAISD19', 'NAISD20'],
    rows: 6,
    check: (r) =>
      expect(col(r, 'CODGEO').map((v) => summary(normalizeId(v)))).toEqual(['09001', '09002', '09003', '09004', '09005', '09006']),
  },
  'duckdb__missing_header_col.csv': { encoding: 'utf-8', delimiter: ',', header: ['a', '', 'c'], rows: 2 },
  'duckdb__mixed_dates.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: ['A', 'B'],
    rows: 5,
    check: (r) => {
      // ISO dates carry no order evidence and `03/10/2024` none either: day-first default
      // (3 October). The column's other values suggest 10 March (US); a person must decide,
      // which `basis: 'default'` tells the UI.
      const values = col(r, 'B');
      expect(detectDateOrder(values)).toEqual({ order: 'dmy', basis: 'default' });
      expect(values.map((v) => summary(normalizeDate(v)))).toEqual(['2024-03-08', '2024-03-09', '2024-10-03', '2024-03-11', '2024-03-12']);
    },
  },
  'duckdb__mixed_line_endings.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: null,
    rows: 3,
    first: ['10', 'hello', '20'],
    last: ['30', 'test', '30'],
  },
  'duckdb__multiple_skip_row.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: ['number', 'text', 'date'],
    rows: 1,
    dropped: { leadingRows: 2 },
    first: ['345.0', 'TEST4', '2000-12-13'],
  },
  'duckdb__null_multiple_nulls.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: ['name', 'age', 'height'],
    rows: 3,
    check: (r) => {
      expect(col(r, 'age').map((v) => summary(normalizeInteger(v)))).toEqual([31, null, 26]);
      expect(col(r, 'height').map((v) => summary(normalizeNumber(v, 'dot')))).toEqual([1.73, null, null]);
    },
  },
  'duckdb__nullbyte.csv': {
    encoding: 'utf-8',
    delimiter: '|',
    header: ['col1', 'col2', 'col3'],
    rows: 1,
    first: ['val1', 'val2', 'val3'], // the NUL is removed, with a warning
    check: (r) => expect([r.decoded.warnings, r.decoded.nulBytesRemoved]).toEqual([['nul_bytes_removed'], 1]),
  },
  'duckdb__pipe_delim_quote.csv': {
    encoding: 'utf-8',
    delimiter: '|',
    header: null,
    rows: 3,
    last: ['567', 'TEST5', 'text3'],
    check: (r) => expect(r.table.rows[1]).toEqual(['345', 'TEST5', 'text2|']),
  },
  'duckdb__pollock_file_quotation_char_0x27.csv': {
    // Single quotes as quote character are not supported (only `"`): the quoted
    // description is split at its comma. The line is still recognised as a headerless
    // data row and its trailing delimiter as a phantom column.
    encoding: 'utf-8',
    delimiter: ',',
    header: null,
    rows: 1,
    dropped: { trailingEmptyColumns: 1 },
    check: (r) => {
      expect(r.table.columnCount).toBe(9);
      expect(r.table.rows[0].slice(0, 7)).toEqual([
        '31/05/2018',
        '15:30',
        '3',
        'HK-9973',
        '$39.49',
        "Women's Ventilated Hiking Shoes",
        "'This lightweight",
      ]);
    },
  },
  'duckdb__semicolon_quote.csv': {
    encoding: 'utf-8',
    delimiter: ';',
    header: null,
    rows: 3,
    first: ['123', 'TEST10', 'text1'],
    last: ['567', 'TEST10', 'te;xt3'],
    check: (r) => expect(r.table.rows[1][0]).toBe('345'),
  },
  'duckdb__small_mix.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: ['a', 'b', 'c', 'd'],
    rows: 4,
    issues: { too_many_fields: 1, too_few_fields: 1 },
    check: (r) => {
      expect(r.table.rows).toEqual([
        ['1', '2', '3', '4'],
        ['1', '2', '3', '4'],
        ['1', '2', '3', ''],
        ['1', '2', '3', '4'],
      ]);
      expect(r.table.issues.map((i) => [i.code, i.line])).toEqual([
        ['too_many_fields', 3],
        ['too_few_fields', 4],
      ]);
    },
  },
  'duckdb__tab.csv': { encoding: 'utf-8', delimiter: '\t', header: null, rows: 3, first: ['123', 'TEST12', 'text1'] },
  'duckdb__thousands_separator_multi_column_quote.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: ['name', 'money', 'city'],
    rows: 5,
    check: (r) => {
      expect(markOf(r, 'money')).toBe('dot');
      expect(col(r, 'money').map((v) => summary(normalizeNumber(v, markOf(r, 'money'))))).toEqual([
        100_000, 300_000.2, 300_000_000.4, 50, 9_999_999_999.2,
      ]);
    },
  },
  'duckdb__time_date_timestamp_dd-mm-yyyy.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: ['a', 'b', 't', 'd', 'ts'],
    rows: 3,
    check: (r) => {
      // `13-12-2004` proves day-first for the whole column, including `01-01-2000`.
      for (const name of ['d', 'ts']) {
        const values = col(r, name);
        const { order, basis } = detectDateOrder(values);
        expect([order, basis]).toEqual(['dmy', 'evidence']);
        expect(values.map((v) => summary(normalizeDate(v, { order })))).toEqual(['2000-01-01', '2002-02-02', '2004-12-13']);
      }
      expect(summary(normalizeDate(col(r, 't')[0]))).toBe('!not_a_date'); // a time of day alone is not a date
    },
  },
  'duckdb__unescaped_quote.csv': {
    // Unescaped inner quotes are kept literally (PapaParse is lenient) and reported.
    encoding: 'utf-8',
    delimiter: ';',
    header: null,
    rows: 6,
    issues: { malformed_quotes: 6 },
    first: ['1', 'pedro "pdet" holanda'],
    check: (r) => expect(r.table.rows[2]).toEqual(['3', 'pedro "pdet" ho;landa']),
  },
  'duckdb__utf8bom.csv': { encoding: 'utf-8-bom', delimiter: ',', header: ['id', 'name'], rows: 2, first: ['1', 'Mark'] },
  'frictionless__duplicate-headers.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: ['id', 'name', 'id', 'age', 'id'],
    rows: 2,
    check: (r) => {
      // `id` is an alias of clients.client_id: the first `id` is mapped, the others listed.
      const m = matchHeader(r.table.header ?? []);
      expect([m.table, m.mapping[0], m.duplicates]).toEqual(['clients', 'client_id', [{ canonical: 'client_id', columns: [0, 2, 4] }]]);
      expect(col(r, 4).map((v) => summary(normalizeId(v)))).toEqual(['001101', '001102']);
    },
  },
  'frictionless__escaping.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: ['ID', 'Test'],
    rows: 3,
    issues: { space_before_quote: 3 },
    // `""` escapes are read; a backslash escape (not RFC 4180) is kept as written.
    check: (r) => expect(col(r, 'Test')).toEqual(['Test line 1', 'Test " line 2', 'Test \\" line 3']),
  },
  'frictionless__issue-1138.csv': {
    encoding: 'utf-8',
    delimiter: ';',
    header: ['Zeit [MEZ]', 'Wasserstand', 'Status'],
    rows: 7,
    dropped: { trailingEmptyColumns: 1 },
    check: (r) => {
      expect(
        col(r, 'Zeit [MEZ]')
          .slice(0, 3)
          .map((v) => summary(normalizeDate(v))),
      ).toEqual(['2013-07-09', '2013-07-10', '2013-07-11']);
      expect(col(r, 'Wasserstand').map((v) => summary(normalizeInteger(v)))).toEqual([146, 145, 145, 144, 143, 143, 142]);
      expect(col(r, 'Status')[0]).toBe('nicht qualitätsgesichert');
    },
  },
  'frictionless__issue-1232.csv': {
    encoding: 'utf-8',
    delimiter: ';',
    header: [
      'comune',
      'codice_regione',
      'codice_provincia',
      'codice_comune',
      'denominazione_comune',
      'sigla_provincia',
      'data_entrata_in_carica',
    ],
    rows: 5,
    check: (r) => {
      expect(col(r, 'codice_regione').map((v) => summary(normalizeId(v)))).toEqual(['03', '00', '02', '03', '19']);
      expect(col(r, 'comune')[0]).toBe('030151360');
      const dates = col(r, 'data_entrata_in_carica');
      expect(dates.map((v) => summary(normalizeDate(v, { order: detectDateOrder(dates).order })))).toEqual([
        '2021-10-13',
        '2021-10-04',
        '2020-09-23',
        '2021-10-04',
        '2021-10-27',
      ]);
      expect(col(r, 'denominazione_comune')[4]).toBe("CAPO D'ORLANDO");
    },
  },
  'frictionless__issue-1341.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: 51,
    rows: 99,
    check: (r) => {
      expect(summary(normalizeNumber(col(r, 'c2011')[0], markOf(r, 'c2011')))).toBe(5.33015841993795e-6);
      expect(summary(normalizeNumber(col(r, 'c1980')[0], markOf(r, 'c1980')))).toBeNull();
    },
  },
  'frictionless__structure-errors.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: ['id', 'name', 'age'],
    rows: 3,
    issues: { too_many_fields: 1 },
    dropped: { blankRows: 1 },
    last: ['1', '2', '3'],
    check: (r) => expect(r.table.issues).toEqual([{ code: 'too_many_fields', line: 5, expected: 3, actual: 6 }]),
  },
  'frictionless__table-infer-missing-values.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: ['id', 'age', 'name'],
    rows: 7,
    check: (r) => expect(col(r, 'id').map((v) => summary(normalizeInteger(v)))).toEqual([1, null, 2, null, 3, null, 4]),
  },
  'frictionless__table-with-accents.csv': {
    encoding: 'windows-1252',
    delimiter: ';',
    header: ['Classement', 'Quartier', 'Date', 'Année', 'Occupancy rate', 'Average Price', 'RevPAR', 'Source'],
    rows: 638,
    check: (r) => {
      expect(r.sniffed.decimalMark).toBe('comma');
      expect(
        col(r, 'Occupancy rate')
          .slice(0, 2)
          .map((v) => summary(normalizeNumber(v, markOf(r, 'Occupancy rate')))),
      ).toEqual([0.611553068, 0.559014092]);
      expect(summary(normalizeMoney(col(r, 'Average Price')[0], 'comma'))).toBe(81);
      const dates = col(r, 'Date');
      const { order } = detectDateOrder(dates);
      expect(order).toBe('dmy');
      expect([dates[0], dates[dates.length - 1]].map((v) => summary(normalizeDate(v, { order })))).toEqual(['2013-01-01', '2017-10-01']);
    },
  },
  'papaparse__poisoned-sample.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    header: ['__proto__', 'toString', 'valueOf', '__proto__'],
    rows: 1,
    first: ['X', 'Y', 'Z', 'A'],
    check: (r) => {
      const m = matchHeader(r.table.header ?? []);
      expect([m.table, m.unknownColumns]).toEqual([null, [0, 1, 2, 3]]);
      expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'X')).toBe(false);
      expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
    },
  },
  'papaparse__sjis-sample.csv': {
    // Shift_JIS decodes as Windows-1252 mojibake, flagged suspicious; the file is a header
    // line only, so it also has no data rows.
    fails: { stage: 'parse', reason: 'no_data_rows' },
    checkFailure: (r) => {
      expect(!r.ok && r.stage === 'parse' && [r.decoded.encoding, r.decoded.suspicious, r.header?.length]).toEqual([
        'windows-1252',
        true,
        2,
      ]);
    },
  },
};

/** Files with csv-spectrum's expected rows: compare as row objects keyed by header. */
function expectSpectrumRows(file: string, r: ReadTable): void {
  const expectedPath = path.join(CORPUS, file.replace(/\.csv$/, '.expected.json'));
  if (!existsSync(expectedPath)) return;
  const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Record<string, string>[];
  const header = r.table.header ?? [];
  const actual = r.table.rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
  expect(actual).toEqual(expected);
}

describe.skipIf(!corpusExists)(`csv corpus (${CORPUS})`, () => {
  const files = corpusExists
    ? readdirSync(CORPUS)
        .filter((f) => f.endsWith('.csv'))
        .sort()
    : [];

  it('has a decision for every corpus file, and no decision for a missing file', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s', (file) => {
    const expectation = EXPECTED[file];
    expect(expectation, `no expectation for ${file}`).toBeDefined();
    const result = readCsvBytes(new Uint8Array(readFileSync(path.join(CORPUS, file))));

    if ('fails' in expectation) {
      expect(result.ok).toBe(false);
      expect(result).toMatchObject({ ok: false, ...expectation.fails });
      expectation.checkFailure?.(result);
      return;
    }

    if (!result.ok) throw new Error(`${file}: expected a parse, got ${result.stage} failure ${result.reason}`);
    const { decoded, sniffed, table } = result;
    expect(decoded.encoding).toBe(expectation.encoding);
    expect(decoded.suspicious).toBe(expectation.suspicious ?? false);
    expect(sniffed.delimiter).toBe(expectation.delimiter);
    expect(sniffed.commentChar).toBe(expectation.comment ?? null);
    if (typeof expectation.header === 'number') expect(table.header?.length).toBe(expectation.header);
    else expect(table.header).toEqual(expectation.header);
    expect(table.rows.length).toBe(expectation.rows);
    expect(table.rows.every((row) => row.length === table.columnCount)).toBe(true);
    expect(Object.fromEntries(table.issueCounts)).toEqual(expectation.issues ?? {});
    if (expectation.dropped) expect(table.dropped).toMatchObject(expectation.dropped);
    if (expectation.first) expect(table.rows[0]).toEqual(expectation.first);
    if (expectation.last) expect(table.rows[table.rows.length - 1]).toEqual(expectation.last);
    expectSpectrumRows(file, result);
    expectation.check?.(result);
  });
});
