/**
 * Screenshots of the built site as a user sees it, for looking at what was built.
 * Usage: npx tsx scripts/screenshot.ts <out-dir> [path ...]   (paths default to the overview)
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from './serve.mjs';
import { launchBrowser } from '../tests/e2e/browser';

const [outDir = 'screenshots', ...paths] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const server = (await serveStatic({ dir: 'build', port: 0 }));
const session = await launchBrowser();
const page = await session.context.newPage();
page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
for (const [i, path] of (paths.length ? paths : ['']).entries()) {
  const t0 = Date.now();
  await page.goto(new URL(path, server.url).href);
  await page.locator('svg[aria-label], [data-testid$="-plot"] svg, figure svg').first().waitFor({ timeout: 60_000 }).catch(() => {});
  await page.waitForTimeout(300);
  const file = join(outDir, `${String(i).padStart(2, '0')}-${path.replace(/[^a-z0-9]+/gi, '_') || 'home'}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`${file}  (${Date.now() - t0} ms)`);
}
await session.close();
await server.close();
