/**
 * Writing CSV that is safe to open in a spreadsheet.
 *
 * CSV injection (OWASP): a cell starting with `=`, `+`, `-`, `@`, tab or carriage return
 * may be run as a formula by Excel/LibreOffice/Sheets. Every CSV the app writes passes
 * each cell through `neutraliseFormula`, which prefixes such cells with `'` — except
 * plain numbers (`-12.5`, `+62`, `-1.5e3`), which a spreadsheet reads as numbers anyway
 * and which must stay numbers for the evaluator.
 *
 * `toCsv` writes RFC 4180: CRLF line ends, cells quoted when they hold the delimiter, a
 * quote, CR or LF, quotes doubled.
 */

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function neutraliseFormula(cell: string): string {
  if (!FORMULA_TRIGGER.test(cell) || PLAIN_NUMBER.test(cell)) return cell;
  return `'${cell}`;
}

export type CsvValue = string | number | boolean | bigint | null | undefined;

/** A row: a Map, or a record whose own properties are read (never inherited ones). */
export type CsvRow = ReadonlyMap<string, CsvValue> | Readonly<Record<string, CsvValue>>;

export interface ToCsvOptions {
  /** Default `,`. */
  readonly delimiter?: ',' | ';' | '\t' | '|';
  /** Default CRLF (RFC 4180). */
  readonly newline?: '\r\n' | '\n';
  /** Start with a UTF-8 byte-order mark so Excel reads the text as UTF-8. Default false. */
  readonly bom?: boolean;
  /**
   * How a number is written (default `String`): e.g. with a decimal comma for Indonesian
   * Excel. Numbers are not text, so what this writes is not checked for formulas.
   */
  readonly formatNumber?: (value: number) => string;
  /** The header's cells, when they are not the column keys (headers in the UI language). */
  readonly header?: readonly string[];
}

function cellValue(row: CsvRow, column: string): CsvValue {
  if (row instanceof Map) return row.get(column);
  const record = row as Readonly<Record<string, CsvValue>>;
  return Object.prototype.hasOwnProperty.call(record, column) ? record[column] : undefined;
}

function formatValue(value: CsvValue, formatNumber: (value: number) => string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? formatNumber(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  return neutraliseFormula(value);
}

function quote(text: string, delimiter: string): string {
  const needsQuotes = text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r');
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes `rows` as CSV with a header of `columns`, in that order; missing values are empty. */
export function toCsv(rows: Iterable<CsvRow>, columns: readonly string[], options: ToCsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const newline = options.newline ?? '\r\n';
  const formatNumber = options.formatNumber ?? String;
  const lines: string[] = [(options.header ?? columns).map((c) => quote(neutraliseFormula(c), delimiter)).join(delimiter)];
  for (const row of rows) {
    lines.push(columns.map((c) => quote(formatValue(cellValue(row, c), formatNumber), delimiter)).join(delimiter));
  }
  return (options.bom ? '\uFEFF' : '') + lines.join(newline) + newline;
}
