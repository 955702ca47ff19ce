/**
 * Medians of groups whose values come back anyway are taken from those values in
 * TypeScript (group-query.ts `medianFromValues`) instead of a second pass in the engine.
 * This checks the fast way against the direct SQL (`median()` in DuckDB) on the real engine:
 * the same groups, counts and values, and the very same medians (bit for bit), for every
 * dimension as groups and as a filter, on the tiny fixture and on the built-in sample.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatasetFromFolder } from '../../../src/lib/db/node-database';
import type { Database } from '../../../src/lib/query/database';
import { buildGroupQuery, runGroupQuery, type GroupQuerySpec, type GroupRow } from '../../../src/lib/query/group-query';
import { DIMENSIONS } from '../../../src/lib/query/dimensions';
import { filterOptions } from '../../../src/lib/query/filter-options';
import { CROSSWALK_PATH, REPO_ROOT, openSampleDatabase } from '../../helpers/sample-db';

const MEASURES = ['revenue_growth_median', 'revenue_growth_mean', 'naik_kelas_rate'];

/** A row with its values in a fixed order, so two results can be compared as data. */
function comparable(row: GroupRow) {
  return { ...row, values: row.values ? [...row.values].sort((a, b) => a - b) : null };
}

async function bothWays(db: Database, spec: GroupQuerySpec) {
  const fast = await runGroupQuery(db, spec);
  const direct = await runGroupQuery(db, spec, undefined, { medianInEngine: true });
  return { fast, direct };
}

async function specsFor(db: Database): Promise<GroupQuerySpec[]> {
  const options = await filterOptions(db, 'official');
  const specs: GroupQuerySpec[] = [];
  for (const measure of MEASURES) {
    for (const dimension of DIMENSIONS.map((d) => d.key)) {
      specs.push({ measure, dimension, framework: 'official', minSessions: 2, filters: { values: {} }, withValues: true });
    }
    // A filter on each dimension (its most frequent value), grouped by function and by region.
    for (const [key, values] of Object.entries(options)) {
      if (!values[0]) continue;
      for (const dimension of ['function', 'region']) {
        if (dimension === key) continue;
        specs.push({
          measure,
          dimension,
          framework: 'official',
          minSessions: 2,
          filters: { values: { [key]: [values[0].value] } },
          withValues: true,
        });
      }
    }
  }
  return specs;
}

/**
 * A mean summed outside the engine (exposure groups, exposure-groups.ts) may differ from
 * DuckDB's avg in its last bits; everything else — groups, order, n, successes, values and
 * medians — must be the very same.
 */
function checkSame(fast: GroupRow[], direct: GroupRow[], spec: GroupQuerySpec): void {
  const meanApart = spec.measure === 'revenue_growth_mean';
  const strip = (row: GroupRow) => ({ ...comparable(row), value: meanApart ? null : row.value });
  expect(fast.map(strip)).toEqual(direct.map(strip));
  fast.forEach((row, i) => {
    const expected = direct[i]?.value ?? null;
    if (meanApart && row.value != null && expected != null)
      expect(Math.abs(row.value - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
    // toEqual treats -0 and 0, and NaN, loosely in places: the medians must be the same doubles.
    else expect(Object.is(row.value, expected)).toBe(true);
  });
}

describe.each([
  ['tiny fixture', () => openDatasetFromFolder(join(REPO_ROOT, 'tests', 'fixtures', 'tiny'), CROSSWALK_PATH)],
  ['built-in sample', openSampleDatabase],
])('medians from the returned values on the %s', (_name, open) => {
  let db: Database & { close(): void };
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db?.close());

  it('leave the median to the caller only when the values come back', () => {
    const spec = { measure: 'revenue_growth_median', dimension: 'region', framework: 'official', minSessions: 2, filters: { values: {} } };
    expect(buildGroupQuery({ ...spec, withValues: true }).medianFromValues).toBe(true);
    expect(buildGroupQuery({ ...spec, withValues: false }).medianFromValues).toBe(false);
    expect(buildGroupQuery({ ...spec, withValues: true }, { medianInEngine: true }).medianFromValues).toBe(false);
    expect(buildGroupQuery({ ...spec, measure: 'revenue_growth_mean', withValues: true }).medianFromValues).toBe(false);
  });

  it('give exactly the direct SQL results for every dimension, filter and kind of measure', async () => {
    const specs = await specsFor(db);
    expect(specs.length).toBeGreaterThan(40);
    for (const spec of specs) {
      const { fast, direct } = await bothWays(db, spec);
      checkSame(fast, direct, spec);
    }
  });

  it('give exactly the direct SQL results with a date range and with two dimensions', async () => {
    const spec: GroupQuerySpec = {
      measure: 'revenue_growth_median',
      dimension: 'island',
      dimension2: 'function',
      framework: 'official',
      minSessions: 1,
      filters: { values: {}, dateFrom: '2023-01-01', dateTo: '2025-12-31' },
      withValues: true,
    };
    const { fast, direct } = await bothWays(db, spec);
    checkSame(fast, direct, spec);
    const byCohortSpec = { ...spec, dimension: 'cohort', dimension2: 'sector' };
    const { fast: byCohort, direct: byCohortDirect } = await bothWays(db, byCohortSpec);
    checkSame(byCohort, byCohortDirect, byCohortSpec);
  });
});
