/** The build works from any folder of a plain static server and carries its security policy. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/serve.mjs';
import { chromium } from 'playwright-core';
import { LAUNCH_OPTIONS, launchBrowser, openRecordedPage, type Session } from './browser';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('static build', () => {
  it('ships the DuckDB wasm and worker files itself', () => {
    const files = filesUnder('build');
    expect(files.some((f) => /duckdb-eh\.[\w-]+\.wasm$/.test(f))).toBe(true);
    expect(files.some((f) => /duckdb-browser-eh\.worker\.[\w-]+\.js$/.test(f))).toBe(true);
  });

  it('every page has a Content-Security-Policy allowing only its own origin', () => {
    for (const file of filesUnder('build').filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(file, 'utf8');
      const csp = html.match(/<meta http-equiv="content-security-policy" content="([^"]+)">/)?.[1];
      expect(csp, file).toBeDefined();
      expect(csp).toContain("default-src 'self'");
      expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
      expect(csp).not.toMatch(/https?:\/\//);
    }
    const headers = readFileSync('build/_headers', 'utf8');
    expect(headers).toMatch(/Content-Security-Policy: default-src 'self'/);
    expect(headers).toContain("frame-ancestors 'none'");
  });
});

describe('served under a sub-path of a plain static server', () => {
  let server: { url: string; close(): Promise<void> };
  let session: Session;
  beforeAll(async () => {
    server = await serveStatic({ dir: 'build', port: 0, basePath: '/pemda/ntb/dampingan/' });
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('loads the data and draws the charts, requesting nothing outside the sub-path', async () => {
    const { page, requests, consoleErrors } = await openRecordedPage(session.context);
    await page.goto(server.url);
    await page.getByTestId('chart-by-function-plot').locator('svg').first().waitFor({ timeout: 60_000 });
    expect(Number(await page.getByTestId('kpi-clients').getAttribute('data-value'))).toBeGreaterThan(0);
    // The service worker is the sub-path's own and stores the site from there.
    await page.waitForFunction(() => document.documentElement.dataset.offline === 'stored', null, { timeout: 120_000 });
    const registration = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.ready;
      return { scope: r.scope, script: r.active?.scriptURL };
    });
    expect(registration).toEqual({ scope: server.url, script: `${server.url}service-worker.js` });
    // blob: is the engine module handed from the page to DuckDB's worker (no network).
    expect(requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('blob:'))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

describe('when the app cannot start', () => {
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    server = await serveStatic({ dir: 'build', port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('says so in both languages: without JavaScript at once, and when the scripts never arrive after 15 s', async () => {
    const browser = await chromium.launch(LAUNCH_OPTIONS);
    try {
      const noScript = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
      await noScript.goto(server.url);
      const text = await noScript.locator('body').innerText();
      expect(text).toContain('Dampingan memerlukan JavaScript.');
      expect(text).toContain('Dampingan needs JavaScript.');
      expect(await noScript.locator('#dampingan-boot').isVisible()).toBe(false);

      // No service worker here: it would answer from its cache what the route blocks.
      const blocked = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
      await blocked.route('**/*.js', (route) => route.abort());
      await blocked.goto(server.url);
      const note = blocked.locator('#dampingan-boot');
      expect(await note.evaluate((el) => getComputedStyle(el).visibility)).toBe('hidden');
      await expect.poll(() => note.evaluate((el) => getComputedStyle(el).visibility), { timeout: 25_000, interval: 1000 }).toBe('visible');
      expect(await note.innerText()).toMatch(/Dampingan belum dapat dimuat[\s\S]*Dampingan has not loaded/);

      // A page whose app starts removes the note.
      const started = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
      await started.goto(server.url);
      await started.getByTestId('kpi-clients').waitFor({ timeout: 60_000 });
      expect(await started.locator('#dampingan-boot').count()).toBe(0);
    } finally {
      await browser.close();
    }
  });
});
