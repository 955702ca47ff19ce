/**
 * Targets on the built-in sample: a targets file through the upload input, its progress
 * on the Overview and in the printed report with the status the interval supports, the
 * reference line in Explore, the editor, and removal. Expected figures come from the KPI
 * SQL (query/overview.ts), not from the targets code.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, openRecordedPage, type Session } from './browser';
import { pageUrl } from './pages';
import { openSampleDatabase } from '../helpers/sample-db';
import { overviewKpis, type OverviewKpis } from '../../src/lib/query/overview';
import { wilsonInterval } from '../../src/lib/stats/intervals';

const baseUrl = inject('baseUrl');

describe('targets against actuals on the sample', () => {
  let session: Session;
  let page: Page;
  let kpis: OverviewKpis;
  /** Above the upper end of Kota Mataram's interval: not met. */
  let mataramTarget: number;

  beforeAll(async () => {
    const db = await openSampleDatabase();
    kpis = await overviewKpis(db);
    const mataram = await overviewKpis(db, { values: { region: ['5271'] } });
    const w = wilsonInterval(Math.round(mataram.naik_kelas_rate! * mataram.naik_kelas_n), mataram.naik_kelas_n)!;
    mataramTarget = Math.min(0.99, w.high + 0.02);
    db.close();
    session = await launchBrowser();
    page = (await openRecordedPage(session.context)).page;
    await page.goto(pageUrl(baseUrl, 'data/'));
    await page.getByTestId('dataset-summary').waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await session?.close();
  });

  /** Targets chosen so each status is certain: well below the actual, well above it, and on it. */
  function targetsCsv(): string {
    const naik = kpis.naik_kelas_rate!;
    const nib = kpis.nib_endline_rate!;
    const growth = kpis.median_revenue_growth!;
    return [
      'Indikator;Sasaran;Tahun;Wilayah;Angkatan;Program',
      `naik_kelas_rate;${((naik - 0.15) * 100).toFixed(1).replace('.', ',')}%;;;;`,
      `Persentase memiliki NIB di endline;${Math.min(0.999, nib + 0.15)
        .toFixed(3)
        .replace('.', ',')};;;;`,
      `revenue_growth_median;${growth};;;;`,
      `naik_kelas_rate;${mataramTarget.toFixed(4)};;Kota Mataram;;`,
      // One client (Lombok Barat, cohort 2024-A, BDS): under the privacy threshold.
      `naik_kelas_rate;30%;;5201;2024-A;bds`,
      `jumlah klien bahagia;50;;;;`,
      `naik_kelas_rate;tinggi;2025;;;`,
    ].join('\r\n');
  }

  it('reads a targets file from the upload input, stores it with the sample and names the rows it could not use', async () => {
    await page
      .getByTestId('upload-input')
      .setInputFiles({ name: 'target-2026.csv', mimeType: 'text/csv', buffer: Buffer.from(targetsCsv()) });
    const result = page.getByTestId('targets-file-result');
    await expect.poll(() => result.getAttribute('data-state')).toBe('stored');
    expect(await result.getAttribute('data-count')).toBe('5');
    expect(
      await page
        .getByTestId('targets-problem')
        .evaluateAll((els) => els.map((e) => [e.getAttribute('data-code'), e.getAttribute('data-line')])),
    ).toEqual([
      ['unknown_indicator', '7'],
      ['bad_target', '8'],
    ]);
    // Not taken as a data file.
    expect(await page.getByTestId('file-card').count()).toBe(0);
    expect(await page.getByTestId('target-row').count()).toBe(5);
  });

  async function progress(): Promise<Record<string, { actual: number; target: number; status: string }>> {
    await page.getByTestId('target-progress').first().waitFor({ timeout: 60_000 });
    const rows = await page
      .getByTestId('target-progress')
      .evaluateAll((els) =>
        els.map(
          (e) =>
            [
              e.getAttribute('data-indicator'),
              Number(e.getAttribute('data-actual')),
              Number(e.getAttribute('data-target')),
              e.getAttribute('data-status'),
            ] as const,
        ),
      );
    return Object.fromEntries(rows.map(([k, actual, target, status]) => [k, { actual, target, status: status! }]));
  }

  function expectRightStatuses(shown: Awaited<ReturnType<typeof progress>>) {
    expect(Object.keys(shown).sort()).toEqual(['has_nib_endline_rate', 'naik_kelas_rate', 'revenue_growth_median']);
    expect(shown.naik_kelas_rate.actual).toBeCloseTo(kpis.naik_kelas_rate!, 12);
    expect(shown.naik_kelas_rate.target).toBeCloseTo(kpis.naik_kelas_rate! - 0.15, 3);
    expect(shown.has_nib_endline_rate.actual).toBeCloseTo(kpis.nib_endline_rate!, 12);
    expect(shown.revenue_growth_median.actual).toBeCloseTo(kpis.median_revenue_growth!, 12);
    // The status follows from the Wilson interval of the shares and from where the target lies.
    const naik = wilsonInterval(Math.round(kpis.naik_kelas_rate! * kpis.naik_kelas_n), kpis.naik_kelas_n)!;
    expect(naik.low).toBeGreaterThan(shown.naik_kelas_rate.target);
    expect(shown.naik_kelas_rate.status).toBe('met');
    const nib = wilsonInterval(Math.round(kpis.nib_endline_rate! * kpis.nib_endline_n), kpis.nib_endline_n)!;
    expect(nib.high).toBeLessThan(shown.has_nib_endline_rate.target);
    expect(shown.has_nib_endline_rate.status).toBe('not-met');
    expect(shown.revenue_growth_median.status).toBe('unclear');
  }

  it('shows progress for each whole-programme target on the Overview, with the right status', async () => {
    await page.getByTestId('nav-overview').click();
    expectRightStatuses(await progress());
    const part = page.locator('[data-testid="target-progress-part"][data-region="5271"]');
    expect(await page.getByTestId('target-progress-part').count()).toBe(2);
    expect(Number(await part.getAttribute('data-target'))).toBeCloseTo(mataramTarget, 4);
    expect(await part.getAttribute('data-status')).toBe('not-met');
    // The evaluator's own view shows the group of one, marked.
    const one = page.locator('[data-testid="target-progress-part"][data-cohort="2024-A"]');
    expect(await one.getAttribute('data-n')).toBe('1');
    expect(await one.getAttribute('data-actual')).not.toBe('');
    expect(await one.textContent()).toContain('†');
  });

  it('shows the same progress in the printed report', async () => {
    await page.goto(pageUrl(baseUrl, 'report/'));
    await page.getByTestId('report-main-table').waitFor({ timeout: 60_000 });
    expectRightStatuses(await progress());
    expect(await page.getByTestId('targets-section').locator('a').count()).toBe(0);
    // Printed, the group of one shows its n and no value or status.
    const one = page.locator('[data-testid="target-progress-part"][data-cohort="2024-A"]');
    expect(await one.getAttribute('data-n')).toBe('1');
    expect(await one.getAttribute('data-actual')).toBe('');
    expect(await one.getAttribute('data-status')).toBe('suppressed');
    expect(await one.textContent()).toContain('< 5 klien');
  });

  it('draws the measure’s whole-programme target as a reference line in Explore', async () => {
    await page.goto(pageUrl(baseUrl, 'explore/'));
    const note = page.getByTestId('main-chart-target');
    await note.waitFor({ timeout: 60_000 });
    expect(Number(await note.getAttribute('data-target'))).toBeCloseTo(kpis.median_revenue_growth!, 12);
    // The dashed reference line, in every panel of the chart.
    expect(await page.getByTestId('main-chart-plot').locator('svg [stroke="#a4161a"]').count()).toBeGreaterThan(0);
  });

  it('keeps targets across a reload, lets the editor add one and removes them all', async () => {
    await page.goto(pageUrl(baseUrl, 'data/'));
    await page.getByTestId('dataset-summary').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('target-row').count()).toBe(5);
    await page.getByTestId('target-indicator').selectOption('stage_completion_rate');
    await page.getByTestId('target-value').fill('enam puluh');
    await page.getByTestId('target-save').click();
    await page.getByTestId('targets-editor').getByRole('alert').waitFor();
    await page.getByTestId('target-value').fill('75');
    await page.getByTestId('target-save').click();
    await expect.poll(() => page.getByTestId('target-row').count()).toBe(6);
    expect(await page.locator('[data-testid="target-row"][data-indicator="stage_completion_rate"]').getAttribute('data-target')).toBe(
      '0.75',
    );
    await page.getByTestId('targets-remove').click();
    await page.getByTestId('targets-none').waitFor();
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('targets-empty').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('target-progress').count()).toBe(0);
  });
});
