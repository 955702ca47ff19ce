/**
 * The main chart's rows stay the same array while nothing they show changes, so a click
 * that changes only another chart (a region on the map) or a view whose results have not
 * come yet redraws nothing there; the title and layout follow the results on screen.
 */
import { describe, expect, it } from 'vitest';
import { presentExplore } from '../../../src/lib/charts/explore-presentation';
import type { ExploreResults } from '../../../src/lib/query/explore';
import type { GroupRow } from '../../../src/lib/query/group-query';
import { DEFAULT_VIEW, toggleFilterValue, type ViewState } from '../../../src/lib/query/view';

const row = (group: string, exposed: boolean, values: number[]): GroupRow => ({
  group,
  group2: null,
  exposed,
  n: values.length,
  value: values[Math.floor(values.length / 2)] ?? null,
  successes: null,
  values: Float64Array.from(values),
});

const results: ExploreResults = {
  kpis: {
    clients: 6,
    mentors: 2,
    sessions: 14,
    median_revenue_growth: 0.1,
    revenue_growth_n: 6,
    naik_kelas_rate: null,
    naik_kelas_n: 0,
    nib_endline_rate: null,
    nib_endline_n: 0,
  },
  groups: [row('educate', true, [0.1, 0.2, 0.3]), row('educate', false, [0, 0.1, 0.4])],
  regions: [],
  trajectory: null,
  dimension: 'function',
  dimension2: null,
  ms: 1,
};
const labels = new Map<string, [string, string]>();

describe('presentExplore', () => {
  it('keeps the same rows when only another chart’s selection changes, new rows when they change', () => {
    const first = presentExplore(results, DEFAULT_VIEW, 'en', labels);
    const clicked: ViewState = { ...DEFAULT_VIEW, filters: toggleFilterValue(DEFAULT_VIEW.filters, 'region', '5201') };
    expect(presentExplore(results, clicked, 'en', labels).rows).toBe(first.rows);
    const stricter = presentExplore(results, { ...DEFAULT_VIEW, minN: 5 }, 'en', labels);
    expect(stricter.rows).not.toBe(first.rows);
    expect(stricter.rows.every((r) => r.small)).toBe(true);
    expect(presentExplore(results, DEFAULT_VIEW, 'id', labels).rows).not.toBe(stricter.rows);
  });

  it('titles the chart by the dimension of the results shown until the new ones come', () => {
    const regrouped: ViewState = { ...DEFAULT_VIEW, dimension: 'cohort' };
    const shown = presentExplore(results, regrouped, 'en', labels);
    expect(shown.dimension).toBe('function');
    expect(shown.layout).toBe('series');
    expect(shown.title).toBe(presentExplore(results, DEFAULT_VIEW, 'en', labels).title);
  });
});
