/**
 * The one way the dataset's tables are replaced: in a single transaction on the object the
 * pages query (see upload/commit.ts), after the views of a remote dataset — if one is in
 * use — have given way, rolled back as a whole on any error. The model generation moves on
 * either way (query/model.ts), so no page trusts what it knew about the old tables.
 */
import { modelChanged } from '../query/model';
import { quoteIdent } from '../query/sql';
import type { Database } from './types';

/** Attached remote files are named `dmp_remote_<generation>_<n>` (see remote-source.ts). */
export const REMOTE_ALIAS_PREFIX = 'dmp_remote_';

/**
 * Drops every view that reads an attached remote file (the canonical and model views of a
 * remote dataset), so that tables of those names can be created again. Returns whether it
 * dropped any.
 */
export async function dropRemoteViews(conn: Database): Promise<boolean> {
  const views = await conn.query<{ name: string }>(
    `SELECT view_name AS name FROM duckdb_views()
     WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal AND contains(sql, ?)`,
    [REMOTE_ALIAS_PREFIX],
  );
  for (const view of views) await conn.query(`DROP VIEW ${quoteIdent(view.name)}`);
  return views.length > 0;
}

/** Runs `work` (which creates the new tables or views) as one swap; see above. */
export async function swapTables<T>(db: Database, work: () => Promise<T>): Promise<T> {
  await db.query('BEGIN TRANSACTION');
  try {
    await dropRemoteViews(db);
    const result = await work();
    await db.query('COMMIT');
    return result;
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    modelChanged();
  }
}
