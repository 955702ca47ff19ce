/** The problems of a load counted per file, column, reason and action (the report's summary). */
import type { Database } from '../query/database';
import { PROBLEMS_TABLE } from './stage';
import type { ProblemCount } from './types';

export async function problemCounts(db: Database, names: readonly string[]): Promise<ProblemCount[]> {
  const rows = await db.query<{ file: number; column: string | null; reason: string; action: string; count: number }>(
    `SELECT file, "column", reason, action, count(*)::BIGINT AS count FROM ${PROBLEMS_TABLE} GROUP BY ALL ORDER BY file, count DESC`,
  );
  return rows.map((r) => ({ ...r, file: names[r.file] ?? String(r.file) }) as ProblemCount);
}
