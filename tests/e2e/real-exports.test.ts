/**
 * Real exports in a real browser: a provincial set of three files (Windows-1252, `;`, title
 * rows, no mentor list, no programme / entity type / start date) loads in one go and the
 * Overview shows its KPIs; a set without sessions and outcomes shows empty states that say
 * what is missing; a stored copy that changed in the browser's storage is not used.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { exploreSettled, launchBrowser, openRecordedPage, type RecordedPage, type Session } from './browser';
import { openSampleDatabase } from '../helpers/sample-db';
import { writeProvincialExport } from '../helpers/reexport';
import { overviewKpis, type OverviewKpis } from '../../src/lib/query/overview';
import { typedRows, withTitles, xlsxBytes } from '../helpers/xlsx';
import { SAMPLE_DIR } from '../helpers/sample-db';

const baseUrl = inject('baseUrl');
const url = (path: string) => new URL(path, baseUrl).href;

async function openDataPage(page: Page) {
  await page.goto(url('data/'));
  await page.getByTestId('dataset-summary').locator('tr[data-table=sessions]').waitFor({ timeout: 60_000 });
}

async function chooseAndLoad(page: Page, paths: string[], name: string) {
  await page.getByTestId('upload-input').setInputFiles(paths);
  await expect.poll(() => page.getByTestId('file-card').count(), { timeout: 30_000 }).toBe(paths.length);
  await page.getByTestId('dataset-name-input').fill(name);
  await page.getByTestId('upload-load').click();
  await page.getByTestId('upload-success').waitFor({ timeout: 90_000 });
}

const kpi = async (page: Page, id: string) => page.getByTestId(`kpi-${id}`).getAttribute('data-value');

describe('real exports', () => {
  let work: string;
  let session: Session;
  let recorded: RecordedPage;
  let expected: OverviewKpis;
  let paths: string[];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dampingan-real-'));
    paths = writeProvincialExport(join(work, 'ekspor'));
    const db = await openSampleDatabase();
    expected = await overviewKpis(db);
    db.close();
    session = await launchBrowser(join(work, 'profile'));
    recorded = await openRecordedPage(session.context);
  });
  afterAll(async () => {
    await session?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('a provincial set without a mentor list and without programme, entity type or start date loads in one go', async () => {
    const { page } = recorded;
    await openDataPage(page);
    await page.getByTestId('upload-input').setInputFiles(paths);
    await expect.poll(() => page.getByTestId('file-card').count(), { timeout: 30_000 }).toBe(3);
    // Recognition is sure of every file: nothing to map by hand.
    expect(await page.getByTestId('file-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-status')))).toEqual([
      'ready',
      'ready',
      'ready',
    ]);
    const absent = page.getByTestId('set-absent');
    expect(await absent.getAttribute('data-table')).toBe('mentors');
    expect(await absent.getAttribute('data-fate')).toBe('derived');
    await page.getByTestId('dataset-name-input').fill('Ekspor provinsi');
    expect(await page.getByTestId('upload-load').isEnabled()).toBe(true);
    await page.getByTestId('upload-load').click();
    await page.getByTestId('upload-success').waitFor({ timeout: 90_000 });
    await page.getByTestId('report-derived').waitFor();
    expect(await page.getByTestId('report-derived').getAttribute('data-table')).toBe('mentors');

    await page.getByRole('link', { name: 'Ringkasan' }).first().click();
    await page.getByTestId('kpi-clients').waitFor({ timeout: 60_000 });
    await expect.poll(() => kpi(page, 'clients'), { timeout: 30_000 }).toBe(String(expected.clients));
    expect(Number(await kpi(page, 'mentors'))).toBe(expected.mentors);
    expect(Number(await kpi(page, 'sessions'))).toBe(expected.sessions);
    expect(Number(await kpi(page, 'growth'))).toBeCloseTo(expected.median_revenue_growth!, 12);
    expect(Number(await kpi(page, 'nib'))).toBeCloseTo(expected.nib_endline_rate!, 12);
    // The programme column is absent: the Explore programme view says so and shows one unknown group.
    await page.goto(url('explore/?d=programme'));
    await exploreSettled(page, { withChart: true });
    expect(await page.getByTestId('main-chart').textContent()).toMatch(/tidak memiliki kolom programme/);
    expect(await page.getByTestId('main-chart-table').locator('tbody tr').count()).toBe(1);
    expect(recorded.consoleErrors).toEqual([]);
  });

  it('a stored copy changed in the browser’s storage is not opened, and the page says so', async () => {
    const { page } = recorded;
    // Damage the stored clients table of the active dataset.
    await page.evaluate(async () => {
      const active = localStorage.getItem('dampingan.activeDataset')!;
      const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('dampingan-datasets');
      const file = await (await root.getDirectoryHandle(active)).getFileHandle('clients.csv');
      const text = await (await file.getFile()).text();
      const writable = await file.createWritable();
      await writable.write(text.replace(/\n[^\n]*\n$/, '\n')); // the last client is gone
      await writable.close();
    });
    // The browser's database file keeps an intact copy, which a tab holding the file opens
    // (checked by DuckDB's block checksums); a tab that cannot have the file reads the CSV
    // copy and must notice the change.
    await page.goto('about:blank');
    const holder = await page.context().newPage();
    await holder.goto(url('data/'));
    await holder.getByTestId('dataset-name').filter({ hasText: 'Ekspor provinsi' }).waitFor({ timeout: 60_000 });
    expect(await holder.getByTestId('dataset-summary').getAttribute('data-opened-from')).toBe('database');
    await page.goto(url(''));
    await page.getByTestId('dataset-notice').waitFor({ timeout: 60_000 });
    await holder.close();
    expect(await page.getByTestId('dataset-notice').textContent()).toContain('Ekspor provinsi');
    expect(await page.getByTestId('dataset-notice').textContent()).toMatch(/berubah sejak disimpan/);
    // The sample is shown instead.
    await expect.poll(() => kpi(page, 'clients'), { timeout: 60_000 }).toBe('1500');
  });

  it('an Excel workbook (three sheets with title rows and typed cells, no mentors sheet) loads in one go', async () => {
    const { page } = recorded;
    const sheet = (name: string, table: 'clients' | 'sessions' | 'outcomes') => ({
      name,
      rows: withTitles(
        typedRows(table, readFileSync(join(SAMPLE_DIR, `${table}.csv`), 'utf8')),
        `Laporan ${name}`,
        'Dinas Koperasi dan UKM NTB',
      ),
    });
    const path = join(work, 'ekspor-program.xlsx');
    writeFileSync(path, await xlsxBytes({ sheets: [sheet('Klien', 'clients'), sheet('Sesi', 'sessions'), sheet('Hasil', 'outcomes')] }));
    await openDataPage(page);
    await page.getByTestId('upload-input').setInputFiles([path]);
    await expect.poll(() => page.getByTestId('file-card').count(), { timeout: 60_000 }).toBe(3);
    const cards = await page
      .getByTestId('file-card')
      .evaluateAll((cs) => cs.map((c) => [c.getAttribute('data-table'), c.getAttribute('data-status')]));
    expect(cards).toEqual([
      ['clients', 'ready'],
      ['sessions', 'ready'],
      ['outcomes', 'ready'],
    ]);
    await page.getByTestId('dataset-name-input').fill('Buku kerja');
    await page.getByTestId('upload-load').click();
    await page.getByTestId('upload-success').waitFor({ timeout: 120_000 });
    await page.goto(url(''));
    await expect.poll(() => kpi(page, 'sessions'), { timeout: 60_000 }).toBe(String(expected.sessions));
    expect(Number(await kpi(page, 'clients'))).toBe(expected.clients);
    expect(Number(await kpi(page, 'growth'))).toBeCloseTo(expected.median_revenue_growth!, 12);
    expect(recorded.consoleErrors).toEqual([]);
  });

  it('clients alone: every view that needs sessions or outcomes says what to upload', async () => {
    const { page } = recorded;
    await openDataPage(page);
    await chooseAndLoad(page, [paths[0]], 'Klien saja');
    expect(await page.getByTestId('report-absent').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-table')))).toEqual([
      'mentors',
      'sessions',
      'outcomes',
    ]);
    await page.goto(url(''));
    await expect.poll(() => kpi(page, 'clients'), { timeout: 60_000 }).toBe('1500');
    expect(await page.getByTestId('kpi-growth').getAttribute('data-unavailable')).toBe('outcomes');
    expect(await page.getByTestId('kpi-sessions').getAttribute('data-unavailable')).toBe('sessions');
    expect(await page.getByTestId('chart-by-region-unavailable').textContent()).toMatch(/berkas hasil/);
    await page.goto(url('explore/?m=sessions_per_client&d=region'));
    await exploreSettled(page);
    expect(await page.getByTestId('measure-unavailable').textContent()).toMatch(/log sesi/);
    await page.goto(url('explore/?d=cohort&lang=en'));
    await exploreSettled(page);
    expect(await page.getByTestId('measure-unavailable').textContent()).toMatch(/outcomes file/);
    await page.goto(url('findings/'));
    await page.getByTestId('findings-unavailable').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('findings-unavailable').textContent()).toMatch(/log sesi/);
    expect(await page.getByTestId('overview-findings').count()).toBe(0);
    expect(recorded.consoleErrors).toEqual([]);
  });
});
