/**
 * Offline after one visit, in a fresh persistent profile, with the site under a sub-path:
 * the service worker stores the site, DuckDB's engine and the sample while the first visit
 * runs (the 34 MB engine module crosses the network once); with the browser offline and the
 * server stopped, Overview, Explore, Findings, SQL and Data open and compute from the sample
 * with the figures of the online visit; an upload made online opens offline after a reload;
 * a new version waits, is announced and takes over from the keyboard; nothing leaves the
 * origin and the console stays clean.
 */
import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/serve.mjs';
import { openDatasetFromFolder } from '../../src/lib/db/node-database';
import { generateSample } from '../../scripts/generate-sample';
import { overviewKpis, type OverviewKpis } from '../../src/lib/query/overview';
import { CROSSWALK_PATH, openSampleDatabase } from '../helpers/sample-db';
import { exploreSettled, findingsSettled, launchBrowser, openRecordedPage, type RecordedPage, type Session } from './browser';

const BASE = '/pemda/ntb/dampingan/';

interface Served {
  path: string;
  status: number;
  range: string | null;
}

let work: string;
let profile: string;
let session: Session;
let recorded: RecordedPage;
let server: { url: string; close(): Promise<void> } | null = null;
let port = 0;
let siteUrl = '';
const served: Served[] = [];
let expectedSample: OverviewKpis;
let expectedSmall: OverviewKpis;
let smallFiles: string[];

async function startServer(dir = 'build') {
  server = await serveStatic({ dir, port, basePath: BASE, onServed: (entry) => served.push(entry) });
  port = Number(new URL(server.url).port);
  siteUrl = server.url;
}

/** No network at all: the browser is offline and the site's server is gone. */
async function goOffline() {
  await session.context.setOffline(true);
  await server?.close();
  server = null;
}

async function goOnline(dir = 'build') {
  await startServer(dir);
  await session.context.setOffline(false);
}

const url = (path: string) => new URL(path, siteUrl).href;

/** The KPI cards once the engine has computed them live (not the build-time figures). */
async function liveKpis(page: Page) {
  await page.getByTestId('dataset-name').waitFor({ timeout: 120_000 });
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="overview-prebuilt"]') && !document.querySelector('[data-testid="loading"]'),
    null,
    {
      timeout: 60_000,
    },
  );
  await page.getByTestId('chart-by-function-plot').locator('svg').first().waitFor({ timeout: 60_000 });
  const value = async (id: string) => Number(await page.getByTestId(`kpi-${id}`).getAttribute('data-value'));
  return {
    clients: await value('clients'),
    mentors: await value('mentors'),
    sessions: await value('sessions'),
    growth: await value('growth'),
    naik: await value('naik-kelas'),
    nib: await value('nib'),
  };
}

function expectKpis(shown: Awaited<ReturnType<typeof liveKpis>>, expected: OverviewKpis) {
  expect([shown.clients, shown.mentors, shown.sessions]).toEqual([expected.clients, expected.mentors, expected.sessions]);
  expect(shown.growth).toBeCloseTo(expected.median_revenue_growth ?? NaN, 12);
  expect(shown.naik).toBeCloseTo(expected.naik_kelas_rate ?? NaN, 12);
  expect(shown.nib).toBeCloseTo(expected.nib_endline_rate ?? NaN, 12);
}

const functionRows = (page: Page) =>
  page
    .getByTestId('chart-by-function-table')
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-key'), Number(tr.getAttribute('data-n'))]));

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dampingan-offline-'));
  profile = join(work, 'profile');
  // A small dataset of its own, so the stored upload is told apart from the sample by its figures.
  const small = join(work, 'kecil');
  generateSample({ out: small, seed: 7, clients: 240 });
  smallFiles = ['clients', 'mentors', 'sessions', 'outcomes'].map((t) => join(small, `${t}.csv`));
  const sampleDb = await openSampleDatabase();
  expectedSample = await overviewKpis(sampleDb);
  sampleDb.close();
  const smallDb = await openDatasetFromFolder(small, CROSSWALK_PATH);
  expectedSmall = await overviewKpis(smallDb);
  smallDb.close();
  await startServer();
  session = await launchBrowser(profile);
  recorded = await openRecordedPage(session.context);
});

afterAll(async () => {
  await session?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Where the page's engine took its module from (the `engine-fetched` marks' details: one, unless a way failed). */
function engineFetchedFrom(page: Page): Promise<unknown> {
  return page.evaluate(() =>
    performance
      .getEntriesByName('dampingan:engine-fetched')
      .map((m) => (m as PerformanceMark).detail)
      .join(' then '),
  );
}

describe('offline after one visit', () => {
  let onlineKpis: Awaited<ReturnType<typeof liveKpis>>;
  let onlineFunctions: unknown[];

  it('a first visit stores the site, the engine and the sample; the engine module crosses the network once', async () => {
    const { page } = recorded;
    await page.goto(siteUrl);
    onlineKpis = await liveKpis(page);
    expectKpis(onlineKpis, expectedSample);
    onlineFunctions = await functionRows(page);
    await page.waitForFunction(() => document.documentElement.dataset.offline === 'stored', null, { timeout: 180_000 });
    await page.getByTestId('offline-stored').waitFor();

    const stored = await page.evaluate(async () => {
      const names = await caches.keys();
      const cache = await caches.open(names[0]);
      return { names, urls: (await cache.keys()).map((r) => r.url) };
    });
    expect(stored.names).toHaveLength(1);
    expect(stored.names[0]).toMatch(/^dampingan-/);
    for (const page of ['', 'explore/', 'findings/', 'sql/', 'data/', 'report/', 'reports/']) expect(stored.urls).toContain(url(page));
    for (const file of [
      /duckdb-eh\.[\w-]+\.wasm$/,
      /duckdb-browser-eh\.worker\.[\w-]+\.js$/,
      /sessions\.[\w-]+\.csv$/,
      /mentor-functions\.[\w-]+\.csv$/,
      /sample-overview\.json$/,
      /ntb-kabupaten\.geojson$/,
      /manifest\.webmanifest$/,
    ]) {
      expect(
        stored.urls.some((u) => file.test(u)),
        String(file),
      ).toBe(true);
    }
    expect(stored.urls.filter((u) => !u.startsWith(siteUrl) || u.includes('/remote/'))).toEqual([]);

    // The page downloaded the engine module and the service worker copied it: once over the network.
    const wasm = served.filter((e) => /duckdb-eh\.[\w-]+\.wasm$/.test(e.path));
    expect(wasm).toEqual([expect.objectContaining({ status: 200, range: null })]);
    expect(await engineFetchedFrom(page)).toBe('network');
    expect(stored.urls).toContain(url('engine-worker.js'));
  });

  it('offline, the Overview opens and computes from the sample with the figures of the online visit', async () => {
    const { page } = recorded;
    await goOffline();
    await page.reload();
    expectKpis(await liveKpis(page), expectedSample);
    expect(await liveKpis(page)).toEqual(onlineKpis);
    await expect.poll(() => functionRows(page), { timeout: 30_000 }).toEqual(onlineFunctions);
    // From the service worker's copy, by the module's own URL (engine-worker.js): the
    // browser keeps its compiled code beside that copy for the next visit.
    expect(await engineFetchedFrom(page)).toBe('service-worker');
  });

  it('offline, Explore, Findings, SQL and Data open and work', async () => {
    const { page } = recorded;
    await page.goto(url('explore/'));
    await exploreSettled(page, { withChart: true });
    expect(Number(await page.getByTestId('kpi-clients').getAttribute('data-value'))).toBe(expectedSample.clients);
    expect(await page.getByTestId('main-chart-plot').locator('svg').count()).toBeGreaterThan(0);

    await page.goto(url('findings/'));
    await findingsSettled(page);
    expect(await page.getByTestId('adjusted-effect').count()).toBeGreaterThan(5);

    await page.goto(url('sql/'));
    await page.getByTestId('sql-result-meta').waitFor({ timeout: 60_000 });
    await page.getByTestId('sql-editor').fill('SELECT count(*) AS n FROM sessions');
    await page.getByTestId('sql-editor').press('Control+Enter');
    await expect
      .poll(() => page.getByTestId('sql-results').locator('tbody td').first().textContent(), { timeout: 30_000 })
      .toBe(String(expectedSample.sessions));

    await page.goto(url('data/'));
    await page
      .getByTestId('dataset-summary')
      .locator(`tr[data-table=sessions][data-rows="${expectedSample.sessions}"]`)
      .waitFor({ timeout: 60_000 });
  });

  it('an upload made online opens offline after a reload', async () => {
    const { page } = recorded;
    await goOnline();
    await page.goto(url('data/'));
    await page.getByTestId('dataset-summary').locator('tr[data-table=sessions]').waitFor({ timeout: 60_000 });
    await page.getByTestId('upload-input').setInputFiles(smallFiles);
    await expect.poll(() => page.getByTestId('file-card').count(), { timeout: 30_000 }).toBe(smallFiles.length);
    await page.getByTestId('dataset-name-input').fill('Data kecil luring');
    await page.getByTestId('upload-load').click();
    await page.getByTestId('upload-success').waitFor({ timeout: 90_000 });

    await goOffline();
    await page.goto(url(''));
    await page.getByTestId('dataset-name').filter({ hasText: 'Data kecil luring' }).waitFor({ timeout: 60_000 });
    expectKpis(await liveKpis(page), expectedSmall);
    await page.goto(url('explore/'));
    await exploreSettled(page, { withChart: true });
    expect(Number(await page.getByTestId('kpi-clients').getAttribute('data-value'))).toBe(expectedSmall.clients);
  });

  it('a new version waits, is announced in the page’s language, and takes over from the keyboard', async () => {
    const { page } = recorded;
    // The next build: a service worker that differs by a byte.
    const next = join(work, 'build-next');
    cpSync('build', next, { recursive: true });
    appendFileSync(join(next, 'service-worker.js'), '\n// next\n');
    await goOnline(next);
    await page.goto(url('?lang=en'));
    await page.getByTestId('dataset-name').waitFor({ timeout: 60_000 });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const notice = page.getByTestId('update-notice');
    const reload = page.getByTestId('update-reload');
    await reload.waitFor({ timeout: 60_000 });
    expect(await notice.getAttribute('role')).toBe('status');
    expect(await notice.textContent()).toContain('A new version of Dampingan is available.');
    expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(true);

    await reload.focus();
    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.keyboard.press('Enter')]);
    await page.getByTestId('dataset-name').waitFor({ timeout: 60_000 });
    const after = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return { waiting: Boolean(registration?.waiting), controlled: Boolean(navigator.serviceWorker.controller) };
    });
    expect(after).toEqual({ waiting: false, controlled: true });
    expect(await reload.count()).toBe(0);
    // The new version kept what was stored: one cache, the app still opens offline.
    await goOffline();
    await page.reload();
    await page.getByTestId('dataset-name').filter({ hasText: 'Data kecil luring' }).waitFor({ timeout: 60_000 });
    expect((await page.evaluate(() => caches.keys())).length).toBe(1);
  });

  it('sends nothing anywhere and logs no error', () => {
    const origin = new URL(siteUrl).origin;
    expect(recorded.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    expect(recorded.consoleErrors).toEqual([]);
  });
});
