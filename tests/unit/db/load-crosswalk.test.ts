/**
 * The function crosswalk table (db/load-canonical.ts) is built from the parsed file as a VALUES
 * list; it must hold what DuckDB's own CSV reader makes of the same file: one row per
 * function and official task, `ord` the function's row in the file.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openNodeDatabase } from '../../../src/lib/db/node-database';
import { loadCrosswalk } from '../../../src/lib/db/load-canonical';
import { appFile } from '../../../src/lib/db/engine-lockdown';
import { stringLiteral } from '../../../src/lib/query/sql';

const crosswalk = new Uint8Array(readFileSync('data/mentor-functions.csv'));
const ROWS = `SELECT framework, "function", label_id, label_en, ord::BIGINT AS ord, official_task FROM function_crosswalk ORDER BY ord, official_task`;

describe('loadCrosswalk', () => {
  it('holds the rows the CSV reader gives for the same file', async () => {
    const db = await openNodeDatabase();
    await loadCrosswalk(db, crosswalk);
    const built = await db.query(ROWS);
    const file = appFile('crosswalk-check.csv');
    await db.registerFileBuffer(file, crosswalk.slice());
    await db.query(`CREATE OR REPLACE TABLE function_crosswalk AS
      SELECT framework, "function", label_id, label_en, ord, trim(task) AS official_task
      FROM (SELECT *, row_number() OVER () AS ord FROM read_csv(${stringLiteral(file)}, header = true, auto_detect = false,
        columns = {'framework': 'VARCHAR', 'function': 'VARCHAR', 'label_id': 'VARCHAR', 'label_en': 'VARCHAR', 'official_tasks': 'VARCHAR', 'aliases': 'VARCHAR'})),
      unnest(string_split(official_tasks, '|')) AS t(task) WHERE trim(task) <> ''`);
    const read = await db.query(ROWS);
    expect(built.length).toBeGreaterThan(40);
    expect(built).toEqual(read);
    const types = await db.query<{ column_type: string }>(`SELECT column_type FROM (DESCRIBE function_crosswalk)`);
    await loadCrosswalk(db, crosswalk);
    expect(await db.query<{ column_type: string }>(`SELECT column_type FROM (DESCRIBE function_crosswalk)`)).toEqual(types);
    await db.close?.();
  });

  it('a label with a quote is kept as written', async () => {
    const db = await openNodeDatabase();
    const csv = `framework,function,label_id,label_en,official_tasks,aliases\nx,f1,"Pendampingan ""lapangan""",Field's work,observe|guide,\nx,f2,Kosong,Empty,,\n`;
    await loadCrosswalk(db, new TextEncoder().encode(csv));
    expect(await db.query(ROWS)).toEqual([
      { framework: 'x', function: 'f1', label_id: 'Pendampingan "lapangan"', label_en: "Field's work", ord: 1, official_task: 'guide' },
      { framework: 'x', function: 'f1', label_id: 'Pendampingan "lapangan"', label_en: "Field's work", ord: 1, official_task: 'observe' },
    ]);
    await db.close?.();
  });
});
