/**
 * Nothing leaves the origin and no link can break the engine, tried as a hostile user would:
 * every kind of outward SQL, typed and as a `?q=` link, aimed at a second server on
 * 127.0.0.1 that counts hits — also with the site served without any security header (the
 * engine's own lock-down is then the only guard); side-effect functions refused and the data
 * unchanged; runaway queries stopped by Cancel and by the time limit with the page
 * responsive; a 300 MB cell capped; and the smaller holes (links, hashes, storage, the remote
 * check, copy-link) closed.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveStatic } from '../../scripts/serve.mjs';
import { exploreSettled, launchBrowser, openRecordedPage, type RecordedPage, type Session } from './browser';
import { writeReexport } from '../helpers/reexport';

const baseUrl = inject('baseUrl');

let beacon: http.Server;
let beaconUrl: string;
const hits: string[] = [];
let bare: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  beacon = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.end('a,b\n1,2\n');
  });
  await new Promise<void>((resolve) => beacon.listen(0, '127.0.0.1', resolve));
  beaconUrl = `http://127.0.0.1:${(beacon.address() as AddressInfo).port}`;
  // The same build from a host that sends no security headers at all.
  bare = await serveStatic({ dir: 'build', port: 0, securityHeaders: false });
});
afterAll(async () => {
  await new Promise<void>((resolve) => beacon.close(() => resolve()));
  await bare?.close();
});

/** Every way found to make the engine fetch a URL. */
function outwardQueries(b: string): string[] {
  return [
    `SELECT * FROM read_text('${b}/text')`,
    `SELECT * FROM read_csv('${b}/a.csv')`,
    `SELECT * FROM read_csv_auto('${b}/auto.csv')`,
    `SELECT * FROM read_blob('${b}/blob')`,
    `SELECT * FROM sniff_csv('${b}/sniff.csv')`,
    `SELECT * FROM '${b}/bare.csv'`,
    `FROM '${b}/from-first.csv'`,
    `SELECT * FROM '${b}/x.parquet'`,
    `SELECT * FROM read_csv(['${b}/list1.csv', '${b}/list2.csv'])`,
    `SELECT * FROM read_text('${b}/v/' || version())`,
    `SELECT * FROM read_csv('${b}/cast.csv'::VARCHAR)`,
    `SELECT * FROM glob('${b}/*')`,
    `SELECT * FROM query_table('${b}/qt.csv')`,
    `SELECT * FROM query('SELECT * FROM ''${b}/nested.csv''')`,
    `SELECT * FROM '${b}/u1.csv' UNION ALL SELECT * FROM '${b}/u2.csv'`,
    `DESCRIBE SELECT * FROM '${b}/describe.csv'`,
    `SUMMARIZE SELECT * FROM '${b}/summarize.csv'`,
    `SELECT * FROM read_json('${b}/j.json')`,
    `ATTACH '${b}/db.duckdb' AS x`,
    `INSTALL httpfs FROM '${b}/'`,
    `SET custom_extension_repository = '${b}/'`,
    `COPY (SELECT 1) TO '${b}/out.csv'`,
    `SELECT * FROM enable_logging(storage = 'file', storage_path = '${b}/log')`,
  ];
}

const SIDE_EFFECTS = [
  "SELECT * FROM enable_logging(storage = 'file', storage_path = '/dampingan/log')",
  'SELECT * FROM checkpoint()',
  'SELECT * FROM force_checkpoint()',
  'SELECT * FROM truncate_duckdb_logs()',
  'SELECT * FROM disable_logging()',
  'SELECT setseed(0.5)',
];

async function runs(page: Page): Promise<number> {
  return Number(await page.getByTestId('sql-work').getAttribute('data-runs'));
}

/** Types a query, runs it and waits for its result or error. */
async function runTyped(page: Page, sql: string): Promise<void> {
  const before = await runs(page);
  await page.getByTestId('sql-editor').fill(sql);
  await page.getByTestId('sql-run').click();
  await expect.poll(() => runs(page), { timeout: 30_000 }).toBe(before + 1);
}

async function openSql(page: Page, root: string, query?: string): Promise<void> {
  await page.goto(`${root}sql/${query === undefined ? '' : `?q=${encodeURIComponent(query)}`}`);
  await page.getByTestId('sql-tables').locator('li').first().waitFor({ timeout: 60_000 });
}

const tableCounts = (page: Page) => page.getByTestId('sql-tables').textContent();

describe('the engine refuses the outside world', () => {
  let session: Session;
  let recorded: RecordedPage;
  beforeAll(async () => {
    session = await launchBrowser();
    recorded = await openRecordedPage(session.context);
  });
  afterAll(async () => session?.close());

  it('typed outward SQL reaches nothing, on a host that sends no security headers', async () => {
    const { page } = recorded;
    await openSql(page, bare.url);
    for (const sql of outwardQueries(beaconUrl)) {
      await runTyped(page, sql);
      await expect.poll(() => page.getByTestId('sql-error').count()).toBe(1);
      expect(await page.getByTestId('sql-error').getAttribute('role')).toBe('alert');
    }
    expect(hits).toEqual([]);
  });

  it('a ?q= link shows its query without running it; run, it reaches nothing either', async () => {
    const { page } = recorded;
    // The kinds the hostile test found (each link is a fresh page load, so not all of the typed list).
    const kinds = outwardQueries(beaconUrl).filter((sql) =>
      /read_text|read_csv\(|read_blob|sniff_csv|'\S*bare\.csv'|list1|version\(\)|nested/.test(sql),
    );
    expect(kinds.length).toBeGreaterThanOrEqual(8);
    for (const sql of kinds) {
      await openSql(page, baseUrl, sql);
      await expect(page.getByTestId('sql-link-notice').isVisible()).resolves.toBe(true);
      expect(await page.getByTestId('sql-editor').inputValue()).toBe(sql);
      await page.waitForTimeout(150);
      expect(await runs(page)).toBe(0);
      await page.getByTestId('sql-run').click();
      await expect.poll(() => runs(page), { timeout: 30_000 }).toBe(1);
      expect(await page.getByTestId('sql-error').count()).toBe(1);
    }
    expect(hits).toEqual([]);
    // Requests the browser itself recorded: the page's origins only.
    const origins = new Set(recorded.requests.map((r) => new URL(r).origin));
    expect([...origins].every((o) => o === new URL(baseUrl).origin || o === new URL(bare.url).origin)).toBe(true);
  });

  it('side-effect functions are refused, the engine keeps answering and no table changes', async () => {
    const { page } = recorded;
    await openSql(page, baseUrl);
    await expect.poll(() => tableCounts(page), { timeout: 30_000 }).toMatch(/sessions\s*24\.898 baris/);
    const before = await tableCounts(page);
    for (const sql of SIDE_EFFECTS) {
      await runTyped(page, sql);
      expect(await page.getByTestId('sql-error').getAttribute('data-kind')).toBe('refused-function');
    }
    await runTyped(page, 'SELECT count(*) AS n FROM clients');
    expect(await page.getByTestId('sql-results').locator('tbody td').first().textContent()).toBe('1500');
    await openSql(page, baseUrl);
    await expect.poll(() => tableCounts(page), { timeout: 30_000 }).toBe(before);
    expect(hits).toEqual([]);
  });
});

/** The longest gap, in ms, between animation frames over `ms`: a frozen page has long gaps. */
function longestFrameGap(page: Page, ms: number): Promise<number> {
  return page.evaluate(
    (duration) =>
      new Promise<number>((resolve) => {
        let last = performance.now();
        let worst = 0;
        const end = last + duration;
        const tick = (now: number) => {
          worst = Math.max(worst, now - last);
          last = now;
          if (now < end) requestAnimationFrame(tick);
          else resolve(worst);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

describe('runaway queries', () => {
  let session: Session;
  let recorded: RecordedPage;
  beforeAll(async () => {
    session = await launchBrowser();
    recorded = await openRecordedPage(session.context);
    await openSql(recorded.page, baseUrl);
    // The default example has run.
    await recorded.page.waitForFunction(() => document.querySelector('[data-testid="sql-work"]')?.getAttribute('data-runs') === '1', null, {
      timeout: 30_000,
    });
  });
  afterAll(async () => session?.close());

  it('range(1e10) with a hash per row is stopped by Cancel; the page stays responsive meanwhile', async () => {
    const { page } = recorded;
    await page.getByTestId('sql-editor').fill('SELECT sum(hash(i)) FROM range(10000000000) t(i)');
    await page.getByTestId('sql-run').click();
    await page.getByTestId('sql-cancel').waitFor();
    expect(await longestFrameGap(page, 1500)).toBeLessThan(500);
    const clicked = performance.now();
    await page.getByTestId('sql-cancel').click();
    await expect.poll(() => page.getByTestId('sql-error').getAttribute('data-kind'), { timeout: 10_000 }).toBe('cancelled');
    expect(performance.now() - clicked).toBeLessThan(5_000);
    await runTyped(page, 'SELECT 41 + 1 AS answer');
    expect(await page.getByTestId('sql-results').locator('tbody td').first().textContent()).toBe('42');
  });

  it('range(1e10) with a hash per row is stopped by the time limit, which can then be raised', async () => {
    const { page } = recorded;
    await page.getByTestId('sql-time-limit').selectOption('10000');
    const started = performance.now();
    await page.getByTestId('sql-editor').fill('SELECT sum(hash(i)) FROM range(10000000000) t(i)');
    await page.getByTestId('sql-run').click();
    await page.getByTestId('sql-cancel').waitFor();
    expect(await longestFrameGap(page, 2000)).toBeLessThan(500);
    await expect.poll(() => page.getByTestId('sql-error').getAttribute('data-kind'), { timeout: 30_000 }).toBe('timeout');
    const took = performance.now() - started;
    expect(took).toBeGreaterThan(9_000);
    expect(took).toBeLessThan(25_000);
    expect(await page.getByTestId('sql-raise-limit').isVisible()).toBe(true);
    await runTyped(page, 'SELECT count(*) AS n FROM sessions');
    expect(await page.getByTestId('sql-results').locator('tbody td').first().textContent()).toBe('24898');
  });

  it('a 300 MB cell is capped, not crashed, and row counts are capped too', async () => {
    const { page } = recorded;
    await runTyped(page, "SELECT repeat('x', 300000000) AS big");
    await page.getByTestId('sql-cells-capped').waitFor();
    const cell = await page.getByTestId('sql-results').locator('tbody td').first().textContent();
    expect(cell!.length).toBeLessThan(2_100);
    await runTyped(page, 'SELECT * FROM range(100000000)');
    expect(Number(await page.getByTestId('sql-result-meta').getAttribute('data-rows'))).toBe(10_000);
    await runTyped(page, "SELECT repeat('x', 1999) AS a, repeat('y', 1999) AS b, repeat('z', 1999) AS c, i FROM range(30000) t(i)");
    await page.getByTestId('sql-bytes-capped').waitFor();
    expect(recorded.consoleErrors).toEqual([]);
  });
});

describe('the smaller holes', () => {
  let session: Session;
  let recorded: RecordedPage;
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dampingan-lockdown-'));
    session = await launchBrowser();
    recorded = await openRecordedPage(session.context);
  });
  afterAll(async () => {
    await session?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('copy link on the SQL page says the query travels and can leave it out', async () => {
    const { page } = recorded;
    await openSql(page, baseUrl);
    await runTyped(page, "SELECT * FROM clients WHERE phone = '0812 3456 7890'");
    await page.getByTestId('copy-link').click();
    await page.getByTestId('copy-link-query-warning').waitFor();
    await page.getByTestId('copy-link-without-query').click();
    const link = new URL((await page.getByTestId('copy-link').getAttribute('data-link'))!);
    expect(link.searchParams.has('q')).toBe(false);
    expect(link.pathname).toMatch(/\/sql\/$/);
  });

  it('an impossible date in a link is dropped with a message, and Explore works', async () => {
    const { page, consoleErrors } = recorded;
    await page.goto(`${baseUrl}explore/?to=2024-02-30&from=2023-02-29`);
    await page.getByTestId('link-problem').waitFor({ timeout: 60_000 });
    await exploreSettled(page, { exact: false, withChart: true });
    expect(consoleErrors).toEqual([]);
  });

  it('malformed hashes and escapes never throw', async () => {
    const { page, consoleErrors } = recorded;
    for (const path of ['explore/#v=garbage%%%', 'explore/?m=%%%&d=%E0%A4%A', 'sql/?q=%%%', '#%E0%A4%A']) {
      await page.goto(`${baseUrl}${path}`);
      await page.locator('main h1').first().waitFor({ timeout: 60_000 });
    }
    await page.evaluate(() => (location.hash = '%%%bad'));
    await page.waitForTimeout(300);
    expect(consoleErrors).toEqual([]);
  });

  it('orphan folders of interrupted saves are cleaned at start', async () => {
    const { page } = recorded;
    // A page of the site that does not start the app (which would clean up at once).
    await page.goto(`${baseUrl}favicon.svg`);
    await page.evaluate(async () => {
      const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('dampingan-datasets', { create: true });
      const dir = await root.getDirectoryHandle('ds-orphan-test', { create: true });
      const file = await dir.getFileHandle('clients.csv', { create: true });
      const writable = await file.createWritable();
      await writable.write('client_id\n1\n');
      await writable.close();
    });
    const orphanExists = () =>
      page.evaluate(async () => {
        const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('dampingan-datasets');
        return root.getDirectoryHandle('ds-orphan-test').then(
          () => true,
          () => false,
        );
      });
    expect(await orphanExists()).toBe(true);
    await page.goto(`${baseUrl}data/`);
    await expect.poll(orphanExists, { timeout: 30_000 }).toBe(false);
  });

  it('Load is disabled while an upload runs, and a full disk gets a message in the UI language', async () => {
    const { page, consoleErrors } = recorded;
    // The browser's storage refuses every write, as a full disk does.
    await page.addInitScript(() => {
      const proto = (globalThis as unknown as { FileSystemWritableFileStream?: { prototype: { write: unknown } } })
        .FileSystemWritableFileStream?.prototype;
      if (proto) proto.write = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    });
    const paths = writeReexport(join(work, 'ekspor'));
    await page.goto(`${baseUrl}data/`);
    await page.getByTestId('dataset-summary').locator('tr[data-table=sessions]').waitFor({ timeout: 60_000 });
    await page.getByTestId('upload-input').setInputFiles(paths);
    await expect.poll(() => page.getByTestId('file-card').count(), { timeout: 30_000 }).toBe(paths.length);
    const load = page.getByTestId('upload-load');
    await load.click();
    await expect.poll(() => load.isDisabled()).toBe(true);
    await load.click({ force: true }).catch(() => undefined);
    await page.getByTestId('store-error').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('store-error').textContent()).toContain('Penyimpanan peramban untuk situs ini penuh');
    expect(await page.getByTestId('store-error').textContent()).not.toContain('ERRORED');
    expect(consoleErrors.filter((e) => /already running|ERRORED/.test(e))).toEqual([]);
  });

  it('the remote check runs in an engine of its own: the tab’s dataset is untouched', async () => {
    const { page } = recorded;
    await page.goto(`${baseUrl}remote-check/?url=${encodeURIComponent('../remote/sample/')}`);
    await expect.poll(() => page.getByTestId('remote-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('ready');
    // Within the same tab (client-side navigation keeps the page's engine): nothing remote attached there.
    await page.getByRole('link', { name: 'SQL' }).first().click();
    await page.getByTestId('sql-tables').locator('li').first().waitFor({ timeout: 60_000 });
    await runTyped(
      page,
      "SELECT (SELECT count(*) FROM duckdb_databases() WHERE database_name LIKE 'dmp_remote%') + (SELECT count(*) FROM duckdb_views() WHERE sql LIKE '%dmp_remote%') AS remote_objects",
    );
    expect(await page.getByTestId('sql-results').locator('tbody td').first().textContent()).toBe('0');
  });
});
