/**
 * CSV in the convention of the UI language's spreadsheet, beside the canonical one.
 *
 * Indonesian Excel (Windows regional setting id-ID) splits a CSV on `;` and reads `27,98`
 * as a number; given the canonical `,`-separated file with `0.2798` it puts each row in one
 * cell, or reads `0.2798` as text. So the Indonesian CSV writes `;`, decimal commas,
 * shares as percentages under a header that says `(%)` (`Nilai (%)` = `27,98`), Indonesian
 * headers, `ya`/`tidak`, UTF-8 with a byte-order mark. The English one writes `,`, dot
 * decimals, percentages and English headers the same way. Numbers carry no thousands
 * separator (Excel and the app's own importer read them either way without one) and no
 * exponent; text cells stay formula-safe (csv-safety.ts). Pure.
 */
import { toCsv, type CsvValue } from '../ingest/csv-safety';
import type { Lang } from '../i18n/messages';
import { forPeople, type ExportColumn, type ExportKind, type ExportTable } from './table';

export interface CsvConvention {
  readonly delimiter: ';' | ',';
  readonly decimal: ',' | '.';
  readonly yes: string;
  readonly no: string;
}

export const CSV_CONVENTIONS: Record<Lang, CsvConvention> = {
  id: { delimiter: ';', decimal: ',', yes: 'ya', no: 'tidak' },
  en: { delimiter: ',', decimal: '.', yes: 'yes', no: 'no' },
};

const UNITS: Partial<Record<ExportKind, Record<Lang, string>>> = {
  percent: { id: '%', en: '%' },
  pp: { id: 'pp', en: 'pp' },
  hours: { id: 'jam', en: 'h' },
  money: { id: 'Rp', en: 'Rp' },
};

/** The unit a column's numbers are written in, or '' (percent and pp: values × 100). */
export function unitOf(kind: ExportKind, lang: Lang): string {
  return UNITS[kind]?.[lang] ?? '';
}

/** "Nilai (%)": the column's header with the unit its numbers are written in. */
export function headerWithUnit(column: Pick<ExportColumn, 'label' | 'kind'>, lang: Lang): string {
  const unit = unitOf(column.kind, lang);
  return unit && !column.label.endsWith(`(${unit})`) ? `${column.label} (${unit})` : column.label;
}

// At most 15 significant digits (what a double holds and Excel keeps): 0.2798 × 100 is
// 27.979999999999997 in binary and is written 27.98. Plain notation, never 1e-7.
const PLAIN = new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 15 });

/** A number in plain notation with the given decimal mark: `-1234.5` → `-1234,5`. */
export function plainNumber(value: number, decimal: ',' | '.'): string {
  if (!Number.isFinite(value)) return '';
  const text = PLAIN.format(value === 0 ? 0 : value);
  return decimal === '.' ? text : text.replace('.', ',');
}

/** A canonical value as the locale CSV holds it: shares × 100, yes/no words, the rest as is. */
export function localeValue(value: CsvValue, kind: ExportKind, convention: CsvConvention): CsvValue {
  if (value === null || value === undefined || value === '') return null;
  switch (kind) {
    case 'percent':
    case 'pp':
      return typeof value === 'number' ? value * 100 : value;
    case 'boolean':
      return typeof value === 'boolean' ? (value ? convention.yes : convention.no) : value;
    default:
      return value;
  }
}

/** The table as CSV for the UI language's spreadsheet (with a byte-order mark; empty columns left out). */
export function localeCsv(whole: ExportTable, lang: Lang): string {
  const table = forPeople(whole);
  const convention = CSV_CONVENTIONS[lang];
  const headers = table.columns.map((c) => headerWithUnit(c, lang));
  // Two columns may share a header (an SQL result); rows are keyed by position instead.
  const keys = table.columns.map((_, i) => String(i));
  const rows = table.rows.map((row) =>
    Object.fromEntries(table.columns.map((c, i) => [keys[i], localeValue(row[c.key], c.kind, convention)])),
  );
  return toCsv(rows, keys, {
    delimiter: convention.delimiter,
    bom: true,
    header: headers,
    formatNumber: (v) => plainNumber(v, convention.decimal),
  });
}
