/** Every page of the site, and how to tell that each has drawn what it shows. */
import type { Page } from 'playwright-core';
import { exploreSettled, findingsSettled } from './browser';

export const PAGES = [
  { name: 'Overview', path: '' },
  { name: 'Explore', path: 'explore/' },
  { name: 'Findings', path: 'findings/' },
  { name: 'Indicators', path: 'indicators/' },
  { name: 'SQL', path: 'sql/' },
  { name: 'Data', path: 'data/' },
  { name: 'Reports', path: 'reports/' },
  { name: 'report view', path: 'report/' },
  { name: 'remote-check', path: `remote-check/?url=${encodeURIComponent('../remote/sample/')}` },
] as const;

/** The page at `path` (relative to the site), in `lang`. */
export function pageUrl(baseUrl: string, path: string, lang: 'id' | 'en' = 'id'): string {
  const url = new URL(path, baseUrl);
  if (lang === 'en') url.searchParams.set('lang', 'en');
  return url.href;
}

/** Waits until the page shows its data: charts drawn, results for the view, the check done. */
export async function pageSettled(page: Page): Promise<void> {
  const path = new URL(page.url()).pathname;
  if (path.startsWith('/explore')) await exploreSettled(page, { exact: false, withChart: true });
  else if (path.startsWith('/findings')) await findingsSettled(page);
  else if (path.startsWith('/report/')) await page.locator('[data-testid="report"][data-ready="true"]').waitFor({ timeout: 90_000 });
  else if (path.startsWith('/remote-check'))
    await page.locator('[data-testid="remote-status"][data-status="ready"]').waitFor({ timeout: 60_000 });
  else if (path === '/') {
    await page.getByTestId('chart-by-region-plot').locator('svg').first().waitFor({ timeout: 60_000 });
    await page.getByTestId('dataset-name').waitFor({ timeout: 60_000 });
  } else await page.getByTestId('dataset-name').waitFor({ timeout: 60_000 });
  // Let the last redraw and any font or layout work finish.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}
