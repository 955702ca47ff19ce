/**
 * The two references the browser is compared with, on the same files and the same
 * aggregates: native DuckDB (the app's own SQL on @duckdb/node-api) and the naive
 * approach (PapaParse + plain JavaScript).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openNativeDatabase } from '../lib/native-duckdb';
import { readCanonicalCsvSql } from '../../src/lib/db/load-canonical';
import { buildModel } from '../../src/lib/query/model';
import { exploreResults } from '../../src/lib/query/explore';
import { DEFAULT_VIEW, type ViewState } from '../../src/lib/state/view';
import { TABLE_NAMES } from '../../src/lib/domain/schema';
import { loadNaive, naiveView } from './naive';
import { summarise, timeIt } from './stats';

export const REPEATS = 20;
const REGIONS = ['5201', '5202', '5203', '5204', '5205', '5206', '5207', '5208', '5271', '5272'];
const REGROUP_DIMENSIONS = ['region', 'cohort', 'programme', 'sector', 'function'];

export interface Measured {
  step: string;
  way: 'browser' | 'native' | 'naive';
  median_ms: number;
  p95_ms: number;
  runs: number;
  note?: string;
}

/** The views a filter-change run steps through: the default view with one region each. */
export function filterViews(): ViewState[] {
  return Array.from({ length: REPEATS }, (_, i) => ({ ...DEFAULT_VIEW, filters: { values: { region: [REGIONS[i % REGIONS.length]] } } }));
}
export function regroupViews(): ViewState[] {
  return Array.from({ length: REPEATS }, (_, i) => ({ ...DEFAULT_VIEW, dimension: REGROUP_DIMENSIONS[i % REGROUP_DIMENSIONS.length] }));
}

export async function measureNative(folder: string): Promise<Measured[]> {
  const crosswalkDir = resolve('data');
  const [db, open] = await timeIt(() => openNativeDatabase([folder, crosswalkDir]));
  const [, load] = await timeIt(async () => {
    await db.query(`CREATE OR REPLACE TABLE function_crosswalk AS
      SELECT framework, "function", label_id, label_en, ord, trim(task) AS official_task
      FROM (SELECT *, row_number() OVER () AS ord FROM read_csv('mentor-functions.csv', header = true, auto_detect = true)),
        unnest(string_split(official_tasks, '|')) AS t(task) WHERE trim(task) <> ''`);
    for (const table of TABLE_NAMES) await db.query(`CREATE OR REPLACE TABLE ${table} AS ${readCanonicalCsvSql(table, `${table}.csv`)}`);
    await buildModel(db);
    await exploreResults(db, DEFAULT_VIEW);
  });
  const filter: number[] = [];
  for (const view of filterViews()) filter.push((await exploreResults(db, view)).ms);
  const regroup: number[] = [];
  for (const view of regroupViews()) regroup.push((await exploreResults(db, view)).ms);
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
  for (let i = 0; i < REPEATS; i++) filter.push((await timeIt(() => naiveView(data, { regions: [REGIONS[i % REGIONS.length]], dimension: 'function', minSessions: 3 })))[1]);
  const regroup: number[] = [];
  for (let i = 0; i < REPEATS; i++) regroup.push((await timeIt(() => naiveView(data, { dimension: i % 2 ? 'function' : 'region', minSessions: 3 })))[1]);
  return [
    { step: 'load_to_first_chart', way: 'naive', ...summarise([load]), note: 'PapaParse + JS group-by, main thread' },
    { step: 'filter_change', way: 'naive', ...summarise(filter) },
    { step: 'regroup', way: 'naive', ...summarise(regroup) },
  ];
}
