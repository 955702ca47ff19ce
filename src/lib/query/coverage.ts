/**
 * What the loaded dataset actually holds: rows per table and filled values per column. An
 * upload need not be complete (a set without outcomes, a clients file without `programme`),
 * so every measure, dimension and headline number states what it needs (`needs`:
 * `'sessions'` — the table has rows; `'outcomes.monthly_revenue'` — that column has values),
 * and a page shows an empty state that names the missing piece instead of a chart of nothing.
 */
import type { Database } from './database';
import { TABLES, TABLE_NAMES, type TableName } from '../domain/schema';
import { ident } from './sql';

export interface Coverage {
  readonly rows: Readonly<Record<TableName, number>>;
  /** `table.column` → values that are not missing. */
  readonly filled: Readonly<Record<string, number>>;
}

/** Counts rows and filled values of every canonical column (one scan per table). */
export async function datasetCoverage(db: Database): Promise<Coverage> {
  const rows = {} as Record<TableName, number>;
  const filled: Record<string, number> = {};
  for (const table of TABLE_NAMES) {
    const names = TABLES[table].columns.map((c) => c.name);
    const [row] = await db.query<Record<string, number>>(
      `SELECT count(*)::BIGINT AS __rows, ${names.map((n, i) => `count(${ident(n, names)})::BIGINT AS c${i}`).join(', ')} FROM ${table}`,
    );
    rows[table] = Number(row.__rows);
    names.forEach((n, i) => (filled[`${table}.${n}`] = Number(row[`c${i}`])));
  }
  return { rows, filled };
}

/** The first of `needs` the dataset lacks, or null when it has all (or when coverage is unknown). */
export function missingNeed(needs: readonly string[], coverage: Coverage | null): string | null {
  if (!coverage) return null;
  for (const need of needs) {
    const [table, column] = need.split('.') as [TableName, string | undefined];
    if (!(coverage.rows[table] > 0)) return table;
    if (column && !(coverage.filled[need] > 0)) return need;
  }
  return null;
}
