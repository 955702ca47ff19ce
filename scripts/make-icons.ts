/**
 * Renders the app icons' PNGs from their SVG sources with Debian's Chromium (the same
 * headless browser the tests drive), so they can be made again after the SVG changes:
 *   npx tsx scripts/make-icons.ts
 * Writes static/icons/icon-192.png, icon-512.png (from icon.svg: rounded, transparent
 * corners) and icon-maskable-512.png (from icon-maskable.svg: full bleed, the mark inside
 * the maskable safe zone). The PNGs are committed; the build does not need a browser.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../tests/e2e/browser';

const dir = join('static', 'icons');
const outputs: { source: string; size: number; file: string }[] = [
  { source: 'icon.svg', size: 192, file: 'icon-192.png' },
  { source: 'icon.svg', size: 512, file: 'icon-512.png' },
  { source: 'icon-maskable.svg', size: 512, file: 'icon-maskable-512.png' },
];

const session = await launchBrowser();
try {
  const page = await session.context.newPage();
  for (const { source, size, file } of outputs) {
    const svg = readFileSync(join(dir, source), 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    writeFileSync(join(dir, file), png);
    console.log(`wrote ${join(dir, file)} (${png.byteLength} bytes)`);
  }
} finally {
  await session.close();
}
