/**
 * The gaps an evaluator found in the dimensions, closed on the sample: the area of support
 * as a dimension and filter (the planted IT → online-selling effect is visible through it),
 * "all of" function filters, cooperatives as their own gender group, time dimensions in
 * time order, unreachable functions explained, and exposed − not-exposed differences with
 * their intervals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/query/database';
import { toExploreRows, unreachableGroups } from '../../../src/lib/charts/explore-rows';
import { presentExplore } from '../../../src/lib/charts/explore-presentation';
import { exploreResults } from '../../../src/lib/query/explore';
import { runGroupQuery } from '../../../src/lib/query/group-query';
import { measureByKey } from '../../../src/lib/query/measures';
import { NO_FILTERS, overviewKpis } from '../../../src/lib/query/overview';
import { filterOptions } from '../../../src/lib/query/filter-options';
import { DEFAULT_VIEW } from '../../../src/lib/query/view';
import { parseViewParams, viewToParams } from '../../../src/lib/query/view-url';
import { openSampleDatabase } from '../../helpers/sample-db';

let db: Database & { close(): void };
beforeAll(async () => {
  db = await openSampleDatabase();
});
afterAll(() => db.close());

const spec = { framework: 'official', minSessions: 3, filters: NO_FILTERS };

describe('area of support', () => {
  it('is a dimension: IT support goes with the planted jump in online selling (≥ 2 sessions)', async () => {
    const rows = await runGroupQuery(db, { ...spec, measure: 'sells_online_change', dimension: 'support_area', minSessions: 2 });
    const it = (exposed: boolean) => rows.find((r) => r.group === 'teknologi_informasi' && r.exposed === exposed)!;
    // data/README.md: with ≥ 2 IT sessions +43.4 pp (n = 549), the others +5.1 pp (n = 881).
    expect(it(true).n).toBe(549);
    expect(it(true).value).toBeCloseTo(0.434, 3);
    expect(it(false).n).toBe(881);
    expect(it(false).value).toBeCloseTo(0.051, 3);
    expect(new Set(rows.map((r) => r.group)).size).toBe(7);
  });

  it('is a filter, and its values are listed', async () => {
    const options = await filterOptions(db, 'official');
    expect(options.support_area.map((o) => o.value)).toEqual([
      'kelembagaan',
      'sdm',
      'produksi',
      'pembiayaan',
      'pemasaran',
      'teknologi_informasi',
      'jaringan_kerja_sama',
    ]);
    const kpis = await overviewKpis(db, { values: { support_area: ['teknologi_informasi'] } }, 'official', 2);
    expect(kpis.clients).toBe(
      549 +
        (
          await db.query<{ n: number }>(
            `SELECT count(*)::INTEGER AS n FROM client_area_sessions a JOIN client_fact f USING (client_key)
       WHERE a.area = 'teknologi_informasi' AND a.sessions >= 2 AND f.sells_online_change IS NULL`,
          )
        )[0].n,
    );
  });
});

describe('function filters: any or all', () => {
  it('"all" keeps the clients exposed to every function ticked (both educate and facilitate)', async () => {
    const both = await overviewKpis(db, { values: { function: ['educate', 'facilitate'] }, match: 'all' }, 'official', 3);
    // data/README.md: ≥ 3 educate and ≥ 3 facilitate, n = 650 with growth, median +40.2 %.
    expect(both.revenue_growth_n).toBe(650);
    expect(both.median_revenue_growth).toBeCloseTo(0.402, 3);
    const any = await overviewKpis(db, { values: { function: ['educate', 'facilitate'] } }, 'official', 3);
    expect(any.clients).toBeGreaterThan(both.clients);
  });

  it('travels in the link (fm=all) and comes back', () => {
    const view = { ...DEFAULT_VIEW, filters: { values: { function: ['educate', 'facilitate'] }, match: 'all' as const } };
    const params = viewToParams(view);
    expect(params.get('fm')).toBe('all');
    expect(parseViewParams(params).view.filters.match).toBe('all');
  });
});

describe('owner gender', () => {
  it('puts cooperatives in a group of their own, apart from businesses whose gender is missing', async () => {
    const rows = await runGroupQuery(db, { ...spec, measure: 'naik_kelas_rate', dimension: 'owner_gender' });
    const groups = rows.map((r) => r.group);
    expect(groups).toEqual(expect.arrayContaining(['L', 'P', 'koperasi', null]));
    const [{ coops, missing }] = await db.query<{ coops: number; missing: number }>(
      `SELECT count(*) FILTER (WHERE entity_type = 'koperasi' AND naik_kelas IS NOT NULL)::INTEGER AS coops,
              count(*) FILTER (WHERE entity_type = 'umkm' AND owner_gender IS NULL AND naik_kelas IS NOT NULL)::INTEGER AS missing FROM client_fact`,
    );
    expect(rows.find((r) => r.group === 'koperasi')!.n).toBe(coops);
    expect(rows.find((r) => r.group === null)!.n).toBe(missing);
  });
});

describe('Explore presentation', () => {
  const label = (_d: string, v: string | null) => v ?? '?';

  it('time dimensions keep their order and are never ranked', async () => {
    const groups = await runGroupQuery(db, { ...spec, measure: 'revenue_growth_median', dimension: 'cohort', withValues: true });
    const rows = toExploreRows(groups, {
      measure: measureByKey('revenue_growth_median')!,
      dimension: 'cohort',
      dimension2: null,
      secondMode: 'colour',
      minN: 10,
      selected: [],
      label,
      exposureLabel: String,
    });
    expect(rows.map((r) => r.key)).toEqual(['2024-A', '2024-B', '2025-A', '2025-B']);
    expect(rows.every((r) => r.rank === null)).toBe(true);
  });

  it('functions no client reaches under the rule are named once and not drawn', async () => {
    const results = await exploreResults(db, DEFAULT_VIEW);
    expect(unreachableGroups(results.groups, 'function').sort()).toEqual(['observe', 'report']);
    const shown = presentExplore(
      results,
      DEFAULT_VIEW,
      'en',
      new Map([
        ['observe', ['Observasi', 'Observe']],
        ['report', ['Laporan', 'Report']],
      ]),
    );
    expect(shown.notes.find((n) => n.startsWith('No client has at least 3 sessions of'))).toContain('Observe');
    expect(shown.rows.filter((r) => r.key === 'observe' || r.key === 'report').every((r) => !r.plotted)).toBe(true);
  });

  it('each exposed function carries exposed − not exposed with its 95 % interval', async () => {
    const results = await exploreResults(db, DEFAULT_VIEW);
    const shown = presentExplore(results, DEFAULT_VIEW, 'en', new Map());
    const facilitate = shown.rows.find((r) => r.key === 'facilitate' && r.exposed)!;
    const exposed = results.groups.find((g) => g.group === 'facilitate' && g.exposed)!;
    const rest = results.groups.find((g) => g.group === 'facilitate' && g.exposed === false)!;
    expect(facilitate.diff).toBeCloseTo(exposed.value! - rest.value!, 12);
    expect(facilitate.diffLow!).toBeGreaterThan(0);
    expect(facilitate.diffLow!).toBeLessThan(facilitate.diff!);
    expect(facilitate.diffHigh!).toBeGreaterThan(facilitate.diff!);
    // Not-exposed rows and rows of other views carry none.
    expect(shown.rows.filter((r) => r.exposed === false).every((r) => r.diff === null)).toBe(true);
    const shares = presentExplore(
      await exploreResults(db, { ...DEFAULT_VIEW, measure: 'has_nib_endline_rate' }),
      { ...DEFAULT_VIEW, measure: 'has_nib_endline_rate' },
      'en',
      new Map(),
    );
    const nib = shares.rows.find((r) => r.key === 'facilitate' && r.exposed)!;
    expect(nib.diffLow!).toBeGreaterThan(0);
  });
});
