/**
 * Screenshots of the built site as a user sees it, for looking at what was built: every
 * path at every width, in every language asked for. Each page is taken once its data has
 * settled (Explore's and Findings' results, the report's charts); prints each page's
 * scrollWidth beside the viewport width.
 *
 * Usage: npx tsx scripts/screenshot.ts <out-dir> [--width 390,820,1366] [--lang id,en] [--viewport | --tiles] [--targets file.csv] [path ...]
 *   `--targets` loads a targets file through the Data page's upload input first (stored with the sample).
 *   paths default to the Overview; `--viewport` takes the first screen only (not the full page),
 *   `--tiles` the whole page as one picture per screen (name-1.png, name-2.png …: readable at full size).
 *   Heights: 844 at phone widths (< 600), 1180 at tablet widths (< 1100), 900 otherwise.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { serveStatic } from './serve.mjs';
import { exploreSettled, findingsSettled, launchBrowser } from '../tests/e2e/browser';

const args = process.argv.slice(2);
const option = (name: string): string | null => {
  const at = args.indexOf(name);
  if (at < 0) return null;
  const [, value] = args.splice(at, 2);
  return value ?? null;
};
const flag = (name: string): boolean => {
  const at = args.indexOf(name);
  if (at >= 0) args.splice(at, 1);
  return at >= 0;
};
const widths = (option('--width') ?? '1280')
  .split(',')
  .map(Number)
  .filter((w) => w >= 200);
const langs = (option('--lang') ?? 'id').split(',').filter((l) => l === 'id' || l === 'en');
const viewportOnly = flag('--viewport');
const tiles = flag('--tiles');
const targetsFile = option('--targets');
const [outDir = 'screenshots', ...paths] = args;

const heightFor = (width: number) => (width < 600 ? 844 : width < 1100 ? 1180 : 900);

async function settle(page: Page, targetsFile: string | null): Promise<void> {
  const path = new URL(page.url()).pathname;
  if (path.startsWith('/explore')) await exploreSettled(page, { exact: false, withChart: true });
  else if (path.startsWith('/findings')) await findingsSettled(page);
  else if (path.startsWith('/report/')) await page.locator('[data-testid="report"][data-ready="true"]').waitFor({ timeout: 90_000 });
  else if (path === '/') await page.getByTestId('chart-by-region-plot').locator('svg').first().waitFor({ timeout: 60_000 });
  else
    await page
      .getByTestId('dataset-name')
      .waitFor({ timeout: 60_000 })
      .catch(() => {});
  if (targetsFile && (path === '/' || path.startsWith('/report/')))
    await page
      .getByTestId('target-progress')
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(() => {});
  await page.waitForTimeout(400);
}

mkdirSync(outDir, { recursive: true });
const server = await serveStatic({ dir: 'build', port: 0 });
const session = await launchBrowser();
const page = await session.context.newPage();
page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
if (targetsFile) {
  await page.goto(new URL('data/', server.url).href);
  await page.getByTestId('dataset-summary').waitFor({ timeout: 60_000 });
  await page.getByTestId('upload-input').setInputFiles(targetsFile);
  await page.locator('[data-testid="targets-file-result"][data-state="stored"]').waitFor();
}
for (const width of widths) {
  await page.setViewportSize({ width, height: heightFor(width) });
  for (const lang of langs) {
    for (const path of paths.length ? paths : ['']) {
      const url = new URL(path, server.url);
      if (lang === 'en') url.searchParams.set('lang', 'en');
      const t0 = Date.now();
      await page.goto(url.href);
      await settle(page, targetsFile);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      const name = `${width}-${lang}-${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home'}.png`;
      const file = join(outDir, name);
      if (tiles) {
        const height = heightFor(width);
        const total = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0, i = 1; y < total; y += height, i++) {
          await page.screenshot({
            path: file.replace(/\.png$/, `-${i}.png`),
            fullPage: true,
            clip: { x: 0, y, width, height: Math.min(height, total - y) },
          });
        }
      } else await page.screenshot({ path: file, fullPage: !viewportOnly });
      console.log(`${file}  scrollWidth ${scrollWidth}/${width}  (${Date.now() - t0} ms)`);
    }
  }
}
await session.close();
await server.close();
