/**
 * Groups by a client dimension from columns in memory (client-columns.ts, group-rows.ts):
 * a regroup under the same filters asks the engine nothing once the dimension's column is
 * known, a new filter asks for its selection only, and a changed model asks again. (That the
 * rows equal the direct SQL's for every dimension, filter and measure kind is checked in
 * median-from-values.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, QueryOptions, SqlParam } from '../../../src/lib/query/database';
import { runGroupQuery } from '../../../src/lib/query/group-query';
import { rowsByGroup } from '../../../src/lib/query/group-rows';
import { modelChanged } from '../../../src/lib/query/model';
import {
  clientsFromColumns,
  prefetchGroupColumns,
  selectedClients,
  selectedByValue,
  valueOrder,
  type ClientFilters,
} from '../../../src/lib/query/client-columns';
import { clientSelectionSql, Params } from '../../../src/lib/query/group-query';
import { openSampleDatabase } from '../../helpers/sample-db';
import { mulberry32 } from '../../helpers/mulberry32';

describe('rowsByGroup', () => {
  it('keeps the column’s order, a group of clients without values (n = 0), and no group nobody selected falls in', () => {
    const column = { groups: ['a', 'b', 'c', null], codes: Int32Array.of(-1, 0, 1, 3, 3, 0) };
    const measure = { has: Uint8Array.of(0, 1, 0, 1, 1, 1), values: Float64Array.of(0, 5, 0, 2, 4, 7) };
    const rows = rowsByGroup(Int32Array.of(1, 2, 3, 4, 5), column, measure, 'median', true);
    expect(rows.map((r) => [r.group, r.n, r.value, r.values && [...r.values]])).toEqual([
      ['a', 2, 6, [5, 7]],
      ['b', 0, null, null],
      [null, 2, 3, [2, 4]],
    ]);
  });
});

describe('values in value order', () => {
  const measure = { has: Uint8Array.of(1, 1, 0, 1, 1, 1, 1), values: Float64Array.of(9, 3, 0, 3, -1, 7, 0.5) };

  it('orders the clients with a value by value, ties by key', () => {
    expect([...valueOrder(measure)]).toEqual([4, 6, 1, 3, 5, 0]);
    expect([...selectedByValue(Int32Array.of(0, 2, 3, 4, 1), measure)]).toEqual([4, 1, 3, 0]);
  });

  it('orders every kind of column as a sort by value, then key, would (counting where values are small integers)', () => {
    const random = mulberry32(7);
    const reference = (m: { has: Uint8Array; values: Float64Array }) =>
      [...m.has.keys()].filter((k) => m.has[k] === 1).sort((a, b) => m.values[a]! - m.values[b]! || a - b);
    const cases: [string, (r: number) => number][] = [
      ['yes/no', (r) => (r < 0.4 ? 0 : 1)],
      ['counts', (r) => Math.floor(r * 40)],
      ['signed integers', (r) => Math.floor(r * 200) - 100],
      ['a span too wide to count', (r) => Math.floor(r * 1e9)],
      ['fractions', (r) => r * 3],
      ['fractions with ties', (r) => Math.round(r * 12) / 4 - 1],
      ['signed zeros', (r) => (r < 0.3 ? -0 : r < 0.6 ? 0 : r < 0.8 ? -0.5 : 0.5)],
    ];
    for (const [, draw] of cases) {
      const size = 5_000;
      const m = {
        has: Uint8Array.from({ length: size }, () => (random() < 0.8 ? 1 : 0)),
        values: Float64Array.from({ length: size }, () => draw(random())),
      };
      expect([...valueOrder(m)]).toEqual(reference(m));
    }
    expect([...valueOrder({ has: new Uint8Array(3), values: new Float64Array(3) })]).toEqual([]);
  });

  it('gives every group its values ascending, whatever order the clients come in', () => {
    const column = { groups: ['a', 'b'], codes: Int32Array.of(0, 1, 1, 0, 0, 1, 0) };
    const rows = rowsByGroup(Int32Array.of(6, 5, 4, 3, 2, 1, 0), column, measure, 'median', true);
    expect(rows.map((r) => [r.group, r.n, r.value, r.values && [...r.values]])).toEqual([
      ['a', 4, 1.75, [-1, 0.5, 3, 9]],
      ['b', 2, 5, [3, 7]],
    ]);
  });
});

describe('client dimensions from columns on the built-in sample', () => {
  let db: Database & { close(): void };
  let sent: string[] = [];
  let counting: Database;
  beforeAll(async () => {
    db = await openSampleDatabase();
    counting = {
      query<T>(sql: string, params?: readonly SqlParam[], options?: QueryOptions) {
        sent.push(sql.replace(/\s+/g, ' ').trim());
        return db.query<T>(sql, params, options);
      },
      registerFileBuffer: (name, bytes) => db.registerFileBuffer(name, bytes),
      dropFile: (name) => db.dropFile(name),
    };
  });
  afterAll(() => db?.close());

  const spec = { measure: 'revenue_growth_median', framework: 'official', minSessions: 3, withValues: true };
  const region = { values: { region: ['5201'] } };

  it('ask for a selection once per set of filters and for a column once per dimension and measure', async () => {
    sent = [];
    await runGroupQuery(counting, { ...spec, dimension: 'cohort', filters: region });
    expect(sent).toHaveLength(3); // the regions' groups (the selection is made from them), the measure's values, the cohorts
    sent = [];
    await runGroupQuery(counting, { ...spec, dimension: 'sector', filters: region });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('sector');
    sent = [];
    await runGroupQuery(counting, { ...spec, dimension: 'cohort', filters: region });
    await runGroupQuery(counting, { ...spec, measure: 'naik_kelas_rate', dimension: 'sector', filters: region });
    expect(sent).toHaveLength(1); // the rate's values; the selection is the same clients
    sent = [];
    await runGroupQuery(counting, { ...spec, dimension: 'cohort', filters: { values: {} } });
    expect(sent).toEqual([expect.stringMatching(/^SELECT list\(f\.client_key\) AS keys FROM \(SELECT \* FROM client_fact f/)]);
    modelChanged();
    sent = [];
    await runGroupQuery(counting, { ...spec, dimension: 'cohort', filters: region });
    expect(sent).toHaveLength(3);
  });

  it('select by client dimensions from their columns: the same clients as the SQL, no query once they are known', async () => {
    const sqlKeys = async (filters: ClientFilters) => {
      const params = new Params();
      const sql = clientSelectionSql({ ...filters }, 'official', 3, params);
      const [row] = await db.query<{ keys: unknown }>(
        `SELECT list(f.client_key ORDER BY f.client_key) AS keys FROM (${sql}) f`,
        params.list,
      );
      return [...Int32Array.from((row?.keys ?? []) as ArrayLike<number>)];
    };
    const cases: ClientFilters[] = [
      region,
      { values: { region: ['5201', '5271'], cohort: ['2024-A'] } },
      { values: { sector: ['kuliner'], owner_gender: ['P', 'koperasi'] } },
      { values: { year: ['2024'], region: [] } },
      { values: { region: ['5201'], entity_type: ['umkm'], mentor: ['P003', 'P011'] } },
    ];
    for (const filters of cases) {
      const fromColumns = await clientsFromColumns(db, filters);
      expect(fromColumns, JSON.stringify(filters)).not.toBeNull();
      expect([...fromColumns!], JSON.stringify(filters)).toEqual(await sqlKeys(filters));
    }
    expect((await sqlKeys(cases[1]!)).length).toBeGreaterThan(0);
    sent = [];
    await clientsFromColumns(counting, cases[1]!);
    expect(sent).toEqual([]); // the regions' and cohorts' groups are in memory by now
    // What the SQL answers: no filter, dates, functions, a value that is no group's text.
    expect(await clientsFromColumns(db, { values: {} })).toBeNull();
    expect(await clientsFromColumns(db, { ...region, dateFrom: '2024-01-01' })).toBeNull();
    expect(await clientsFromColumns(db, { values: { function: ['educate'] } })).toBeNull();
    expect(await clientsFromColumns(db, { values: { year: ['02024'] } })).toBeNull();
    // …which the engine then answers: through selectedClients, the same clients either way.
    const params = new Params();
    const odd = { values: { year: ['02024'] } };
    const sql = clientSelectionSql(odd, 'official', 3, params);
    expect([...(await selectedClients(db, 'odd year', sql, params.list, undefined, odd))].sort((a, b) => a - b)).toEqual(
      await sqlKeys(odd),
    );
  });

  it('prefetch the columns of other dimensions one after the other until the next view', async () => {
    modelChanged();
    sent = [];
    await prefetchGroupColumns(counting, ['f.sector', 'f.programme'], new AbortController().signal);
    expect(sent).toHaveLength(2);
    sent = [];
    await runGroupQuery(counting, { ...spec, dimension: 'programme', filters: region });
    expect(sent).toHaveLength(2); // the regions' groups (for the selection) and the measure's values: the programmes are known
    const stopped = new AbortController();
    stopped.abort();
    sent = [];
    await prefetchGroupColumns(counting, ['f.island'], stopped.signal);
    expect(sent).toEqual([]);
  });
});
