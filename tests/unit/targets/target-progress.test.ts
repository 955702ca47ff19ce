/**
 * Progress on the tiny fixture (tests/fixtures/tiny: six clients), against figures worked
 * out by hand and intervals computed the way the Explore chart computes them.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatasetFromFolder } from '../../../src/lib/db/node-database';
import type { Database } from '../../../src/lib/query/database';
import { allTargetProgress, isWholeProgramme, targetFilters } from '../../../src/lib/targets/target-progress';
import { wilsonInterval } from '../../../src/lib/stats/intervals';
import type { Target } from '../../../src/lib/ingest/targets-file';
import { REPO_ROOT, CROSSWALK_PATH } from '../../helpers/sample-db';

let db: Database & { close(): void };
beforeAll(async () => {
  db = await openDatasetFromFolder(join(REPO_ROOT, 'tests', 'fixtures', 'tiny'), CROSSWALK_PATH);
});
afterAll(() => db?.close());

const target = (indicator: string, value: number, scope: Partial<Target> = {}): Target => ({
  indicator,
  target: value,
  period: null,
  region_code: null,
  cohort: null,
  programme: null,
  ...scope,
});

describe('progress against targets', () => {
  it('whole programme: NIB at endline is 4 of 5 clients, with its Wilson interval', async () => {
    const w = wilsonInterval(4, 5)!;
    const [met, notMet, unclear] = await allTargetProgress(db, [
      target('has_nib_endline_rate', w.low - 1e-9),
      target('has_nib_endline_rate', w.high + 1e-9),
      target('has_nib_endline_rate', 0.8),
    ]);
    expect(met).toMatchObject({ n: 5, value: 0.8, low: w.low, high: w.high, status: 'met' });
    expect(notMet.status).toBe('not-met');
    expect(unclear.status).toBe('unclear');
  });

  it('a region, a year of enrolment, a cohort and a programme select their clients', async () => {
    const rows = await allTargetProgress(db, [
      // 5201: C1 +50 %, C2 −10 %, C3 +50 % → median 50 %.
      target('revenue_growth_median', 0.2, { region_code: '5201' }),
      // Enrolled in 2025: C4 (baseline revenue 0: no growth), C5 +50 %, C6 (no revenue) → one value.
      target('revenue_growth_median', 0.2, { period: 2025 }),
      // Cohort 2024-A and programme bds: C1 and C2 → median of 50 % and −10 % = 20 %.
      target('revenue_growth_median', 0.2, { cohort: '2024-A', programme: 'bds' }),
      // Region 5204 (C6) has no revenue at all.
      target('revenue_growth_median', 0.2, { region_code: '5204' }),
    ]);
    expect(rows.map((r) => [r.n, r.value])).toEqual([
      [3, 0.5],
      [1, 0.5],
      [2, 0.2],
      [0, null],
    ]);
    expect(rows[1]).toMatchObject({ low: 0.5, high: 0.5, status: 'met' }); // one value: an interval of width 0
    expect(rows[3].status).toBe('no-data');
  });

  it('matches SQL written independently for every whole-programme figure of a client measure', async () => {
    const [{ n, value }] = await db.query<{ n: number; value: number }>(
      `WITH g AS (
         SELECT c.client_id,
           (e.monthly_revenue - b.monthly_revenue) / b.monthly_revenue AS growth
         FROM clients c
         JOIN outcomes b ON b.client_id = c.client_id AND b.measurement = 'baseline'
         JOIN outcomes e ON e.client_id = c.client_id AND e.measurement = 'endline'
         WHERE b.monthly_revenue > 0)
       SELECT count(growth)::INTEGER AS n, median(growth)::DOUBLE AS value FROM g`,
    );
    const [row] = await allTargetProgress(db, [target('revenue_growth_median', 0.1)]);
    expect(row.n).toBe(n);
    expect(row.value).toBeCloseTo(value, 12);
  });

  it('the whole programme is a target with no year, region, cohort or programme; filters follow the scope', () => {
    expect(isWholeProgramme(target('naik_kelas_rate', 0.3))).toBe(true);
    expect(isWholeProgramme(target('naik_kelas_rate', 0.3, { period: 2025 }))).toBe(false);
    expect(targetFilters(target('naik_kelas_rate', 0.3, { period: 2025, region_code: '5201' }))).toEqual({
      values: { region: ['5201'] },
      dateFrom: '2025-01-01',
      dateTo: '2025-12-31',
    });
  });
});
