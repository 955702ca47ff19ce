/**
 * The two references the browser is compared with, on the same files and the same
 * aggregates: native DuckDB (the app's own SQL on @duckdb/node-api) and the naive
 * approach (PapaParse + plain JavaScript).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openNativeDatabase } from '../lib/native-duckdb';
import { canonicalHeaderOfFile } from '../lib/csv-header';
import { readCanonicalCsvSql } from '../../src/lib/db/load-canonical';
import { buildModel } from '../../src/lib/query/model';
import { exploreResults } from '../../src/lib/query/explore';
import { DEFAULT_VIEW } from '../../src/lib/query/view';
import { ResultCache } from '../../src/lib/query/result-cache';
import { benchViews } from './interactions';
import { TABLE_NAMES } from '../../src/lib/domain/schema';
import { loadNaive, naiveView } from './naive';
import { summarise, timeIt } from './stats';

export const REPEATS = 20;
export interface Measured {
  step: string;
  way: 'browser' | 'native' | 'naive';
  median_ms: number;
  p95_ms: number;
  runs: number;
  note?: string;
}

export async function measureNative(folder: string): Promise<Measured[]> {
  const crosswalkDir = resolve('data');
  const [db, open] = await timeIt(() => openNativeDatabase([folder, crosswalkDir]));
  const [, load] = await timeIt(async () => {
    await db.query(`CREATE OR REPLACE TABLE function_crosswalk AS
      SELECT framework, "function", label_id, label_en, ord, trim(task) AS official_task
      FROM (SELECT *, row_number() OVER () AS ord FROM read_csv('mentor-functions.csv', header = true, auto_detect = true)),
        unnest(string_split(official_tasks, '|')) AS t(task) WHERE trim(task) <> ''`);
    for (const table of TABLE_NAMES) await db.query(`CREATE OR REPLACE TABLE ${table} AS ${readCanonicalCsvSql(table, `${table}.csv`, canonicalHeaderOfFile(join(folder, `${table}.csv`)))}`);
    await buildModel(db);
    await exploreResults(db, DEFAULT_VIEW);
  });
  // The same view sequence and the same result cache as the page.
  const cache = new ResultCache();
  await exploreResults(db, DEFAULT_VIEW, cache);
  const filter: number[] = [];
  const regroup: number[] = [];
  for (const { action, view } of benchViews()) {
    const { ms } = await exploreResults(db, view, cache);
    if (action.step === 'filter_change') filter.push(ms);
    if (action.step === 'regroup') regroup.push(ms);
  }
  db.close();
  return [
    { step: 'startup', way: 'native', ...summarise([open]) },
    { step: 'load_to_first_chart', way: 'native', ...summarise([load]), note: 'read_csv + model + first view' },
    { step: 'filter_change', way: 'native', ...summarise(filter) },
    { step: 'regroup', way: 'native', ...summarise(regroup) },
  ];
}

export async function measureNaive(folder: string): Promise<Measured[]> {
  const [data, load] = await timeIt(() => {
    const read = (t: string) => readFileSync(join(folder, `${t}.csv`), 'utf8');
    const d = loadNaive({ clients: read('clients'), sessions: read('sessions'), outcomes: read('outcomes') });
    naiveView(d, { dimension: 'function', minSessions: 3 });
    return d;
  });
  const filter: number[] = [];
  // The same filter states as the other ways (the naive view has no cache to reuse).
  for (const { action, view } of benchViews()) {
    if (action.step !== 'filter_change') continue;
    const regions = [...(view.filters.values.region ?? [])];
    filter.push((await timeIt(() => naiveView(data, { regions, dimension: 'function', minSessions: 3 })))[1]);
  }
  const regroup: number[] = [];
  for (let i = 0; i < REPEATS; i++) regroup.push((await timeIt(() => naiveView(data, { dimension: i % 2 ? 'function' : 'region', minSessions: 3 })))[1]);
  return [
    { step: 'load_to_first_chart', way: 'naive', ...summarise([load]), note: 'PapaParse + JS group-by, main thread' },
    { step: 'filter_change', way: 'naive', ...summarise(filter) },
    { step: 'regroup', way: 'naive', ...summarise(regroup) },
  ];
}
