/**
 * Exposure groups split in TypeScript (exposure-groups.ts) against the dense join in the
 * engine (group-query.ts with `medianInEngine`): the same groups in the same order, the
 * same n, successes and values, and the very same medians, for every exposure rule, kind
 * of measure and filter; and the per-client session counts are asked once per model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, SqlParam } from '../../../src/lib/query/database';
import { countsFromLists, exposureGroupRows } from '../../../src/lib/query/exposure-groups';
import type { ValueColumn } from '../../../src/lib/query/client-columns';
import { runGroupQuery, type GroupQuerySpec, type GroupRow } from '../../../src/lib/query/group-query';
import { ensureFramework, modelChanged } from '../../../src/lib/query/model';
import { filterOptions } from '../../../src/lib/query/filter-options';
import { FRAMEWORK_KEYS } from '../../../src/lib/query/view';
import { openSampleDatabase } from '../../helpers/sample-db';

/** A measure's column from values by client key (holes: missing). */
function column(byKey: (number | undefined)[]): ValueColumn {
  const has = new Uint8Array(8);
  const values = new Float64Array(8);
  byKey.forEach((v, key) => {
    if (v === undefined) return;
    has[key] = 1;
    values[key] = v;
  });
  return { has, values };
}

describe('exposureGroupRows', () => {
  // Two functions; client 4 has no row for "b" (not counted there at all).
  const counts = countsFromLists([
    { group: 'a', keys: [1, 2, 3, 4], sessions: [0, 3, 5, 1] },
    { group: 'b', keys: [1, 2, 3], sessions: [4, 4, 4] },
  ]);

  it('splits the selected clients by the rule, exposed first, and leaves out missing rows and empty sides', () => {
    const rows = exposureGroupRows(counts, Int32Array.of(1, 2, 3, 4), column([undefined, 10, 20, 30, 40]), 3, 'median', true);
    expect(rows.map((r) => [r.group, r.exposed, r.n, r.value, r.values && [...r.values].sort((x, y) => x - y)])).toEqual([
      ['a', true, 2, 25, [20, 30]],
      ['a', false, 2, 25, [10, 40]],
      ['b', true, 3, 20, [10, 20, 30]],
    ]);
  });

  it('keeps a group whose clients all lack a value (n = 0), as the SQL does', () => {
    const rows = exposureGroupRows(counts, Int32Array.of(2), column([]), 3, 'mean', true);
    expect(rows).toEqual([
      { group: 'a', group2: null, exposed: true, n: 0, value: null, successes: null, values: null },
      { group: 'b', group2: null, exposed: true, n: 0, value: null, successes: null, values: null },
    ]);
  });

  it('counts successes of a rate and returns no values for it', () => {
    const [exposed, other] = exposureGroupRows(counts, Int32Array.of(1, 2, 3), column([undefined, 1, 0, 1]), 1, 'rate', true);
    expect(exposed).toMatchObject({ group: 'a', exposed: true, n: 2, successes: 1, value: 0.5, values: null });
    expect(other).toMatchObject({ group: 'a', exposed: false, n: 1, successes: 1, value: 1, values: null });
  });
});

describe('exposure groups on the built-in sample', () => {
  let db: Database & { close(): void };
  let sent: string[] = [];
  let selections = 0;
  let counting: Database;
  beforeAll(async () => {
    db = await openSampleDatabase();
    counting = {
      query<T>(sql: string, params?: readonly SqlParam[], options?: Parameters<Database['query']>[2]) {
        sent.push(sql.trim().split(/\s+/).slice(0, 2).join(' '));
        if (/^SELECT list\(f\.client_key\) AS keys FROM \(/.test(sql)) selections++;
        return db.query<T>(sql, params, options);
      },
      registerFileBuffer: (name, bytes) => db.registerFileBuffer(name, bytes),
      dropFile: (name) => db.dropFile(name),
    };
  });
  afterAll(() => db?.close());

  const comparable = (row: GroupRow) => ({ ...row, values: row.values ? [...row.values].sort((a, b) => a - b) : null });

  async function same(spec: GroupQuerySpec): Promise<GroupRow[]> {
    const fast = await runGroupQuery(db, spec);
    const direct = await runGroupQuery(db, spec, undefined, { medianInEngine: true });
    const mean = spec.measure === 'revenue_growth_mean';
    const strip = (row: GroupRow) => ({ ...comparable(row), value: mean ? null : row.value });
    expect(fast.map(strip)).toEqual(direct.map(strip));
    // Values come ascending (medians and intervals read them off without selecting).
    for (const row of fast) if (row.values) expect([...row.values]).toEqual([...row.values].sort((a, b) => a - b));
    fast.forEach((row, i) => {
      const expected = direct[i]!.value;
      if (mean && row.value != null && expected != null)
        expect(Math.abs(row.value - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
      else expect(Object.is(row.value, expected)).toBe(true);
    });
    return fast;
  }

  it('match the dense join for every rule, measure kind and dimension', async () => {
    for (const dimension of ['function', 'support_area'])
      for (const measure of ['revenue_growth_median', 'revenue_growth_mean', 'naik_kelas_rate', 'employment_change'])
        for (const minSessions of [1, 3, 6]) {
          const rows = await same({
            measure,
            dimension,
            framework: 'suharto_roles',
            minSessions,
            filters: { values: {} },
            withValues: true,
          });
          expect(rows.length).toBeGreaterThan(4);
        }
  });

  it('match the dense join under filters: regions, functions (any and all), dates, and a selection of no one', async () => {
    const base = { measure: 'revenue_growth_median', dimension: 'function', framework: 'official', minSessions: 2, withValues: true };
    await same({ ...base, filters: { values: { region: ['5201', '5271'] } } });
    await same({ ...base, dimension: 'support_area', filters: { values: { function: ['educate', 'facilitate'] }, match: 'all' } });
    await same({ ...base, dimension: 'support_area', filters: { values: { function: ['educate', 'facilitate'] } } });
    await same({ ...base, filters: { values: { cohort: ['2024-A'] }, dateFrom: '2023-06-01', dateTo: '2025-06-30' } });
    expect(await same({ ...base, filters: { values: { region: ['0000'] } } })).toEqual([]);
  });

  it('give the function filter the clients the SQL counts, for every framework', async () => {
    for (const framework of FRAMEWORK_KEYS) {
      await ensureFramework(db, framework);
      const direct = await db.query<{ value: string; clients: number }>(
        `SELECT "function" AS value, count_if(sessions > 0)::INTEGER AS clients
         FROM client_function_sessions WHERE framework = ? GROUP BY "function" ORDER BY min(fn_key)`,
        [framework],
      );
      expect(direct.length, framework).toBeGreaterThan(0);
      expect((await filterOptions(db, framework)).function, framework).toEqual(direct.map((r) => ({ value: r.value, clients: r.clients })));
    }
  });

  it('ask for the session counts once per model, and again after the model changes', async () => {
    const spec = { measure: 'naik_kelas_rate', dimension: 'function', framework: 'primahendra', minSessions: 1, filters: { values: {} } };
    sent = [];
    selections = 0;
    await runGroupQuery(counting, spec);
    await runGroupQuery(counting, { ...spec, minSessions: 4 });
    await runGroupQuery(counting, { ...spec, filters: { values: { region: ['5201'] } } });
    const countQueries = () => sent.filter((s) => s === 'SELECT e."function"::VARCHAR').length;
    expect(countQueries()).toBe(1);
    // The first view asked for the selection of no filter; the second shared it; the third's
    // (a region) came from the regions' groups, asked once.
    expect(selections).toBe(1);
    modelChanged();
    await runGroupQuery(counting, spec);
    expect(countQueries()).toBe(2);
  });
});
