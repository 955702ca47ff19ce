/**
 * Numbers, integers and rupiah amounts as people type them:
 * `1.234.567,89` (id-ID), `1,234,567.89` (en), `-1.234`, `+1,53e4`, `5.33015841993795E-06`,
 * `(1.000)` (accounting negative), `Rp 2.500.000,-`, `IDR 2,500,000`, `2,5 jt`, `500 rb`,
 * `1,2 M` (M = miliar = 10^9, not million).
 *
 * The decimal mark is read from the cell when its form decides it (both marks present,
 * a mark repeated, a mark not followed by exactly three digits…). Only a single mark
 * followed by exactly three digits (`1.234`, `1,234`) is ambiguous; then the column's
 * hint decides (see `detectDecimalMark`), and without a hint the result is
 * `ambiguous_number` — except for integers and rupiah amounts, where only the grouping
 * reading makes sense (no one writes Rp 2,5 as `2.500`).
 */
import { fail, ok, preCheck, type Normalized } from './normalize-common';

export type DecimalMark = 'comma' | 'dot';

const MARK_CHAR: Record<DecimalMark, string> = { comma: ',', dot: '.' };

type Analysis =
  | { readonly kind: 'invalid' }
  /** Decimal mark decided by the cell itself (or irrelevant: `decimal` null = no fraction). */
  | { readonly kind: 'decided'; readonly decimal: string | null; readonly grouping: string | null }
  /** One mark followed by exactly 3 digits: decimal or thousands separator? */
  | { readonly kind: 'ambiguous'; readonly mark: string };

/** Whether `intPart` is correctly grouped in threes by `sep` (`1.234.567`, not `12.34`). */
function validGrouping(intPart: string, sep: string): boolean {
  const groups = intPart.split(sep);
  if (groups[0].length < 1 || groups[0].length > 3) return false;
  return groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

/** Reads the structure of a mantissa made of digits, `.` and `,`. */
function analyzeMantissa(m: string, hasExponent: boolean): Analysis {
  if (!/^[\d.,]*\d[\d.,]*$/.test(m)) return { kind: 'invalid' };
  const dots = m.split('.').length - 1;
  const commas = m.split(',').length - 1;
  if (dots === 0 && commas === 0) return { kind: 'decided', decimal: null, grouping: null };

  if (dots > 0 && commas > 0) {
    const decimal = m.lastIndexOf('.') > m.lastIndexOf(',') ? '.' : ',';
    const grouping = decimal === '.' ? ',' : '.';
    if (m.split(decimal).length - 1 !== 1) return { kind: 'invalid' };
    const [intPart] = m.split(decimal);
    return validGrouping(intPart, grouping) ? { kind: 'decided', decimal, grouping } : { kind: 'invalid' };
  }

  const mark = dots > 0 ? '.' : ',';
  const count = dots + commas;
  if (count > 1) {
    // A repeated mark can only be a thousands separator.
    return validGrouping(m, mark) ? { kind: 'decided', decimal: null, grouping: mark } : { kind: 'invalid' };
  }
  const [intPart, fracPart] = m.split(mark);
  const canBeGrouping = !hasExponent && fracPart.length === 3 && intPart.length >= 1 && intPart.length <= 3 && intPart !== '0';
  if (!canBeGrouping) return { kind: 'decided', decimal: mark, grouping: null };
  return { kind: 'ambiguous', mark };
}

type Ambiguity = 'fail' | 'grouping';

interface Numeral {
  readonly negative: boolean;
  readonly mantissa: string;
  readonly exponent: string | null;
}

/** Splits sign, parentheses, spaces and exponent off a numeric-looking text. */
function splitNumeral(text: string): Numeral | null {
  let s = text.trim();
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1].trim();
  }
  const sign = /^([+\-\u2212])\s*/.exec(s);
  if (sign) {
    if (sign[1] !== '+') negative = !negative;
    s = s.slice(sign[0].length);
  }
  // Spaces (incl. NBSP and narrow NBSP) are allowed only as thousands separators: `1 234 567`.
  if (/\s/.test(s)) {
    if (!/^\d{1,3}(?:\s\d{3})+(?:[.,]\d+)?$/.test(s)) return null;
    s = s.replace(/\s/g, '');
  }
  const exp = /^(.*?)[eE]([+-]?\d+)$/.exec(s);
  return exp ? { negative, mantissa: exp[1], exponent: exp[2] } : { negative, mantissa: s, exponent: null };
}

function toNumber(n: Numeral, decimal: string | null, grouping: string | null): number {
  let m = n.mantissa;
  if (grouping) m = m.split(grouping).join('');
  if (decimal) m = m.replace(decimal, '.');
  const v = Number(`${n.negative ? '-' : ''}${m}${n.exponent === null ? '' : `e${n.exponent}`}`);
  return v;
}

function parseNumeral(text: string, hint: DecimalMark | null | undefined, ambiguity: Ambiguity): Normalized<number> {
  const n = splitNumeral(text);
  if (!n) return fail('not_a_number', text);
  const a = analyzeMantissa(n.mantissa, n.exponent !== null);
  let value: number;
  if (a.kind === 'invalid') return fail('not_a_number', text);
  if (a.kind === 'decided') {
    value = toNumber(n, a.decimal, a.grouping);
  } else if (ambiguity === 'grouping') {
    value = toNumber(n, null, a.mark);
  } else if (hint) {
    const isDecimal = MARK_CHAR[hint] === a.mark;
    value = isDecimal ? toNumber(n, a.mark, null) : toNumber(n, null, a.mark);
  } else {
    return fail('ambiguous_number', text);
  }
  return Number.isFinite(value) ? ok(value) : fail('not_a_number', text);
}

/** A decimal number. `hint` is the column's decimal mark, used only for `1.234`-like cells. */
export function normalizeNumber(raw: string | null | undefined, hint?: DecimalMark | null): Normalized<number | null> {
  const pre = preCheck(raw);
  if ('done' in pre) return pre.done;
  return parseNumeral(pre.text, hint, 'fail');
}

/** A whole number; `1.234` without a hint is read as 1234 (the only integer reading). */
export function normalizeInteger(raw: string | null | undefined, hint?: DecimalMark | null): Normalized<number | null> {
  const pre = preCheck(raw);
  if ('done' in pre) return pre.done;
  const r = parseNumeral(pre.text, hint, 'grouping');
  if (!r.ok) return r;
  return Number.isInteger(r.value) ? r : fail('not_an_integer', pre.text);
}

/** Abbreviated multipliers. `M` is miliar (10^9) in Indonesian, never million. */
const MONEY_MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ['rb', 1e3],
  ['ribu', 1e3],
  ['k', 1e3],
  ['jt', 1e6],
  ['juta', 1e6],
  ['m', 1e9],
  ['miliar', 1e9],
  ['milyar', 1e9],
  ['b', 1e9],
  ['bn', 1e9],
  ['t', 1e12],
  ['triliun', 1e12],
]);

const CURRENCY_PREFIX = /^(?:rp|idr)\.?\s*/i;
const CURRENCY_SUFFIX = /\s*(?:rupiah|idr)$/i;
/** `Rp 2.500.000,-`, `Rp 2.500.000,--`, `2.500.000.-`: the dash says "no cents". */
const NO_CENTS_SUFFIX = /[.,]-+$/;
const MULTIPLIER_SUFFIX = /^(.*?\d)\s*([a-z]+)\.?$/i;

/** Strips `Rp`/`IDR` and a no-cents dash; returns the sign outside the currency too (`-Rp 5.000`). */
function stripCurrency(text: string): string {
  let s = text.trim();
  let sign = '';
  const lead = /^([+\-\u2212])\s*/.exec(s);
  if (lead && CURRENCY_PREFIX.test(s.slice(lead[0].length))) {
    sign = lead[1];
    s = s.slice(lead[0].length);
  }
  s = s.replace(CURRENCY_PREFIX, '').replace(CURRENCY_SUFFIX, '').replace(NO_CENTS_SUFFIX, '').trim();
  return sign + s;
}

/**
 * An amount in whole rupiah (rounded): `Rp 2.500.000`, `Rp2.500.000,-`, `IDR 2,500,000`,
 * `2,5 jt`, `500 rb`, `1,2 M`, `2.5jt`. With a multiplier the fraction is meaningful, so
 * `1.250 jt` needs the hint; without one a single mark + 3 digits is always grouping.
 */
export function normalizeMoney(raw: string | null | undefined, hint?: DecimalMark | null): Normalized<number | null> {
  const pre = preCheck(raw);
  if ('done' in pre) return pre.done;
  let s = stripCurrency(pre.text);
  let multiplier = 1;
  const suffix = MULTIPLIER_SUFFIX.exec(s);
  if (suffix) {
    const m = MONEY_MULTIPLIERS.get(suffix[2].toLowerCase());
    if (m === undefined) return fail('not_a_number', pre.text);
    multiplier = m;
    s = stripCurrency(suffix[1]);
  }
  const r = parseNumeral(s, hint, multiplier === 1 ? 'grouping' : 'fail');
  if (!r.ok) return r.reason === 'ambiguous_number' ? fail('ambiguous_number', pre.text) : fail('not_a_number', pre.text);
  return ok(Math.round(r.value * multiplier));
}

/**
 * The decimal mark a single cell proves, or null when it proves nothing (`1234`, `1.234`,
 * text). Currency and multipliers are ignored, so money cells count as evidence too.
 */
export function decimalMarkEvidence(raw: string): DecimalMark | null {
  let s = stripCurrency(raw);
  const suffix = MULTIPLIER_SUFFIX.exec(s);
  if (suffix && MONEY_MULTIPLIERS.has(suffix[2].toLowerCase())) s = suffix[1];
  const n = splitNumeral(s);
  if (!n) return null;
  const a = analyzeMantissa(n.mantissa, n.exponent !== null);
  if (a.kind !== 'decided') return null;
  const decimal = a.decimal ?? (a.grouping === '.' ? ',' : a.grouping === ',' ? '.' : null);
  if (decimal === ',') return 'comma';
  if (decimal === '.') return 'dot';
  return null;
}

/** The decimal mark most cells of a column prove; null when none proves one or it is a tie. */
export function detectDecimalMark(values: Iterable<string>): DecimalMark | null {
  let comma = 0;
  let dot = 0;
  for (const v of values) {
    const e = decimalMarkEvidence(v);
    if (e === 'comma') comma++;
    else if (e === 'dot') dot++;
  }
  if (comma === dot) return null;
  return comma > dot ? 'comma' : 'dot';
}
