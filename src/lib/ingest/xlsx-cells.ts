/**
 * One workbook cell → the text the CSV pipeline expects (the canonical conventions in
 * data/README.md): ISO dates, plain decimal numbers, `true`/`false`, text as it is.
 *
 * What read-excel-file hands over (with our `parseNumber`, see xlsx.ts):
 *  - text (shared, inline, a formula's cached text) as a trimmed string — so a number the
 *    sheet stores *as text* (`0812…`, a 16-digit NIK typed with a leading apostrophe) stays
 *    exactly that text;
 *  - a number as the literal `<v>` text Excel wrote, wrapped in `{ number }` so it cannot
 *    be mistaken for text. Excel writes the shortest text that reads back to the stored
 *    double (`0.30000000000000004` for =0.1+0.2), and it keeps only 15 significant digits
 *    of what is typed (a 16-digit id typed as a number is stored with its last digit 0);
 *  - a date (a number cell whose number format is a date format) as a `Date` at UTC,
 *    already shifted for the workbook's 1900 or 1904 date system;
 *  - a boolean as a boolean; error cells (`#REF!`) and formulas without a cached value as
 *    empty (null).
 */

/** A number cell as Excel stored it: the text of its `<v>` element. */
export interface RawNumber {
  readonly number: string;
}

export type WorkbookCell = string | RawNumber | boolean | Date | null;

const INTEGER = /^[+-]?\d+$/;
const DAY_MS = 86_400_000;

/**
 * The day a serial number of 0 falls on, at UTC: 1899-12-30 in the 1900 date system (the
 * library counts Excel's phantom 29 Feb 1900, so serial 0 lands there), 1904-01-01 in the
 * 1904 system. A date cell on that day holds a time of day only (`13:30`).
 */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * A double as plain decimal text: at most `digits` significant digits (Excel's precision is
 * 15; what its formula bar shows), no exponent, no trailing zeros, no `-0`.
 */
export function plainDecimal(x: number, digits = 15): string {
  if (!Number.isFinite(x)) return '';
  const [mantissa, exponent] = x.toExponential(digits - 1).split('e');
  const negative = mantissa.startsWith('-');
  const significant = mantissa.replace('-', '').replace('.', '').replace(/0+$/, '');
  if (significant === '') return '0';
  // The value is 0.<significant> × 10^point.
  const point = Number(exponent) + 1;
  let text: string;
  if (point <= 0) text = `0.${'0'.repeat(-point)}${significant}`;
  else if (point >= significant.length) text = significant + '0'.repeat(point - significant.length);
  else text = `${significant.slice(0, point)}.${significant.slice(point)}`;
  return negative ? `-${text}` : text;
}

/**
 * A number cell's `<v>` text as plain decimal text. Whole numbers written as digits are
 * kept digit for digit (a 16-digit id written by a program other than Excel survives;
 * Excel itself never stores more than 15 significant digits, so nothing is lost or made
 * up); anything else is read as a double and written with 15 significant digits, which
 * removes binary floating noise (`0.30000000000000004` → `0.3`) and exponents
 * (`1E-3` → `0.001`, `1.5E+20` → `150000000000000000000`).
 */
export function numberText(raw: string): string {
  const text = raw.trim();
  if (INTEGER.test(text)) return BigInt(text).toString();
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) return text;
  if (Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER) return String(value === 0 ? 0 : value);
  return plainDecimal(value);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * A date cell as ISO `yyyy-mm-dd` (a date-time keeps its date), or `hh:mm`/`hh:mm:ss` when
 * the cell holds a time of day only. The time is rounded to the second first: serials that
 * formulas produce (`45354.99999999999`) land a hair before midnight, and the library
 * floors to the millisecond — without rounding they would fall on the previous day.
 */
export function dateText(date: Date, date1904: boolean): string {
  const time = date.getTime();
  if (!Number.isFinite(time)) return '';
  const rounded = Math.round(time / 1000) * 1000;
  const epoch = date1904 ? EPOCH_1904 : EPOCH_1900;
  if (rounded >= epoch && rounded < epoch + DAY_MS) {
    const seconds = Math.round((rounded - epoch) / 1000);
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    return s === 0 ? `${pad(h)}:${pad(m)}` : `${pad(h)}:${pad(m)}:${pad(s)}`;
  }
  const d = new Date(rounded);
  const year = d.getUTCFullYear();
  if (year < 1 || year > 9999) return '';
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function isRawNumber(cell: unknown): cell is RawNumber {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date) && typeof (cell as RawNumber).number === 'string';
}

/** One cell as CSV-ready text; empty string for an empty cell. */
export function cellText(cell: WorkbookCell | undefined, date1904: boolean): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  if (cell instanceof Date) return dateText(cell, date1904);
  if (isRawNumber(cell)) return numberText(cell.number);
  return String(cell);
}
