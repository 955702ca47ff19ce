/**
 * The Explore page in a real browser: chart values equal SQL written independently of the
 * app's query builder (run in Node on the same sample), clicks filter the other charts and
 * the KPIs, the map draws all 10 regions, and Back steps through views.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { exploreSettled, launchBrowser, openRecordedPage, type RecordedPage, type Session } from './browser';
import { openSampleDatabase } from '../helpers/sample-db';
import { runGroupQuery } from '../../src/lib/query/group-query';
import { medianDifferenceInterval } from '../../src/lib/stats/median-difference';
import { differenceText } from '../../src/lib/charts/explore-tables';
import type { Database } from '../../src/lib/query/database';
import { formatInteger, formatMeasure } from '../../src/lib/i18n/format';

const baseUrl = inject('baseUrl');
const SIZE = `['mikro', 'kecil', 'menengah', 'besar']`;

let db: Database & { close(): void };
let session: Session;
let recorded: RecordedPage;
let page: Page;

const settled = (exact = true) => exploreSettled(page, { exact });

async function tableRows(testid: string) {
  return page
    .getByTestId(testid)
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => ({
        key: tr.getAttribute('data-key') ?? '',
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''),
      })),
    );
}

beforeAll(async () => {
  db = await openSampleDatabase();
  session = await launchBrowser();
  recorded = await openRecordedPage(session.context);
  page = recorded.page;
  await page.goto(new URL('explore/', baseUrl).href);
  await settled();
});

afterAll(async () => {
  await session?.close();
  db?.close();
});

describe('Explore page', () => {
  it('choosing a measure and a dimension shows the values SQL computes independently', async () => {
    await page.getByTestId('select-measure').selectOption('naik_kelas_rate');
    await settled();
    await page.getByTestId('select-dimension').selectOption('cohort');
    await settled();
    expect(new URL(page.url()).searchParams.get('m')).toBe('naik_kelas_rate');
    const expected = await db.query<{ cohort: string; n: number; rate: number }>(
      `WITH b AS (SELECT client_id, size_class FROM outcomes WHERE measurement = 'baseline'),
            e AS (SELECT client_id, size_class FROM outcomes WHERE measurement = 'endline')
       SELECT c.cohort, count(*)::INTEGER AS n,
         avg(CASE WHEN list_position(${SIZE}, e.size_class) > list_position(${SIZE}, b.size_class) THEN 1 ELSE 0 END) AS rate
       FROM clients c JOIN b USING (client_id) JOIN e USING (client_id)
       WHERE b.size_class IS NOT NULL AND e.size_class IS NOT NULL
       GROUP BY c.cohort ORDER BY c.cohort`,
    );
    const rows = await tableRows('main-chart-table');
    expect(rows).toHaveLength(expected.length);
    for (const e of expected) {
      const row = rows.find((r) => r.key.startsWith(`${e.cohort}|`))!;
      expect(row.cells[0]).toBe(e.cohort);
      expect(row.cells[1]).toBe(formatInteger('id', e.n));
      expect(row.cells[2]).toBe(formatMeasure('id', 'percent', e.rate));
    }
    // One bar per cohort, each a keyboard-reachable button.
    const bars = page.getByTestId('main-chart-plot').locator('[role="button"][data-key]');
    expect(await bars.count()).toBe(expected.length);
  });

  it('a regroup redraws the main chart only: the map and the trajectories, whose data did not change, stay as drawn', async () => {
    await page.getByTestId('select-dimension').selectOption('sector');
    await settled();
    await page.evaluate(() => performance.clearMarks('dampingan:chart-drawn'));
    await page.getByTestId('select-dimension').selectOption('programme');
    await settled();
    await page.waitForTimeout(300);
    const drawn = await page.evaluate(() =>
      performance.getEntriesByName('dampingan:chart-drawn').map((m) => (m as PerformanceMark).detail as string | null),
    );
    expect(drawn.length).toBeGreaterThan(0);
    expect(new Set(drawn)).toEqual(new Set(['main-chart-plot']));
  });

  it('clicking a bar filters the KPIs, the map and the trajectories to what SQL gives for that filter', async () => {
    await page.getByTestId('select-dimension').selectOption('region');
    await settled();
    await page.getByTestId('main-chart-plot').locator('[role="button"][data-key="5207"]').click();
    await settled();
    expect(new URL(page.url()).searchParams.getAll('f.region')).toEqual(['5207']);
    await expect.poll(() => page.getByTestId('chip-region-5207').count()).toBe(1);

    const [k] = await db.query<{ clients: number; sessions: number; growth: number }>(
      `WITH b AS (SELECT client_id, monthly_revenue r FROM outcomes WHERE measurement = 'baseline'),
            e AS (SELECT client_id, monthly_revenue r FROM outcomes WHERE measurement = 'endline')
       SELECT (SELECT count(*) FROM clients WHERE region_code = '5207')::INTEGER AS clients,
              (SELECT count(*) FROM sessions JOIN clients USING (client_id) WHERE region_code = '5207')::INTEGER AS sessions,
              (SELECT median((e.r - b.r) / b.r::DOUBLE) FROM clients c JOIN b USING (client_id) JOIN e USING (client_id)
                 WHERE c.region_code = '5207' AND b.r > 0 AND e.r IS NOT NULL) AS growth`,
    );
    expect(Number(await page.getByTestId('kpi-clients').getAttribute('data-value'))).toBe(k.clients);
    expect(Number(await page.getByTestId('kpi-sessions').getAttribute('data-value'))).toBe(k.sessions);
    expect(Number(await page.getByTestId('kpi-growth').getAttribute('data-value'))).toBeCloseTo(k.growth, 12);

    // The trajectory chart now shows 5207's clients only (naik kelas at endline, per cohort).
    const traj = await db.query<{ cohort: string; n: number; rate: number }>(
      `WITH b AS (SELECT client_id, size_class FROM outcomes WHERE measurement = 'baseline')
       SELECT c.cohort, count(*)::INTEGER AS n,
         avg(CASE WHEN list_position(${SIZE}, o.size_class) > list_position(${SIZE}, b.size_class) THEN 1 ELSE 0 END) AS rate
       FROM outcomes o JOIN clients c USING (client_id) JOIN b USING (client_id)
       WHERE o.measurement = 'endline' AND c.region_code = '5207' AND b.size_class IS NOT NULL AND o.size_class IS NOT NULL
       GROUP BY c.cohort ORDER BY c.cohort`,
    );
    await page.getByTestId('trajectory-card').locator('summary').click();
    const trajRows = await tableRows('trajectory-table');
    for (const e of traj) {
      const endline = trajRows.filter((r) => r.cells[0] === e.cohort).at(-1)!;
      expect(endline.cells[2]).toBe(formatInteger('id', e.n));
      expect(endline.cells[3]).toBe(formatMeasure('id', 'percent', e.rate));
    }
    // The main chart keeps every region (it highlights its own selection).
    expect(await page.getByTestId('main-chart-plot').locator('[role="button"][data-key]').count()).toBe(10);
    expect(await page.getByTestId('main-chart-plot').locator('[data-key="5207"]').getAttribute('aria-pressed')).toBe('true');
  });

  it('draws all 10 regions on the map, and clicking one filters by it', async () => {
    const regions = page.getByTestId('map-plot').locator('path[data-region]');
    expect(await regions.count()).toBe(10);
    // Mark the drawn map: a click changes only the selection, so the same SVG must stay.
    await page
      .getByTestId('map-plot')
      .locator('svg')
      .first()
      .evaluate((svg) => svg.setAttribute('data-probe', 'kept'));
    await page.getByTestId('map-plot').locator('path[data-region="5271"]').click({ force: true });
    await settled();
    expect(new URL(page.url()).searchParams.getAll('f.region').sort()).toEqual(['5207', '5271']);
    expect(await page.getByTestId('map-plot').locator('svg[data-probe="kept"]').count()).toBe(1);
    const pressed = await regions.evaluateAll((paths) =>
      paths
        .filter((p) => p.getAttribute('aria-pressed') === 'true')
        .map((p) => p.getAttribute('data-region'))
        .sort(),
    );
    expect(pressed).toEqual(['5207', '5271']);
    expect(await page.getByTestId('map-plot').locator('path[data-region="5201"]').getAttribute('fill-opacity')).toBe('0.45');
  });

  it('Back steps to the previous view, and "clear all" removes every filter', async () => {
    await page.goBack();
    await settled();
    expect(new URL(page.url()).searchParams.getAll('f.region')).toEqual(['5207']);
    await page.getByTestId('clear-filters').click();
    await settled();
    expect(new URL(page.url()).searchParams.getAll('f.region')).toEqual([]);
    const [all] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM clients');
    expect(Number(await page.getByTestId('kpi-clients').getAttribute('data-value'))).toBe(all.n);
  });

  it('shows exposed and not-exposed clients side by side for functions, with the rule stated', async () => {
    await page.goto(new URL('explore/?k=2', baseUrl).href);
    await settled();
    await expect.poll(() => page.getByTestId('main-chart').textContent()).toContain('minimal 2 sesinya');
    const rows = await tableRows('main-chart-table');
    const educate = rows.filter((r) => r.key.startsWith('educate|'));
    expect(educate.map((r) => r.cells[1]).sort()).toEqual(['Terpapar', 'Tidak terpapar']);
    // Every function's exposed − not exposed interval (computed in the page's workers) is the
    // one the exact bootstrap gives on the groups of the direct SQL (the dense join, in Node).
    const spec = {
      measure: 'revenue_growth_median',
      dimension: 'function',
      framework: 'official',
      minSessions: 2,
      filters: { values: {} },
      withValues: true,
    };
    const groups = await runGroupQuery(db, spec, undefined, { medianInEngine: true });
    const checked = groups.filter((g) => g.exposed && g.n > 0);
    expect(checked.length).toBeGreaterThan(5);
    for (const g of checked) {
      const rest = groups.find((r) => r.group === g.group && r.exposed === false)!;
      const d = medianDifferenceInterval(g.values!, rest.values!)!;
      const text = differenceText('id', 'percent', { diff: d.estimate, diffLow: d.low, diffHigh: d.high });
      const row = rows.find((r) => r.key.startsWith(`${g.group}|`) && r.cells[1] === 'Terpapar')!;
      expect(row.cells).toContain(text);
    }
  });

  it('works from the keyboard: a bar is a button that Enter toggles, with a text alternative', async () => {
    await page.goto(new URL('explore/?d=cohort', baseUrl).href);
    await settled();
    const bar = page.getByTestId('main-chart-plot').locator('[role="button"][data-key="2025-A"]');
    expect(await bar.getAttribute('tabindex')).toBe('0');
    expect(await bar.getAttribute('aria-label')).toMatch(/^2025-A: .+, n = \d+/);
    await bar.focus();
    await page.keyboard.press('Enter');
    await settled();
    expect(new URL(page.url()).searchParams.getAll('f.cohort')).toEqual(['2025-A']);
    // Map regions are buttons too.
    const region = page.getByTestId('map-plot').locator('path[data-region="5204"]');
    await region.focus();
    await page.keyboard.press(' ');
    await settled();
    expect(new URL(page.url()).searchParams.getAll('f.region')).toEqual(['5204']);
  });

  it('opens a malformed link on the default view with a message, never an error', async () => {
    await page.goto(new URL("explore/?m=DROP%20TABLE&d=x'--&k=-1&f.nope=1&from=2024-13-45", baseUrl).href);
    await settled(false);
    await expect.poll(() => page.getByTestId('link-problem').count()).toBe(1);
    expect(await page.getByTestId('select-measure').inputValue()).toBe('revenue_growth_median');
    expect(recorded.consoleErrors).toEqual([]);
  });
  it('finds a mentor in the long list by typing, and ticking one filters to the clients it counts', async () => {
    await page.goto(new URL('explore/', baseUrl).href);
    await settled();
    const group = page.getByTestId('filter-mentor');
    await group.locator('summary').click();
    const boxes = group.locator('input[type="checkbox"]');
    const more = page.getByTestId('filter-more-mentor');
    // 50 mentors in the sample: the first 40 are listed, the note says how many there are.
    const total = Number(await more.getAttribute('data-matching'));
    expect(total).toBeGreaterThan(40);
    expect(await boxes.count()).toBe(40);
    await expect.poll(() => more.textContent()).toContain(`40 dari ${total}`);
    const listed = new Set(await boxes.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)));
    // A mentor beyond the first 40, found by typing its code.
    const search = page.getByTestId('filter-search-mentor');
    let found = '';
    for (let i = 1; i <= 50 && !found; i++) {
      const code = `P${String(i).padStart(3, '0')}`;
      if (listed.has(code)) continue;
      await search.fill(code.toLowerCase());
      if ((await boxes.count()) === 1 && (await boxes.first().getAttribute('value')) === code) found = code;
    }
    expect(found).not.toBe('');
    const counted = Number((await group.locator('li').first().locator('.muted').textContent())?.replace(/\D/g, ''));
    await boxes.first().check();
    await settled();
    expect(new URL(page.url()).searchParams.getAll('f.mentor')).toEqual([found]);
    expect(Number(await page.getByTestId('kpi-clients').getAttribute('data-value'))).toBe(counted);
    // The ticked mentor stays on top when the search changes; a search that matches nothing says so.
    await search.fill('zzz');
    expect(await boxes.count()).toBe(1);
    expect(await boxes.first().isChecked()).toBe(true);
    await expect.poll(() => more.getAttribute('data-matching')).toBe('0');
    await expect.poll(() => more.textContent()).toContain('Tidak ada yang cocok');
    await search.fill('');
    expect(await boxes.count()).toBe(41);
    expect(await boxes.first().getAttribute('value')).toBe(found);
  });
});
