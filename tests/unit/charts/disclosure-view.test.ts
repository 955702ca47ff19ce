/**
 * Which axes of a view add up: a cross-tab of two dimensions is suppressed along rows and
 * columns; function × region only along the regions and exposed/not exposed (functions
 * overlap); KPI cards by their own n. Expectations worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { discloseExploreRows, hideExploreRows, kpiSuppression } from '../../../src/lib/charts/disclosure-view';
import type { ExploreRow } from '../../../src/lib/charts/explore-rows';

const row = (key: string, seriesKey: string | null, exposed: boolean | null, n: number, rank: number | null = null): ExploreRow => ({
  key,
  label: key,
  seriesKey,
  seriesLabel: seriesKey,
  n,
  value: n > 0 ? 0.1 * n : null,
  low: 0,
  high: 1,
  intervalMethod: 'wilson',
  small: false,
  selected: false,
  exposed,
  plotted: true,
  rank,
  diff: exposed ? 0.05 : null,
  diffLow: exposed ? 0 : null,
  diffHigh: exposed ? 0.1 : null,
  disclosure: null,
});
const states = (rows: ExploreRow[]) => rows.map((r) => r.disclosure?.suppressed ?? null);

describe('discloseExploreRows', () => {
  it('years: a change from a hidden year is hidden with it, the change from a shown year stays', () => {
    const year = (key: string, n: number, diff: number | null): ExploreRow => ({
      ...row(key, null, null, n),
      diff,
      diffLow: diff === null ? null : diff - 0.1,
      diffHigh: diff === null ? null : diff + 0.1,
    });
    // 2022 (3) and 2023 (4) are small; together 7 clients, so no complement is needed.
    const rows = [year('2022', 3, null), year('2023', 4, 0.02), year('2024', 50, 0.03), year('2025', 60, 0.04)];
    const out = discloseExploreRows(rows, { dimension: 'year', dimension2: null }, { k: 5, mode: 'hide' }, 'en');
    expect(states(out)).toEqual(['primary', 'primary', null, null]);
    // 2023 is hidden; 2024's change is 2024 − 2023, which would give 2023 back; 2025 − 2024 is safe.
    expect(out.map((r) => r.diff)).toEqual([null, null, null, 0.04]);
    expect(out.map((r) => r.value)).toEqual([null, null, 5, 6]);
  });

  it('cohort × region: rows and columns are both partitions', () => {
    //            5201 5202
    //   2024-A     1   10
    //   2025-A     8    9
    const rows = [
      row('2024-A', '5201', null, 1),
      row('2024-A', '5202', null, 10),
      row('2025-A', '5201', null, 8),
      row('2025-A', '5202', null, 9),
    ];
    const out = discloseExploreRows(rows, { dimension: 'cohort', dimension2: 'region' }, { k: 5, mode: 'mark' }, 'en');
    // 1 hidden; its row takes 10, its column takes 8; then 10's column (alone) takes 9.
    expect(states(out)).toEqual(['primary', 'secondary', 'secondary', 'secondary']);
    expect(out[0].value).toBe(0.1); // marked, not hidden
  });

  it('function × region: regions add up within a function, exposed + not exposed within a region, functions do not', () => {
    const rows = [
      row('educate', '5201', true, 2),
      row('educate', '5201', false, 30),
      row('educate', '5202', true, 12),
      row('educate', '5202', false, 20),
      row('advise', '5201', true, 15),
      row('advise', '5201', false, 17),
      row('advise', '5202', true, 16),
      row('advise', '5202', false, 16),
    ];
    const out = discloseExploreRows(rows, { dimension: 'function', dimension2: 'region' }, { k: 5, mode: 'hide' }, 'en');
    // educate·5201 exposed (2): its pair takes not exposed (30); along the regions of educate's
    // exposed, 12 goes; then 12's pair takes 20. advise untouched.
    expect(states(out)).toEqual(['primary', 'secondary', 'secondary', 'secondary', null, null, null, null]);
    expect(out.slice(0, 4).every((r) => r.value == null && r.low == null)).toBe(true);
    expect(out[4].value).toBe(1.5);
  });

  it('function alone: exposed and not exposed of one function; hiding drops the difference and numbers ranks again', () => {
    const rows = [
      row('educate', 'exposed', true, 1, 2),
      row('educate', 'not_exposed', false, 40),
      row('advise', 'exposed', true, 30, 1),
      row('facilitate', 'exposed', true, 20, 3),
    ];
    rows.push(row('advise', 'not_exposed', false, 11), row('facilitate', 'not_exposed', false, 21));
    const marked = discloseExploreRows(rows, { dimension: 'function', dimension2: null }, { k: 5, mode: 'mark' }, 'id');
    expect(states(marked)).toEqual(['primary', 'secondary', null, null, null, null]);
    expect(marked[0].disclosure?.text).toBe('< 5 klien');
    expect(marked[1].disclosure?.text).toBe('tersembunyi');
    const hidden = hideExploreRows(marked);
    expect(hidden.map((r) => [r.key, r.exposed, r.value, r.diff, r.rank])).toEqual([
      ['educate', true, null, null, null],
      ['educate', false, null, null, null],
      ['advise', true, 3, 0.05, 1],
      ['facilitate', true, 2, 0.05, 2], // was 3: no gap where educate stood
      ['advise', false, expect.closeTo(1.1, 10), null, null],
      ['facilitate', false, expect.closeTo(2.1, 10), null, null],
    ]);
    // The input is left as it was.
    expect(marked[3].rank).toBe(3);
  });
});

describe('kpiSuppression', () => {
  const kpis = {
    clients: 30,
    mentors: 4,
    sessions: 200,
    median_revenue_growth: 0.2,
    revenue_growth_n: 25,
    naik_kelas_rate: 0.1,
    naik_kelas_n: 3,
    nib_endline_rate: 0.5,
    nib_endline_n: 0,
  };
  it('hides a rate whose n is under k; with fewer clients than k also mentors and sessions', () => {
    expect([...kpiSuppression(kpis, 5)]).toEqual(['naik-kelas']);
    expect([...kpiSuppression({ ...kpis, clients: 4, revenue_growth_n: 4 }, 5)].sort()).toEqual([
      'growth',
      'mentors',
      'naik-kelas',
      'sessions',
    ]);
  });
});
