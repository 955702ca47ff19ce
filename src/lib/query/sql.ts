/**
 * The one audited place where text becomes SQL. Values from users always travel as bound
 * parameters; these helpers exist for the few things SQL cannot bind (identifiers, file
 * names in `read_csv`), and each checks its input against what it may be.
 */

const SAFE_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Quotes an identifier that must already be one of the schema's known names. */
export function ident(name: string, known: readonly string[]): string {
  if (!known.includes(name) || !SAFE_IDENTIFIER.test(name)) {
    throw new Error(`Unknown identifier: ${JSON.stringify(name)}`);
  }
  return `"${name}"`;
}

/** A SQL string literal with single quotes doubled; for names the app itself chose. */
export function stringLiteral(text: string): string {
  if (text.includes('\u0000')) throw new Error('NUL byte in SQL literal');
  return `'${text.replaceAll("'", "''")}'`;
}

/** A double-quoted identifier, quotes doubled; for names the app or a checked manifest chose. */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new Error('NUL byte in SQL identifier');
  return `"${name.replaceAll('"', '""')}"`;
}

/** A bound value as a SQL literal, typed as DuckDB-WASM binds it (numbers as DOUBLE or BIGINT). */
export function valueLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
    return Number.isSafeInteger(value) ? `CAST(${value} AS BIGINT)` : `CAST(${value.toPrecision(17)} AS DOUBLE)`;
  }
  return stringLiteral(value);
}

/**
 * Puts bound values into the text where the statement has its `?` placeholders (outside
 * strings, quoted names and comments), each as `valueLiteral` writes it. For the engine's
 * cancellable path, which takes text only; the values are still never glued in unescaped.
 */
export function inlineParams(sql: string, params: readonly (string | number | boolean | null)[]): string {
  let out = '';
  let next = 0;
  let i = 0;
  const n = sql.length;
  const copyUntil = (end: number) => {
    out += sql.slice(i, end);
    i = end;
  };
  while (i < n) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      let end = i + 1;
      while (end < n && !(sql[end] === c && sql[end + 1] !== c)) end += sql[end] === c ? 2 : 1;
      copyUntil(Math.min(n, end + 1));
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      copyUntil(end < 0 ? n : end + 1);
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      copyUntil(end < 0 ? n : end + 2);
    } else if (c === '?') {
      if (next >= params.length) throw new Error('More placeholders than values');
      out += valueLiteral(params[next++]);
      i++;
    } else {
      out += c;
      i++;
    }
  }
  if (next !== params.length) throw new Error(`${params.length} values for ${next} placeholders`);
  return out;
}
