/**
 * What an evaluator's own SQL may call, checked before the engine sees the text.
 *
 * The engine already refuses files and URLs (db/engine-lockdown.ts) and `query()` accepts one
 * SELECT only; what neither stops are functions that act rather than read — a table function
 * that turns logging on (`enable_logging(storage = 'file', …)` leaves every later query
 * failing), forces a checkpoint, truncates logs, or runs SQL from a string (`query()`,
 * `query_table()`), and scalars with state (`setseed`, `nextval`). Binding a query is enough
 * to trigger some of them, so the check runs on the text, before DESCRIBE.
 *
 * The rule is an allow list for table functions (anything the engine lists as a table
 * function and is not read-only metadata or a generator is refused, so functions of a newer
 * engine are refused until someone looks at them) and a deny list for the few scalars with
 * side effects. A function call is any identifier — plain or "quoted", schema-qualified or
 * not, also after a dot (`x.setseed()`) — followed by `(`, outside strings and comments.
 */

/** Table functions that only read metadata or generate values. */
export const ALLOWED_TABLE_FUNCTIONS: ReadonlySet<string> = new Set([
  'range',
  'generate_series',
  'unnest',
  'repeat',
  'repeat_row',
  'summary',
  'histogram',
  'histogram_values',
  'duckdb_columns',
  'duckdb_constraints',
  'duckdb_databases',
  'duckdb_dependencies',
  'duckdb_functions',
  'duckdb_indexes',
  'duckdb_keywords',
  'duckdb_optimizers',
  'duckdb_schemas',
  'duckdb_sequences',
  'duckdb_settings',
  'duckdb_tables',
  'duckdb_types',
  'duckdb_views',
  'pragma_table_info',
  'pragma_version',
  'pragma_platform',
  'pragma_show',
]);

/** Scalar functions that change engine state. */
export const DENIED_SCALAR_FUNCTIONS: ReadonlySet<string> = new Set(['setseed', 'nextval', 'currval']);

/**
 * Refused even if an engine does not list them as table functions: they run SQL text,
 * change logging or storage, or read files.
 */
const ALWAYS_DENIED: ReadonlySet<string> = new Set([
  'query',
  'query_table',
  'enable_logging',
  'disable_logging',
  'truncate_duckdb_logs',
  'checkpoint',
  'force_checkpoint',
  'read_csv',
  'read_csv_auto',
  'read_text',
  'read_blob',
  'read_parquet',
  'read_json',
  'read_json_auto',
  'sniff_csv',
  'glob',
  'parquet_scan',
]);

export interface GuardVerdict {
  ok: boolean;
  /** The first refused function, lower case, when not ok. */
  refused?: string;
}

type Token = { kind: 'ident'; name: string } | { kind: 'paren' } | { kind: 'other' };

/** Length of a dollar-quote tag (`$tag$` or `$$`) starting at `i`, or 0. */
function dollarTag(sql: string, i: number): number {
  const match = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66));
  return match ? match[0].length : 0;
}

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

/** Identifiers, `(` and everything else, with strings and comments skipped. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      // Block comments nest in DuckDB's (PostgreSQL's) grammar.
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
    } else if (c === "'" || ((c === 'e' || c === 'E') && sql[i + 1] === "'")) {
      const escapes = c !== "'";
      i += escapes ? 2 : 1;
      while (i < n) {
        if (escapes && sql[i] === '\\') i += 2;
        else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
        else if (sql[i] === "'") {
          i++;
          break;
        } else i++;
      }
      tokens.push({ kind: 'other' });
    } else if (c === '$' && dollarTag(sql, i) > 0) {
      const tag = sql.slice(i, i + dollarTag(sql, i));
      const end = sql.indexOf(tag, i + tag.length);
      i = end < 0 ? n : end + tag.length;
      tokens.push({ kind: 'other' });
    } else if (c === '"') {
      let name = '';
      i++;
      while (i < n) {
        if (sql[i] === '"' && sql[i + 1] === '"') {
          name += '"';
          i += 2;
        } else if (sql[i] === '"') {
          i++;
          break;
        } else name += sql[i++];
      }
      tokens.push({ kind: 'ident', name: name.toLowerCase() });
    } else if (IDENT_START.test(c)) {
      let end = i + 1;
      while (end < n && IDENT_PART.test(sql[end])) end++;
      tokens.push({ kind: 'ident', name: sql.slice(i, end).toLowerCase() });
      i = end;
    } else if (c === '(') {
      tokens.push({ kind: 'paren' });
      i++;
    } else {
      tokens.push({ kind: 'other' });
      i++;
    }
  }
  return tokens;
}

/** Names called as functions in the text (lower case, in order, repeats kept). */
export function calledFunctions(sql: string): string[] {
  const tokens = tokenize(sql);
  const called: string[] = [];
  for (let k = 0; k + 1 < tokens.length; k++) {
    const token = tokens[k];
    if (token.kind === 'ident' && tokens[k + 1].kind === 'paren') called.push(token.name);
  }
  return called;
}

/**
 * Whether the text may run. `tableFunctions` is the engine's own list of table functions
 * (`duckdb_functions()`), so a table function this list does not allow is refused.
 */
export function checkUserSql(sql: string, tableFunctions: ReadonlySet<string>): GuardVerdict {
  for (const name of calledFunctions(sql)) {
    if (ALWAYS_DENIED.has(name) || DENIED_SCALAR_FUNCTIONS.has(name)) return { ok: false, refused: name };
    if (name.startsWith('pragma_') && !ALLOWED_TABLE_FUNCTIONS.has(name)) return { ok: false, refused: name };
    if (tableFunctions.has(name) && !ALLOWED_TABLE_FUNCTIONS.has(name)) return { ok: false, refused: name };
  }
  return { ok: true };
}
