/**
 * Explore's cohort trajectories from columns in memory (trajectory-columns.ts) are the SQL's
 * (trajectory.ts): the same cohorts and points in the same order, the same n and mean
 * months, the same shares and medians bit for bit (a mean to its last bits), for every
 * outcome measure under several filters, on the tiny fixture and the built-in sample;
 * mentoring measures are left to the SQL.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatasetFromFolder } from '../../../src/lib/db/node-database';
import type { Database } from '../../../src/lib/query/database';
import type { ViewFilters } from '../../../src/lib/query/group-query';
import { MEASURES } from '../../../src/lib/query/measures';
import { cohortTrajectories } from '../../../src/lib/query/trajectory';
import { trajectoryFromColumns } from '../../../src/lib/query/trajectory-columns';
import { CROSSWALK_PATH, REPO_ROOT, openSampleDatabase } from '../../helpers/sample-db';

const FILTERS: ViewFilters[] = [
  { values: {} },
  { values: { region: ['5201', '5272'] } },
  { values: { function: ['educate'] } },
  { values: { sector: ['kuliner'] }, dateFrom: '2023-06-01', dateTo: '2025-06-30' },
  { values: { region: ['0000'] } },
];

describe.each([
  ['tiny fixture', () => openDatasetFromFolder(join(REPO_ROOT, 'tests', 'fixtures', 'tiny'), CROSSWALK_PATH)],
  ['built-in sample', openSampleDatabase],
])('trajectories from columns on the %s', (_name, open) => {
  let db: Database & { close(): void };
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db?.close());

  it('equal the SQL’s for every outcome measure and filter', async () => {
    for (const measure of MEASURES.filter((m) => m.trajectory === 'outcome'))
      for (const filters of FILTERS) {
        const spec = { measure: measure.key, framework: 'official', minSessions: 2, filters };
        const fast = (await trajectoryFromColumns(db, spec))!;
        const direct = (await cohortTrajectories(db, spec))!;
        const label = `${measure.key} ${JSON.stringify(filters)}`;
        const strip = (p: { value: number | null }) => ({ ...p, value: measure.statistic === 'mean' ? null : p.value });
        expect(fast.map(strip), label).toEqual(direct.map(strip));
        fast.forEach((p, i) => {
          const expected = direct[i]!.value;
          if (measure.statistic === 'mean' && p.value != null && expected != null)
            expect(Math.abs(p.value - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
          else expect(Object.is(p.value, expected), label).toBe(true);
          expect(Object.is(p.months, direct[i]!.months), label).toBe(true);
        });
      }
  });

  it('leave mentoring measures to the SQL', async () => {
    expect(
      await trajectoryFromColumns(db, { measure: 'sessions_per_client', framework: 'official', minSessions: 2, filters: { values: {} } }),
    ).toBeNull();
  });
});
