/**
 * What every cell normaliser shares: the result type, the reason codes, null markers and
 * text folding. A normaliser never throws; it returns a value or a short reason code that
 * the UI translates (and `detail`, the offending part, when that helps the user).
 */

export type NormalizeReason =
  | 'not_a_number'
  | 'ambiguous_number' // `1.234` with no decimal-mark hint: 1234 or 1.234?
  | 'not_an_integer'
  | 'not_a_date'
  | 'invalid_date' // looks like a date but is not one (31/02/2026, month 13)
  | 'ambiguous_date' // 05/06/2026 with no day/month order known
  | 'date_order_conflict' // 13/05/2026 in a column known to be month-first
  | 'not_a_boolean'
  | 'unknown_gender'
  | 'unknown_region'
  | 'unknown_function'
  | 'ambiguous_function' // a name that means different tasks in different frameworks
  | 'unknown_value' // not one of an enum's values
  | 'scientific_notation_id' // 1.23457E+15: Excel already destroyed the digits
  | 'spreadsheet_error'; // #VALUE!, #REF!, #DIV/0! …

export type Normalized<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: NormalizeReason; readonly detail?: string };

export function ok<T>(value: T): Normalized<T> {
  return { ok: true, value };
}

export function fail<T = never>(reason: NormalizeReason, detail?: string): Normalized<T> {
  return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
}

/**
 * Spellings of "no value" seen in exports. Compared after trimming and lower-casing.
 * `tidak ada` is deliberately absent: in a yes/no column it means "no", not "missing".
 */
const NULL_MARKERS = new Set([
  '',
  '-',
  '--',
  '—',
  '–',
  'na',
  'n/a',
  'n.a',
  'n.a.',
  '#n/a',
  'null',
  'none',
  'nan',
  'nil',
  'kosong',
  '(kosong)',
  'tidak ada data',
  'tanpa data',
]);

export function isNullMarker(raw: string): boolean {
  return NULL_MARKERS.has(raw.trim().toLowerCase());
}

/** Excel error values that leak into CSV exports (#N/A is a null marker, not an error). */
const SPREADSHEET_ERROR = /^#(?:VALUE!|REF!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/i;

export function isSpreadsheetError(raw: string): boolean {
  return SPREADSHEET_ERROR.test(raw.trim());
}

/** Lower case, accents removed, every run of non-letters/digits a single space, trimmed. */
export function foldText(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * `foldText` without any spaces: `Evaluasi & Refleksi`, `evaluasi_refleksi` and
 * `EVALUASI-REFLEKSI` all become `evaluasirefleksi`. Used where word boundaries carry no
 * meaning (enum codes), never for region names, where whole words matter.
 */
export function compactKey(raw: string): string {
  return foldText(raw).replace(/ /g, '');
}

/**
 * Shared prologue: a null marker is a missing value (`ok`, `null`), an Excel error value
 * is a failure; anything else goes on to the specific normaliser as trimmed text.
 */
export function preCheck(raw: string | null | undefined): { done: Normalized<null> } | { text: string } {
  if (raw === null || raw === undefined || isNullMarker(raw)) return { done: ok(null) };
  if (isSpreadsheetError(raw)) return { done: fail('spreadsheet_error', raw.trim()) };
  return { text: raw.trim() };
}
