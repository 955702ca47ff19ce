/** Launching Debian's Chromium with the flags this closed network needs, and recording
 * every request and console error a page makes. */
import { chromium, type BrowserContext, type LaunchOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const LAUNCH_OPTIONS: LaunchOptions = {
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

export interface Session {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A fresh browser. Without `userDataDir` Playwright gives it a new empty profile; with one,
 * the profile (IndexedDB, OPFS, localStorage) survives closing and relaunching — a
 * browser restart.
 */
export async function launchBrowser(userDataDir?: string): Promise<Session> {
  if (userDataDir) {
    const context = await chromium.launchPersistentContext(userDataDir, { ...LAUNCH_OPTIONS, viewport: VIEWPORT });
    return { context, close: () => context.close() };
  }
  const browser = await chromium.launch(LAUNCH_OPTIONS);
  const context = await browser.newContext({ viewport: VIEWPORT });
  return { context, close: () => browser.close() };
}

export interface RecordedPage {
  page: Page;
  /** Every URL the page and its workers requested. */
  requests: string[];
  consoleErrors: string[];
}

export async function openRecordedPage(context: BrowserContext): Promise<RecordedPage> {
  const page = await context.newPage();
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return { page, requests, consoleErrors };
}
