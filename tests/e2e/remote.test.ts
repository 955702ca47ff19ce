/**
 * A remote dataset read over HTTP range requests by the app's own DuckDB: the built site
 * ships the sample as `remote/sample/` (a DuckDB file + manifest, written by `npm run build`),
 * and `/remote-check/?url=remote/sample/` loads it through remote-source. The recorded
 * requests show DuckDB fetched byte ranges only — never the whole file, and none of the
 * blocks that hold only `sessions` data (the model is precomputed) — and nothing left the
 * origin; the KPIs equal the CSV sample's, computed in Node with the same engine.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OverviewKpis } from '../../src/lib/query/overview';
import { NO_FILTERS, overviewKpis } from '../../src/lib/query/overview';
import { runGroupQuery, type GroupRow } from '../../src/lib/query/group-query';
import { openSampleDatabase } from '../helpers/sample-db';
import { exploreSettled, launchBrowser, openRecordedPage, type Session } from './browser';

const REMOTE_DIR = join('build', 'remote', 'sample');
/** Where block `id` of a DuckDB file starts: after the main header and two database headers. */
const HEADER_BYTES = 3 * 4096;

/** Byte ranges of the blocks that hold data of `table` and of no other table. */
async function blocksOnlyOf(path: string, table: string): Promise<{ start: number; end: number }[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(`ATTACH '${path.replaceAll("'", "''")}' AS f (READ_ONLY)`);
    const tables = (await conn.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE database_name = 'f'`))
      .getRowObjects()
      .map((r) => String(r.table_name));
    const owners = new Map<number, Set<string>>();
    for (const t of tables) {
      const rows = await conn.runAndReadAll(`SELECT DISTINCT block_id FROM pragma_storage_info('f.main.${t}') WHERE block_id >= 0`);
      for (const r of rows.getRowObjects()) {
        const id = Number(r.block_id);
        owners.set(id, (owners.get(id) ?? new Set()).add(t));
      }
    }
    const [{ block_size }] = (
      await conn.runAndReadAll(`SELECT block_size FROM pragma_database_size() WHERE database_name = 'f'`)
    ).getRowObjects();
    const size = Number(block_size);
    return [...owners]
      .filter(([, names]) => names.size === 1 && names.has(table))
      .map(([id]) => ({ start: HEADER_BYTES + id * size, end: HEADER_BYTES + (id + 1) * size }));
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

interface Fetch {
  url: string;
  method: string;
  range: string | null;
  status: number | null;
}

let session: Session;
let expected: OverviewKpis;
let expectedGroups: GroupRow[];
const CHART_SPEC = { measure: 'revenue_growth_median', framework: 'official', minSessions: 3, filters: NO_FILTERS };

beforeAll(async () => {
  session = await launchBrowser();
  const csv = await openSampleDatabase();
  try {
    expected = await overviewKpis(csv);
    expectedGroups = [
      ...(await runGroupQuery(csv, { ...CHART_SPEC, dimension: 'function' })),
      ...(await runGroupQuery(csv, { ...CHART_SPEC, dimension: 'region' })),
    ];
  } finally {
    csv.close();
  }
});

afterAll(async () => {
  await session?.close();
});

/** `promise`, or `fallback` when it fails or takes more than 10 s. */
function within<T, F>(promise: Promise<T>, fallback: F): Promise<T | F> {
  return Promise.race([promise.catch(() => fallback), new Promise<F>((resolve) => setTimeout(() => resolve(fallback), 10_000))]);
}

/** Every request of the context, with its Range header, status and body size. */
function recordFetches(context: Session['context']): { fetches: Fetch[]; settled: () => Promise<void> } {
  const fetches: Fetch[] = [];
  const pending: Promise<void>[] = [];
  const finish = (request: Request) => {
    pending.push(
      (async () => {
        // allHeaders() and sizes() can wait forever on a worker's synchronous XHR: the Range
        // header (headers() has it) and the 206 status say how many bytes were sent.
        const response = await within(request.response(), null);
        fetches.push({
          url: request.url(),
          method: request.method(),
          range: request.headers()['range'] ?? null,
          status: response?.status() ?? null,
        });
      })(),
    );
  };
  context.on('requestfinished', finish);
  context.on('requestfailed', finish);
  return { fetches, settled: async () => void (await Promise.all(pending)) };
}

describe('remote dataset over HTTP range requests', () => {
  it('the build ships the sample as a remote dataset', () => {
    const manifest = JSON.parse(readFileSync(join(REMOTE_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.storage).toBe('duckdb');
    for (const table of ['clients', 'mentors', 'sessions', 'outcomes']) {
      expect(statSync(join(REMOTE_DIR, manifest.tables[table].file)).size).toBe(manifest.tables[table].bytes);
    }
    expect(manifest.model?.tables.client_fact).toBe(1500);
  });

  it('loads the sample through the app’s DuckDB with range reads only, same KPIs, same origin', async () => {
    const baseUrl = inject('baseUrl');
    const { page, requests, consoleErrors } = await openRecordedPage(session.context);
    const { fetches, settled } = recordFetches(session.context);

    await page.goto(`${baseUrl}remote-check/?url=${encodeURIComponent('../remote/sample/')}`);
    const status = page.getByTestId('remote-status');
    await page.waitForFunction(
      () => ['ready', 'error'].includes(document.querySelector('[data-testid="remote-status"]')?.getAttribute('data-status') ?? ''),
      null,
      {
        timeout: 90_000,
      },
    );
    expect(await page.getByTestId('remote-error').count(), (await status.textContent()) ?? '').toBe(0);

    const value = async (id: string) => {
      const raw = await page.getByTestId(id).getAttribute('data-value');
      return raw === null || raw === '' ? null : Number(raw);
    };
    expect(await value('remote-kpi-clients')).toBe(expected.clients);
    expect(await value('remote-kpi-mentors')).toBe(expected.mentors);
    expect(await value('remote-kpi-sessions')).toBe(expected.sessions);
    expect(await value('remote-kpi-growth')).toBeCloseTo(expected.median_revenue_growth!, 12);
    expect(await value('remote-kpi-naik-kelas')).toBeCloseTo(expected.naik_kelas_rate!, 12);
    expect(await value('remote-kpi-nib')).toBeCloseTo(expected.nib_endline_rate!, 12);
    expect(await page.getByTestId('remote-table-sessions').getAttribute('data-rows')).toBe('24898');
    // The Overview's charts (by function: the precomputed exposure rows; by region) match too.
    const groups = await page.getByTestId('remote-group').evaluateAll((rows) =>
      rows.map((r) => ({
        group: r.getAttribute('data-group'),
        exposed: r.getAttribute('data-exposed'),
        n: Number(r.getAttribute('data-n')),
        value: r.getAttribute('data-value'),
      })),
    );
    expect(groups).toHaveLength(expectedGroups.length);
    expectedGroups.forEach((row, i) => {
      expect(groups[i].group).toBe(row.group);
      expect(groups[i].exposed).toBe(row.exposed === null ? null : String(row.exposed));
      expect(groups[i].n).toBe(row.n);
      if (row.value === null) expect(groups[i].value).toBeNull();
      else expect(Number(groups[i].value)).toBeCloseTo(row.value, 12);
    });

    await settled();
    const manifest = JSON.parse(readFileSync(join(REMOTE_DIR, 'manifest.json'), 'utf8'));
    const dataFetches = fetches.filter((f) => f.url.startsWith(`${baseUrl}remote/sample/`) && f.url.endsWith('.duckdb'));
    const gets = dataFetches.filter((f) => f.method === 'GET');
    expect(gets.length).toBeGreaterThan(0);
    // Every read of a database file is a byte range answered with 206: no file is downloaded whole.
    for (const f of gets) {
      expect(f.range, f.url).toMatch(/^bytes=\d+-\d+$/);
      expect(f.status, `${f.url} ${f.range}`).toBe(206);
    }
    // Bytes sent for each range: the range, cut at the end of the file.
    const span = (f: Fetch) => {
      const [, start, end] = /^bytes=(\d+)-(\d+)$/.exec(f.range!)!.map(Number);
      const size = statSync(join(REMOTE_DIR, f.url.slice(`${baseUrl}remote/sample/`.length))).size;
      return { start, end: Math.min(end + 1, size) };
    };
    const perFile = new Map<string, number>();
    for (const f of gets) perFile.set(f.url, (perFile.get(f.url) ?? 0) + span(f).end - span(f).start);
    const report = [...perFile].map(([url, bytes]) => `${url.slice(baseUrl.length)}: ${bytes} bytes`).join(', ');
    console.log(`remote sample fetched: ${report}; load ${await value('remote-load-ms')} ms`);
    const files = new Set(Object.values(manifest.tables as Record<string, { file: string; bytes: number }>).map((t) => t.file));
    for (const file of files) {
      // The model is precomputed: loading, the KPIs and the charts read part of the file only.
      expect(perFile.get(`${baseUrl}remote/sample/${file}`) ?? 0, report).toBeLessThan(statSync(join(REMOTE_DIR, file)).size);
    }
    // Not one byte of the blocks that hold only session rows was fetched.
    const sessionsFile = manifest.tables.sessions.file;
    const sessionBlocks = await blocksOnlyOf(join(REMOTE_DIR, sessionsFile), 'sessions');
    expect(sessionBlocks.length).toBeGreaterThan(0);
    const ranges = gets.filter((f) => f.url === `${baseUrl}remote/sample/${sessionsFile}`).map(span);
    const sessionBytesFetched = sessionBlocks.reduce((sum, block) => sum + ranges.reduce((n, r) => n + overlap(block, r), 0), 0);
    expect(sessionBytesFetched, JSON.stringify({ sessionBlocks, ranges })).toBe(0);

    // Nothing left the origin, and the page had no errors.
    expect(requests.filter((u) => !u.startsWith(baseUrl) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('explains what is wrong with a dataset from another origin', async () => {
    const baseUrl = inject('baseUrl');
    const { page, requests } = await openRecordedPage(session.context);
    await page.goto(`${baseUrl}remote-check/?url=${encodeURIComponent('http://127.0.0.1:9/ntb/')}`);
    await page.getByTestId('remote-error').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('remote-error').textContent()).toMatch(/http:\/\/127\.0\.0\.1:9 is not an allowed data origin/);
    expect(requests.filter((u) => !u.startsWith(baseUrl) && !u.startsWith('blob:'))).toEqual([]);
  });
});

describe('a remote dataset as the dashboard’s data (?source=)', () => {
  it('runs Explore on the published sample with range reads, keeps the source across pages, and switches back', async () => {
    const baseUrl = inject('baseUrl');
    const csv = await openSampleDatabase();
    const filtered = await overviewKpis(csv, { values: { region: ['5204'] } });
    csv.close();
    const manifest = JSON.parse(readFileSync(join(REMOTE_DIR, 'manifest.json'), 'utf8'));
    const browser = await launchBrowser();
    try {
      const { page, pageRequests, consoleErrors } = await openRecordedPage(browser.context);
      const { fetches, settled: fetched } = recordFetches(browser.context);
      await page.goto(`${baseUrl}explore/?source=${encodeURIComponent('../remote/sample/')}&lang=en`);
      const badge = page.getByTestId('dataset-name');
      await badge.waitFor({ timeout: 90_000 });
      expect(await badge.textContent()).toContain(manifest.title);
      expect(await badge.getAttribute('title')).toBe(manifest.fingerprint);

      const settled = () => exploreSettled(page);
      const kpi = async (id: string) => Number(await page.getByTestId(`kpi-${id}`).getAttribute('data-value'));
      await settled();
      expect(await kpi('clients')).toBe(expected.clients);
      expect(await kpi('sessions')).toBe(expected.sessions);
      expect(await kpi('growth')).toBeCloseTo(expected.median_revenue_growth!, 12);

      // A filter: the view is queried from the remote files, and the link keeps the source.
      await page.getByTestId('filter-region').locator('summary').click();
      await page.getByTestId('filter-region').locator('input[value="5204"]').click();
      await settled();
      expect(await kpi('clients')).toBe(filtered.clients);
      expect(await kpi('mentors')).toBe(filtered.mentors);
      expect(await kpi('growth')).toBeCloseTo(filtered.median_revenue_growth!, 12);
      expect(new URL(page.url()).searchParams.get('source')).toBe('../remote/sample/');
      expect(await page.getByTestId('nav-overview').getAttribute('href')).toContain('source=');

      await fetched();
      const gets = fetches.filter((f) => f.url.endsWith('.duckdb') && f.method === 'GET');
      expect(gets.length).toBeGreaterThan(0);
      for (const f of gets) {
        expect(f.range, f.url).toMatch(/^bytes=\d+-\d+$/);
        expect(f.status, `${f.url} ${f.range}`).toBe(206);
      }
      // The page never downloaded the sample's CSV files (the service worker stores them for offline use).
      expect(pageRequests.filter((u) => /\/(clients|sessions|outcomes)[.-][^/]*\.csv/.test(u))).toEqual([]);

      // The Data page names the source; switching to the built-in sample drops it from the address.
      await page.getByTestId('nav-data').click();
      expect(await page.getByTestId('remote-active').textContent()).toContain('/remote/sample/');
      await page.getByTestId('use-sample').click();
      await page.getByTestId('dataset-name').filter({ hasText: 'Built-in sample' }).waitFor({ timeout: 60_000 });
      await expect.poll(() => new URL(page.url()).searchParams.get('source')).toBeNull();
      await page.getByTestId('nav-explore').click();
      await settled();
      expect(await kpi('clients')).toBe(expected.clients);
      expect(await kpi('growth')).toBeCloseTo(expected.median_revenue_growth!, 12);
      expect(consoleErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('a link whose published dataset cannot be opened says so on the page and shows other data', async () => {
    const baseUrl = inject('baseUrl');
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${baseUrl}explore/?source=${encodeURIComponent('../remote/no-such-dataset/')}&lang=en`);
      const notice = page.getByTestId('dataset-notice');
      await notice.waitFor({ timeout: 90_000 });
      expect(await notice.getAttribute('role')).toBe('alert');
      expect(await notice.textContent()).toContain('could not be opened');
      await page.getByTestId('dataset-name').filter({ hasText: 'Built-in sample' }).waitFor({ timeout: 60_000 });
      expect(Number(await page.getByTestId('kpi-clients').getAttribute('data-value'))).toBe(expected.clients);
    } finally {
      await browser.close();
    }
  });
});
