/**
 * Every kind of measure and interval checked against values worked out by hand on a tiny
 * dataset (tests/fixtures/tiny): six clients, two mentors, fourteen sessions. It has a
 * region whose only client has no revenue at all (all-missing), a single-client region,
 * a zero baseline revenue (growth undefined), a missing duration and a missing baseline
 * NIB. The comments give the arithmetic.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatasetFromFolder } from '../../../src/lib/db/node-database';
import type { Database } from '../../../src/lib/query/database';
import { runGroupQuery, type GroupRow } from '../../../src/lib/query/group-query';
import { cohortTrajectories } from '../../../src/lib/query/trajectory';
import { overviewKpis } from '../../../src/lib/query/overview';
import { toExploreRows } from '../../../src/lib/charts/explore-rows';
import { measureByKey } from '../../../src/lib/query/measures';
import { REPO_ROOT, CROSSWALK_PATH } from '../../helpers/sample-db';

let db: Database & { close(): void };
beforeAll(async () => {
  db = await openDatasetFromFolder(join(REPO_ROOT, 'tests', 'fixtures', 'tiny'), CROSSWALK_PATH);
});
afterAll(() => db?.close());

const base = { framework: 'official', minSessions: 3, filters: { values: {} } };
const byGroup = (rows: GroupRow[]) => Object.fromEntries(rows.map((r) => [r.group ?? 'null', r]));
const pick = (r: GroupRow | undefined) => r && { n: r.n, value: r.value, successes: r.successes };

describe('client measures by group', () => {
  it('median and mean revenue growth, with an all-missing and a single-client group', async () => {
    const median = byGroup(await runGroupQuery(db, { ...base, measure: 'revenue_growth_median', dimension: 'region' }));
    // 5201: C1 +50%, C2 −10%, C3 +50% → median 50%; 5202: C4's baseline is 0 → no growth;
    // 5203: C5 +50% alone; 5204: C6 has no revenue at all.
    expect(pick(median['5201'])).toEqual({ n: 3, value: 0.5, successes: null });
    expect(pick(median['5202'])).toEqual({ n: 0, value: null, successes: null });
    expect(pick(median['5203'])).toEqual({ n: 1, value: 0.5, successes: null });
    expect(pick(median['5204'])).toEqual({ n: 0, value: null, successes: null });
    const mean = byGroup(await runGroupQuery(db, { ...base, measure: 'revenue_growth_mean', dimension: 'region' }));
    expect(mean['5201'].value).toBeCloseTo((0.5 - 0.1 + 0.5) / 3, 12);
  });

  it('rates count successes over clients with a value (naik kelas, NIB at endline)', async () => {
    const naik = byGroup(await runGroupQuery(db, { ...base, measure: 'naik_kelas_rate', dimension: 'region' }));
    // Only C1 moved up (mikro → kecil); C6 has no size class.
    expect(pick(naik['5201'])).toEqual({ n: 3, value: 1 / 3, successes: 1 });
    expect(pick(naik['5202'])).toEqual({ n: 1, value: 0, successes: 0 });
    expect(pick(naik['5204'])).toEqual({ n: 0, value: null, successes: 0 });
    const nib = await runGroupQuery(db, { ...base, measure: 'has_nib_endline_rate', dimension: 'island' });
    // Lombok: C1 t, C2 t, C3 f, C4 t, C5 t → 4/5; Sumbawa: C6 missing.
    expect(pick(byGroup(nib).lombok)).toEqual({ n: 5, value: 0.8, successes: 4 });
    expect(pick(byGroup(nib).sumbawa)).toEqual({ n: 0, value: null, successes: 0 });
  });

  it('change in a share from baseline to endline, skipping clients missing either end', async () => {
    const rows = await runGroupQuery(db, { ...base, measure: 'has_nib_change', dimension: 'island' });
    // C1 +1, C2 0, C3 0, C4 +1; C5 has no baseline NIB → (1+0+0+1)/4.
    expect(pick(byGroup(rows).lombok)).toEqual({ n: 4, value: 0.5, successes: null });
  });

  it('employment change, sessions, hours and stage completion per client', async () => {
    const emp = byGroup(await runGroupQuery(db, { ...base, measure: 'employment_change', dimension: 'region' }));
    expect(emp['5201'].value).toBeCloseTo((2 + 0 + 1) / 3, 12);
    const sessions = byGroup(await runGroupQuery(db, { ...base, measure: 'sessions_per_client', dimension: 'cohort' }));
    expect(sessions['2024-A'].value).toBeCloseTo((5 + 1 + 2) / 3, 12);
    expect(sessions['2025-A'].value).toBe(2);
    const hours = byGroup(await runGroupQuery(db, { ...base, measure: 'hours_per_client', dimension: 'cohort' }));
    expect(hours['2024-A'].value).toBeCloseTo((6.5 + 1 + 2) / 3, 12);
    expect(hours['2025-A'].value).toBe((2 + 1) / 2); // S10's duration is missing → counts 0
    const stages = byGroup(await runGroupQuery(db, { ...base, measure: 'stage_completion_rate', dimension: 'cohort' }));
    expect(pick(stages['2024-A'])).toEqual({ n: 3, value: 1 / 3, successes: 1 });
  });

  it('mentor workload: sessions and clients per mentor per month', async () => {
    const sessions = byGroup(await runGroupQuery(db, { ...base, measure: 'mentor_sessions_per_month', dimension: 'programme' }));
    // M1 (bds): 6 active months with 2,1,1,1,1,1 sessions; M2 (ppkl): 7 months with 1 each.
    expect(pick(sessions.bds)).toEqual({ n: 6, value: 7 / 6, successes: null });
    expect(pick(sessions.ppkl)).toEqual({ n: 7, value: 1, successes: null });
    const clients = byGroup(await runGroupQuery(db, { ...base, measure: 'mentor_clients_per_month', dimension: 'mentor' }));
    expect(clients.M1.value).toBeCloseTo(7 / 6, 12);
    // Filtering clients narrows workload to their sessions: only C1's five months remain.
    const c1 = await runGroupQuery(db, {
      ...base,
      measure: 'mentor_sessions_per_month',
      dimension: 'mentor',
      filters: { values: { sector: ['kuliner'], cohort: ['2024-A'] } },
    });
    expect(pick(byGroup(c1).M1)).toEqual({ n: 5, value: 6 / 5, successes: null });
  });
});

describe('function exposure', () => {
  it('splits clients into exposed (≥ k sessions with the function) and not exposed', async () => {
    const rows = await runGroupQuery(db, { ...base, measure: 'revenue_growth_median', dimension: 'function' });
    const educate = rows.filter((r) => r.group === 'educate');
    // educate sessions: C1 3, C2 1, C4 3 → exposed C1 (+50%) and C4 (no growth); others not.
    expect(educate.map(pick)).toEqual([
      { n: 1, value: 0.5, successes: null },
      { n: 3, value: 0.5, successes: null },
    ]);
    expect(educate.map((r) => r.exposed)).toEqual([true, false]);
    // facilitate: only C4 has 3 sessions, and C4 has no growth → an exposed group with n = 0.
    expect(rows.filter((r) => r.group === 'facilitate' && r.exposed).map(pick)).toEqual([{ n: 0, value: null, successes: null }]);
    // k = 1 lets C1 in.
    const k1 = await runGroupQuery(db, { ...base, minSessions: 1, measure: 'revenue_growth_median', dimension: 'function' });
    expect(pick(k1.find((r) => r.group === 'facilitate' && r.exposed))).toEqual({ n: 1, value: 0.5, successes: null });
  });

  it('counts a session once per framework function even when two of its tasks map to it', async () => {
    // Wiryasaputra "empowering" = educate | facilitate. C1: S02 (both), S03, S04 → 3 sessions, not 4.
    const rows = await runGroupQuery(db, {
      ...base,
      framework: 'wiryasaputra',
      minSessions: 4,
      measure: 'sessions_per_client',
      dimension: 'function',
    });
    const exposed = rows.find((r) => r.group === 'empowering' && r.exposed);
    expect(exposed).toBeUndefined(); // nobody has 4
    const k3 = await runGroupQuery(db, { ...base, framework: 'wiryasaputra', measure: 'sessions_per_client', dimension: 'function' });
    expect(pick(k3.find((r) => r.group === 'empowering' && r.exposed))).toEqual({ n: 2, value: (5 + 3) / 2, successes: null });
  });

  it('filters to clients exposed to a function', async () => {
    const kpis = await overviewKpis(db, { values: { function: ['educate'] } }, 'official', 3);
    expect(kpis.clients).toBe(2); // C1, C4
    expect(kpis.sessions).toBe(8);
  });
});

describe('intervals and small groups on the Explore rows', () => {
  const label = (_: string, v: string | null) => v ?? '(missing)';
  const exposureLabel = (e: boolean) => (e ? 'exposed' : 'not exposed');

  it('Wilson interval for a share, matching the textbook formula', async () => {
    const rows = await runGroupQuery(db, { ...base, measure: 'naik_kelas_rate', dimension: 'region' });
    const explore = toExploreRows(rows, {
      measure: measureByKey('naik_kelas_rate')!,
      dimension: 'region',
      dimension2: null,
      secondMode: 'colour',
      minN: 2,
      selected: ['5201'],
      label,
      exposureLabel,
    });
    const r = explore.find((x) => x.key === '5201')!;
    const z = 1.959963984540054,
      n = 3,
      p = 1 / 3;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
    expect(r.low).toBeCloseTo(centre - half, 6);
    expect(r.high).toBeCloseTo(centre + half, 6);
    expect(r.selected).toBe(true);
    expect(explore.find((x) => x.key === '5202')!.small).toBe(true); // n = 1 < 2
    expect(explore.find((x) => x.key === '5204')!.plotted).toBe(false); // no value
  });

  it('bootstrap interval of a single-client group is that client, and small groups are not ranked', async () => {
    const rows = await runGroupQuery(db, { ...base, measure: 'revenue_growth_median', dimension: 'region', withValues: true });
    const explore = toExploreRows(rows, {
      measure: measureByKey('revenue_growth_median')!,
      dimension: 'region',
      dimension2: null,
      secondMode: 'colour',
      minN: 2,
      selected: [],
      label,
      exposureLabel,
    });
    const single = explore.find((x) => x.key === '5203')!;
    expect([single.low, single.high, single.intervalMethod]).toEqual([0.5, 0.5, 'degenerate']);
    expect(single.rank).toBeNull();
    const big = explore.find((x) => x.key === '5201')!;
    expect(big.rank).toBe(1);
    expect(big.low).toBeLessThanOrEqual(0.5);
    expect(big.high).toBe(0.5);
  });
});

describe('cohort trajectories', () => {
  it('evaluates an outcome at each measurement, months since start', async () => {
    const points = (await cohortTrajectories(db, { ...base, measure: 'revenue_growth_median' }))!.filter((p) => p.cohort === '2024-A');
    // baseline: 3 clients at 0; midline: C3 only (+20%); endline: +50%, −10%, +50%.
    expect(points.map((p) => [p.months, p.n, p.value])).toEqual([
      [0, 3, 0],
      [6, 1, 0.2],
      [12, 3, 0.5],
    ]);
  });

  it('accumulates sessions per client month by month', async () => {
    const points = (await cohortTrajectories(db, { ...base, measure: 'sessions_per_client' }))!.filter((p) => p.cohort === '2024-A');
    // 2024-A: month 0 → S01, S06, S07 (3); month 1 → S02, S08; 2 → S03; 3 → S04; 4 → S05; over 3 clients.
    expect(points.map((p) => [p.months, p.value])).toEqual([
      [0, 1],
      [1, 5 / 3],
      [2, 2],
      [3, 7 / 3],
      [4, 8 / 3],
    ]);
  });

  it('has no trajectory for workload measures', async () => {
    expect(await cohortTrajectories(db, { ...base, measure: 'mentor_sessions_per_month' })).toBeNull();
  });
});
