/**
 * Templates of the export format for people who fill in data by hand or adapt an export:
 * a CSV per table (canonical header + one example row) and the content of an .xlsx with a
 * sheet per table and a bilingual data dictionary. Everything is read from `schema.ts`
 * (columns, kinds, required, allowed values, aliases, personal flag) and `column-docs.ts`
 * (meanings, what is lost without a column, example values), so the templates follow the
 * format whenever it changes. Pure: no DOM, no spreadsheet library (template-xlsx.ts writes
 * the workbook from `templateWorkbook()`).
 */
import { TABLE_NAMES, TABLES, type ColumnDef, type ColumnKind, type TableName } from '../domain/schema';
import { columnDoc, DICTIONARY_SHEET_NAME } from '../domain/column-docs';
import { toCsv } from '../ingest/csv-safety';
import { REGIONS } from '../domain/regions';

export const TEMPLATE_XLSX_FILE_NAME = 'templat-dampingan.xlsx';

export function templateCsvFileName(table: TableName): string {
  return `templat-${table}.csv`;
}

function exampleOf(table: TableName, column: ColumnDef): string {
  const doc = columnDoc(table, column.name);
  if (!doc) throw new Error(`column-docs.ts has no entry for ${table}.${column.name}`);
  return doc.example;
}

/**
 * The CSV template of a table: UTF-8 with a byte-order mark (so Excel opens the accents
 * right), comma, CRLF, the canonical header and one example row of valid values.
 */
export function templateCsv(table: TableName): string {
  const columns = TABLES[table].columns;
  const example = Object.fromEntries(columns.map((c) => [c.name, exampleOf(table, c)]));
  return toCsv(
    [example],
    columns.map((c) => c.name),
    { bom: true },
  );
}

// ---- the workbook's content ----

/** A template cell: text, or a typed value the workbook writer formats as such. */
export type TemplateCell =
  | { readonly kind: 'text'; readonly value: string; readonly header?: boolean; readonly required?: boolean }
  | { readonly kind: 'number'; readonly value: number; readonly format: string }
  | { readonly kind: 'date'; readonly value: Date }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | null;

export interface TemplateSheet {
  readonly name: string;
  readonly rows: readonly (readonly TemplateCell[])[];
  /** Column widths in characters. */
  readonly widths: readonly number[];
  /** Wrap long text (the dictionary). */
  readonly wrap?: boolean;
}

/** Marks a required column in the workbook's header (the mapping screen uses `*` too). */
export const REQUIRED_MARK = ' *';

const KIND_LABEL: Record<ColumnKind, string> = {
  id: 'kode (teks) / id (text)',
  text: 'teks / text',
  enum: 'satu pilihan / one choice',
  enum_list: 'satu atau lebih pilihan, dipisah | / one or more choices, separated by |',
  region: 'kode wilayah BPS / BPS region code',
  date: 'tanggal / date',
  integer: 'bilangan bulat / whole number',
  decimal: 'angka desimal / decimal number',
  money: 'rupiah utuh / whole rupiah',
  boolean: 'ya/tidak / yes/no',
};

const REGION_LIST = REGIONS.map((r) => `${r.code} ${r.name}`).join(', ');

function allowedValues(column: ColumnDef): string {
  if (column.values) return column.values.join(', ');
  switch (column.kind) {
    case 'region':
      return REGION_LIST;
    case 'date':
      return 'yyyy-mm-dd (juga / also 22/11/2026, 22 Agustus 2026, tanggal Excel / Excel dates)';
    case 'boolean':
      return 'true, false (juga / also Ya/Tidak, Y/T, 1/0)';
    case 'money':
      return '12500000 (juga / also Rp 12.500.000, 12,5 jt)';
    case 'decimal':
      return '1.5 (juga / also 1,5)';
    case 'integer':
      return '0, 1, 2 …';
    default:
      return '';
  }
}

const yesNo = (yes: boolean): string => (yes ? 'ya / yes' : 'tidak / no');

export const DICTIONARY_HEADER = [
  'Tabel / Table',
  'Kolom / Column',
  'Wajib? / Required?',
  'Jenis / Type',
  'Nilai yang diterima / Allowed values',
  'Nama lain yang dikenali / Accepted other names',
  'Keterangan (Bahasa Indonesia)',
  'Description (English)',
  'Data pribadi? / Personal data?',
  'Bila kolom tidak ada (Bahasa Indonesia)',
  'Without this column (English)',
] as const;

/** One row of the data dictionary per column of every table, as text. */
export function dictionaryRows(): string[][] {
  return TABLE_NAMES.flatMap((table) =>
    TABLES[table].columns.map((column) => {
      const doc = columnDoc(table, column.name);
      if (!doc) throw new Error(`column-docs.ts has no entry for ${table}.${column.name}`);
      return [
        table,
        column.name,
        yesNo(column.required),
        KIND_LABEL[column.kind],
        allowedValues(column),
        column.aliases.join(', '),
        doc.id,
        doc.en,
        column.personal ? yesNo(true) : '',
        doc.lostId,
        doc.lostEn,
      ];
    }),
  );
}

function exampleCell(column: ColumnDef, text: string): TemplateCell {
  if (text === '') return null;
  switch (column.kind) {
    case 'date': {
      const [y, m, d] = text.split('-').map(Number);
      return { kind: 'date', value: new Date(Date.UTC(y, m - 1, d)) };
    }
    case 'integer':
      return { kind: 'number', value: Number(text), format: '0' };
    case 'money':
      return { kind: 'number', value: Number(text), format: '#,##0' };
    case 'decimal':
      return { kind: 'number', value: Number(text), format: '0.0#' };
    case 'boolean':
      return { kind: 'boolean', value: text === 'true' };
    default:
      // Ids, codes and phone numbers stay text: Excel would drop leading zeros of a number.
      return { kind: 'text', value: text };
  }
}

/** The header cell of a column in the workbook: its canonical name, ` *` when required. */
export function workbookHeader(column: ColumnDef): string {
  return column.required ? `${column.name}${REQUIRED_MARK}` : column.name;
}

/**
 * The .xlsx template: one sheet per table (bold header, required columns marked, one
 * example row with typed cells) and the data dictionary.
 */
export function templateWorkbook(): TemplateSheet[] {
  const tables = TABLE_NAMES.map((table): TemplateSheet => {
    const columns = TABLES[table].columns;
    return {
      name: table,
      rows: [
        columns.map((c): TemplateCell => ({ kind: 'text', value: workbookHeader(c), header: true, required: c.required })),
        columns.map((c) => exampleCell(c, exampleOf(table, c))),
      ],
      widths: columns.map((c) => Math.max(12, workbookHeader(c).length + 2, exampleOf(table, c).length + 2)),
    };
  });
  const dictionary: TemplateSheet = {
    name: DICTIONARY_SHEET_NAME,
    rows: [
      DICTIONARY_HEADER.map((h): TemplateCell => ({ kind: 'text', value: h, header: true })),
      ...dictionaryRows().map((row) => row.map((value): TemplateCell => (value === '' ? null : { kind: 'text', value }))),
    ],
    widths: [11, 18, 12, 24, 40, 36, 48, 48, 14, 48, 48],
    wrap: true,
  };
  return [...tables, dictionary];
}
