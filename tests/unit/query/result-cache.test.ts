/**
 * The Explore result cache: parts of a view whose inputs did not change are not queried
 * again and come back as the same object; cached and uncached answers are equal; the cache
 * forgets failures and empties for another dataset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, QueryOptions, SqlParam } from '../../../src/lib/query/database';
import { QueryCancelledError } from '../../../src/lib/query/cancel';
import { exploreResults } from '../../../src/lib/query/explore';
import { ResultCache } from '../../../src/lib/query/result-cache';
import { DEFAULT_VIEW, toggleFilterValue, type ViewState } from '../../../src/lib/query/view';
import { openSampleDatabase } from '../../helpers/sample-db';
import { benchViews } from '../../../scripts/bench/interactions';
import { viewToParams } from '../../../src/lib/query/view-url';

let db: Database & { close(): void };
let queries: string[] = [];
const counting: Database = {
  query<T>(sql: string, params?: readonly SqlParam[], options?: QueryOptions) {
    queries.push(sql);
    return db.query<T>(sql, params, options);
  },
  registerFileBuffer: (name, bytes) => db.registerFileBuffer(name, bytes),
  dropFile: (name) => db.dropFile(name),
};

beforeAll(async () => {
  db = await openSampleDatabase();
});
afterAll(() => db.close());

describe('ResultCache', () => {
  it('computes once per key, shares a pending result, and evicts the least recently used', async () => {
    const cache = new ResultCache(2);
    let runs = 0;
    const compute = (v: number) => () => {
      runs++;
      return Promise.resolve({ v });
    };
    const [a, b] = await Promise.all([cache.get('a', compute(1)), cache.get('a', compute(1))]);
    expect(a).toBe(b);
    expect(runs).toBe(1);
    await cache.get('b', compute(2));
    await cache.get('a', compute(1)); // a is now the most recent
    await cache.get('c', compute(3)); // evicts b
    expect(cache.size).toBe(2);
    await cache.get('a', compute(1));
    expect(runs).toBe(3);
    await cache.get('b', compute(2));
    expect(runs).toBe(4);
  });

  it('cancels a pending part only when every caller waiting for it has given up', async () => {
    const cache = new ResultCache();
    let computeSignal: AbortSignal | null = null;
    let finish: (v: number) => void = () => undefined;
    const compute = (signal: AbortSignal) => {
      computeSignal = signal;
      return new Promise<number>((resolve) => (finish = resolve));
    };
    const first = new AbortController();
    const second = new AbortController();
    const a = cache.get('x', compute, first.signal);
    const b = cache.get('x', compute, second.signal);
    first.abort();
    await expect(a).rejects.toBeInstanceOf(QueryCancelledError);
    expect(computeSignal!.aborted).toBe(false); // the second caller still waits
    finish(7);
    await expect(b).resolves.toBe(7);
    // Settled parts are answered even to callers who later give up.
    const third = new AbortController();
    const c = cache.get('x', compute, third.signal);
    third.abort();
    await expect(c).resolves.toBe(7);

    const lone = new AbortController();
    const d = cache.get('y', compute, lone.signal);
    lone.abort();
    await expect(d).rejects.toBeInstanceOf(QueryCancelledError);
    expect(computeSignal!.aborted).toBe(true);
    expect(cache.size).toBe(1); // y is forgotten, x stays
  });

  it('a superseded view stops its queries in the engine and the next view answers as fresh', async () => {
    const cache = new ResultCache();
    const controller = new AbortController();
    const heavy: ViewState = { ...DEFAULT_VIEW, dimension: 'mentor', dimension2: 'function' };
    const pending = exploreResults(counting, heavy, cache, controller.signal);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(QueryCancelledError);
    expect(cache.size).toBe(0);
    const fresh = await exploreResults(db, heavy);
    const again = await exploreResults(counting, heavy, cache, new AbortController().signal);
    expect(again.groups).toEqual(fresh.groups);
  });

  it('forgets a failed computation so that asking again retries', async () => {
    const cache = new ResultCache();
    await expect(cache.get('x', () => Promise.reject(new Error('engine busy')))).rejects.toThrow('engine busy');
    expect(cache.size).toBe(0);
    await expect(cache.get('x', () => Promise.resolve(1))).resolves.toBe(1);
  });

  it('empties when the scope (the dataset) changes, not when it stays', async () => {
    const cache = new ResultCache();
    cache.useScope('sample 1');
    await cache.get('k', () => Promise.resolve(1));
    cache.useScope('sample 1');
    expect(cache.size).toBe(1);
    cache.useScope('upload-7 2');
    expect(cache.size).toBe(0);
  });
});

describe('exploreResults with a cache', () => {
  it('answers exactly as without one, reusing the unchanged parts as the same objects', async () => {
    const cache = new ResultCache();
    const first = await exploreResults(counting, DEFAULT_VIEW, cache);
    // Clicking a region: the map is not filtered by its own dimension, so its part is reused.
    const clicked: ViewState = { ...DEFAULT_VIEW, filters: toggleFilterValue(DEFAULT_VIEW.filters, 'region', '5204') };
    queries = [];
    const second = await exploreResults(counting, clicked, cache);
    expect(second.regions).toBe(first.regions);
    expect(second.kpis).not.toBe(first.kpis);
    expect(queries.some((q) => q.includes('f.region_code::VARCHAR AS "group"'))).toBe(false);
    // A regroup reuses the KPIs, the map and the trajectories.
    const regrouped: ViewState = { ...clicked, dimension: 'cohort' };
    const third = await exploreResults(counting, regrouped, cache);
    expect([third.kpis, third.regions, third.trajectory]).toEqual([second.kpis, second.regions, second.trajectory]);
    expect(third.kpis).toBe(second.kpis);
    expect(third.trajectory).toBe(second.trajectory);
    // Coming back runs no query at all.
    queries = [];
    const back = await exploreResults(counting, clicked, cache);
    expect(queries).toEqual([]);
    expect(back.groups).toBe(second.groups);
    // And every cached answer equals a fresh one.
    for (const [view, cached] of [
      [DEFAULT_VIEW, first],
      [clicked, back],
      [regrouped, third],
    ] as const) {
      const fresh = await exploreResults(db, view);
      expect({ ...cached, ms: 0 }).toEqual({ ...fresh, ms: 0 });
    }
  });
});

describe('exploreResults part by part', () => {
  it('asks for the main chart first, shares its selection of clients, and reports each part as it arrives', async () => {
    const cache = new ResultCache();
    const view: ViewState = { ...DEFAULT_VIEW, filters: toggleFilterValue(DEFAULT_VIEW.filters, 'region', '5201') };
    await exploreResults(db, view); // the framework's exposure rows exist from here on
    queries = [];
    const parts: string[] = [];
    // A database object of its own: nothing of it is in client-columns' memory yet.
    const fresh: Database = { ...counting, query: (sql, params, options) => counting.query(sql, params, options) };
    const results = await exploreResults(fresh, view, cache, undefined, (part) => parts.push(...Object.keys(part)));
    // The main chart's clients were asked for first — as the regions' groups, which the
    // selection of a region is made from (client-columns.ts); the KPIs and the trajectories
    // share that selection, so the engine is asked for them once and never for the SQL's.
    const asked = queries.filter((q) => !q.startsWith('SELECT EXISTS')); // the framework's rows, checked once per database object
    expect(asked[0]).toMatch(/^WITH g AS \(SELECT f\.client_key, \(f\.region_code\)::VARCHAR AS grp/);
    expect(queries.filter((q) => q.includes('(f.region_code)::VARCHAR'))).toHaveLength(1);
    expect(queries.filter((q) => q.includes('f.region_code IN'))).toHaveLength(0);
    expect(parts.sort()).toEqual(['dimension', 'dimension2', 'groups', 'kpis', 'regions', 'trajectory']);
    const direct = await exploreResults(db, view);
    expect({ ...results, ms: 0 }).toEqual({ ...direct, ms: 0 });
  });
});

describe('the benchmark interaction sequence', () => {
  it('times 20 filter changes and 20 regroups, each leading to a view not seen before', () => {
    const steps = benchViews();
    expect(steps.filter((s) => s.action.step === 'filter_change')).toHaveLength(20);
    expect(steps.filter((s) => s.action.step === 'regroup')).toHaveLength(20);
    const seen = new Set([viewToParams(DEFAULT_VIEW).toString()]);
    for (const { action, view } of steps) {
      const key = viewToParams(view).toString();
      if (action.step !== 'setup') expect(seen.has(key), `${action.step} → ${key}`).toBe(false);
      seen.add(key);
    }
  });
});
