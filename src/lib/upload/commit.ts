/**
 * The atomic swap: the canonical tables and the derived model are replaced in one
 * transaction, only after the whole set has been read and checked. If anything fails on
 * the way the transaction is rolled back: the tables the pages were showing are exactly
 * as they were. The statements go through `db` itself (the object the pages query). The
 * caller marks the dataset as loading meanwhile, so pages send no queries in between.
 *
 * Each staging table becomes its table by name: its bookkeeping columns are dropped and it
 * is renamed, so the rows are not copied (a copy of a million sessions took ≈ 1 s, and
 * held two of them in memory at once). The model's tables no first view reads are built
 * just after, in the background (query/model.ts, `DEFERRED_TABLES`).
 */
import type { Database } from '../query/database';
import { TABLE_NAMES } from '../domain/schema';
import { buildModel, completeModel } from '../query/model';
import { dropTablesOrViews, swapTables } from '../db/swap';
import { stagingTable } from './checks';

/** The staging tables' columns that are not the table's own (checks.ts, canonical-stage.ts). */
const BOOKKEEPING = ['_file', '_row', '_bad'] as const;

export async function commitStaging(db: Database): Promise<void> {
  await swapTables(db, async () => {
    await dropTablesOrViews(db, TABLE_NAMES);
    for (const table of TABLE_NAMES) {
      const staging = stagingTable(table);
      for (const column of BOOKKEEPING) await db.query(`ALTER TABLE ${staging} DROP COLUMN IF EXISTS ${column}`);
      // Insertion order is kept: the table reads like the files did.
      await db.query(`ALTER TABLE ${staging} RENAME TO ${table}`);
    }
    await buildModel(db, { defer: true });
  });
  // The dataset is shown meanwhile; a page that needs these tables first builds them itself.
  void completeModel(db, 'background').catch(() => undefined);
}
