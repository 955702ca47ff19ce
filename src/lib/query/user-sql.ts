/**
 * The SQL page's engine room: run an evaluator's own query without letting it change the
 * loaded data. The text goes to DuckDB's `query()` table function as a bound parameter;
 * `query()` accepts exactly one SELECT statement (also DESCRIBE/SUMMARIZE/FROM-first) and
 * refuses everything else — DROP, INSERT, CREATE, COPY, ATTACH, INSTALL, SET, PRAGMA, or a
 * second statement after a `;` — in the parser, before anything runs.
 */
import { QueryCancelledError, cancelReasonOf } from './cancel';
import type { Database } from './database';
import { checkUserSql } from './user-sql-guard';
import { stringLiteral } from './sql';
import { completeModel, readsDeferredTable } from './model';
import { errorMessage } from '../domain/error-text';
import { STAGING_PREFIX } from '../domain/schema';

export const MAX_RESULT_ROWS = 10_000;
/** Characters kept of one cell (text, or a list/struct written as text); the rest is cut. */
export const MAX_CELL_CHARS = 2_000;
/** Arrow bytes kept of one result; a result that would be larger is cut there. */
export const MAX_RESULT_BYTES = 32 * 1024 * 1024;
/** Columns shown of one result. */
export const MAX_RESULT_COLUMNS = 200;
/** Time limits offered on the page (ms); the first is the default. */
export const TIME_LIMITS_MS = [30_000, 120_000, 600_000, 10_000] as const;
export const DEFAULT_TIME_LIMIT_MS = TIME_LIMITS_MS[0];

export interface UserQueryColumn {
  /** Unique key of the column in `rows` (result names may repeat). */
  key: string;
  name: string;
  type: string;
}

export interface UserQueryResult {
  columns: UserQueryColumn[];
  rows: Record<string, unknown>[];
  /** More rows exist than were fetched. */
  truncated: boolean;
  /** The result was larger than the byte budget and was cut off there. */
  bytesCapped: boolean;
  /** Columns left out beyond MAX_RESULT_COLUMNS. */
  columnsDropped: number;
  /** Cells longer than MAX_CELL_CHARS were cut (some may have been). */
  cellsCapped: boolean;
  ms: number;
}

export interface TableInfo {
  name: string;
  /** Null for views. */
  rows: number | null;
  columns: { name: string; type: string }[];
}

/** Why the SQL page refused or stopped a query, for a message in the UI language. */
export type UserQueryProblem =
  | { kind: 'empty' }
  | { kind: 'refused-function'; name: string }
  | { kind: 'timeout'; limitMs: number }
  | { kind: 'cancelled' }
  | { kind: 'engine'; category: EngineErrorCategory; detail: string };

export type EngineErrorCategory = 'not-select' | 'syntax' | 'unknown-name' | 'type' | 'access' | 'memory' | 'other';

export class UserQueryError extends Error {
  readonly problem: UserQueryProblem;
  constructor(problem: UserQueryProblem) {
    super(
      problem.kind === 'engine'
        ? problem.detail
        : problem.kind === 'refused-function'
          ? `Function ${problem.name}() is not allowed here`
          : problem.kind,
    );
    this.name = 'UserQueryError';
    this.problem = problem;
  }
}

/** Sorts DuckDB's error text into what an evaluator can act on. */
export function engineErrorCategory(message: string): EngineErrorCategory {
  if (/single SELECT statement/i.test(message)) return 'not-select';
  if (/^Parser Error/i.test(message)) return 'syntax';
  if (/^(Catalog|Binder) Error/i.test(message)) return 'unknown-name';
  if (/^Conversion Error|^Invalid Input Error|^Out of Range Error|^Mismatch Type Error/i.test(message)) return 'type';
  if (/^Permission Error|disabled by configuration|configuration has been locked/i.test(message)) return 'access';
  if (/^Out of Memory Error|memory/i.test(message)) return 'memory';
  return 'other';
}

/** Dates arrive from Arrow as epoch milliseconds; show them as ISO text. */
function presentValue(value: unknown, type: string): unknown {
  if (value == null) return null;
  if (type === 'DATE' && typeof value === 'number') return new Date(value).toISOString().slice(0, 10);
  if (type.startsWith('TIMESTAMP') && typeof value === 'number') return new Date(value).toISOString().replace('T', ' ').slice(0, 19);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null && Symbol.iterator in value)
    return JSON.stringify(Array.from(value as Iterable<unknown>));
  return value;
}

const NESTED_TYPE = /[[\]]|^(STRUCT|MAP|UNION)\b/;

/** The select item for column `position` (1-based) of the user's result, cut to a size a page can show. */
function cappedItem(position: number, type: string): string {
  const ref = `#${position}`;
  if (type === 'VARCHAR')
    return `CASE WHEN length(${ref}) > ${MAX_CELL_CHARS} THEN left(${ref}, ${MAX_CELL_CHARS}) || ' …' ELSE ${ref} END`;
  if (type === 'BLOB' || type === 'BIT' || NESTED_TYPE.test(type)) {
    return `CASE WHEN length(CAST(${ref} AS VARCHAR)) > ${MAX_CELL_CHARS} THEN left(CAST(${ref} AS VARCHAR), ${MAX_CELL_CHARS}) || ' …' ELSE CAST(${ref} AS VARCHAR) END`;
  }
  return ref;
}

/** The engine's table functions, asked once per database. */
const tableFunctionsOf = new WeakMap<Database, Promise<Set<string>>>();
function tableFunctions(db: Database): Promise<Set<string>> {
  let known = tableFunctionsOf.get(db);
  if (!known) {
    known = db
      .query<{ name: string }>(
        `SELECT DISTINCT lower(function_name) AS name FROM duckdb_functions() WHERE function_type IN ('table', 'table_macro', 'pragma')`,
      )
      .then((rows) => new Set(rows.map((r) => r.name)));
    tableFunctionsOf.set(db, known);
  }
  return known;
}

export interface UserQueryOptions {
  maxRows?: number;
  /** Stops the query (the Cancel button). */
  signal?: AbortSignal;
  /** Stops the query after this long; default DEFAULT_TIME_LIMIT_MS. */
  timeLimitMs?: number;
}

/**
 * Runs an evaluator's query: refused before it reaches the engine if it calls a function
 * that acts (user-sql-guard.ts); otherwise run through `query()` (one SELECT only),
 * stoppable by `signal` and by a time limit, with its rows, columns, cells and bytes
 * capped so a huge result is summarised instead of crashing the page.
 */
export async function runUserQuery(db: Database, sql: string, options: UserQueryOptions = {}): Promise<UserQueryResult> {
  const { maxRows = MAX_RESULT_ROWS, timeLimitMs = DEFAULT_TIME_LIMIT_MS } = options;
  const text = sql.trim().replace(/;\s*$/, '');
  if (!text) throw new UserQueryError({ kind: 'empty' });
  const verdict = checkUserSql(text, await tableFunctions(db));
  if (!verdict.ok) throw new UserQueryError({ kind: 'refused-function', name: verdict.refused! });
  // Just after an upload some model tables may still be on their way (before the time limit starts).
  if (readsDeferredTable(text)) await completeModel(db);

  const timer = AbortSignal.timeout(timeLimitMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timer]) : timer;
  const started = performance.now();
  try {
    const source = `query(${stringLiteral(text)})`;
    const described = await db.query<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${source}`, [], { signal });
    const shown = described.slice(0, MAX_RESULT_COLUMNS);
    const columns = shown.map((c, i) => ({ key: `c${i + 1}`, name: c.column_name, type: c.column_type }));
    const items = columns.map((c, i) => `${cappedItem(i + 1, c.type)} AS ${c.key}`);
    const capped = `SELECT ${items.length > 0 ? items.join(', ') : '*'} FROM ${source} LIMIT ${Math.max(0, Math.floor(maxRows)) + 1}`;
    const { rows: raw, truncated: bytesCapped } = db.queryCapped
      ? await db.queryCapped<Record<string, unknown>>(capped, { signal, maxBytes: MAX_RESULT_BYTES })
      : { rows: await db.query<Record<string, unknown>>(capped, [], { signal }), truncated: false };
    const rows = raw.slice(0, maxRows).map((r) => {
      const out: Record<string, unknown> = {};
      for (const c of columns) out[c.key] = presentValue(r[c.key], c.type);
      return out;
    });
    const cellsCapped = rows.some((r) => columns.some((c) => typeof r[c.key] === 'string' && (r[c.key] as string).length > MAX_CELL_CHARS));
    return {
      columns,
      rows,
      truncated: raw.length > maxRows,
      bytesCapped,
      columnsDropped: described.length - shown.length,
      cellsCapped,
      ms: performance.now() - started,
    };
  } catch (error) {
    if (error instanceof QueryCancelledError) {
      throw new UserQueryError(
        signal.aborted && cancelReasonOf(signal) === 'timeout' && !options.signal?.aborted
          ? { kind: 'timeout', limitMs: timeLimitMs }
          : { kind: 'cancelled' },
      );
    }
    const detail = errorMessage(error);
    throw new UserQueryError({ kind: 'engine', category: engineErrorCategory(detail), detail });
  }
}

/** The loaded and derived tables with their row counts and columns. */
export async function listTables(db: Database): Promise<TableInfo[]> {
  // Tables of the current database, plus views (a remote dataset's tables are views over
  // an attached file); their row counts are unknown without a scan, so they show none.
  // An upload's staging tables, there only while it runs, are not the dataset's.
  const tables = await db.query<{ table_name: string; rows: number | null }>(
    `SELECT table_name, estimated_size::BIGINT AS rows FROM duckdb_tables()
       WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal
         AND NOT starts_with(table_name, ${stringLiteral(STAGING_PREFIX)})
     UNION ALL
     SELECT view_name, NULL FROM duckdb_views()
       WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal
     ORDER BY 1`,
  );
  const columns = await db.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_catalog = current_database() AND table_schema = 'main' ORDER BY table_name, ordinal_position`,
  );
  return tables.map((t) => ({
    name: t.table_name,
    rows: t.rows,
    columns: columns.filter((c) => c.table_name === t.table_name).map((c) => ({ name: c.column_name, type: c.data_type })),
  }));
}
