/**
 * The GESI table on the tiny fixture (tests/fixtures/tiny): C1, C3, C5 women-owned, C2 and
 * C6 men-owned, C4 a cooperative. Revenue growth: C1 +50 %, C2 −10 %, C3 +50 %, C5 +50 %;
 * C4's baseline revenue is 0 (no growth) and C6 has no revenue at all.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatasetFromFolder } from '../../../src/lib/db/node-database';
import type { Database } from '../../../src/lib/query/database';
import { gesiClientCounts, gesiMeasures, gesiTable } from '../../../src/lib/query/gesi';
import { gesiRows } from '../../../src/lib/charts/gesi-table';
import { measureByKey } from '../../../src/lib/query/measures';
import { newcombeDifference } from '../../../src/lib/stats/differences';
import { REPO_ROOT, CROSSWALK_PATH } from '../../helpers/sample-db';

let db: Database & { close(): void };
beforeAll(async () => {
  db = await openDatasetFromFolder(join(REPO_ROOT, 'tests', 'fixtures', 'tiny'), CROSSWALK_PATH);
});
afterAll(() => db?.close());

describe('GESI table', () => {
  it('counts clients per owner-gender group, cooperatives apart from unknown', async () => {
    expect(await gesiClientCounts(db)).toEqual({ P: 3, L: 2, koperasi: 1 });
  });

  it('median revenue growth per group and the women − men gap', async () => {
    const [row] = gesiRows(await gesiTable(db, [measureByKey('revenue_growth_median')!]));
    expect(row.cells.map((c) => [c.group, c.n, c.value])).toEqual([
      ['P', 3, 0.5],
      ['L', 1, -0.1],
      ['koperasi', 0, null],
      [null, 0, null],
    ]);
    // Every women-owned value is 0.5 and the one men-owned value −0.1: every bootstrap draw gives 0.6.
    expect(row.gap.value).toBeCloseTo(0.6, 12);
    expect(row.gap.low).toBeCloseTo(0.6, 12);
    expect(row.gap.high).toBeCloseTo(0.6, 12);
  });

  it('a share per group with its Newcombe gap, against SQL written independently', async () => {
    const [row] = gesiRows(await gesiTable(db, [measureByKey('has_nib_endline_rate')!]));
    const sql = await db.query<{ g: string | null; n: number; yes: number }>(
      `SELECT CASE WHEN c.entity_type = 'koperasi' THEN 'koperasi' ELSE c.owner_gender END AS g,
         count(o.has_nib)::INTEGER AS n, count_if(o.has_nib)::INTEGER AS yes
       FROM clients c JOIN outcomes o ON o.client_id = c.client_id AND o.measurement = 'endline'
       GROUP BY ALL`,
    );
    const of = (g: string | null) => sql.find((r) => r.g === g) ?? { n: 0, yes: 0 };
    for (const cell of row.cells) {
      const expected = of(cell.group);
      expect([cell.group, cell.n]).toEqual([cell.group, expected.n]);
      if (expected.n > 0) expect(cell.value).toBeCloseTo(expected.yes / expected.n, 12);
    }
    const d = newcombeDifference(of('P').yes, of('P').n, of('L').yes, of('L').n)!;
    expect(row.gap).toEqual({ value: d.estimate, low: d.low, high: d.high });
  });

  it('lists outcomes first, then mentoring delivered, client measures only', () => {
    const keys = gesiMeasures().map((m) => m.key);
    expect(keys[0]).toBe('revenue_growth_median');
    expect(keys.slice(-3)).toEqual(['stage_completion_rate', 'sessions_per_client', 'hours_per_client']);
    expect(keys).not.toContain('mentor_sessions_per_month');
  });
});
