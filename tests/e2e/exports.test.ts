/**
 * Exports that stand alone, in a real browser: the buttons on Explore, Findings and the
 * report view are pressed (one with the keyboard) and the downloads are read as a person
 * who received them would — the PNG is a PNG twice the size of the framed SVG, the SVG
 * carries the title, the filters, the legend, the data and "Dampingan", the Indonesian CSV
 * has `;` and decimal commas and the rows of the table on the page, the workbooks open with
 * read-excel-file and hold the sheets and the numbers of the page's tables. No console
 * error, no request to another origin.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Download, Locator, Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/node';
import Papa from 'papaparse';
import { exploreSettled, findingsSettled, launchBrowser, openRecordedPage, type RecordedPage, type Session } from './browser';
import { formatInteger } from '../../src/lib/i18n/format';

const baseUrl = inject('baseUrl');
const url = (path: string) => new URL(path, baseUrl).href;

let session: Session;
let recorded: RecordedPage;
let page: Page;

beforeAll(async () => {
  session = await launchBrowser();
  recorded = await openRecordedPage(session.context);
  page = recorded.page;
});
afterAll(async () => session?.close());

/** Presses `button` (or a key with it focused) and returns the file it downloads. */
async function download(button: Locator, key?: string): Promise<{ name: string; bytes: Buffer }> {
  const pressed = key ? button.focus().then(() => page.keyboard.press(key)) : button.click();
  const [file] = (await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), pressed])) as [Download, unknown];
  const path = await file.path();
  // Keep the files for a person to look at (EXPORTS_DIR=… npm run test:e2e).
  if (process.env.EXPORTS_DIR) {
    mkdirSync(process.env.EXPORTS_DIR, { recursive: true });
    copyFileSync(path, join(process.env.EXPORTS_DIR, file.suggestedFilename()));
  }
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg [^>]*?width="(\d+)" height="(\d+)"/.exec(svg)!;
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** The text of the framed SVG's own <text> lines (the chart's are inside its nested SVG). */
const svgTexts = (svg: string) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&amp;/g, '&'));

const csvRows = (bytes: Buffer, delimiter: string) => {
  const text = bytes.toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<string[]>(text.slice(1).trimEnd(), { delimiter }).data;
};

describe('exports on Explore', () => {
  const view = 'explore/?m=naik_kelas_rate&f.region=5201&f.region=5271';
  let card: Locator;
  let title: string;

  beforeAll(async () => {
    await page.goto(url(view));
    await exploreSettled(page, { withChart: true });
    card = page.getByTestId('main-chart');
    title = (await card.locator('h2').textContent())!.trim();
  });

  it('the PNG and the SVG carry title, measure, filters, legend, data, date and Dampingan; the PNG at 2×', async () => {
    const svgFile = await download(card.getByTestId('export-svg'));
    expect(svgFile.name).toMatch(/^dampingan-naik_kelas_rate-\d{4}-\d{2}-\d{2}\.svg$/);
    const svg = svgFile.bytes.toString('utf8');
    const lines = svgTexts(svg);
    expect(lines).toContain('Dampingan');
    expect(lines).toContain(title);
    expect(lines).toContain('Ukuran: Naik kelas (skala usaha naik)');
    expect(lines.some((l) => /^Kabupaten\/kota: Lombok Barat, Kota Mataram/.test(l))).toBe(true);
    expect(lines).toContain('Terpapar');
    expect(lines).toContain('Tidak terpapar');
    expect(lines.some((l) => /^Data: Data contoh bawaan \(sidik data [0-9a-f]{16}\)$/.test(l))).toBe(true);
    expect(lines.some((l) => /^Dibuat \d{1,2} \w{3} \d{4} · Dampingan$/.test(l))).toBe(true);
    // The chart itself, with its n on the marks.
    expect(svg).toMatch(/<svg [^>]*class="plot/);
    expect(svg).toMatch(/n = \d/);

    const png = await download(card.getByTestId('export-png'));
    expect(png.name).toMatch(/\.png$/);
    const size = svgSize(svg);
    expect(pngSize(png.bytes)).toEqual({ width: size.width * 2, height: size.height * 2 });
    expect(size.width).toBeGreaterThanOrEqual(560);
  });

  it('the chart’s n on the marks is written as the table writes it', async () => {
    await page.goto(url('explore/?m=sessions_per_client&d=entity_type'));
    await exploreSettled(page, { withChart: true });
    const ns = await page
      .getByTestId('main-chart-table')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[1]?.textContent?.trim() ?? ''));
    const large = ns.find((n) => /^\d{1,3}(\.\d{3})+$/.test(n));
    expect(large).toBeDefined();
    const svg = (await download(page.getByTestId('main-chart').getByTestId('export-svg'))).bytes.toString('utf8');
    expect(svg).toContain(`n = ${large}`);
    await page.goto(url(view));
    await exploreSettled(page, { withChart: true });
  });

  it('the map exports the map and its colour ramp', async () => {
    const svg = (await download(page.getByTestId('map-card').getByTestId('export-svg'))).bytes.toString('utf8');
    expect((svg.match(/data-region="/g) ?? []).length).toBe(10);
    expect((svg.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(svgTexts(svg).some((l) => l.startsWith('Naik kelas (skala usaha naik) per kabupaten/kota'))).toBe(true);
  });

  it('the Indonesian CSV (pressed with the keyboard) uses ; and decimal commas and holds the table’s rows', async () => {
    const file = await download(card.getByTestId('export-csv-locale'), 'Enter');
    expect(file.name).toMatch(/-excel-id\.csv$/);
    const [header, ...rows] = csvRows(file.bytes, ';');
    expect(header).toContain('Kelompok');
    expect(header).toContain('Nilai (%)');
    expect(header).toContain('Batas bawah 95% (%)');
    const table = await card
      .getByTestId('main-chart-table')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    expect(rows).toHaveLength(table.length);
    const value = header.indexOf('Nilai (%)');
    const n = header.indexOf('n');
    expect(rows.some((r) => /^\d+,\d+$/.test(r[value]))).toBe(true);
    for (const r of rows) expect(r[value]).toMatch(/^(\d+(,\d+)?)?$/);
    // The same n as the page's table (which writes 1.280 where the CSV writes 1280).
    expect(rows.map((r) => formatInteger('id', Number(r[n]))).sort()).toEqual(table.map((cells) => cells[cells.length > 6 ? 2 : 1]).sort());
  });

  it('the standard CSV keeps the canonical form', async () => {
    const file = await download(card.getByTestId('export-csv'));
    const [header, ...rows] = csvRows(file.bytes, ',');
    expect(header.slice(0, 7)).toEqual(['group', 'group_label', 'series', 'series_label', 'exposed', 'n', 'value']);
    expect(rows.every((r) => r[6] === '' || (Number(r[6]) >= 0 && Number(r[6]) <= 1))).toBe(true);
  });

  it('the chart’s workbook has the about sheet and the table', async () => {
    const file = await download(card.getByTestId('export-xlsx'));
    expect(file.name).toMatch(/\.xlsx$/);
    const sheets = await readXlsxFile(file.bytes);
    expect(sheets.map((s) => s.sheet)).toEqual(['Tentang ekspor ini', 'Grafik utama']);
    const about = sheets[0].data.map((r) => r.map((c) => String(c ?? '')).join(' | '));
    expect(about).toContain(`Judul | ${title}`);
    expect(about.some((l) => l.startsWith('Saringan | Kabupaten/kota: Lombok Barat, Kota Mataram'))).toBe(true);
    expect(about.some((l) => l.startsWith('Tautan ke tampilan ini | ') && l.includes('f.region=5271'))).toBe(true);
    const [header, ...rows] = sheets[1].data;
    const value = header.indexOf('Nilai');
    expect(rows.every((r) => r[value] === null || (typeof r[value] === 'number' && (r[value] as number) <= 1))).toBe(true);
  });
});

describe('exports on the report view', () => {
  it('"Download report (.xlsx)" gives a sheet per table with the page’s numbers', async () => {
    await page.goto(url('report/?m=naik_kelas_rate&d=cohort&title=Laporan%20uji'));
    await page.locator('[data-testid="report"][data-ready="true"]').waitFor({ timeout: 120_000 });
    const file = await download(page.getByTestId('report-xlsx'));
    expect(file.name).toMatch(/^dampingan-laporan-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheets = await readXlsxFile(file.bytes);
    expect(sheets.map((s) => s.sheet)).toEqual(['Tentang ekspor ini', 'Angka utama', 'Grafik utama', 'Peta', 'Lintasan angkatan']);

    const kpis = sheets[1].data;
    expect(kpis[1][0]).toBe(Number(await page.getByTestId('kpi-clients').getAttribute('data-value')));
    expect(kpis[1][3]).toBeCloseTo(Number(await page.getByTestId('kpi-growth').getAttribute('data-value')), 12);

    // The main table: one row per cohort, its n and value as the page shows them.
    const shown = await page
      .getByTestId('report-main-table')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    const [header, ...rows] = sheets[2].data;
    expect(rows).toHaveLength(shown.length);
    const [label, n, value] = ['Kelompok', 'n', 'Nilai'].map((h) => header.indexOf(h));
    for (const row of rows) {
      const onPage = shown.find((cells) => cells[0] === row[label])!;
      expect(formatInteger('id', row[n] as number)).toBe(onPage[1]);
      expect(`${((row[value] as number) * 100).toFixed(1).replace('.', ',')}%`).toBe(onPage[2]);
    }
    const map = sheets[3].data;
    expect(map).toHaveLength(11);
    const about = sheets[0].data.map((r) => r.map((c) => String(c ?? '')).join(' | '));
    expect(about).toContain('Judul | Laporan uji');
    expect(about).toContain('Saringan | Tanpa saringan: semua klien.');
    expect(about.some((l) => l.startsWith('Definisi | Naik kelas'))).toBe(true);
  });
});

describe('exports on Findings', () => {
  it('"Download findings (.xlsx)" gives effects, dose–response and who is counted', async () => {
    await page.goto(url('findings/'));
    await findingsSettled(page);
    const file = await download(page.getByTestId('findings-xlsx'));
    const sheets = await readXlsxFile(file.bytes);
    expect(sheets.map((s) => s.sheet)).toEqual(['Tentang ekspor ini', 'Efek fungsi', 'Dosis-respons', 'Yang terhitung']);
    const effects = await page
      .getByTestId('adjusted-effect')
      .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-term'), tr.getAttribute('data-estimate')]));
    const [header, ...rows] = sheets[1].data;
    const [fn, adjusted] = [header.indexOf('Kode fungsi'), header.findIndex((h) => String(h).startsWith('Disesuaikan ('))];
    for (const [term, estimate] of effects) {
      const row = rows.find((r) => r[fn] === term)!;
      if (estimate) expect(row[adjusted] as number).toBeCloseTo(Number(estimate), 10);
    }
  });
});

describe('exports on the SQL page, in English', () => {
  it('the English Excel CSV uses , and dot decimals; the workbook names its query', async () => {
    await page.goto(url('sql/?lang=en'));
    await page.getByTestId('sql-result-meta').waitFor({ timeout: 60_000 });
    const sql =
      'SELECT client_id, duration_hours, duration_hours > 2 AS long_session FROM sessions WHERE duration_hours % 1 <> 0 ORDER BY session_id LIMIT 5';
    await page.getByTestId('sql-editor').fill(sql);
    await page.getByTestId('sql-editor').press('Control+Enter');
    await expect.poll(() => page.getByTestId('sql-result-meta').getAttribute('data-rows')).toBe('5');
    const meta = page.getByTestId('sql-result-meta');
    expect(await meta.getByTestId('export-csv-locale').textContent()).toBe('CSV (Excel, English)');
    const [header, ...rows] = csvRows((await download(meta.getByTestId('export-csv-locale'))).bytes, ',');
    expect(header).toEqual(['client_id', 'duration_hours', 'long_session']);
    expect(rows.every((r) => /^\d+\.\d+$/.test(r[1]) && ['yes', 'no'].includes(r[2]))).toBe(true);
    const sheets = await readXlsxFile((await download(meta.getByTestId('export-xlsx'))).bytes);
    expect(sheets.map((s) => s.sheet)).toEqual(['About this export', 'Query result']);
    expect(sheets[0].data.some((r) => r[0] === 'SQL query' && String(r[1]).startsWith('SELECT client_id'))).toBe(true);
    expect(sheets[1].data.slice(1).every((r) => typeof r[1] === 'number' && typeof r[2] === 'boolean')).toBe(true);
  });
});

describe('the whole session', () => {
  it('logged no console error and made no request to another origin', () => {
    expect(recorded.consoleErrors).toEqual([]);
    const origin = new URL(baseUrl).origin;
    expect(recorded.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
  });
});
