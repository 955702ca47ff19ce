/**
 * The Findings page in a real browser after an upload: the sample re-exported the messy
 * Indonesian way is loaded through the Data page, and every function's adjusted estimate,
 * interval and verdict on /findings/ equal the analysis layer run in Node on the same files
 * (uploaded through the same pipeline); the lead's sentences are exactly the layer's, in
 * both languages; a link brings the same view back; the page works by keyboard and at
 * 390 px without sideways scrolling; and no console error appears on the way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { findingsSettled, launchBrowser, openRecordedPage, type RecordedPage, type Session } from './browser';
import { writeReexport } from '../helpers/reexport';
import { fileFromPath, openEmptyDatabase, upload } from '../helpers/upload';
import { computeFindings, findingSentences, type FindingsRequest, type FindingsResult } from '../../src/lib/findings/findings';

const baseUrl = inject('baseUrl');
const url = (path: string) => new URL(path, baseUrl).href;

interface ShownRow {
  term: string;
  verdict: string;
  estimate: string | null;
  low: string | null;
  high: string | null;
}

const shownRows = (page: Page) =>
  page.getByTestId('adjusted-effect').evaluateAll((rows) =>
    rows.map((r) => ({
      term: r.getAttribute('data-term') ?? '',
      verdict: r.getAttribute('data-verdict') ?? '',
      estimate: r.getAttribute('data-estimate'),
      low: r.getAttribute('data-low'),
      high: r.getAttribute('data-high'),
    })),
  );

const sentences = (page: Page) => page.getByTestId('finding-sentence').allTextContents();

function expectSameEffects(shown: ShownRow[], expected: FindingsResult) {
  expect(shown.map((r) => r.term)).toEqual(expected.effects.map((e) => e.key));
  for (const [i, e] of expected.effects.entries()) {
    const row = shown[i]!;
    expect(row.verdict, e.key).toBe(e.verdict);
    if (!e.adjusted) {
      expect([row.estimate, row.low, row.high], e.key).toEqual([null, null, null]);
      continue;
    }
    for (const [attr, want] of [
      [row.estimate, e.adjusted.estimate],
      [row.low, e.adjusted.low],
      [row.high, e.adjusted.high],
    ] as const) {
      expect(attr, e.key).toMatch(/^-?\d+(\.\d+)?(e[-+]\d+)?$/); // a dot-decimal number
      expect(Math.abs(Number(attr) - want), `${e.key}: ${attr} vs ${want}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
    }
  }
}

describe('the Findings page', () => {
  let work: string;
  let session: Session;
  let recorded: RecordedPage;
  let page: Page;
  const expected = new Map<string, FindingsResult>();
  const requests: Record<string, FindingsRequest> = {
    revenue: { framework: 'official', filters: { values: {} }, outcome: 'revenue_growth', exposure: 'sessions', minSessions: 3, minN: 10 },
    nib: { framework: 'official', filters: { values: {} }, outcome: 'has_nib', exposure: 'exposed', minSessions: 3, minN: 10 },
    roles: {
      framework: 'suharto_roles',
      filters: { values: { region: ['5201', '5203'] } },
      outcome: 'revenue_growth',
      exposure: 'sessions',
      minSessions: 3,
      minN: 10,
    },
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dampingan-findings-'));
    const paths = writeReexport(join(work, 'ekspor'));
    // The unit layer in Node, on the same files through the same upload pipeline.
    const db = await openEmptyDatabase();
    await upload(db, paths.map(fileFromPath));
    for (const [name, request] of Object.entries(requests)) expected.set(name, await computeFindings(db, request));
    db.close();

    session = await launchBrowser(join(work, 'profile'));
    recorded = await openRecordedPage(session.context);
    page = recorded.page;
    await page.goto(url('data/'));
    await page.getByTestId('dataset-summary').locator('tr[data-table=sessions]').waitFor({ timeout: 60_000 });
    await page.getByTestId('upload-input').setInputFiles(paths);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="file-card"]').length === n, paths.length, {
      timeout: 30_000,
    });
    await page.getByTestId('dataset-name-input').fill('Ekspor dinas');
    await page.getByTestId('upload-load').click();
    await page.getByTestId('upload-success').waitFor({ timeout: 90_000 });
  });

  afterAll(async () => {
    await session?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('shows, for the uploaded data, the estimates, intervals and verdicts the analysis layer computes', async () => {
    await page.getByTestId('nav-findings').click();
    await findingsSettled(page);
    expect(await page.getByTestId('dataset-name').textContent()).toContain('Ekspor dinas');
    const result = expected.get('revenue')!;
    expectSameEffects(await shownRows(page), result);
    // The planted functions, as the sample's known answers say.
    expect(
      (await shownRows(page))
        .filter((r) => r.verdict === 'higher')
        .map((r) => r.term)
        .sort(),
    ).toEqual(['educate', 'facilitate']);
    expect(await page.getByTestId('method').getAttribute('data-mentors')).toBe('50');
    expect(await page.getByTestId('denominators').getAttribute('data-counted')).toBe(String(result.denominators.counted));
    await page.getByTestId('forest-plot').locator('svg').waitFor();
    await page.getByTestId('dose-plot').locator('svg').waitFor();
  });

  it('leads with the layer’s sentences, in Bahasa Indonesia and in English', async () => {
    const result = expected.get('revenue')!;
    const id = await sentences(page);
    expect(id.length).toBeGreaterThanOrEqual(3);
    expect(id.length).toBeLessThanOrEqual(5);
    expect(id).toEqual(findingSentences(result, 'id'));
    await page.getByTestId('lang-switch').click();
    // The switch is a link: wait for the navigation before reading the page.
    await page.waitForURL(/[?&]lang=en/);
    await findingsSettled(page);
    await expect.poll(() => sentences(page)).toEqual(findingSentences(result, 'en'));
    const en = await sentences(page);
    expect(en[0]).toMatch(/is associated with higher revenue growth/);
    expect(en.join(' ')).not.toMatch(/\b(causes?|increases?|leads? to)\b/i);
  });

  it('a link brings the same view back: outcome, exposure rule, framework and filters', async () => {
    await page.goto(url('findings/?fo=has_nib&fx=exposed&lang=en'));
    await findingsSettled(page);
    expectSameEffects(await shownRows(page), expected.get('nib')!);
    // observe and report never reach 3 sessions: listed, not estimated, not described.
    const rows = await shownRows(page);
    expect(rows.filter((r) => r.verdict === 'not-enough-data').map((r) => r.term)).toEqual(['observe', 'report']);
    const text = (await sentences(page)).join(' ');
    expect(text).not.toMatch(/initial observation|reporting/i);
    expect(await page.getByTestId('select-outcome').inputValue()).toBe('has_nib');
    expect(await page.getByTestId('exposure-exposed').isChecked()).toBe(true);

    await page.goto(url('findings/?fw=suharto_roles&f.region=5201&f.region=5203'));
    await findingsSettled(page);
    expectSameEffects(await shownRows(page), expected.get('roles')!);
    expect(await page.getByTestId('filter-chips').textContent()).toContain('Lombok Timur');
  });

  it('works by keyboard, and at 390 px without sideways scrolling', async () => {
    await page.goto(url('findings/'));
    await findingsSettled(page);
    // The outcome select takes keyboard input and the view follows.
    await page.getByTestId('select-outcome').focus();
    await page.keyboard.press('End');
    await findingsSettled(page);
    expect(new URL(page.url()).searchParams.get('fo')).toBe('sells_online');
    // Tab moves on through the controls in order.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('select-framework');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url('findings/?lang=en'));
    await findingsSettled(page);
    const [scrollWidth, clientWidth] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    expect(await page.getByTestId('finding-sentence').count()).toBeGreaterThanOrEqual(3);
  });

  it('shows an empty state for a selection without clients, and no console error anywhere', async () => {
    await page.goto(url('findings/?f.region=5201&f.cohort=does-not-exist'));
    await findingsSettled(page);
    await page.getByTestId('findings-empty').waitFor();
    expect(await page.getByTestId('finding-sentence').count()).toBe(0);
    expect(recorded.consoleErrors).toEqual([]);
  });
});
