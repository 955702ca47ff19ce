/**
 * Every export hides small groups, whatever the page shows: a tiny hand-made view with
 * regions of 1, 4 and 5 clients, a function whose exposed clients are one (the subtraction
 * case: its not-exposed group is the complement of the total), cohorts at one point of
 * 1, 5 and 8 clients, and KPIs whose revenue n is 4. Expected values are worked out here.
 */
import { describe, expect, it } from 'vitest';
import { presentExplore } from '../../../src/lib/charts/explore-presentation';
import type { ExploreResults } from '../../../src/lib/query/explore';
import type { GroupRow } from '../../../src/lib/query/group-query';
import { DEFAULT_VIEW, type ViewState } from '../../../src/lib/query/view';
import { doseTable, groupBarsTable, kpiTable, mainChartTable, mapTable, trajectoryTable } from '../../../src/lib/export/view-tables';
import type { DoseBin } from '../../../src/lib/findings/dose';
import { canonicalCsv, type ExportTable } from '../../../src/lib/export/table';
import { localeCsv } from '../../../src/lib/export/locale-csv';

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const group = (key: string, values: number[], exposed: boolean | null = null): GroupRow => ({
  group: key,
  group2: null,
  exposed,
  n: values.length,
  value: values.length ? mean(values) : null,
  successes: null,
  values: Float64Array.from(values),
});

const regions = [group('5201', [0.9]), group('5202', [0.1, 0.2, 0.3, 0.4]), group('5203', [0.1, 0.2, 0.3, 0.4, 0.5])];
const kpis = {
  clients: 10,
  mentors: 3,
  sessions: 60,
  median_revenue_growth: 0.25,
  revenue_growth_n: 4,
  naik_kelas_rate: 0.5,
  naik_kelas_n: 10,
  nib_endline_rate: 0.2,
  nib_endline_n: 10,
};
const trajectory = [
  { cohort: '2024-A', months: 0, value: 100, n: 1, point: 'baseline' },
  { cohort: '2025-A', months: 0, value: 200, n: 5, point: 'baseline' },
  { cohort: '2025-B', months: 0, value: 300, n: 8, point: 'baseline' },
  { cohort: '2024-A', months: 12, value: 150, n: 6, point: 'endline' },
  { cohort: '2025-A', months: 12, value: 250, n: 7, point: 'endline' },
];
const byRegion: ExploreResults = { kpis, groups: regions, regions, trajectory, dimension: 'region', dimension2: null, ms: 1 };
const regionView: ViewState = { ...DEFAULT_VIEW, measure: 'revenue_growth_mean', dimension: 'region' };
const labels = new Map<string, [string, string]>();

const cells = (table: ExportTable, key: string, column: string) => table.rows.map((r) => [r[key], r[column]]);

describe('exports of a view with groups of 1, 4 and 5 clients (threshold 5)', () => {
  // The evaluator's own view: the page shows every value, marked.
  const own = presentExplore(byRegion, regionView, 'en', labels, null, { k: 5, mode: 'mark' });

  it('the page marks the 1 and the 4 but keeps their values', () => {
    expect(own.rows.map((r) => [r.key, r.n, r.value, r.disclosure?.suppressed ?? null])).toEqual([
      ['5201', 1, 0.9, 'primary'],
      ['5202', 4, mean([0.1, 0.2, 0.3, 0.4]), 'primary'],
      // Two hidden groups of 1 + 4 = 5 clients: total − the 5 gives only their pooled value.
      ['5203', 5, mean([0.1, 0.2, 0.3, 0.4, 0.5]), null],
    ]);
    expect(own.markNote).toContain('fewer than 5 clients');
  });

  it('the main chart table writes n and no value, interval or rank for them', () => {
    const table = mainChartTable(own.rows, own.measure, own.title, own.seriesTitle, 'en');
    expect(cells(table, 'group', 'n')).toEqual([
      ['5201', 1],
      ['5202', 4],
      ['5203', 5],
    ]);
    expect(cells(table, 'group', 'value')).toEqual([
      ['5201', null],
      ['5202', null],
      ['5203', 0.3],
    ]);
    expect(table.rows.map((r) => [r.ci95_low, r.ci95_high])).toEqual([[null, null], [null, null], expect.any(Array)]);
    expect(table.rows[2].ci95_low).toBeLessThan(0.3);
    expect(cells(table, 'group', 'suppressed')).toEqual([
      ['5201', '< 5 clients'],
      ['5202', '< 5 clients'],
      ['5203', null],
    ]);
    // In the files themselves: the standard CSV and the Indonesian one.
    const csv = canonicalCsv(table)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(csv[1].split(',').slice(0, 7)).toEqual(['5201', 'Lombok Barat', '', '', '', '1', '']);
    expect(csv.join('\n')).not.toContain('0.9');
    const idTable = mainChartTable(presentExplore(byRegion, regionView, 'id', labels, null).rows, own.measure, own.title, null, 'id');
    expect(localeCsv(idTable, 'id')).toContain('< 5 klien');
  });

  it('the map table hides the same regions and keeps every other region’s n', () => {
    const table = mapTable(own.mapData, own.measure, own.mapTitle, 'en');
    const shown = table.rows.filter((r) => (r.n as number) > 0).map((r) => [r.region_code, r.n, r.value, r.suppressed]);
    expect(shown).toEqual([
      ['5201', 1, null, '< 5 clients'],
      ['5202', 4, null, '< 5 clients'],
      ['5203', 5, 0.3, null],
    ]);
  });

  it('trajectories: at baseline the 1-client cohort and its smallest neighbour (5) are hidden, the endline is not', () => {
    // 2025-B's 300 and the baseline total would give 2024-A's 100 back by subtraction if 2025-A showed.
    const table = trajectoryTable(own.trajectory!, own.measure, own.trajectoryTitle, 'en');
    expect(table.rows.map((r) => [r.cohort, r.months, r.n, r.value, r.suppressed])).toEqual([
      ['2024-A', 0, 1, null, '< 5 clients'],
      ['2025-A', 0, 5, null, 'hidden'],
      ['2025-B', 0, 8, 300, null],
      ['2024-A', 12, 6, 150, null],
      ['2025-A', 12, 7, 250, null],
    ]);
  });

  it('KPIs: a revenue figure of 4 clients is left empty beside its n; the rest stay', () => {
    const [row] = kpiTable(kpis, null, 'en', 5).rows;
    expect(row).toMatchObject({ clients: 10, mentors: 3, sessions: 60, median_revenue_growth: null, revenue_growth_n: 4 });
    expect(row).toMatchObject({ naik_kelas_rate: 0.5, nib_endline_rate: 0.2 });
    // Fewer clients than the threshold: mentors and sessions describe them too.
    const [few] = kpiTable({ ...kpis, clients: 1, revenue_growth_n: 1, naik_kelas_n: 1, nib_endline_n: 1 }, null, 'en', 5).rows;
    expect(few).toMatchObject({ clients: 1, mentors: null, sessions: null, naik_kelas_rate: null, nib_endline_rate: null });
  });
});

describe('exports of function × exposure with one exposed client (the subtraction case)', () => {
  const results: ExploreResults = {
    kpis,
    groups: [
      group('educate', [0.9], true),
      group('educate', [0.1, 0.2, 0.3, 0.1, 0.2, 0.3, 0.1, 0.2, 0.3], false),
      group('advise', [0.4, 0.5, 0.6, 0.4, 0.5], true),
      group('advise', [0.1, 0.2, 0.3, 0.1, 0.2], false),
    ],
    regions: [],
    trajectory: null,
    dimension: 'function',
    dimension2: null,
    ms: 1,
  };
  const view: ViewState = { ...DEFAULT_VIEW, measure: 'revenue_growth_mean' };

  it('hides the exposed client, its complement and their difference; the other function is untouched', () => {
    // Every client is exposed or not: the total (0.9 + 9 × 0.2) / 10 = 0.27 minus the
    // not-exposed mean × 9 gives the one exposed client's 0.9, so both go.
    const shown = presentExplore(results, view, 'en', labels, null, { k: 5, mode: 'hide' });
    const table = mainChartTable(shown.rows, shown.measure, shown.title, shown.seriesTitle, 'en');
    expect(table.rows.map((r) => [r.group, r.exposed, r.n, r.value, r.diff_vs_not_exposed, r.suppressed])).toEqual([
      ['educate', true, 1, null, null, '< 5 clients'],
      ['educate', false, 9, null, null, 'hidden'],
      ['advise', true, 5, 0.48, expect.closeTo(0.3, 10), null],
      ['advise', false, 5, expect.closeTo(0.18, 10), null, null],
    ]);
    // The shared view itself shows the same: no value for the hidden groups, their n kept.
    expect(shown.rows.filter((r) => r.key === 'educate').map((r) => [r.n, r.value, r.low, r.diff])).toEqual([
      [1, null, null, null],
      [9, null, null, null],
    ]);
    expect(shown.disclosureNote).toContain('fewer than 5 clients');
  });

  it('follows the threshold: at 2 only the lone client and its complement go', () => {
    const shown = presentExplore(results, view, 'en', labels, null, { k: 2, mode: 'hide' });
    expect(shown.rows.map((r) => r.disclosure?.suppressed ?? null)).toEqual(['primary', 'secondary', null, null]);
    const wide = presentExplore(results, view, 'en', labels, null, { k: 6, mode: 'hide' });
    // 1 and 5 under 6: primary; educate's 9 is the complement of its exposed client, advise's pair is hidden by itself.
    expect(wide.rows.map((r) => r.disclosure?.suppressed ?? null)).toEqual(['primary', 'secondary', 'primary', 'primary']);
  });
});

describe('the Overview’s and Findings’ exports', () => {
  it('group bars of 1, 4 and 5 clients: the 1 and the 4 lose value and interval, the 5 keeps them', () => {
    const bars = [
      { key: '5201', label: 'Lombok Barat', n: 1, value: 0.9, low: 0.9, high: 0.9 },
      { key: '5202', label: 'Lombok Tengah', n: 4, value: 0.25, low: 0.1, high: 0.4 },
      { key: '5203', label: 'Lombok Timur', n: 5, value: 0.3, low: 0.1, high: 0.5 },
    ];
    const table = groupBarsTable(bars, 'By region', 'id', 5);
    expect(table.rows.map((r) => [r.group, r.n, r.value, r.ci95_low, r.suppressed])).toEqual([
      ['5201', 1, null, null, '< 5 klien'],
      ['5202', 4, null, null, '< 5 klien'],
      ['5203', 5, 0.3, 0.1, null],
    ]);
  });

  it('dose bins of one function: a bin of 1 client and the next-smallest bin (6) are hidden; empty bins stay empty', () => {
    const bin = (label: string, n: number, value: number | null): DoseBin => ({
      label,
      min: 0,
      max: 0,
      n,
      value,
      low: value,
      high: value,
      method: null,
      baselineShare: value == null ? null : 0.1,
      small: n < 10,
    });
    const dose = {
      function: 'educate',
      statistic: 'share' as const,
      bins: [bin('0', 20, 0.4), bin('1–2', 1, 1), bin('3–5', 6, 0.5), bin('6–10', 9, 0.6), bin('11+', 0, null)],
    };
    const table = doseTable([dose], () => 'Edukasi', 'Dosis', 'en', 5);
    expect(table.rows.map((r) => [r.sessions, r.n, r.value, r.baseline_share, r.suppressed])).toEqual([
      ['0', 20, 0.4, 0.1, null],
      ['1–2', 1, null, null, '< 5 clients'],
      ['3–5', 6, null, null, 'hidden'],
      ['6–10', 9, 0.6, 0.1, null],
      ['11+', 0, null, null, null],
    ]);
  });
});
