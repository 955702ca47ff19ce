/**
 * The SQL page's engine room: run an evaluator's own query without letting it change the
 * loaded data. The text goes to DuckDB's `query()` table function as a bound parameter;
 * `query()` accepts exactly one SELECT statement (also DESCRIBE/SUMMARIZE/FROM-first) and
 * refuses everything else — DROP, INSERT, CREATE, COPY, ATTACH, INSTALL, SET, PRAGMA, or a
 * second statement after a `;` — in the parser, before anything runs.
 */
import type { Database } from '../db/types';

export const MAX_RESULT_ROWS = 10_000;

export interface UserQueryResult {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  /** More rows exist than were fetched. */
  truncated: boolean;
  ms: number;
}

export interface TableInfo {
  name: string;
  /** Null for views. */
  rows: number | null;
  columns: { name: string; type: string }[];
}

/** Dates arrive from Arrow as epoch milliseconds; show them as ISO text. */
function presentValue(value: unknown, type: string): unknown {
  if (value == null) return null;
  if (type === 'DATE' && typeof value === 'number') return new Date(value).toISOString().slice(0, 10);
  if (type.startsWith('TIMESTAMP') && typeof value === 'number') return new Date(value).toISOString().replace('T', ' ').slice(0, 19);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null && Symbol.iterator in value) return JSON.stringify(Array.from(value as Iterable<unknown>));
  return value;
}

export async function runUserQuery(db: Database, sql: string, maxRows = MAX_RESULT_ROWS): Promise<UserQueryResult> {
  const text = sql.trim().replace(/;\s*$/, '');
  if (!text) throw new Error('Empty query');
  const started = performance.now();
  const columns = (await db.query<{ column_name: string; column_type: string }>('DESCRIBE SELECT * FROM query(?)', [text])).map((c) => ({
    name: c.column_name,
    type: c.column_type,
  }));
  const raw = await db.query<Record<string, unknown>>('SELECT * FROM query(?) LIMIT ?', [text, maxRows + 1]);
  const truncated = raw.length > maxRows;
  const rows = raw.slice(0, maxRows).map((r) => {
    const out: Record<string, unknown> = {};
    for (const c of columns) out[c.name] = presentValue(r[c.name], c.type);
    return out;
  });
  return { columns, rows, truncated, ms: performance.now() - started };
}

/** The loaded and derived tables with their row counts and columns. */
export async function listTables(db: Database): Promise<TableInfo[]> {
  // Tables of the current database, plus views (a remote dataset's tables are views over
  // an attached file); their row counts are unknown without a scan, so they show none.
  const tables = await db.query<{ table_name: string; rows: number | null }>(
    `SELECT table_name, estimated_size::BIGINT AS rows FROM duckdb_tables()
       WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal
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
