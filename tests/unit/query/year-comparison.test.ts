/**
 * "Better than last year?" on the tiny fixture: C1–C3 started in 2024 and were measured at
 * endline in 2025; C4–C6 started in 2025 and were measured in 2026 (C6 has no endline NIB).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatasetFromFolder } from '../../../src/lib/db/node-database';
import type { Database } from '../../../src/lib/query/database';
import { runGroupQuery } from '../../../src/lib/query/group-query';
import { measureByKey } from '../../../src/lib/query/measures';
import { differenceBasis, rowsDifferenceBasis, toExploreRows } from '../../../src/lib/charts/explore-rows';
import { newcombeDifference } from '../../../src/lib/stats/differences';
import { REPO_ROOT, CROSSWALK_PATH } from '../../helpers/sample-db';

let db: Database & { close(): void };
beforeAll(async () => {
  db = await openDatasetFromFolder(join(REPO_ROOT, 'tests', 'fixtures', 'tiny'), CROSSWALK_PATH);
});
afterAll(() => db?.close());

const ctx = (dimension: string) => ({
  measure: measureByKey('has_nib_endline_rate')!,
  dimension,
  dimension2: null,
  secondMode: 'colour' as const,
  minN: 1,
  selected: [],
  label: (_: string, v: string | null) => v ?? '?',
  exposureLabel: () => '',
});

describe('measures by year, each compared with the year before', () => {
  it('groups clients by the year they started and by the year of their endline measurement', async () => {
    const base = { measure: 'has_nib_endline_rate', framework: 'official', minSessions: 1, filters: { values: {} } };
    const started = await runGroupQuery(db, { ...base, dimension: 'year' });
    const measured = await runGroupQuery(db, { ...base, dimension: 'endline_year' });
    expect(started.map((r) => [r.group, r.n])).toEqual(
      measured.map((r) => [r.group === '2025' ? '2024' : r.group === '2026' ? '2025' : r.group, r.n]),
    );
    expect(started.map((r) => r.group)).toEqual(['2024', '2025']);
  });

  it('the change from the year before is the Newcombe difference of the two years', async () => {
    const base = { measure: 'has_nib_endline_rate', framework: 'official', minSessions: 1, filters: { values: {} } };
    const groups = await runGroupQuery(db, { ...base, dimension: 'year' });
    const rows = toExploreRows(groups, ctx('year'));
    const [y2024, y2025] = groups;
    const d = newcombeDifference(y2025.successes!, y2025.n, y2024.successes!, y2024.n)!;
    expect(rows.map((r) => [r.key, r.diff, r.diffLow, r.diffHigh])).toEqual([
      ['2024', null, null, null],
      ['2025', d.estimate, d.low, d.high],
    ]);
    expect(rowsDifferenceBasis(rows)).toBe('previous_year');
  });

  it('compares years only when they are the one dimension; exposure keeps its own comparison', () => {
    expect(differenceBasis('year', null)).toBe('previous_year');
    expect(differenceBasis('endline_year', null)).toBe('previous_year');
    expect(differenceBasis('year', 'region')).toBeNull();
    expect(differenceBasis('function', null)).toBe('exposure');
    expect(differenceBasis('cohort', null)).toBeNull();
  });
});
