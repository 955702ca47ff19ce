/**
 * Small groups kept private. On the built-in sample, cohort 2025-A and the food sector
 * (kuliner) leave one client with a revenue growth in Kota Bima (5272): the evaluator's own
 * Explore view shows its value, marked †; the link Copy link gives is marked `shared=1`,
 * and a fresh browser that opens it shows that group's n and "< 5 clients", no value — in
 * the table, the chart and the map. The printed report hides it too. Expected values come
 * from SQL on the same sample.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from 'playwright-core';
import { exploreSettled, launchBrowser, type Session } from './browser';
import { openSampleDatabase } from '../helpers/sample-db';
import { formatMeasure } from '../../src/lib/i18n/format';

const baseUrl = inject('baseUrl');
const VIEW = 'd=region&f.cohort=2025-A&f.sector=kuliner&lang=en';
const ONE = '5272'; // Kota Bima: one client of 2025-A in kuliner with a revenue growth
const LARGE = '5201'; // Lombok Barat: 20 of them
let author: Session;
let page: Page;
let oneValue: number;
let largeValue: number;

/** The cells of a table row by its key: [group, n, value, …] as shown. */
async function rowCells(p: Page, testid: string, key: string): Promise<string[]> {
  return p
    .getByTestId(testid)
    .locator(`tbody tr[data-key="${key}"] td`)
    .evaluateAll((tds) => tds.map((td) => td.textContent?.trim() ?? ''));
}

async function download(button: Locator): Promise<string> {
  const [file] = (await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()])) as [Download, unknown];
  return readFileSync(await file.path()).toString('utf8');
}

beforeAll(async () => {
  const db = await openSampleDatabase();
  const value = async (region: string) => {
    const [row] = await db.query<{ n: number; value: number }>(
      `SELECT count(revenue_growth)::INTEGER AS n, median(revenue_growth)::DOUBLE AS value
       FROM client_fact WHERE cohort = '2025-A' AND sector = 'kuliner' AND region_code = ?`,
      [region],
    );
    return row;
  };
  const one = await value(ONE);
  const large = await value(LARGE);
  db.close();
  expect(one.n).toBe(1);
  expect(large.n).toBe(20);
  oneValue = one.value;
  largeValue = large.value;

  author = await launchBrowser();
  await author.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
  page = await author.context.newPage();
  await page.goto(new URL(`explore/?${VIEW}`, baseUrl).href);
  await exploreSettled(page, { withChart: true });
});
afterAll(async () => author?.close());

describe('small groups kept private', () => {
  let link = '';

  it('the evaluator’s own view shows the one client’s value, marked, and says where it will be hidden', async () => {
    const [label, n, value] = await rowCells(page, 'main-chart-table', `${ONE}||`);
    expect(label).toBe('Kota Bima');
    expect(n).toBe('1');
    expect(value).toBe(`${formatMeasure('en', 'percent', oneValue)} †`);
    expect(await page.getByTestId('disclosure-mark-note').textContent()).toContain(
      'hidden in shared links, printed reports and every export',
    );
    const note = page.getByTestId('disclosure-note');
    expect(await note.getAttribute('data-mode')).toBe('mark');
    expect(await note.getAttribute('data-k')).toBe('5');
    expect(await note.textContent()).toContain('fewer than 5 clients');
  });

  it('Copy link marks the link as shared', async () => {
    await page.getByTestId('copy-link').click();
    await expect.poll(() => page.getByTestId('copy-link').textContent()).toContain('Link copied');
    link = await page.evaluate(() => navigator.clipboard.readText());
    const url = new URL(link);
    expect(url.searchParams.get('shared')).toBe('1');
    expect(url.searchParams.getAll('f.cohort')).toEqual(['2025-A']);
  });

  it('a fresh browser opening the link sees the group’s n and no value, in the table, the chart and the map', async () => {
    const recipient = await launchBrowser();
    try {
      const fresh = await recipient.context.newPage();
      await fresh.goto(link);
      await exploreSettled(fresh, { withChart: true });
      const oneText = formatMeasure('en', 'percent', oneValue);

      // Table: n, "< 5 clients", no interval.
      const [label, n, value, low, high] = await rowCells(fresh, 'main-chart-table', `${ONE}||`);
      expect([label, n, value, low, high]).toEqual(['Kota Bima', '1', '< 5 clients', '–', '–']);
      // A large group keeps its value, the same as the evaluator sees.
      const [, largeN, largeShown] = await rowCells(fresh, 'main-chart-table', `${LARGE}||`);
      expect([largeN, largeShown]).toEqual(['20', formatMeasure('en', 'percent', largeValue)]);

      // Chart: the group's button names n and "< 5 clients", not the value; its text says the same.
      const plot = fresh.getByTestId('main-chart-plot');
      const button = plot.locator(`[data-key="${ONE}"]`);
      const name = await button.getAttribute('aria-label');
      expect(name).toBe('Kota Bima: < 5 clients, n = 1');
      const texts = await plot.locator('svg text').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
      expect(texts).toContain('< 5 clients  n = 1');
      expect(texts.filter((t) => t.endsWith(' n = 1'))).toEqual(['< 5 clients  n = 1']);
      // No bar for it: one bar per group with a value shown in the table, none for the hidden ones.
      const tableValues = await fresh
        .getByTestId('main-chart-table')
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[2]?.textContent?.trim() ?? ''));
      const withValue = tableValues.filter((v) => /\d/.test(v) && !v.startsWith('<')).length;
      expect(tableValues).toContain('< 5 clients');
      expect(await plot.locator('svg g:not(.mark-buttons) > rect').count()).toBe(withValue);
      expect(oneText).not.toBe('–');

      // Map: the region's name and its table row.
      const region = fresh.getByTestId('map-plot').locator(`[aria-label^="Kota Bima:"]`).first();
      expect(await region.getAttribute('aria-label')).toBe('Kota Bima: < 5 clients, n = 1');
      const mapRow = await rowCells(fresh, 'map-table', ONE);
      expect(mapRow.slice(1, 3)).toEqual(['1', '< 5 clients']);

      const note = fresh.getByTestId('disclosure-note');
      expect(await note.getAttribute('data-mode')).toBe('hide');
      expect(await note.textContent()).toContain('This view was opened from a shared link.');
      expect(await fresh.getByTestId('disclosure-mark-note').count()).toBe(0);
    } finally {
      await recipient.close();
    }
  });

  it('downloads from the evaluator’s own view hide the group although the page shows it: the CSV and the image', async () => {
    const card = page.getByTestId('main-chart');
    const csv = (await download(card.getByTestId('export-csv')))
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split(/\r?\n/);
    const header = csv[0].split(',');
    const row = csv.find((line) => line.startsWith(`${ONE},`))!.split(',');
    const cell = (name: string) => row[header.indexOf(name)];
    expect([cell('n'), cell('value'), cell('ci95_low'), cell('ci95_high'), cell('suppressed')]).toEqual(['1', '', '', '', '< 5 clients']);
    const large = csv.find((line) => line.startsWith(`${LARGE},`))!.split(',');
    expect(Number(large[header.indexOf('value')])).toBeCloseTo(largeValue, 12);
    // The image is drawn again without the marked values: "< 5 clients", not the value with its †.
    const svg = await download(card.getByTestId('export-svg'));
    expect(svg).toContain('&lt; 5 clients  n = 1');
    expect(svg).not.toContain(`${formatMeasure('en', 'percent', oneValue)} †`);
    expect(svg).toContain('fewer than 5 clients');
    // …while the page still shows it to the evaluator.
    expect((await rowCells(page, 'main-chart-table', `${ONE}||`))[2]).toBe(`${formatMeasure('en', 'percent', oneValue)} †`);
  });

  it('the printed report hides the group in the evaluator’s own browser too', async () => {
    await page.goto(new URL(`report/?${VIEW}`, baseUrl).href);
    await page.waitForSelector('[data-testid="report"][data-ready="true"]', { timeout: 90_000 });
    const [label, n, value] = await rowCells(page, 'report-main-table', `${ONE}||`);
    expect([label, n, value]).toEqual(['Kota Bima', '1', '< 5 clients']);
    const mapRow = await rowCells(page, 'report-map-table', ONE);
    expect(mapRow.slice(1, 3)).toEqual(['1', '< 5 clients']);
    expect(await page.getByTestId('report-disclosure').textContent()).toContain('fewer than 5 clients');
  });
});
