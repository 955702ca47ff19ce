/**
 * Yes/no cells: `Ya/Tidak`, `ya/tdk`, `Y/T`, `Y/N`, `1/0`, `true/false`, `yes/no`,
 * `ada/tidak ada`, `sudah/belum`, `punya/tidak punya`, check marks. Null markers → null.
 *
 * `T` is "tidak" (no) here, as in Indonesian forms (`Y/T`), never English "true" — an
 * export that writes `T/F` is rare, and guessing it right would make `Y/T` wrong.
 */
import { fail, foldText, ok, preCheck, type Normalized } from './normalize-common';

const TRUE_WORDS = [
  'ya',
  'iya',
  'y',
  'yes',
  'true',
  '1',
  'ada',
  'sudah',
  'punya',
  'memiliki',
  'sudah punya',
  'sudah ada',
  'benar',
  'betul',
  'aktif',
  // `v` is the Indonesian hand-written tick (centang). `x` is left out on purpose: some
  // forms use it for "checked", others for "no".
  'v',
];
const FALSE_WORDS = [
  'tidak',
  'tdk',
  'tak',
  't',
  'n',
  'no',
  'false',
  'f',
  '0',
  'tidak ada',
  'belum',
  'belum ada',
  'belum punya',
  'tidak punya',
  'tidak memiliki',
  'salah',
  'bukan',
  'tidak aktif',
];
/** Check and cross marks do not survive `foldText` (they are not letters), so they are matched raw. */
const TRUE_MARKS = new Set(['✓', '✔', '☑', '√']);
const FALSE_MARKS = new Set(['✗', '✘', '☒', '×']);

const WORDS: ReadonlyMap<string, boolean> = new Map([
  ...TRUE_WORDS.map((w) => [w, true] as const),
  ...FALSE_WORDS.map((w) => [w, false] as const),
]);

export function normalizeBoolean(raw: string | null | undefined): Normalized<boolean | null> {
  const pre = preCheck(raw);
  if ('done' in pre) return pre.done;
  const text = pre.text;
  if (TRUE_MARKS.has(text)) return ok(true);
  if (FALSE_MARKS.has(text)) return ok(false);
  // `1.0`/`0.0` from spreadsheets that stored the flag as a number.
  if (/^[01]\.0+$/.test(text)) return ok(text.startsWith('1'));
  const value = WORDS.get(foldText(text));
  return value === undefined ? fail('not_a_boolean', text) : ok(value);
}
