import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openRecordedPage, type RecordedPage, type Session } from './browser';
import { openSampleDatabase } from '../helpers/sample-db';
import { overviewKpis, functionLabels, NO_FILTERS, type OverviewKpis } from '../../src/lib/query/overview';
import { runGroupQuery, type GroupRow } from '../../src/lib/query/group-query';
import { formatInteger, formatPercent } from '../../src/lib/i18n/format';
import { MEASURES } from '../../src/lib/query/measures';

const baseUrl = inject('baseUrl');

describe('overview page on the built-in sample', () => {
  let session: Session;
  let recorded: RecordedPage;
  let expected: OverviewKpis;
  let functionCount: number;
  let expectedFunctions: GroupRow[];
  let expectedRegions: GroupRow[];

  beforeAll(async () => {
    const db = await openSampleDatabase();
    expected = await overviewKpis(db);
    functionCount = (await functionLabels(db, 'official')).length;
    const spec = { measure: 'revenue_growth_median', framework: 'official', minSessions: 3, filters: NO_FILTERS };
    expectedFunctions = (await runGroupQuery(db, { ...spec, dimension: 'function' })).filter((r) => r.exposed);
    expectedRegions = await runGroupQuery(db, { ...spec, dimension: 'region' });
    db.close();

    session = await launchBrowser();
    recorded = await openRecordedPage(session.context);
    await recorded.page.goto(baseUrl);
    await recorded.page.getByTestId('chart-by-region-plot').locator('svg').first().waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows the KPI values SQL computes on the same data, formatted in Bahasa Indonesia', async () => {
    const { page } = recorded;
    const read = async (id: string) => ({
      value: await page.getByTestId(`kpi-${id}`).getAttribute('data-value'),
      text: (await page.getByTestId(`kpi-${id}`).locator('.value').textContent())?.trim(),
    });
    expect(await read('clients')).toEqual({ value: String(expected.clients), text: formatInteger('id', expected.clients) });
    expect(await read('mentors')).toEqual({ value: String(expected.mentors), text: formatInteger('id', expected.mentors) });
    expect(await read('sessions')).toEqual({ value: String(expected.sessions), text: formatInteger('id', expected.sessions) });
    const growth = await read('growth');
    expect(Number(growth.value)).toBeCloseTo(expected.median_revenue_growth!, 12);
    expect(growth.text).toBe(formatPercent('id', expected.median_revenue_growth));
    const naik = await read('naik-kelas');
    expect(Number(naik.value)).toBeCloseTo(expected.naik_kelas_rate!, 12);
    expect(naik.text).toBe(formatPercent('id', expected.naik_kelas_rate));
    const nib = await read('nib');
    expect(Number(nib.value)).toBeCloseTo(expected.nib_endline_rate!, 12);
    expect(nib.text).toBe(formatPercent('id', expected.nib_endline_rate));
    // Sanity: the sample is the documented size, so a loader that dropped rows would show.
    expect(expected.clients).toBeGreaterThan(1000);
    expect(expected.sessions).toBeGreaterThan(20_000);
  });

  it('draws the first chart from the build-time figures before the engine is ready, and the live figures equal them', async () => {
    const fresh = await launchBrowser();
    try {
      const page = await fresh.context.newPage();
      await page.goto(baseUrl);
      await page.getByTestId('chart-by-region-plot').locator('svg').first().waitFor({ timeout: 60_000 });
      const kpiValues = () =>
        page
          .getByTestId('kpis')
          .locator('[data-value]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
      const first = await kpiValues();
      const snapshot = JSON.parse(readFileSync(join('build', 'sample-overview.json'), 'utf8')) as {
        fingerprint: string;
        findings: { id: string[] };
      };
      const sentences = () => page.getByTestId('overview-findings').getByTestId('finding-sentence').allTextContents();
      // "What the data says" is there at once too, from the build …
      expect(await sentences()).toEqual(snapshot.findings.id);
      expect(snapshot.findings.id.length).toBeGreaterThanOrEqual(3);
      expect(snapshot.findings.id.length).toBeLessThanOrEqual(6);
      // Live: the engine is ready, the note about build-time figures is gone, nothing moved.
      await page.getByTestId('dataset-name').waitFor({ timeout: 60_000 });
      await expect.poll(() => page.getByTestId('overview-prebuilt').count()).toBe(0);
      expect(await kpiValues()).toEqual(first);
      expect(await page.getByTestId('dataset-name').getAttribute('title')).toBe(snapshot.fingerprint);
      // … and the live findings (computed in the browser's workers) say the same.
      await expect.poll(sentences, { timeout: 60_000 }).toEqual(snapshot.findings.id);
      const marks = await page.evaluate(() =>
        Object.fromEntries(
          performance
            .getEntriesByType('mark')
            .map((m) => [m.name, m.startTime])
            .reverse(),
        ),
      );
      expect(marks['dampingan:chart-drawn']).toBeLessThan(marks['dampingan:engine-ready']);
    } finally {
      await fresh.close();
    }
  });

  it('is labelled in Bahasa Indonesia by default', async () => {
    const { page } = recorded;
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Ringkasan program pendampingan');
    expect(await page.getByTestId('kpi-clients').locator('.label').textContent()).toBe('Klien');
  });

  it('draws both charts with one bar per group, and their tables hold the SQL values with n', async () => {
    const { page } = recorded;
    const functionBars = page.getByTestId('chart-by-function-plot').locator('svg rect:has(> title)');
    // Functions no client reaches under the rule (observe, report at k = 3) are named, not drawn.
    expect(functionCount).toBe(11);
    expect(await functionBars.count()).toBe(expectedFunctions.length);
    expect(await page.getByTestId('chart-by-function').textContent()).toMatch(/Tidak ada klien dengan minimal 3 sesi/);
    const regionBars = page.getByTestId('chart-by-region-plot').locator('svg rect:has(> title)');
    expect(await regionBars.count()).toBe(10);

    const rows = await page
      .getByTestId('chart-by-function-table')
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => ({ key: tr.getAttribute('data-key'), n: Number(tr.getAttribute('data-n')), value: tr.getAttribute('data-value') })),
      );
    for (const g of expectedFunctions) {
      const row = rows.find((r) => r.key === g.group);
      expect(row, g.group!).toBeDefined();
      expect(row!.n).toBe(g.n);
      expect(Number(row!.value)).toBeCloseTo(g.value!, 12);
    }
    // Every group has its 95 % interval around its value, and groups keep the framework's order.
    const intervals = await page
      .getByTestId('chart-by-function-table')
      .locator('tbody tr[data-n]:not([data-n="0"])')
      .evaluateAll((trs) =>
        trs.map((tr) => [Number(tr.getAttribute('data-low')), Number(tr.getAttribute('data-value')), Number(tr.getAttribute('data-high'))]),
      );
    expect(intervals.length).toBeGreaterThan(5);
    for (const [low, value, high] of intervals) {
      expect(low).toBeLessThanOrEqual(value);
      expect(high).toBeGreaterThanOrEqual(value);
    }
    const positions = expectedFunctions.map((g) => rows.findIndex((r) => r.key === g.group));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const regionRows = await page
      .getByTestId('chart-by-region-table')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => ({ key: tr.getAttribute('data-key'), n: Number(tr.getAttribute('data-n')) })));
    expect(expectedRegions).toHaveLength(10);
    for (const r of expectedRegions) expect(regionRows.find((x) => x.key === r.group)?.n).toBe(r.n);
    // Every bar carries its n in the label.
    const labels = await page.getByTestId('chart-by-region-plot').locator('svg g[aria-label="text"] text').allTextContents();
    expect(labels.every((l) => /n = \d/.test(l))).toBe(true);
  });

  it('loads DuckDB from its own origin and makes no request to any other origin', async () => {
    const origin = new URL(baseUrl).origin;
    const foreign = recorded.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(recorded.requests.some((u) => u.startsWith(origin) && /duckdb-eh.*\.wasm$/.test(u))).toBe(true);
  });

  it('logs no console error', () => {
    expect(recorded.consoleErrors).toEqual([]);
  });

  it('switches to English and keeps the language when navigating', async () => {
    const { page } = recorded;
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Mentoring programme overview');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await expect.poll(() => page.getByTestId('kpi-clients').locator('.value').textContent()).toBe(formatInteger('en', expected.clients));
    await page.locator('header .name').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });
  it('links each measure-backed number and chart to its indicator sheet, and the sheet defines it in both languages', async () => {
    const { page, consoleErrors } = recorded;
    await page.goto(baseUrl);
    await page.getByTestId('chart-by-region-plot').locator('svg').first().waitFor({ timeout: 60_000 });
    const linked = await page.getByTestId('indicator-link').evaluateAll((links) => links.map((a) => a.getAttribute('data-indicator')));
    // Three KPI cards (growth, naik kelas, NIB) and both charts (median revenue growth).
    expect(linked).toEqual([
      'revenue_growth_median',
      'naik_kelas_rate',
      'has_nib_endline_rate',
      'revenue_growth_median',
      'revenue_growth_median',
    ]);
    await page.getByTestId('kpi-naik-kelas').getByTestId('indicator-link').click();
    await page.waitForURL(/\/indicators\/#naik_kelas_rate$/);
    const sheets = await page
      .getByTestId('indicator-sheet')
      .evaluateAll((sections) => sections.map((s) => s.getAttribute('data-indicator')));
    expect(sheets).toEqual(MEASURES.map((m) => m.key));
    const sheet = page.locator('[data-indicator="naik_kelas_rate"][data-testid="indicator-sheet"]');
    expect(await sheet.locator('h2').textContent()).toBe(MEASURES.find((m) => m.key === 'naik_kelas_rate')!.label_id);
    expect(await sheet.locator('[data-field="sources"]').textContent()).toContain('outcomes.size_class');
    await page.goto(`${baseUrl}indicators/?lang=en#revenue_growth_median`);
    const growth = page.locator('[data-indicator="revenue_growth_median"][data-testid="indicator-sheet"]');
    expect(await growth.locator('[data-field="direction"]').textContent()).toBe('Higher is better.');
    expect(await growth.locator('[data-field="missing"]').textContent()).toMatch(/baseline revenue of 0/);
    expect(consoleErrors).toEqual([]);
  });

  it('shows every indicator by owner gender, equal to SQL computed independently from the raw tables', async () => {
    const { page, consoleErrors } = recorded;
    await page.goto(baseUrl);
    await page.getByTestId('gesi-details').locator('summary').click();
    await page.getByTestId('gesi-table').waitFor({ timeout: 60_000 });
    const db = await openSampleDatabase();
    const group = `CASE WHEN c.entity_type = 'koperasi' THEN 'koperasi' ELSE coalesce(c.owner_gender, 'unknown') END`;
    const counts = await db.query<{ g: string; n: number }>(`SELECT ${group} AS g, count(*)::INTEGER AS n FROM clients c GROUP BY ALL`);
    const nib = await db.query<{ g: string; n: number; share: number }>(
      `SELECT ${group} AS g, count(o.has_nib)::INTEGER AS n, avg(o.has_nib::INTEGER)::DOUBLE AS share
       FROM clients c JOIN outcomes o ON o.client_id = c.client_id AND o.measurement = 'endline' GROUP BY ALL`,
    );
    const growth = await db.query<{ g: string; n: number; median: number }>(
      `SELECT ${group} AS g, count(*)::INTEGER AS n, median((e.monthly_revenue - b.monthly_revenue) / b.monthly_revenue)::DOUBLE AS median
       FROM clients c
       JOIN outcomes b ON b.client_id = c.client_id AND b.measurement = 'baseline'
       JOIN outcomes e ON e.client_id = c.client_id AND e.measurement = 'endline'
       WHERE b.monthly_revenue > 0 AND e.monthly_revenue IS NOT NULL GROUP BY ALL`,
    );
    db.close();
    const shownCounts = await page
      .getByTestId('gesi-clients')
      .locator('td[data-group]')
      .evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-group'), Number(td.getAttribute('data-n'))]));
    expect(Object.fromEntries(shownCounts)).toEqual({
      P: 0,
      L: 0,
      koperasi: 0,
      unknown: 0,
      ...Object.fromEntries(counts.map((r) => [r.g, r.n])),
    });
    const cells = async (measure: string) =>
      Object.fromEntries(
        await page
          .locator(`[data-testid="gesi-row"][data-measure="${measure}"] [data-testid="gesi-cell"]`)
          .evaluateAll((tds) =>
            tds.map((td) => [td.getAttribute('data-group'), [Number(td.getAttribute('data-n')), td.getAttribute('data-value')]]),
          ),
      ) as Record<string, [number, string]>;
    const shownNib = await cells('has_nib_endline_rate');
    for (const r of nib) {
      expect(shownNib[r.g][0]).toBe(r.n);
      expect(Number(shownNib[r.g][1])).toBeCloseTo(r.share, 12);
    }
    const shownGrowth = await cells('revenue_growth_median');
    for (const r of growth) {
      expect(shownGrowth[r.g][0]).toBe(r.n);
      expect(Number(shownGrowth[r.g][1])).toBeCloseTo(r.median, 12);
    }
    // The gap is women − men, inside its own interval.
    const gap = page.locator('[data-testid="gesi-row"][data-measure="has_nib_endline_rate"] [data-testid="gesi-gap"]');
    const [value, low, high] = await Promise.all(
      ['data-value', 'data-low', 'data-high'].map(async (a) => Number(await gap.getAttribute(a))),
    );
    const women = nib.find((r) => r.g === 'P')!.share;
    const men = nib.find((r) => r.g === 'L')!.share;
    expect(value).toBeCloseTo(women - men, 12);
    expect(low).toBeLessThan(value);
    expect(high).toBeGreaterThan(value);
    expect(consoleErrors).toEqual([]);
  });

  it('keeps small owner-gender groups private when the Overview comes from a shared link, and marks them in the evaluator’s own view', async () => {
    const { page } = recorded;
    // With a threshold of 50 the 18 businesses of unknown owner gender are a small group.
    const unknownCell = page.locator(
      '[data-testid="gesi-row"][data-measure="naik_kelas_rate"] [data-testid="gesi-cell"][data-group="unknown"]',
    );
    for (const [query, value] of [
      ['?dk=50', 'shown'],
      ['?dk=50&shared=1', 'hidden'],
    ] as const) {
      await page.goto(`${baseUrl}${query}`);
      await page.getByTestId('gesi-details').locator('summary').click();
      await page.getByTestId('gesi-table').waitFor({ timeout: 60_000 });
      expect(Number(await unknownCell.getAttribute('data-n'))).toBeLessThan(50);
      expect(await unknownCell.getAttribute('data-suppressed')).toBe('primary');
      if (value === 'shown') {
        expect(await unknownCell.getAttribute('data-value')).not.toBe('');
        expect(await unknownCell.textContent()).toContain('†');
      } else {
        expect(await unknownCell.getAttribute('data-value')).toBe('');
        expect(await unknownCell.textContent()).toContain('< 50 klien');
      }
      expect(await page.getByTestId('gesi-disclosure').count()).toBe(1);
    }
  });
});
