/**
 * The one way the dataset's tables are replaced: in a single transaction on the object the
 * pages query (see upload/commit.ts), after the views of a remote or stored dataset — if one
 * is in use — have given way, rolled back as a whole on any error. The model generation
 * moves on either way (query/model.ts), so no page trusts what it knew about the old tables.
 */
import { EXPOSURE_ADDITIONS, modelChanged } from '../query/model';
import { quoteIdent } from '../query/sql';
import type { Database } from '../query/database';

/** Attached remote files are named `dmp_remote_<generation>_<n>` (see remote-source.ts). */
export const REMOTE_ALIAS_PREFIX = 'dmp_remote_';

/** The catalog of the browser's own database file, where uploads are kept (stored-tables.ts). */
export const STORE_CATALOG = 'dampingan_store';

/**
 * Drops every view that reads an attached remote file or a stored dataset (the canonical
 * and model views of such a dataset), so that tables of those names can be created again.
 * Returns whether it dropped any.
 */
export async function dropDatasetViews(conn: Database, which: 'remote' | 'all' = 'all'): Promise<boolean> {
  const markers = which === 'remote' ? [REMOTE_ALIAS_PREFIX] : [REMOTE_ALIAS_PREFIX, STORE_CATALOG];
  const views = await conn.query<{ name: string }>(
    `SELECT view_name AS name FROM duckdb_views()
     WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal
       AND (${markers.map(() => 'contains(sql, ?)').join(' OR ')})`,
    markers,
  );
  for (const view of views) await conn.query(`DROP VIEW ${quoteIdent(view.name)}`);
  return views.length > 0;
}

/** Drops the named tables or views of the current database, whichever they are. */
export async function dropTablesOrViews(conn: Database, names: readonly string[]): Promise<void> {
  const rows = await conn.query<{ name: string; kind: 'table' | 'view' }>(
    `SELECT table_name AS name, 'table' AS kind FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'
     UNION ALL
     SELECT view_name, 'view' FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal`,
  );
  for (const name of names) {
    const found = rows.find((r) => r.name === name);
    if (found) await conn.query(`DROP ${found.kind === 'view' ? 'VIEW' : 'TABLE'} ${quoteIdent(name)}`);
  }
}

/**
 * Runs `work` (which creates the new tables or views) as one swap; see above. With
 * `engineEmpty` (no dataset has been in this engine) there are no views to drop.
 */
export async function swapTables<T>(db: Database, work: () => Promise<T>, options: { engineEmpty?: boolean } = {}): Promise<T> {
  await db.query('BEGIN TRANSACTION');
  try {
    if (!options.engineEmpty) await dropDatasetViews(db);
    // A stored dataset's exposure additions belong to its views, gone now.
    await db.query(`DROP TABLE IF EXISTS ${EXPOSURE_ADDITIONS}`);
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
