/**
 * Share links and printed reports: a complex view survives a copy-and-open in a fresh
 * browser; saved reports are listed; the report view prints to a PDF whose text holds the
 * title, the filters and the KPI values.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { exploreSettled, launchBrowser, type Session } from './browser';
import { formatInteger, formatPercent } from '../../src/lib/i18n/format';

const baseUrl = inject('baseUrl');
let author: Session;
let page: Page;

const settled = (p: Page) => exploreSettled(p);

/**
 * The view as shown. Groups under the privacy threshold are set apart (`private`): the
 * author sees them marked †, a recipient of the link sees them hidden (privacy.test.ts).
 */
async function snapshot(p: Page) {
  const all = await p
    .getByTestId('main-chart-table')
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => ({
        key: tr.getAttribute('data-key') ?? '',
        private: /\b(marked|suppressed)\b/.test(tr.className),
        text: [tr.getAttribute('data-key'), ...[...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())].join(' | '),
      })),
    );
  const rows = all.filter((r) => !r.private).map((r) => r.text);
  const privateKeys = all.filter((r) => r.private).map((r) => r.key);
  const kpis = await p
    .getByTestId('kpis')
    .locator('[data-value]')
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-testid')}=${e.getAttribute('data-value')}`));
  return {
    rows: rows.sort(),
    privateKeys: privateKeys.sort(),
    kpis,
    heading: await p.getByTestId('main-chart').locator('h2').textContent(),
  };
}

beforeAll(async () => {
  author = await launchBrowser();
  await author.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
  page = await author.context.newPage();
  await page.goto(new URL('explore/', baseUrl).href);
  await settled(page);
});
afterAll(async () => author?.close());

describe('share links', () => {
  let link = '';
  let before: Awaited<ReturnType<typeof snapshot>>;

  it('a complex view copied as a link opens identically in a fresh browser', async () => {
    // English, non-default measure and framework, a second dimension, several filters.
    await page.getByTestId('lang-switch').click();
    await page.waitForURL(/lang=en/);
    await page.getByTestId('select-measure').selectOption('sessions_per_client');
    await settled(page);
    await page.getByTestId('select-dimension').selectOption('function');
    await settled(page);
    await page.getByTestId('select-framework').selectOption('suharto_functions');
    await settled(page);
    await page.getByTestId('select-dimension2').selectOption('island');
    await settled(page);
    await page.getByTestId('filter-cohort').locator('summary').click();
    await page
      .getByTestId('filter-cohort')
      .getByRole('checkbox', { name: /2024-B/ })
      .check();
    await settled(page);
    await page.getByTestId('filter-sector').locator('summary').click();
    await page
      .getByTestId('filter-sector')
      .getByRole('checkbox', { name: /Food and drink/ })
      .check();
    await settled(page);
    await page
      .getByTestId('filter-sector')
      .getByRole('checkbox', { name: /Crafts/ })
      .check();
    await settled(page);
    await page.getByTestId('input-min-sessions').fill('2');
    await page.getByTestId('input-min-sessions').press('Enter');
    await settled(page);
    before = await snapshot(page);
    expect(before.heading).toContain('Sessions per client');

    await page.getByTestId('copy-link').click();
    await expect.poll(() => page.getByTestId('copy-link').textContent()).toContain('Link copied');
    link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(await page.getByTestId('copy-link').getAttribute('data-link'));
    const url = new URL(link);
    expect(url.searchParams.get('lang')).toBe('en');
    expect(url.searchParams.get('fw')).toBe('suharto_functions');
    expect(url.searchParams.getAll('f.sector').sort()).toEqual(['kerajinan', 'kuliner']);

    const recipient = await launchBrowser();
    try {
      const fresh = await recipient.context.newPage();
      await fresh.goto(link);
      await settled(fresh);
      expect(await snapshot(fresh)).toEqual(before);
      expect(await fresh.locator('html').getAttribute('lang')).toBe('en');
    } finally {
      await recipient.close();
    }
  });

  it('links carry ids and codes only, never names from the data', () => {
    const url = new URL(link);
    for (const [name, value] of url.searchParams) {
      expect(`${name}=${value}`).not.toMatch(/[A-Z][a-z]+ [A-Z][a-z]+/); // no "Siti Aminah"-like names
      expect(value).not.toMatch(/08\d{8,}/); // no phone numbers
    }
  });

  it('saves the view as a named report and lists it', async () => {
    await page.getByTestId('report-save').click();
    await page.getByTestId('report-name').fill('Kuliner & kerajinan 2024-B');
    await page.getByTestId('report-save-confirm').click();
    await page.getByTestId('nav-reports').click();
    await expect.poll(() => page.getByTestId('reports-list').textContent()).toContain('Kuliner & kerajinan 2024-B');
    await page.getByTestId('report-open').first().click();
    await settled(page);
    expect(await snapshot(page)).toEqual(before);
  });
});

describe('dataset identity', () => {
  it('a link made on other data shows a banner, not silently different numbers', async () => {
    const url = new URL('explore/', baseUrl);
    url.search = 'd=region&ds=0123456789abcdef&dn=Ekspor%20Dinas%20Lotim';
    await page.goto(url.href);
    await settled(page);
    const banner = page.getByTestId('dataset-mismatch');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toContain('Ekspor Dinas Lotim');
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('dataset-mismatch-data').getAttribute('href')).toMatch(/\/data\/?/);
  });

  it('a link made on the same data shows no banner, and copied links name the data', async () => {
    await page.getByTestId('copy-link').click();
    const own = new URL(await page.evaluate(() => navigator.clipboard.readText()));
    const fingerprint = own.searchParams.get('ds');
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(await page.getByTestId('dataset-name').getAttribute('title')).toBe(fingerprint);
    await page.goto(own.href);
    await settled(page);
    await page.waitForTimeout(500);
    expect(await page.getByTestId('dataset-mismatch').count()).toBe(0);
  });
});

describe('printed report', () => {
  it('prints to an A4 PDF whose text holds the title, the filters and the KPI values', async () => {
    const title = 'Laporan Triwulan III Dinas Koperasi NTB';
    const url = new URL('report/', baseUrl);
    url.search = new URLSearchParams([
      ['m', 'naik_kelas_rate'],
      ['d', 'cohort'],
      ['f.region', '5201'],
      ['f.region', '5203'],
      ['title', title],
    ]).toString();
    await page.goto(url.href);
    await page.locator('[data-testid="report"][data-ready="true"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('report-main-plot').locator('svg').first().waitFor();
    await page.getByTestId('report-map-plot').locator('svg').first().waitFor();
    const clients = Number(await page.getByTestId('kpi-clients').getAttribute('data-value'));
    const naik = Number(await page.getByTestId('kpi-naik-kelas').getAttribute('data-value'));

    const dir = mkdtempSync(join(tmpdir(), 'dampingan-report-'));
    const pdfPath = join(dir, 'report.pdf');
    writeFileSync(pdfPath, await page.pdf({ format: 'A4', printBackground: true }));
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain(title);
    expect(text).toMatch(/Kabupaten\/kota: Lombok Barat, Lombok Timur/);
    expect(text).toContain(formatInteger('id', clients));
    expect(text).toContain(formatPercent('id', naik));
    expect(text).toContain(`sidik data ${await page.getByTestId('dataset-name').getAttribute('title')}`); // the data's fingerprint
    expect(text).not.toContain('Cetak / simpan PDF'); // controls are not printed
    // What the data says about the view's outcome (naik kelas), as the Findings page words it.
    const sentences = await page.getByTestId('report-findings').getByTestId('finding-sentence').allTextContents();
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    expect(text).toContain('Apa kata data');
    expect(text.replace(/\s+/g, ' ')).toContain(sentences[0].replace(/\s+/g, ' ').slice(0, 40));
    const pages = Number(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)![1]);
    expect(pages).toBeGreaterThanOrEqual(3); // sections start on new pages
    // Keep PNGs of the pages for a person to look at (REPORT_PNG_DIR=… npm run test:e2e).
    if (process.env.REPORT_PNG_DIR) {
      execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, join(process.env.REPORT_PNG_DIR, 'report')]);
      expect(readdirSync(process.env.REPORT_PNG_DIR).length).toBeGreaterThan(0);
    }
  });
});
