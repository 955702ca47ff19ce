/**
 * Phones and tablets: every page fits the width (no sideways scroll) at 390×844 and
 * 820×1180; on a phone Explore's first chart is on the first screen, its controls and
 * filters in a sheet; filter rows and chart buttons are targets of at least 24 px; the map
 * zooms to Lombok with a 24 px target for Kota Mataram; focus stays where the keyboard
 * was when a bar, a region, a cohort or a filter chip is activated; the Overview does not
 * shift as its live figures arrive (CLS ≤ 0.1).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { exploreSettled, launchBrowser, openRecordedPage, type Session } from './browser';
import { PAGES, pageSettled, pageUrl } from './pages';

const baseUrl = inject('baseUrl');
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 820, height: 1180 };

/** Height (px) of the smallest of the boxes, and the boxes' count. */
async function smallestHeight(page: Page, selector: string): Promise<{ count: number; min: number }> {
  return page.evaluate((sel) => {
    const heights = [...document.querySelectorAll(sel)]
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0)
      .map((r) => r.height);
    return { count: heights.length, min: heights.length ? Math.min(...heights) : 0 };
  }, selector);
}

const activeFocusKey = (page: Page) =>
  page.evaluate(
    () =>
      document.activeElement?.getAttribute('data-focus-key') ??
      document.activeElement?.getAttribute('data-testid') ??
      document.activeElement?.tagName ??
      null,
  );

for (const size of [PHONE, TABLET]) {
  describe(`every page at ${size.width}×${size.height}`, () => {
    let session: Session;
    let page: Page;
    beforeAll(async () => {
      session = await launchBrowser(undefined, { viewport: size });
      page = (await openRecordedPage(session.context)).page;
    });
    afterAll(async () => {
      await session?.close();
    });

    it('has no sideways scroll on any page, in either language', async () => {
      const widths: Record<string, number> = {};
      for (const lang of ['id', 'en'] as const) {
        for (const { name, path } of PAGES) {
          await page.goto(pageUrl(baseUrl, path, lang));
          await pageSettled(page);
          widths[`${name} (${lang})`] = await page.evaluate(() => document.documentElement.scrollWidth);
        }
      }
      for (const [name, width] of Object.entries(widths)) expect(width, name).toBeLessThanOrEqual(size.width);
    });

    it('makes every button of the main chart and the map at least 24 px tall', async () => {
      for (const chartType of ['bar', 'dot']) {
        await page.goto(pageUrl(baseUrl, chartType === 'dot' ? 'explore/?c=dot' : 'explore/'));
        await exploreSettled(page, { withChart: true });
        const bars = await smallestHeight(page, '[data-testid="main-chart-plot"] [role="button"]');
        expect(bars.count).toBeGreaterThan(5);
        expect(bars.min, `${chartType} marks`).toBeGreaterThanOrEqual(24);
      }
      await page.getByTestId('map-plot').locator('svg').first().waitFor();
      // Every region the keyboard reaches (small ones through their marker) is a 24 px target.
      const regions = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="map-plot"] [role="button"][tabindex="0"]')].map((el) => {
          const r = el.getBoundingClientRect();
          return { code: el.getAttribute('data-region') ?? el.getAttribute('data-marker-region'), width: r.width, height: r.height };
        }),
      );
      expect(regions.map((r) => r.code).sort()).toEqual(['5201', '5202', '5203', '5204', '5205', '5206', '5207', '5208', '5271', '5272']);
      for (const r of regions) expect(Math.min(r.width, r.height), r.code ?? '').toBeGreaterThanOrEqual(24);
    });

    it('keeps the controls and filters in a sheet that opens, traps and gives back focus, and closes with Escape; filter rows are 24 px targets', async () => {
      await page.goto(pageUrl(baseUrl, 'explore/'));
      await exploreSettled(page, { withChart: true });
      expect(await page.getByTestId('select-measure').isVisible()).toBe(false);
      const opener = page.getByTestId('filter-sheet-open');
      expect((await opener.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await opener.click();
      const sheet = page.getByTestId('filter-sheet');
      await sheet.waitFor({ state: 'visible' });
      expect(await page.getByTestId('select-measure').isVisible()).toBe(true);
      expect(await page.evaluate(() => document.querySelector('[data-testid="filter-sheet"]')!.contains(document.activeElement))).toBe(
        true,
      );
      await page.getByTestId('filter-region').locator('summary').click();
      const rows = await smallestHeight(page, '[data-testid="filter-region"] li label');
      expect(rows.count).toBe(10);
      expect(rows.min).toBeGreaterThanOrEqual(24);
      // Ticking a value filters the page behind; the sheet stays open until closed.
      await page.getByTestId('filter-region').locator('input[value="5271"]').check();
      await exploreSettled(page);
      expect(new URL(page.url()).searchParams.getAll('f.region')).toEqual(['5271']);
      expect(await sheet.isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      await sheet.waitFor({ state: 'hidden' });
      expect(await activeFocusKey(page)).toBe('filter-sheet-open');
      expect(await opener.textContent()).toContain('1');
    });

    it('keeps focus on the activated bar, region and cohort, and beside a removed filter chip', async () => {
      await page.goto(pageUrl(baseUrl, 'explore/?d=cohort'));
      await exploreSettled(page, { withChart: true });
      const bar = page.getByTestId('main-chart-plot').locator('[role="button"][data-key="2025-A"]');
      await bar.focus();
      await page.keyboard.press('Enter');
      await exploreSettled(page);
      expect(new URL(page.url()).searchParams.getAll('f.cohort')).toEqual(['2025-A']);
      // The chart was drawn anew; the keyboard is still on 2025-A's bar, which says it is pressed.
      expect(await activeFocusKey(page)).toBe('2025-A|');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-pressed'))).toBe('true');

      const region = page.getByTestId('map-plot').locator('[role="button"][data-region="5204"]');
      await region.focus();
      await page.keyboard.press('Enter');
      await exploreSettled(page);
      expect(await activeFocusKey(page)).toBe('region:5204');

      await page.getByTestId('cohort-2024-A').focus();
      await page.keyboard.press('Enter');
      await exploreSettled(page);
      expect(await activeFocusKey(page)).toBe('cohort-2024-A');

      // Three chips (cohorts 2025-A and 2024-A, region 5204): remove the first, focus moves to the next.
      await page.getByTestId('chip-cohort-2025-A').focus();
      await page.keyboard.press('Enter');
      await exploreSettled(page);
      expect(await activeFocusKey(page)).toBe('chip-cohort-2024-A');
      await page.getByTestId('clear-filters').focus();
      await page.keyboard.press('Enter');
      await exploreSettled(page);
      expect(await activeFocusKey(page)).toBe('filter-chips');
    });
  });
}

describe('Explore on a phone', () => {
  let session: Session;
  let page: Page;
  beforeAll(async () => {
    session = await launchBrowser(undefined, { viewport: PHONE });
    page = (await openRecordedPage(session.context)).page;
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows the first chart within the first 900 px, in both languages', async () => {
    for (const lang of ['id', 'en'] as const) {
      await page.goto(pageUrl(baseUrl, 'explore/', lang));
      await exploreSettled(page, { withChart: true });
      const top = await page.getByTestId('main-chart-plot').evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
      expect(top, lang).toBeLessThanOrEqual(900);
    }
  });

  it('zooms the map to Lombok, where every region has room for its label, and back', async () => {
    await page.goto(pageUrl(baseUrl, 'explore/'));
    await exploreSettled(page, { withChart: true });
    await page.getByTestId('map-zoom-lombok').click();
    const lombok = page.getByTestId('map-plot').locator('path[data-region]');
    await expect.poll(() => lombok.count()).toBe(5);
    const mataram = page
      .getByTestId('map-plot')
      .locator('[role="button"][tabindex="0"][data-marker-region="5271"], [role="button"][tabindex="0"][data-region="5271"]');
    const box = (await mataram.boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24);
    expect(await mataram.getAttribute('aria-label')).toMatch(/^Kota Mataram: .+ \(95%: .+ – .+\), n = [\d.]+$/);
    expect(await page.getByTestId('map-plot').locator('[data-label-region]').count()).toBe(5);
    await page.getByTestId('map-zoom-all').click();
    await expect.poll(() => page.getByTestId('map-plot').locator('path[data-region]').count()).toBe(10);
  });

  it('skips to the chart from the first Tab, in the page language', async () => {
    await page.goto(pageUrl(baseUrl, 'explore/'));
    await exploreSettled(page, { withChart: true });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Langsung ke isi halaman');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Langsung ke grafik');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-chart');
    await page.goto(pageUrl(baseUrl, 'explore/', 'en'));
    await exploreSettled(page, { withChart: true });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the content');
  });
});

describe('the Overview does not shift as it loads', () => {
  for (const viewport of [PHONE, { width: 1280, height: 900 }]) {
    it(`has a cumulative layout shift of at most 0.1 at ${viewport.width} px, from the first paint to the live figures`, async () => {
      const session = await launchBrowser(undefined, { viewport });
      try {
        const page = await session.context.newPage();
        await page.addInitScript(() => {
          const shifts: number[] = [];
          (window as unknown as { __shifts: number[] }).__shifts = shifts;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
              if (!entry.hadRecentInput) shifts.push(entry.value);
            }
          }).observe({ type: 'layout-shift', buffered: true });
        });
        await page.goto(baseUrl);
        await page.getByTestId('dataset-name').waitFor({ timeout: 60_000 });
        // The live findings replace the build's: wait for them, then a moment more.
        await expect.poll(() => page.getByTestId('overview-findings').textContent(), { timeout: 60_000 }).not.toContain('dibangun');
        await page.waitForTimeout(500);
        // Summed over the whole load (at least the largest session window CLS reports).
        const total = await page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts.reduce((a, b) => a + b, 0));
        expect(total).toBeLessThanOrEqual(0.1);
        expect(await page.getByTestId('overview-period').textContent()).toMatch(/^sesi pendampingan \d+ \S+ \d{4} – \d+ \S+ \d{4}$/);
      } finally {
        await session.close();
      }
    });
  }
});
