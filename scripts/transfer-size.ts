/**
 * What a first visit transfers, measured rather than estimated. Serves build/ on 127.0.0.1
 * (as `npm start` does) and opens the Overview in fresh headless Chromium profiles, counting
 * every answer the server sent with a body (HTTP 200; a 304 sends none):
 *
 * - **page**: the service worker blocked — what the page itself needs, until the Overview
 *   shows live figures (engine started, sample loaded);
 * - **with the service worker**: a normal first visit, until every file is stored for offline
 *   use (`document.documentElement.dataset.offline === 'stored'`).
 *
 * Each file is counted as stored and compressed as a host would send it: gzip level 6 (the
 * usual on-the-fly setting) and brotli quality 5 (a common on-the-fly brotli level).
 * Usage: npx tsx scripts/transfer-size.ts [buildDir=build]
 */
import { readFileSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serveStatic } from './serve.mjs';
import { LAUNCH_OPTIONS } from '../tests/e2e/browser';

const dir = process.argv[2] ?? 'build';

interface Sizes {
  files: number;
  raw: number;
  gzip: number;
  brotli: number;
}

const measured = new Map<string, Omit<Sizes, 'files'>>();
function sizesOf(path: string): Omit<Sizes, 'files'> {
  let sizes = measured.get(path);
  if (!sizes) {
    const bytes = readFileSync(join(dir, decodeURIComponent(path)));
    sizes = {
      raw: bytes.byteLength,
      gzip: gzipSync(bytes, { level: 6 }).byteLength,
      brotli: brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength },
      }).byteLength,
    };
    measured.set(path, sizes);
  }
  return sizes;
}

function groupOf(path: string): string {
  if (/duckdb-[\w-]*\.[\w-]+\.wasm$/.test(path)) return 'DuckDB engine (.wasm)';
  if (/duckdb-browser-[\w-]*\.worker\.[\w-]+\.js$/.test(path)) return 'DuckDB worker script';
  if (/\.csv$/.test(path) || path.endsWith('/sample-overview.json')) return 'sample data and crosswalk';
  if (/\.(js|css)$/.test(path) && path !== '/service-worker.js') return 'app JavaScript and CSS';
  if (path.endsWith('/') || path.endsWith('.html')) return 'pages (HTML)';
  return 'service worker, map, icons, manifest';
}

/** Opens the Overview in a fresh profile; returns the paths the server sent with a body. */
async function visit(withServiceWorker: boolean): Promise<string[]> {
  const sent: string[] = [];
  const server = await serveStatic({
    dir,
    port: 0,
    onServed: ({ path, status }) => {
      if (status === 200) sent.push(path.endsWith('/') ? `${path}index.html` : path);
    },
  });
  const profile = mkdtempSync(join(tmpdir(), 'dampingan-transfer-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...LAUNCH_OPTIONS,
    serviceWorkers: withServiceWorker ? 'allow' : 'block',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await page.getByTestId('dataset-name').waitFor({ timeout: 180_000 });
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="overview-prebuilt"]') && !document.querySelector('[data-testid="loading"]'),
      null,
      { timeout: 60_000 },
    );
    if (withServiceWorker)
      await page.waitForFunction(() => document.documentElement.dataset.offline === 'stored', null, { timeout: 300_000 });
    await page.waitForTimeout(500);
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return sent;
}

function table(paths: string[]): Map<string, Sizes> {
  const groups = new Map<string, Sizes>();
  for (const path of paths) {
    statSync(join(dir, decodeURIComponent(path)));
    const sizes = sizesOf(path);
    const group = groupOf(path);
    const sum = groups.get(group) ?? { files: 0, raw: 0, gzip: 0, brotli: 0 };
    groups.set(group, { files: sum.files + 1, raw: sum.raw + sizes.raw, gzip: sum.gzip + sizes.gzip, brotli: sum.brotli + sizes.brotli });
  }
  return groups;
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(2);

function print(title: string, paths: string[]) {
  const groups = table(paths);
  const total = [...groups.values()].reduce((a, b) => ({
    files: a.files + b.files,
    raw: a.raw + b.raw,
    gzip: a.gzip + b.gzip,
    brotli: a.brotli + b.brotli,
  }));
  console.log(`\n${title}\n`);
  console.log('| what | files | as stored, MB | gzip, MB | brotli, MB |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [group, s] of [...groups].sort((a, b) => b[1].raw - a[1].raw))
    console.log(`| ${group} | ${s.files} | ${mb(s.raw)} | ${mb(s.gzip)} | ${mb(s.brotli)} |`);
  console.log(`| **total** | ${total.files} | ${mb(total.raw)} | ${mb(total.gzip)} | ${mb(total.brotli)} |`);
}

const pageOnly = await visit(false);
const full = await visit(true);
print('First visit, the page alone (service worker blocked): until the Overview shows live figures', pageOnly);
print('First visit with the service worker: until the site is stored for offline use', full);
const twice = full.filter((p, i) => full.indexOf(p) !== i);
console.log(`\nfiles sent more than once in the visit with the service worker: ${twice.length ? [...new Set(twice)].join(', ') : 'none'}`);
