/**
 * Dates → ISO `yyyy-mm-dd`.
 *
 * Accepted: `2026-11-22`, `22/11/2026`, `22-11-2026`, `22.11.2026`, `22/11/26`,
 * `22 Nov 2026`, `22 November 2026`, `22 Agustus 2026`, `22 Agu 2026`, `22-Nov-26`,
 * `Nov 22, 2026`, `Senin, 22 November 2026`, `20261122`, a trailing time of day
 * (`22/11/2026 14:30`, `1/2/2023, 12:33 PM`; the time is dropped), and Excel serial day
 * numbers (46348) when the caller says the column is a date column.
 *
 * Numeric day/month order is a property of the column, not of one cell: Indonesian
 * exports are day-first, but `detectDateOrder` looks at all values (a first part > 12
 * proves day-first, a second part > 12 proves month-first) and the result is passed in.
 *
 * Two-digit years: 00–69 → 20xx, 70–99 → 19xx (the POSIX strptime pivot); mentoring
 * data is all 21st century, so the pivot only matters for odd historical values.
 */
import { fail, ok, preCheck, type Normalized } from './normalize-common';

export type DateOrder = 'dmy' | 'mdy';

export interface DateOrderDetection {
  readonly order: DateOrder;
  /**
   * `evidence`: some value proves the order; `default`: nothing proves it, day-first
   * assumed; `conflict`: some values prove day-first and others month-first — the
   * column is inconsistent, day-first assumed and the other values will fail.
   */
  readonly basis: 'evidence' | 'default' | 'conflict';
}

/** Indonesian and English month names and abbreviations, folded to lower case without dots. */
const MONTHS: ReadonlyMap<string, number> = new Map(
  (
    [
      [1, ['januari', 'january', 'jan']],
      [2, ['februari', 'pebruari', 'february', 'feb', 'peb']],
      [3, ['maret', 'march', 'mar']],
      [4, ['april', 'apr']],
      [5, ['mei', 'may']],
      [6, ['juni', 'june', 'jun']],
      [7, ['juli', 'july', 'jul']],
      [8, ['agustus', 'august', 'agu', 'agt', 'ags', 'agst', 'aug']],
      [9, ['september', 'sep', 'sept']],
      [10, ['oktober', 'october', 'okt', 'oct']],
      [11, ['november', 'nopember', 'nov', 'nop']],
      [12, ['desember', 'december', 'des', 'dec']],
    ] as const
  ).flatMap(([n, names]) => names.map((name) => [name, n] as const)),
);

/** Day names that may precede a date (`Senin, 22 November 2026`). */
const WEEKDAY_PREFIX =
  /^(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+/i;

/** A time of day after the date, separated by space, comma or `T`. */
const TIME_SUFFIX = /(?:[T\s]|,\s*)\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:z|[+-]\d{2}:?\d{2})?$/i;

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const NUMERIC = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const DAY_MONTHNAME_YEAR = /^(\d{1,2})[\s\-/.]+([a-z]+)\.?[\s\-/.,]+(\d{2}|\d{4})$/i;
const MONTHNAME_DAY_YEAR = /^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/i;
/**
 * Excel serial days (1 = 1900-01-01). Only five-digit serials (1927-05-18 … 2173) are taken:
 * a four-digit number in a date column is far more likely a year typed alone than a 1900s
 * date. A fraction is a time of day and is dropped.
 */
const EXCEL_SERIAL = /^[1-9]\d{4}(?:\.\d+)?$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function expandYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** ISO text of a calendar date, or null when it does not exist (31/02, month 13, year 1066). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function dateOrFail(year: number, month: number, day: number, text: string): Normalized<string> {
  const iso = isoDate(year, month, day);
  return iso ? ok(iso) : fail('invalid_date', text);
}

/**
 * Excel's 1900 date system: serial 1 is 1900-01-01, and Excel counts a 29 February 1900
 * that never existed (serial 60), so from serial 61 on the epoch is 1899-12-30.
 */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial === 60) return null;
  const epoch = serial > 60 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  const d = new Date(epoch + serial * 86_400_000);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function stripDecorations(text: string): string {
  return text.replace(WEEKDAY_PREFIX, '').replace(TIME_SUFFIX, '').trim();
}

/** First and second numeric parts of a `d/m/y`-shaped value, or null for other shapes. */
function numericParts(text: string): [number, number] | null {
  const m = NUMERIC.exec(stripDecorations(text.trim()));
  return m ? [Number(m[1]), Number(m[3])] : null;
}

/**
 * Day/month order of a column of dates. ISO, month-name and compact values carry no
 * evidence; `a/b/y` values with a > 12 prove day-first, with b > 12 month-first.
 */
export function detectDateOrder(values: Iterable<string>): DateOrderDetection {
  let dayFirst = false;
  let monthFirst = false;
  for (const v of values) {
    const parts = numericParts(v);
    if (!parts) continue;
    if (parts[0] > 12 && parts[1] <= 12) dayFirst = true;
    if (parts[1] > 12 && parts[0] <= 12) monthFirst = true;
  }
  if (dayFirst && monthFirst) return { order: 'dmy', basis: 'conflict' };
  if (monthFirst) return { order: 'mdy', basis: 'evidence' };
  return { order: 'dmy', basis: dayFirst ? 'evidence' : 'default' };
}

export interface DateOptions {
  /**
   * Day/month order for `a/b/y` values. `unknown` refuses values where both readings are
   * valid and differ (05/06/2026 → `ambiguous_date`). Default: `dmy`, the Indonesian order.
   */
  readonly order?: DateOrder | 'unknown';
  /** Read bare 4–5 digit numbers as Excel serial days (only for columns known to hold dates). */
  readonly excelSerial?: boolean;
}

function numericDate(m: RegExpExecArray, order: DateOrder | 'unknown', text: string): Normalized<string> {
  const a = Number(m[1]);
  const b = Number(m[3]);
  const year = expandYear(m[4]);
  const dmy = isoDate(year, b, a);
  const mdy = isoDate(year, a, b);
  if (order === 'unknown') {
    if (dmy && mdy && dmy !== mdy) return fail('ambiguous_date', text);
    const either = dmy ?? mdy;
    return either ? ok(either) : fail('invalid_date', text);
  }
  const wanted = order === 'dmy' ? dmy : mdy;
  if (wanted) return ok(wanted);
  const other = order === 'dmy' ? mdy : dmy;
  return other ? fail('date_order_conflict', text) : fail('invalid_date', text);
}

/** A date cell → `yyyy-mm-dd`; null markers → null. */
export function normalizeDate(raw: string | null | undefined, options: DateOptions = {}): Normalized<string | null> {
  const pre = preCheck(raw);
  if ('done' in pre) return pre.done;
  const text = pre.text;
  const order = options.order ?? 'dmy';

  if (options.excelSerial && EXCEL_SERIAL.test(text)) {
    const iso = excelSerialToIso(Math.trunc(Number(text)));
    return iso ? ok(iso) : fail('invalid_date', text);
  }

  const compact = COMPACT.exec(text);
  if (compact) return dateOrFail(Number(compact[1]), Number(compact[2]), Number(compact[3]), text);

  const s = stripDecorations(text);

  const iso = ISO.exec(s);
  if (iso) return dateOrFail(Number(iso[1]), Number(iso[2]), Number(iso[3]), text);

  const numeric = NUMERIC.exec(s);
  if (numeric) return numericDate(numeric, order, text);

  const dmy = DAY_MONTHNAME_YEAR.exec(s);
  if (dmy) {
    const month = MONTHS.get(dmy[2].toLowerCase());
    if (month === undefined) return fail('not_a_date', text);
    return dateOrFail(expandYear(dmy[3]), month, Number(dmy[1]), text);
  }

  const mdy = MONTHNAME_DAY_YEAR.exec(s);
  if (mdy) {
    const month = MONTHS.get(mdy[1].toLowerCase());
    if (month === undefined) return fail('not_a_date', text);
    return dateOrFail(Number(mdy[3]), month, Number(mdy[2]), text);
  }

  return fail('not_a_date', text);
}
