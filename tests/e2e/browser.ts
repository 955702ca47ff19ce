/** Launching Debian's Chromium with the flags this closed network needs, and recording
 * every request and console error a page makes. */
import { chromium, type BrowserContext, type LaunchOptions, type Page } from 'playwright-core';
import { CONTEXT_PARAMS } from '../../src/lib/query/view-url';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

const VIEWPORT = { width: 1280, height: 900 };

/** What a test may change about a fresh browser: the window size, and (for injecting a test
 * library such as axe-core as an inline script) whether the site's Content-Security-Policy applies. */
export interface BrowserOptions {
  viewport?: { width: number; height: number };
  bypassCSP?: boolean;
}

export interface Session {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A fresh browser. Without `userDataDir` Playwright gives it a new empty profile; with one,
 * the profile (IndexedDB, OPFS, localStorage) survives closing and relaunching — a
 * browser restart.
 */
export async function launchBrowser(userDataDir?: string, options: BrowserOptions = {}): Promise<Session> {
  const contextOptions = { viewport: options.viewport ?? VIEWPORT, bypassCSP: options.bypassCSP ?? false };
  if (userDataDir) {
    const context = await chromium.launchPersistentContext(userDataDir, { ...LAUNCH_OPTIONS, ...contextOptions });
    return { context, close: () => context.close() };
  }
  const browser = await chromium.launch(LAUNCH_OPTIONS);
  const context = await browser.newContext(contextOptions);
  return { context, close: () => browser.close() };
}

export interface RecordedPage {
  page: Page;
  /** Every URL the page, its workers and the site's service worker requested. */
  requests: string[];
  /** The same without the service worker's own requests (its install storing the site for offline use). */
  pageRequests: string[];
  consoleErrors: string[];
}

export async function openRecordedPage(context: BrowserContext): Promise<RecordedPage> {
  const page = await context.newPage();
  const requests: string[] = [];
  const pageRequests: string[] = [];
  const consoleErrors: string[] = [];
  context.on('request', (request) => {
    requests.push(request.url());
    if (!request.serviceWorker()) pageRequests.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return { page, requests, pageRequests, consoleErrors };
}

/**
 * Waits until Explore shows the results of the view in the address bar and no query is
 * running. Link parameters that are not part of the view (language, dataset identity and
 * source) are ignored. `exact: false` accepts any settled view (for links the page
 * rewrites, such as malformed ones); `withChart` also waits for the main chart's SVG.
 */
export async function exploreSettled(page: Page, options: { exact?: boolean; withChart?: boolean; timeout?: number } = {}): Promise<void> {
  const { exact = true, withChart = false, timeout = 60_000 } = options;
  await page.waitForFunction(
    ({ exact, withChart, ignored }) => {
      const el = document.querySelector('[data-testid="explore-results"]');
      if (!el || el.getAttribute('data-busy') !== 'false') return false;
      if (withChart && !document.querySelector('[data-testid="main-chart-plot"] svg')) return false;
      if (!exact) return el.hasAttribute('data-view');
      const params = new URLSearchParams(location.search);
      for (const name of ignored) params.delete(name);
      return el.getAttribute('data-view') === params.toString();
    },
    { exact, withChart, ignored: [...CONTEXT_PARAMS] },
    { timeout, polling: 'raf' },
  );
}

/**
 * Waits until the Findings page shows the results of the view in the address bar (context
 * parameters ignored) and nothing is being computed.
 */
export async function findingsSettled(page: Page, timeout = 90_000): Promise<void> {
  await page.waitForFunction(
    (ignored) => {
      const el = document.querySelector('[data-testid="findings-results"]');
      if (!el || el.getAttribute('data-busy') !== 'false') return false;
      const params = new URLSearchParams(location.search);
      for (const name of ignored) params.delete(name);
      return el.getAttribute('data-view') === params.toString();
    },
    [...CONTEXT_PARAMS],
    { timeout, polling: 'raf' },
  );
}
