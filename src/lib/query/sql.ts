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
