/**
 * SQL twins of the TS cell normalisers for the columns with too many distinct values to
 * normalise one by one in JavaScript: numbers, rupiah amounts, integers, ids and free
 * text. The semantics are those of `normalize-number.ts`, `normalize-id.ts` and
 * `normalize-common.ts`; `tests/unit/upload/sql-parity.test.ts` runs one case table
 * through both and expects identical values and failure reasons.
 *
 * Each column is a short chain of projections (`levels`): a level may use the columns the
 * levels below made, so no sub-expression is written twice. A numeral is split by ONE
 * regular expression with named groups (parentheses, sign, digits, exponent), and its
 * digits are classified by ONE more (plain, grouped, decimal…) — a handful of regex
 * evaluations per cell, and small plans.
 *
 * Differences on purpose (SQL only): a value outside the column's SQL type (INTEGER, or
 * rupiah beyond ±2^53) is `out_of_range` instead of a number nobody could store.
 *
 * JavaScript's `trim()` and `\s` know more white space than RE2's `\s`; `WS` spells out
 * the same set. JavaScript's `.` stops at line terminators; `DOT` does the same.
 */
import type { DecimalMark } from '../ingest/normalize-number';
import { stringLiteral } from '../query/sql';

const WS_CHARS = '\\t\\n\\x0B\\f\\r \\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
/** JavaScript's white space and line terminators, as an RE2 character class. */
export const WS = `[${WS_CHARS}]`;
const NOT_WS = `[^${WS_CHARS}]`;
/** JavaScript's `.` (no line terminators). */
const DOT = '[^\\n\\r\\x{2028}\\x{2029}]';
const LINE_TERMINATOR = '[\\n\\r\\x{2028}\\x{2029}]';

/** The null markers of normalize-common.ts (a unit test keeps them in sync). */
export const SQL_NULL_MARKERS = [
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
] as const;
const LONGEST_MARKER = Math.max(...SQL_NULL_MARKERS.map((m) => m.length));

const re = (pattern: string): string => stringLiteral(pattern);

/** `s.trim()`; cells that start and end with a visible ASCII character skip the regex. */
export function trimSql(expr: string): string {
  return `CASE WHEN ascii(${expr}) BETWEEN 33 AND 126 AND ascii(right(${expr}, 1)) BETWEEN 33 AND 126 THEN ${expr}
    ELSE regexp_replace(${expr}, ${re(`^${WS}+|${WS}+$`)}, '', 'g') END`;
}

/** `isNullMarker(raw)` on an already trimmed text (NULL, DuckDB's empty cell, counts as missing). */
export function isMissingSql(trimmed: string): string {
  // list_contains, not IN: DuckDB plans a long IN list as a join, one per column.
  // The first character gates the list lookup: most cells (ids, names) cannot be a marker.
  const firsts = [
    ...new Set(SQL_NULL_MARKERS.filter((m) => m !== '').flatMap((m) => [m.codePointAt(0) ?? 0, m.toUpperCase().codePointAt(0) ?? 0])),
  ];
  return `(${trimmed} IS NULL OR ${trimmed} = '' OR (list_contains([${firsts.join(', ')}], ascii(${trimmed})) AND length(${trimmed}) <= ${LONGEST_MARKER} AND list_contains([${SQL_NULL_MARKERS.map(stringLiteral).join(', ')}], lower(${trimmed}))))`;
}

/** `isSpreadsheetError(raw)` on a trimmed text. */
export function isSpreadsheetErrorSql(trimmed: string): string {
  return `(ascii(${trimmed}) = 35 AND regexp_full_match(${trimmed}, ${re('(?i)#(?:VALUE!|REF!|DIV/0!|NAME\\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)')}))`;
}

/** One projection level: alias → expression over the previous level's columns. */
export type Level = [alias: string, expr: string][];

export type NumberKind = 'decimal' | 'integer' | 'money';

export interface ValueSql {
  /** Projections to apply in order (level 0 reads the raw column). */
  readonly levels: Level[];
  /** Final typed value (NULL when missing or invalid), over the last level. */
  readonly value: string;
  /** Failure reason (NULL when the value is fine or missing), over the last level. */
  readonly reason: string;
}

const MARK: Record<DecimalMark, string> = { comma: ',', dot: '.' };

/**
 * splitNumeral: optional `(`, optional sign, then either digits grouped by spaces
 * (`1 234 567,5` — no exponent then) or a mantissa without white space and an optional
 * exponent, optional `)`. Group `all` is non-empty exactly when the text matched.
 */
const SPLIT = re(
  `^((?:(\\()${WS}*)?(?:([+\\-\\x{2212}])${WS}*)?(?:(\\d{1,3}(?:${WS}\\d{3})+(?:[.,]\\d+)?)|(${NOT_WS}*?)(?:[eE]([+-]?\\d+))?)(?:${WS}*(\\)))?)$`,
);
const SPLIT_GROUPS = "['all', 'open', 'sign', 'spaced', 'mant', 'exp', 'close']";

/** analyzeMantissa: which reading of `.` and `,` the digits allow (first alternative that fits). */
const MANTISSA = re(
  '^(?:(\\d+)|(\\d{1,3}(?:,\\d{3})+)\\.(\\d*)|(\\d{1,3}(?:\\.\\d{3})+),(\\d*)|(\\d{1,3}(?:\\.\\d{3}){2,})|(\\d{1,3}(?:,\\d{3}){2,})|(\\d*)([.,])(\\d*))$',
);
const MANTISSA_GROUPS = "['plain', 'dot_int', 'dot_frac', 'comma_int', 'comma_frac', 'dots', 'commas', 'int', 'mark', 'frac']";

/**
 * `parseNumeral(text, hint, ambiguity)` over `src` (trimmed, not missing) as levels; the
 * value column `<p>v` is a DOUBLE, NULL when the text is not a number.
 * `groupingWhenAmbiguous` is SQL: true reads `1.234` as 1234 whatever the hint.
 */
function numeralLevels(
  p: string,
  src: string,
  hint: DecimalMark,
  groupingWhenAmbiguous: string,
  carry: readonly string[],
): { levels: Level[]; value: string } {
  const keep = (names: readonly string[]): Level => names.map((n) => [n, n]);
  const g = `${p}g`;
  const m = `${p}m`;
  const c = `${p}c`;
  const levels: Level[] = [
    [...keep(carry), [g, `regexp_extract(${src}, ${SPLIT}, ${SPLIT_GROUPS})`], [`${p}src`, src]],
    [
      ...keep(carry),
      // Both parentheses or none; inside parentheses JavaScript's `.` allows no line terminator.
      [
        m,
        `CASE WHEN ${g}.all = '' OR (${g}.open = '') <> (${g}.close = '') THEN NULL
              WHEN ${g}.open <> '' AND regexp_matches(${p}src, ${re(LINE_TERMINATOR)}) THEN NULL
              WHEN ${g}.spaced <> '' THEN regexp_replace(${g}.spaced, ${re(WS)}, '', 'g')
              ELSE ${g}.mant END`,
      ],
      [`${p}neg`, `((${g}.open = '(') <> (${g}.sign IN ('-', '−')))`],
      [`${p}e`, `nullif(${g}.exp, '')`],
    ],
    [...keep(carry), [m, m], [`${p}neg`, `${p}neg`], [`${p}e`, `${p}e`], [c, `regexp_extract(${m}, ${MANTISSA}, ${MANTISSA_GROUPS})`]],
  ];
  const e = `${p}e`;
  const ambiguous = `(${e} IS NULL AND length(${c}.frac) = 3 AND length(${c}.int) BETWEEN 1 AND 3 AND ${c}.int <> '0')`;
  const asDecimal = `${c}.int || '.' || ${c}.frac`;
  const asGrouping = `${c}.int || ${c}.frac`;
  const single = `CASE WHEN ${ambiguous} AND (${groupingWhenAmbiguous} OR ${c}.mark <> ${stringLiteral(MARK[hint])}) THEN ${asGrouping} ELSE ${asDecimal} END`;
  // toNumber: the plain digits of the number ('.' as decimal mark), or NULL when invalid.
  const digits = `CASE
      WHEN ${c}.plain <> '' THEN ${c}.plain
      WHEN ${c}.dot_int <> '' THEN replace(${c}.dot_int, ',', '') || '.' || ${c}.dot_frac
      WHEN ${c}.comma_int <> '' THEN replace(${c}.comma_int, '.', '') || '.' || ${c}.comma_frac
      WHEN ${c}.dots <> '' THEN replace(${c}.dots, '.', '')
      WHEN ${c}.commas <> '' THEN replace(${c}.commas, ',', '')
      WHEN ${c}.mark <> '' AND (${c}.int <> '' OR ${c}.frac <> '') THEN ${single}
    END`;
  levels.push([
    ...keep(carry),
    [`${p}v0`, `TRY_CAST(CASE WHEN ${p}neg THEN '-' ELSE '' END || (${digits}) || coalesce('e' || ${e}, '') AS DOUBLE)`],
  ]);
  // Number.isFinite: `1e400` is no number.
  levels.push([...keep(carry), [`${p}v`, `CASE WHEN isfinite(${p}v0) THEN ${p}v0 END`]]);
  return { levels, value: `${p}v` };
}

/** JavaScript's Math.round (ties towards +∞), exact for doubles. */
function jsRoundSql(x: string): string {
  return `(CASE WHEN ${x} - floor(${x}) >= 0.5 THEN floor(${x}) + 1 ELSE floor(${x}) END)`;
}

const MULTIPLIERS: readonly [string, number][] = [
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
];

/** `stripCurrency`: a sign before `Rp`/`IDR` moves in front, the currency, `rupiah` and a `,-` go. */
const CURRENCY = re(`(?is)^(?:([+\\-\\x{2212}])${WS}*(?:rp|idr)\\.?${WS}*|(?:rp|idr)\\.?${WS}*)?(.*)$`);

function stripCurrencySql(x: string): string {
  const parts = `regexp_extract(${x}, ${CURRENCY}, ['sign', 'rest'])`;
  const rest = `regexp_replace(regexp_replace(${parts}.rest, ${re(`(?i)${WS}*(?:rupiah|idr)$`)}, ''), ${re('[.,]-+$')}, '')`;
  return `(${parts}.sign || regexp_replace(${rest}, ${re(`^${WS}+|${WS}+$`)}, '', 'g'))`;
}

/** `2,5 jt`: the number and the multiplier word. */
const MULTIPLIER = re(`(?i)^((${DOT}*?\\d)${WS}*([a-z]+)\\.?)$`);

/** SQL for a number column (decimal, integer or money), raw VARCHAR column `col`, prefix `p`. */
export function numberSql(col: string, p: string, kind: NumberKind, hint: DecimalMark): ValueSql {
  const t = `${p}t`;
  const base: Level = [[t, trimSql(col)]];
  const missing = isMissingSql(t);
  const spreadsheetError = isSpreadsheetErrorSql(t);
  if (kind !== 'money') {
    const { levels, value } = numeralLevels(
      p,
      `CASE WHEN ${missing} THEN NULL ELSE ${t} END`,
      hint,
      kind === 'integer' ? 'true' : 'false',
      [t],
    );
    if (kind === 'decimal') {
      return {
        levels: [base, ...levels],
        value: `CASE WHEN ${missing} THEN NULL ELSE ${value} END`,
        reason: `CASE WHEN ${missing} THEN NULL WHEN ${spreadsheetError} THEN 'spreadsheet_error' WHEN ${value} IS NULL THEN 'not_a_number' END`,
      };
    }
    const whole = `(${value} = floor(${value}))`;
    const inRange = `(${value} BETWEEN -2147483648 AND 2147483647)`;
    return {
      levels: [base, ...levels],
      value: `CASE WHEN ${missing} THEN NULL WHEN ${whole} AND ${inRange} THEN ${value}::INTEGER END`,
      reason: `CASE WHEN ${missing} THEN NULL WHEN ${spreadsheetError} THEN 'spreadsheet_error' WHEN ${value} IS NULL THEN 'not_a_number'
        WHEN NOT ${whole} THEN 'not_an_integer' WHEN NOT ${inRange} THEN 'out_of_range' END`,
    };
  }
  // Money: currency first, then a multiplier word (`jt`, `rb`, `M` = miliar), then the numeral.
  const cur = `${p}cur`;
  const mm = `${p}mm`;
  const mult = `${p}mult`;
  const num = `${p}num`;
  const multiplierCase = `CASE lower(${mm}.word) ${MULTIPLIERS.map(([w, n]) => `WHEN ${stringLiteral(w)} THEN ${n}`).join(' ')} END`;
  const pre: Level[] = [
    base,
    [
      [t, t],
      [cur, `CASE WHEN ${missing} THEN NULL ELSE ${stripCurrencySql(t)} END`],
    ],
    [
      [t, t],
      [cur, cur],
      [mm, `regexp_extract(${cur}, ${MULTIPLIER}, ['all', 'number', 'word'])`],
    ],
    [
      [t, t],
      [mult, `CASE WHEN ${mm}.all <> '' THEN coalesce(${multiplierCase}, -1) ELSE 1 END`],
      [num, `CASE WHEN ${mm}.all <> '' THEN ${stripCurrencySql(`${mm}.number`)} ELSE ${cur} END`],
    ],
  ];
  // With a multiplier a lone `1.250` needs the hint (1,25 jt); without one it is grouping (Rp 1.250).
  const { levels, value } = numeralLevels(p, trimSql(num), hint, `${mult} = 1`, [t, mult]);
  const product = `${p}x`;
  const final: Level[] = [
    [
      [t, t],
      [mult, mult],
      [`${p}v`, `${p}v`],
      [product, `CASE WHEN ${mult} > 0 THEN ${value} * ${mult} END`],
    ],
  ];
  const inRange = `(abs(${product}) <= 9007199254740991)`;
  return {
    levels: [...pre, ...levels, ...final],
    value: `CASE WHEN ${missing} THEN NULL WHEN ${product} IS NOT NULL AND ${inRange} THEN ${jsRoundSql(product)}::BIGINT END`,
    reason: `CASE WHEN ${missing} THEN NULL WHEN ${spreadsheetError} THEN 'spreadsheet_error'
      WHEN ${product} IS NULL THEN 'not_a_number' WHEN NOT ${inRange} THEN 'out_of_range' END`,
  };
}

/** SQL for an id or free-text column (normalizeId / normalizeText). */
export function textSql(col: string, p: string, kind: 'id' | 'text'): ValueSql {
  const t = `${p}t`;
  const u = `${p}u`;
  const missing = `${p}miss`;
  const error = `${p}err`;
  // Quoted cells may hold CRLF; the TS path reads text with unified line endings.
  const source = kind === 'text' ? `regexp_replace(${col}, ${re('\\r\\n?')}, chr(10), 'g')` : col;
  const levels: Level[] = [
    [[t, trimSql(source)]],
    [
      [t, t],
      [missing, isMissingSql(t)],
      [error, isSpreadsheetErrorSql(t)],
      // `'0812…`: Excel's text marker (or our own formula neutralising) before a digit or formula character.
      [u, `CASE WHEN ascii(${t}) = 39 AND regexp_matches(${t}, ${re("^'[0-9+=@\\-\\t\\r]")}) THEN substr(${t}, 2) ELSE ${t} END`],
    ],
  ];
  if (kind === 'text') {
    return {
      levels,
      value: `CASE WHEN ${missing} OR ${error} THEN NULL ELSE ${u} END`,
      reason: `CASE WHEN ${missing} THEN NULL WHEN ${error} THEN 'spreadsheet_error' END`,
    };
  }
  const scientific = `${p}sci`;
  levels.push([
    [t, t],
    [u, u],
    [missing, missing],
    [error, error],
    [
      scientific,
      `((ascii(${u}) IN (43, 45) OR ascii(${u}) BETWEEN 48 AND 57) AND regexp_full_match(${u}, ${re('(?i)[+-]?\\d(?:[.,]\\d+)?E[+-]\\d+')}))`,
    ],
  ]);
  return {
    levels,
    value: `CASE WHEN ${missing} OR ${error} OR ${scientific} THEN NULL ELSE ${u} END`,
    reason: `CASE WHEN ${missing} THEN NULL WHEN ${error} THEN 'spreadsheet_error' WHEN ${scientific} THEN 'scientific_notation_id' END`,
  };
}
