/**
 * A table as the exports see it: each column's machine name (the canonical CSV header),
 * its header in the UI language (the Excel-ready CSV and the workbook) and what kind of
 * value it holds, so each export can write the value in its own convention — a share is
 * `0.2798` in the canonical CSV, `27,98` under `Nilai (%)` in the Indonesian CSV and
 * 0.2798 formatted `0.0%` in the workbook. Pure: no DOM, no spreadsheet library.
 */
import { toCsv, type CsvValue } from '../ingest/csv-safety';

/**
 * What a column holds:
 * `percent` — a share as a fraction (0.2798); `pp` — a difference of shares, as a fraction
 * (0.05 = 5 percentage points); `number` — any other number; `integer` — a count;
 * `hours`, `money` (whole rupiah); `boolean`; `date` (ISO text); `text`.
 */
export type ExportKind = 'text' | 'integer' | 'number' | 'percent' | 'pp' | 'hours' | 'money' | 'boolean' | 'date';

export interface ExportColumn {
  /** Canonical (machine) name: the header of the standard CSV and the key into each row. */
  readonly key: string;
  /** The standard CSV's header when it is not `key` (an SQL result may repeat a name). */
  readonly name?: string;
  /** Header in the UI language, without a unit (the unit is added per export). */
  readonly label: string;
  readonly kind: ExportKind;
  /** Decimals the workbook shows (default: 1 for percent, pp, number and hours). */
  readonly digits?: number;
}

export type ExportRow = Readonly<Record<string, CsvValue>>;

export interface ExportTable {
  /** Name of the table's sheet in a workbook (cut to 31 characters and cleaned there). */
  readonly sheet: string;
  /** What the table is (the chart's title); listed on the workbook's "about" sheet. */
  readonly title: string;
  readonly columns: readonly ExportColumn[];
  /** Values in their canonical form: fractions for shares, ISO dates, booleans. */
  readonly rows: readonly ExportRow[];
  /**
   * Keep columns that hold no value in the exports for people (an SQL result's columns are
   * the query's). Otherwise they are left out there: the standard CSV keeps every column.
   */
  readonly keepEmptyColumns?: boolean;
}

const NUMERIC_KINDS: ReadonlySet<ExportKind> = new Set(['integer', 'number', 'percent', 'pp', 'hours', 'money']);

export function isNumericKind(kind: ExportKind): boolean {
  return NUMERIC_KINDS.has(kind);
}

/**
 * The table as people get it (the Excel CSV, the workbook): without columns no row has a
 * value in — a view without subgroups has no subgroup columns, one without exposure no
 * difference columns.
 */
export function forPeople(table: ExportTable): ExportTable {
  if (table.keepEmptyColumns) return table;
  const columns = table.columns.filter((c) => table.rows.some((r) => r[c.key] !== null && r[c.key] !== undefined && r[c.key] !== ''));
  return columns.length === table.columns.length || columns.length === 0 ? table : { ...table, columns };
}

/** The standard CSV: machine headers, `,`, dot decimals, fractions, UTF-8 with a BOM — as the app always wrote. */
export function canonicalCsv(table: ExportTable): string {
  return toCsv(
    table.rows,
    table.columns.map((c) => c.key),
    { bom: true, header: table.columns.map((c) => c.name ?? c.key) },
  );
}

/**
 * A table from machine column names and rows only (an export that says nothing about its
 * columns, such as an SQL result): the kind of each column is read from its values, and the
 * header is the machine name.
 */
export function tableFromRows(columns: readonly string[], rows: readonly ExportRow[], sheet: string, title = sheet): ExportTable {
  return { sheet, title, rows, columns: columns.map((key) => ({ key, label: key, kind: kindOfValues(rows.map((r) => r[key])) })) };
}

/** The kind that fits every non-empty value: integer, number, boolean, or text. */
export function kindOfValues(values: readonly CsvValue[]): ExportKind {
  let kind: ExportKind | null = null;
  for (const v of values) {
    if (v === null || v === undefined || v === '') continue;
    const k: ExportKind =
      typeof v === 'boolean'
        ? 'boolean'
        : typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))
          ? 'integer'
          : typeof v === 'number'
            ? 'number'
            : 'text';
    if (kind === null || kind === k) kind = k;
    else if ((kind === 'integer' && k === 'number') || (kind === 'number' && k === 'integer')) kind = 'number';
    else return 'text';
  }
  return kind ?? 'text';
}

/** The kind of a DuckDB result column, by its type name. */
export function kindOfDuckDbType(type: string): ExportKind {
  const t = type.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|INT\d*)$/.test(t)) return 'integer';
  if (/^(DOUBLE|FLOAT|REAL|DECIMAL)/.test(t)) return 'number';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'DATE') return 'date';
  return 'text';
}

/**
 * A sheet name Excel accepts: no `[ ] : * ? / \`, not starting or ending with `'`, at most
 * 31 characters, unique in the workbook (case-insensitive) — a number is added when taken.
 */
export function sheetName(wanted: string, taken: ReadonlySet<string> = new Set()): string {
  const clean =
    wanted
      .replace(/[[\]:*?/\\]/g, '-')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet';
  const lower = new Set([...taken].map((s) => s.toLowerCase()));
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? '' : ` (${i})`;
    const name = clean.slice(0, 31 - suffix.length).trimEnd() + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}
