/**
 * The atomic swap: the canonical tables and the derived model are replaced in one
 * transaction, only after the whole set has been read and checked. If anything fails on
 * the way the transaction is rolled back: the tables the pages were showing are exactly
 * as they were. The statements go through `db` itself (the object the pages query). The
 * caller marks the dataset as loading meanwhile, so pages send no queries in between.
 */
import type { Database } from '../query/database';
import { TABLES, TABLE_NAMES } from '../domain/schema';
import { buildModel } from '../query/model';
import { swapTables } from '../db/swap';
import { ident } from '../query/sql';
import { stagingTable } from './checks';

export async function commitStaging(db: Database): Promise<void> {
  await swapTables(db, async () => {
    for (const table of TABLE_NAMES) {
      const names = TABLES[table].columns.map((c) => c.name);
      const cols = names.map((n) => ident(n, names)).join(', ');
      // Insertion order is preserved: the table reads like the files did.
      await db.query(`CREATE OR REPLACE TABLE ${table} AS SELECT ${cols} FROM ${stagingTable(table)}`);
      // The staging copy is not needed any more: free its memory before the model is built.
      await db.query(`DROP TABLE ${stagingTable(table)}`);
    }
    await buildModel(db);
  });
}
