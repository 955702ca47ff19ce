/**
 * The content of an exported workbook, decided here and written by workbook-xlsx.ts (which
 * loads the spreadsheet library only when someone asks for a file):
 *
 *  - an "about this export" sheet first — title, filters in words, data name and
 *    fingerprint, date, what each measure means, the app and the link to the view — so a
 *    workbook forwarded alone still says what it is;
 *  - one sheet per table: a bold header row in the UI language, then the values as numbers
 *    with number formats (shares as fractions formatted as %, counts with thousands
 *    separators), so a spreadsheet computes with them and shows them as the page does.
 *
 * Pure: no DOM, no spreadsheet library.
 */
import { translate, type Lang } from '../i18n/messages';
import type { CsvValue } from '../ingest/csv-safety';
import { APP_NAME } from './figure';
import { unitOf } from './locale-csv';
import { forPeople, sheetName, type ExportColumn, type ExportTable } from './table';

export type WorkbookCell =
  | { readonly kind: 'text'; readonly value: string; readonly bold?: boolean; readonly header?: boolean }
  | { readonly kind: 'number'; readonly value: number; readonly format: string }
  | { readonly kind: 'date'; readonly value: Date }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | null;

export interface WorkbookSheet {
  readonly name: string;
  readonly rows: readonly (readonly WorkbookCell[])[];
  /** Column widths in characters. */
  readonly widths: readonly number[];
  /** Rows kept in view when scrolling (the header). */
  readonly stickyRows: number;
  /** Wrap long text (the about sheet). */
  readonly wrap?: boolean;
}

/** One line of the about sheet: a label and one or more values (one row each). */
export interface AboutEntry {
  readonly label: string;
  readonly value: string | readonly string[];
}

/** Excel number format of a column (format codes are the same in every locale). */
export function numberFormat(column: Pick<ExportColumn, 'kind' | 'digits'>): string {
  const decimals = (d: number) => (d > 0 ? `.${'0'.repeat(d)}` : '');
  switch (column.kind) {
    case 'integer':
    case 'money':
      return '#,##0';
    case 'percent':
      return `0${decimals(column.digits ?? 1)}%`;
    case 'pp': {
      const n = `0${decimals(column.digits ?? 1)}`;
      return `+${n}" pp";-${n}" pp";${n}" pp"`;
    }
    case 'hours':
      return `0${decimals(column.digits ?? 1)}`;
    default:
      return column.digits === undefined ? '#,##0.0##' : `#,##0${decimals(column.digits)}`;
  }
}

/** A column's header in the workbook: shares show as % by their format, hours and rupiah say their unit. */
export function workbookHeader(column: Pick<ExportColumn, 'label' | 'kind'>, lang: Lang): string {
  const unit = column.kind === 'hours' || column.kind === 'money' ? unitOf(column.kind, lang) : '';
  return unit && !column.label.endsWith(`(${unit})`) ? `${column.label} (${unit})` : column.label;
}

function isoDate(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** A canonical value as a typed cell of its column. */
export function workbookCell(value: CsvValue, column: Pick<ExportColumn, 'kind' | 'digits'>): WorkbookCell {
  if (value === null || value === undefined || value === '') return null;
  const number = typeof value === 'bigint' ? Number(value) : value;
  if (typeof number === 'number') {
    if (!Number.isFinite(number)) return null;
    if (column.kind === 'text') return { kind: 'text', value: String(number) };
    return { kind: 'number', value: column.kind === 'pp' ? number * 100 : number, format: numberFormat(column) };
  }
  if (typeof number === 'boolean') return { kind: 'boolean', value: number };
  if (column.kind === 'date') {
    const date = isoDate(number);
    if (date) return { kind: 'date', value: date };
  }
  return { kind: 'text', value: number };
}

/** Estimated characters a cell needs. */
function cellChars(cell: WorkbookCell): number {
  if (cell === null) return 0;
  if (cell.kind === 'text') return Math.max(...cell.value.split('\n').map((l) => l.length));
  if (cell.kind === 'date') return 10;
  if (cell.kind === 'boolean') return 5;
  return Math.max(6, Math.round(Math.abs(cell.value)).toString().length + 6);
}

/** The sheet of one table: the header row, then a row per record (empty columns left out). */
export function tableSheet(whole: ExportTable, lang: Lang, name = sheetName(whole.sheet)): WorkbookSheet {
  const table = forPeople(whole);
  const header: WorkbookCell[] = table.columns.map((c) => ({ kind: 'text', value: workbookHeader(c, lang), header: true }));
  const body = table.rows.map((row) => table.columns.map((c) => workbookCell(row[c.key], c)));
  const widths = table.columns.map((_, i) => {
    const longest = Math.max(cellChars(header[i]), ...body.slice(0, 500).map((r) => cellChars(r[i])));
    return Math.min(50, Math.max(8, longest + 2));
  });
  return { name, rows: [header, ...body], widths, stickyRows: 1 };
}

/** The about sheet: a label column and a value column, one row per value. */
export function aboutSheet(entries: readonly AboutEntry[], lang: Lang, name = aboutSheetName(lang)): WorkbookSheet {
  const rows: WorkbookCell[][] = [
    [
      { kind: 'text', value: translate(lang, 'exports.about.item'), header: true },
      { kind: 'text', value: translate(lang, 'exports.about.content'), header: true },
    ],
  ];
  for (const entry of entries) {
    const values = typeof entry.value === 'string' ? [entry.value] : entry.value;
    values.forEach((value, i) => rows.push([i === 0 ? { kind: 'text', value: entry.label, bold: true } : null, { kind: 'text', value }]));
  }
  return { name, rows, widths: [30, 100], stickyRows: 1, wrap: true };
}

export function aboutSheetName(lang: Lang): string {
  return translate(lang, 'exports.about.sheet');
}

/** What every export says about itself, beyond what its view adds. */
export interface ExportIdentity {
  readonly title: string;
  /** The filters in words (empty: no filters). */
  readonly filters: readonly string[];
  readonly dataName: string;
  readonly fingerprint: string | null;
  /** Formatted for the language. */
  readonly date: string;
  readonly link: string | null;
}

/**
 * The about sheet's entries: title, filters, the view's own entries (measure and its
 * definition, findings, a query …), data, fingerprint, date, the sheets, app and link.
 */
export function aboutEntries(
  identity: ExportIdentity,
  tables: readonly ExportTable[],
  sheetNames: readonly string[],
  extra: readonly AboutEntry[],
  lang: Lang,
): AboutEntry[] {
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  return [
    { label: t('exports.about.title'), value: identity.title },
    { label: t('report.filters'), value: identity.filters.length > 0 ? identity.filters : [t('report.noFilters')] },
    ...extra,
    { label: t('report.data'), value: identity.dataName },
    ...(identity.fingerprint ? [{ label: t('exports.about.fingerprint'), value: identity.fingerprint }] : []),
    { label: t('report.date'), value: identity.date },
    { label: t('exports.about.sheets'), value: tables.map((table, i) => `${sheetNames[i]}: ${table.title}`) },
    { label: t('exports.about.numbers'), value: t('exports.about.numbersText') },
    { label: t('exports.about.app'), value: `${APP_NAME} — ${t('app.tagline')}` },
    ...(identity.link ? [{ label: t('exports.about.link'), value: identity.link }] : []),
  ];
}

/** The whole workbook: the about sheet, then one sheet per table (names made unique). */
export function exportWorkbook(
  tables: readonly ExportTable[],
  identity: ExportIdentity,
  extra: readonly AboutEntry[],
  lang: Lang,
): WorkbookSheet[] {
  const about = aboutSheetName(lang);
  const taken = new Set([about]);
  const names = tables.map((table) => {
    const name = sheetName(table.sheet, taken);
    taken.add(name);
    return name;
  });
  return [
    aboutSheet(aboutEntries(identity, tables, names, extra, lang), lang, about),
    ...tables.map((table, i) => tableSheet(table, lang, names[i])),
  ];
}
