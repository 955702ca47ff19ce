/**
 * Identifiers and free text. Ids are text: leading zeros are kept (`09001`, `0812…`),
 * nothing is parsed as a number.
 *
 * Excel turns long digit strings (16-digit NIK/NIB, long phone numbers) into scientific
 * notation on export (`1.23457E+15`). The lost digits cannot be recovered from the CSV,
 * so such a cell fails with `scientific_notation_id`; the fix is to re-export with the
 * column formatted as Text.
 */
import { fail, ok, preCheck, type Normalized } from './normalize-common';

/** Excel's scientific format: one digit, optional fraction, E, explicit sign (`2024E1` stays an id). */
const EXCEL_SCIENTIFIC = /^[+-]?\d(?:[.,]\d+)?E[+-]\d+$/i;
/** `'0812…`: Excel's "store as text" apostrophe, also what `neutraliseFormula` adds. */
const TEXT_MARKER = /^'(?=[0-9+=@\-\t\r])/;

export function normalizeId(raw: string | null | undefined): Normalized<string | null> {
  const pre = preCheck(raw);
  if ('done' in pre) return pre.done;
  const text = pre.text.replace(TEXT_MARKER, '');
  if (EXCEL_SCIENTIFIC.test(text)) return fail('scientific_notation_id', text);
  return ok(text);
}

/**
 * Free text: trimmed; null markers → null. A leading `'` before a digit or a formula
 * character is removed — it is Excel's text marker or our own `neutraliseFormula`, so
 * reading back a CSV the app wrote gives the original text (`'+62 812…` → `+62 812…`);
 * `'s-Hertogenbosch` keeps its apostrophe.
 */
export function normalizeText(raw: string | null | undefined): Normalized<string | null> {
  const pre = preCheck(raw);
  if ('done' in pre) return pre.done;
  return ok(pre.text.replace(TEXT_MARKER, ''));
}
