/**
 * Explore's KPIs from columns in memory (kpi-columns.ts) are the SQL's (overview.ts), value
 * for value — counts, sums, shares and the median bit for bit — under every kind of filter,
 * on the tiny fixture and on the built-in sample, including a selection of no one.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatasetFromFolder } from '../../../src/lib/db/node-database';
import type { Database } from '../../../src/lib/query/database';
import type { ViewFilters } from '../../../src/lib/query/group-query';
import { kpisFromColumns } from '../../../src/lib/query/kpi-columns';
import { overviewKpis } from '../../../src/lib/query/overview';
import { CROSSWALK_PATH, REPO_ROOT, openSampleDatabase } from '../../helpers/sample-db';

const FILTERS: ViewFilters[] = [
  { values: {} },
  { values: { region: ['5201'] } },
  { values: { region: ['5201', '5272'], cohort: ['2024-A'] } },
  { values: { function: ['educate', 'facilitate'] }, match: 'all' },
  { values: { function: ['educate', 'facilitate'] } },
  { values: { support_area: ['teknologi_informasi'] } },
  { values: { sector: ['kuliner'] }, dateFrom: '2023-06-01', dateTo: '2025-06-30' },
  { values: { region: ['0000'] } },
];

describe.each([
  ['tiny fixture', () => openDatasetFromFolder(join(REPO_ROOT, 'tests', 'fixtures', 'tiny'), CROSSWALK_PATH)],
  ['built-in sample', openSampleDatabase],
])('KPIs from columns on the %s', (_name, open) => {
  let db: Database & { close(): void };
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db?.close());

  it('equal the SQL’s for every filter', async () => {
    for (const filters of FILTERS) {
      const fast = await kpisFromColumns(db, filters, 'official', 2);
      const direct = await overviewKpis(db, filters, 'official', 2);
      expect(fast, JSON.stringify(filters)).toEqual(direct);
      expect(Object.is(fast.median_revenue_growth, direct.median_revenue_growth)).toBe(true);
    }
  });
});
