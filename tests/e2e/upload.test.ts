/**
 * Uploading in a real browser (Debian's Chromium, headless) against the built site:
 * the sample re-exported the messy Indonesian way gives the KPIs of the built-in sample;
 * a broken file shows an alert and the dataset shown before stays; the upload survives a
 * reload and a browser restart; switching and deleting work; and a 1,000,000-session set
 * loads with progress shown — its load time and peak memory are printed.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, openRecordedPage, type RecordedPage, type Session } from './browser';
import { sampleRss } from './process-memory';
import { openSampleDatabase, SAMPLE_DIR } from '../helpers/sample-db';
import { reexportTable, writeReexport } from '../helpers/reexport';
import { NO_FILTERS, overviewKpis, type OverviewKpis } from '../../src/lib/query/overview';
import { runGroupQuery } from '../../src/lib/query/group-query';
import { generateSample } from '../../scripts/generate-sample';

const baseUrl = inject('baseUrl');
const url = (path: string) => new URL(path, baseUrl).href;

/** The KPI cards' machine-readable values, once the overview shows them. */
async function readKpis(page: Page) {
  await page.getByTestId('kpi-clients').waitFor({ timeout: 60_000 });
  const value = async (id: string) => Number(await page.getByTestId(`kpi-${id}`).getAttribute('data-value'));
  return {
    clients: await value('clients'),
    mentors: await value('mentors'),
    sessions: await value('sessions'),
    growth: await value('growth'),
    naik: await value('naik-kelas'),
    nib: await value('nib'),
  };
}

function expectSameKpis(shown: Awaited<ReturnType<typeof readKpis>>, expected: OverviewKpis) {
  expect([shown.clients, shown.mentors, shown.sessions]).toEqual([expected.clients, expected.mentors, expected.sessions]);
  expect(shown.growth).toBeCloseTo(expected.median_revenue_growth ?? NaN, 12);
  expect(shown.naik).toBeCloseTo(expected.naik_kelas_rate ?? NaN, 12);
  expect(shown.nib).toBeCloseTo(expected.nib_endline_rate ?? NaN, 12);
}

async function openDataPage(page: Page) {
  await page.goto(url('data/'));
  await page.getByTestId('dataset-summary').locator('tr[data-table=sessions]').waitFor({ timeout: 60_000 });
}

async function chooseAndLoad(page: Page, paths: string[], name?: string) {
  await page.getByTestId('upload-input').setInputFiles(paths);
  await expect.poll(() => page.getByTestId('file-card').count(), { timeout: 30_000 }).toBe(paths.length);
  if (name) await page.getByTestId('dataset-name-input').fill(name);
  await page.getByTestId('upload-load').click();
}

const summaryRows = (page: Page) =>
  page
    .getByTestId('dataset-summary')
    .locator('tbody tr')
    .evaluateAll((trs) => Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-table'), Number(tr.getAttribute('data-rows'))])));

describe('uploading exports', () => {
  // Made in beforeAll, not here: a describe filtered out by -t would leave it behind.
  let work: string;
  let profile: string;
  let expected: OverviewKpis;
  let expectedFunctions: [string | null, number][];
  let session: Session;
  let recorded: RecordedPage;
  let sampleFingerprint: string | null;
  let paths: string[];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dampingan-upload-'));
    profile = join(work, 'profile');
    const db = await openSampleDatabase();
    expected = await overviewKpis(db);
    const spec = { measure: 'revenue_growth_median', framework: 'official', minSessions: 3, filters: NO_FILTERS };
    expectedFunctions = (await runGroupQuery(db, { ...spec, dimension: 'function' })).filter((r) => r.exposed).map((r) => [r.group, r.n]);
    db.close();
    paths = writeReexport(join(work, 'ekspor'));
    session = await launchBrowser(profile);
    recorded = await openRecordedPage(session.context);
  });

  afterAll(async () => {
    await session?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('the sample re-exported with ;, decimal commas, Indonesian dates and Windows-1252 gives the KPIs of the built-in sample', async () => {
    const { page } = recorded;
    await openDataPage(page);
    expect(await page.getByTestId('privacy-statement').textContent()).toMatch(/tidak ada data yang dikirim/i);
    sampleFingerprint = await page.getByTestId('dataset-fingerprint').textContent();
    expect(sampleFingerprint).toMatch(/^[0-9a-f]{16}$/);

    await chooseAndLoad(page, paths, 'Ekspor dinas');
    await page.getByTestId('upload-success').waitFor({ timeout: 90_000 });
    // Every card was recognised without help: table, encoding, delimiter.
    expect(await summaryRows(page)).toEqual({ clients: 1500, mentors: 50, sessions: 24898, outcomes: 4359 });
    // Same content, different format: the same fingerprint.
    expect(await page.getByTestId('dataset-fingerprint').textContent()).toBe(sampleFingerprint);
    expect(await page.getByTestId('dataset-name').textContent()).toContain('Ekspor dinas');

    // The model tables built after the commit (workload, months of mentoring) answer at once,
    // every session counted once in each.
    await page.getByTestId('nav-sql').click();
    await page.getByTestId('sql-result-meta').waitFor({ timeout: 60_000 });
    await page
      .getByTestId('sql-editor')
      .fill('SELECT (SELECT sum(sessions) FROM client_mentor_month)::INTEGER AS a, (SELECT sum(sessions) FROM client_month)::INTEGER AS b');
    await page.getByTestId('sql-editor').press('Control+Enter');
    await expect
      .poll(() => page.getByTestId('sql-results').locator('tbody tr').first().locator('td').allTextContents(), { timeout: 30_000 })
      .toEqual(['24898', '24898']);

    await page.getByTestId('nav-overview').click();
    expectSameKpis(await readKpis(page), expected);
    // The derived model was rebuilt too: the chart by mentor function shows the sample's groups.
    const byKey = (rows: [string | null, number][]) =>
      rows.filter(([, n]) => n > 0).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    await expect
      .poll(
        async () =>
          byKey(
            await page
              .getByTestId('chart-by-function-table')
              .locator('tbody tr')
              .evaluateAll((trs) =>
                trs.map((tr) => [tr.getAttribute('data-key'), Number(tr.getAttribute('data-n'))] as [string | null, number]),
              ),
          ),
        { timeout: 30_000 },
      )
      .toEqual(byKey(expectedFunctions));
  });

  it('a broken file shows an alert, and the dataset shown before stays', async () => {
    const { page } = recorded;
    await openDataPage(page);
    // An Excel file renamed to .csv: refused at once, with the reason.
    const xlsx = join(work, 'laporan.csv');
    writeFileSync(xlsx, new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('xl/workbook.xml')]));
    await page.getByTestId('upload-input').setInputFiles(xlsx);
    // Read as a workbook (it is one by its bytes), which it is not a readable one of.
    const note = page.getByTestId('file-note');
    await note.waitFor();
    expect(await note.getAttribute('role')).toBe('alert');
    expect(await note.textContent()).toMatch(/Excel/);
    expect(await page.getByTestId('file-card').count()).toBe(0);

    // A 2 GB file (sparse on disk): refused up front, never read.
    const huge = join(work, 'sesi-besar.csv');
    writeFileSync(huge, '');
    truncateSync(huge, 2 * 1024 ** 3);
    await page.getByTestId('upload-input').setInputFiles(huge);
    const hugeCard = page.locator('[data-testid=file-card][data-status=error]');
    await hugeCard.waitFor();
    expect(await hugeCard.getByRole('alert').textContent()).toMatch(/Terlalu besar.*500 MB/);
    await page.getByRole('button', { name: 'Kosongkan daftar' }).click();

    // A set whose sessions file has a quote that is never closed, past the part recognition reads.
    const broken = join(work, 'rusak');
    const brokenPaths = writeReexport(broken);
    const sessions = reexportTable('sessions');
    const tail = new TextEncoder().encode(
      'S9999999;1 Januari 2025;P001;K00001;Pendampingan;Edukasi;Pemasaran;Mentoring;Tatap Muka;1,0;"tidak ditutup\r\n',
    );
    writeFileSync(brokenPaths[2], new Uint8Array([...sessions, ...tail]));
    await chooseAndLoad(page, brokenPaths);
    const alert = page.getByTestId('upload-error');
    await alert.waitFor({ timeout: 90_000 });
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await alert.textContent()).toMatch(/tanda petik yang dibuka di baris 24\.?901 /);
    expect(await alert.textContent()).toContain('tetap dipakai');
    expect(await page.getByTestId('dataset-name').textContent()).toContain('Ekspor dinas');
    expect(await summaryRows(page)).toEqual({ clients: 1500, mentors: 50, sessions: 24898, outcomes: 4359 });

    await page.getByTestId('nav-overview').click();
    expectSameKpis(await readKpis(page), expected);
  });

  it('the uploaded dataset is still there after a reload and after a browser restart', async () => {
    await recorded.page.goto(url(''));
    expect(await recorded.page.getByTestId('dataset-name').textContent({ timeout: 60_000 })).toContain('Ekspor dinas');
    expectSameKpis(await readKpis(recorded.page), expected);

    await session.close();
    session = await launchBrowser(profile);
    recorded = await openRecordedPage(session.context);
    const { page } = recorded;
    await page.goto(url(''));
    await page.getByTestId('dataset-name').filter({ hasText: 'Ekspor dinas' }).waitFor({ timeout: 60_000 });
    expectSameKpis(await readKpis(page), expected);
    // The sample is neither downloaded nor shown from its build-time Overview meanwhile.
    expect(recorded.pageRequests.filter((u) => u.includes('sample-overview.json') || /\/(clients|sessions)[.-][^/]*\.csv/.test(u))).toEqual(
      [],
    );
    await openDataPage(page);
    expect(await page.getByTestId('dataset-fingerprint').textContent()).toBe(sampleFingerprint);
    // Opened from the browser's database file, not by reading its CSV copy again.
    expect(await page.getByTestId('store-persistence').getAttribute('data-kind')).toBe('opfs');
    expect(await page.getByTestId('dataset-summary').getAttribute('data-opened-from')).toBe('database');
  });

  it('a second tab, while the first holds the database file, opens the upload from its CSV copy and says why', async () => {
    const second = await recorded.page.context().newPage();
    try {
      await openDataPage(second);
      await second.getByTestId('dataset-name').filter({ hasText: 'Ekspor dinas' }).waitFor({ timeout: 60_000 });
      expect(await second.getByTestId('store-persistence').getAttribute('data-kind')).toBe('busy');
      expect(await second.getByTestId('store-persistence').textContent()).toMatch(/Tab lain situs ini/);
      expect(await second.getByTestId('dataset-summary').getAttribute('data-opened-from')).toBe('csv');
      // The same data either way.
      expect(await second.getByTestId('dataset-fingerprint').textContent()).toBe(sampleFingerprint);
      await second.goto(url(''));
      expectSameKpis(await readKpis(second), expected);
    } finally {
      await second.close();
    }
  });

  it('a database file whose journal cannot be replayed (a tab closed mid-write) is started again from the CSV copy', async () => {
    await session.close();
    session = await launchBrowser(profile);
    // A tab of its own: the engine reports the journal it could not replay on the console.
    const page = await session.context.newPage();
    try {
      // A page of the site that starts no engine, so nothing holds the file while it is damaged.
      await page.goto(url('favicon.svg'));
      // The start of a journal torn by a tab that closed while writing (tests/fixtures/store/README.md).
      const torn = [...readFileSync(join(import.meta.dirname, '..', 'fixtures', 'store', 'unreplayable-journal.wal'))];
      await page.evaluate(async (bytes) => {
        const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('dampingan');
        const journal = await (await dir.getFileHandle('dampingan_store.duckdb.wal', { create: true })).createWritable();
        await journal.write(Uint8Array.from(bytes));
        await journal.close();
      }, torn);
      await openDataPage(page);
      await page.getByTestId('dataset-name').filter({ hasText: 'Ekspor dinas' }).waitFor({ timeout: 60_000 });
      // The site keeps its database file (a new one), and the upload comes from its CSV copy, the same data.
      expect(await page.getByTestId('store-persistence').getAttribute('data-kind')).toBe('opfs');
      expect(await page.getByTestId('dataset-summary').getAttribute('data-opened-from')).toBe('csv');
      expect(await page.getByTestId('dataset-fingerprint').textContent()).toBe(sampleFingerprint);
      // …and is kept in the new file for the next visit.
      await page.waitForFunction(() => performance.getEntriesByName('dampingan:stored-tables-saved').length > 0, undefined, {
        timeout: 60_000,
      });
    } finally {
      await page.close();
    }
    // A fresh browser for the tests after this one, so that their tab holds the file again.
    await session.close();
    session = await launchBrowser(profile);
    recorded = await openRecordedPage(session.context);
    await openDataPage(recorded.page);
    await recorded.page.getByTestId('dataset-name').filter({ hasText: 'Ekspor dinas' }).waitFor({ timeout: 60_000 });
    expect(await recorded.page.getByTestId('dataset-summary').getAttribute('data-opened-from')).toBe('database');
  });

  it('switches between the sample and the upload, and deletes the upload', async () => {
    const { page } = recorded;
    await openDataPage(page);
    const list = page.getByTestId('dataset-list');
    await list.locator('tr[data-dataset]').nth(1).waitFor();
    await page.getByTestId('use-sample').click();
    await page.getByTestId('dataset-name').filter({ hasText: 'Data contoh bawaan' }).waitFor({ timeout: 60_000 });
    await page.getByTestId('use-dataset').click();
    await page.getByTestId('dataset-name').filter({ hasText: 'Ekspor dinas' }).waitFor({ timeout: 60_000 });

    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('delete-dataset').click();
    await page.getByTestId('dataset-name').filter({ hasText: 'Data contoh bawaan' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => list.locator('tr[data-dataset]').count()).toBe(1);
    // Gone from storage too: a reload shows the sample.
    await page.reload();
    await page.getByTestId('dataset-name').filter({ hasText: 'Data contoh bawaan' }).waitFor({ timeout: 60_000 });
    expect(await list.locator('tr[data-dataset]').count()).toBe(1);
    // And from the browser's database file.
    await page.goto(url('sql/'));
    await page.getByTestId('sql-result-meta').waitFor({ timeout: 60_000 });
    await page
      .getByTestId('sql-editor')
      .fill(`SELECT count(*) AS n FROM duckdb_schemas() WHERE database_name = 'dampingan_store' AND schema_name LIKE 'ds-%'`);
    await page.getByTestId('sql-editor').press('Control+Enter');
    await expect.poll(() => page.getByTestId('sql-results').locator('tbody td').first().textContent(), { timeout: 30_000 }).toBe('0');
  });

  it('where recognition is unsure, the mapping screen maps columns by hand, and the mapping is remembered', async () => {
    const { page } = recorded;
    await openDataPage(page);
    // The required id and another column under names no alias knows.
    const lines = readFileSync(join(SAMPLE_DIR, 'clients.csv'), 'utf8').split('\n');
    lines[0] = lines[0].replace('client_id', 'kd_pelanggan').replace('region_code', 'wil_kerja');
    const odd = join(work, 'klien-aneh.csv');
    writeFileSync(odd, lines.join('\n'));
    await page.getByTestId('upload-input').setInputFiles(odd);
    const card = page.getByTestId('file-card');
    await expect.poll(() => card.getAttribute('data-status')).toBe('review');
    await card.getByTestId('file-map').click();
    const dialog = page.getByTestId('mapping-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('mapping-table').inputValue()).toBe('clients');
    expect(await dialog.getByTestId('mapping-confirm').isDisabled()).toBe(true);
    const header = lines[0].split(',');
    const columns = dialog.getByTestId('mapping-column');
    await columns.nth(header.indexOf('kd_pelanggan')).selectOption('client_id');
    await columns.nth(header.indexOf('wil_kerja')).selectOption('region_code');
    await dialog.getByTestId('mapping-confirm').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('ready');
    await page.getByRole('button', { name: 'Kosongkan daftar' }).click();

    // The same header again: the confirmed mapping is used at once.
    await page.getByTestId('upload-input').setInputFiles(odd);
    await expect.poll(() => page.getByTestId('file-card').getAttribute('data-status')).toBe('ready');
    expect(await page.getByTestId('file-card').textContent()).toContain('Pemetaan kolom yang Anda konfirmasi sebelumnya dipakai');
    await page.getByRole('button', { name: 'Kosongkan daftar' }).click();
  });

  it('reports rejected rows with their lines, shows cell text only as text, and downloads them as formula-safe CSV', async () => {
    const { page } = recorded;
    await openDataPage(page);
    const dir = join(work, 'masalah');
    mkdirSync(dir, { recursive: true });
    const files = ['clients', 'mentors', 'sessions', 'outcomes'].map((t) => join(dir, `${t}.csv`));
    for (const [i, t] of ['clients', 'mentors', 'sessions', 'outcomes'].entries()) {
      let text = readFileSync(join(SAMPLE_DIR, `${t}.csv`), 'utf8');
      if (t === 'sessions') {
        text +=
          'S9000001,"=HYPERLINK(""http://127.0.0.1:9"",""klik"")",P001,K00001,pendampingan,educate,pemasaran,mentoring,tatap_muka,1.0,x\n' +
          'S9000002,2024-03-18,P001,K00001,pendampingan,educate,pemasaran,mentoring,"<img src=x onerror=""window.__xss=1"">",1.0,y\n';
      }
      writeFileSync(files[i], text);
    }
    await chooseAndLoad(page, files, 'Dengan masalah');
    await page.getByTestId('upload-success').waitFor({ timeout: 90_000 });
    const table = page.getByTestId('problem-table');
    await table.waitFor();
    const cells = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())));
    expect(cells).toContainEqual([
      'sessions.csv',
      '24.900',
      'session_date',
      '=HYPERLINK("http://127.0.0.1:9","klik")',
      'bukan tanggal',
      'baris ditolak',
    ]);
    expect(cells).toContainEqual([
      'sessions.csv',
      '24.901',
      'mode',
      '<img src=x onerror="window.__xss=1">',
      'nilai tidak dikenali',
      'nilai dikosongkan, baris dimuat',
    ]);
    // Text, never markup: no image element was made and its handler never ran.
    expect(await page.locator('img[src=x]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-problems').click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain(`'=HYPERLINK(""http://127.0.0.1:9"",""klik"")`);
    expect(csv.split(/\r\n/).some((line) => /(^|,)"?=/.test(line))).toBe(false);
    expect(csv).toContain('sessions.csv,sessions,24900,24900,session_date');
  });

  it('sends nothing anywhere: every request stays on the site', () => {
    const origin = new URL(baseUrl).origin;
    const foreign = recorded.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(recorded.consoleErrors).toEqual([]);
  });
});

describe('a 1,000,000-session export', () => {
  let work: string;
  let profile: string;
  let session: Session;
  let files: string[];
  let sessionsCount: number;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dampingan-1m-'));
    profile = join(work, 'profile');
    const summary = generateSample({ out: join(work, 'data'), sessionsTarget: 1_020_000 });
    sessionsCount = summary.sessions;
    files = ['clients', 'mentors', 'sessions', 'outcomes'].map((t) => join(work, 'data', `${t}.csv`));
    session = await launchBrowser(profile);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('loads with progress in bytes and rows, off the main thread; prints load time and peak memory', async () => {
    expect(sessionsCount).toBeGreaterThanOrEqual(1_000_000);
    const { page } = await openRecordedPage(session.context);
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: [number, number][] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: true });
    });
    await openDataPage(page);
    await page.getByTestId('upload-input').setInputFiles(files);
    await page.locator('[data-testid=file-card][data-status=ready]').nth(3).waitFor({ timeout: 60_000 });

    // Cancel first: the load stops at the next slice and the sample stays.
    await page.getByTestId('upload-load').click();
    await page.locator('[data-testid=upload-progress]:not([data-bytes="0"])').waitFor({ timeout: 60_000 });
    await page.getByTestId('upload-cancel').click();
    expect(await page.getByTestId('upload-error').textContent({ timeout: 60_000 })).toContain('dibatalkan');
    expect(await summaryRows(page)).toEqual({ clients: 1500, mentors: 50, sessions: 24898, outcomes: 4359 });

    const memory = sampleRss(profile);
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const clickedAt = await page.evaluate(() => performance.now());
    const t0 = Date.now();
    await page.getByTestId('upload-load').click();
    const seen: { bytes: number; total: number; rows: number }[] = [];
    let peakHeap = 0;
    const poll = setInterval(() => {
      void page
        .getByTestId('upload-progress')
        .evaluate((el) => ({
          bytes: Number(el.getAttribute('data-bytes')),
          total: Number(el.getAttribute('data-total')),
          rows: Number(el.getAttribute('data-rows')),
        }))
        .then((p) => seen.push(p))
        .catch(() => undefined);
      void cdp
        .send('Performance.getMetrics')
        .then((m) => (peakHeap = Math.max(peakHeap, m.metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0)))
        .catch(() => undefined);
    }, 250);
    try {
      await page
        .getByTestId('dataset-summary')
        .locator(`tr[data-table=sessions][data-rows="${sessionsCount}"]`)
        .waitFor({ timeout: 240_000 });
      const loadedMs = Date.now() - t0;
      await page.getByTestId('upload-success').waitFor({ timeout: 240_000 });
      const storedMs = Date.now() - t0;
      const peakRss = memory.stop();
      const longest = await page.evaluate(
        (after) =>
          Math.max(
            0,
            ...(window as unknown as { __longTasks: [number, number][] }).__longTasks.filter(([s]) => s >= after).map(([, d]) => d),
          ),
        clickedAt,
      );

      // Progress moved through intermediate values of bytes and rows.
      const total = seen.find((s) => s.total > 0)?.total ?? 0;
      expect(total).toBeGreaterThan(100_000_000);
      expect(seen.some((s) => s.bytes > 0 && s.bytes < total && s.rows > 0)).toBe(true);
      expect(new Set(seen.map((s) => s.rows)).size).toBeGreaterThan(2);
      expect(await summaryRows(page)).toMatchObject({ sessions: sessionsCount });

      console.log(
        `[1M sessions] ${sessionsCount} sessions, ${(total / 1e6).toFixed(1)} MB of CSV: ` +
          `loaded (active) in ${(loadedMs / 1000).toFixed(1)} s, stored in the browser after ${(storedMs / 1000).toFixed(1)} s; ` +
          `peak renderer RSS ${(peakRss / 1e6).toFixed(0)} MB; peak page JS heap ${(peakHeap / 1e6).toFixed(0)} MB; ` +
          `longest main-thread task ${longest.toFixed(0)} ms`,
      );
      const tasks = await page.evaluate(
        (after) =>
          (window as unknown as { __longTasks: [number, number][] }).__longTasks
            .filter(([s]) => s >= after)
            .map(([s, d]) => [Math.round(s - after), Math.round(d)]),
        clickedAt,
      );
      console.log(`[1M sessions] long tasks after the click [start ms, duration ms]: ${JSON.stringify(tasks)}`);
      // The target is < 200 ms (measured 50–110 ms on an idle machine). Wall-clock long tasks
      // stretch when other processes take the CPU, so the test only catches real regressions
      // (parsing a whole file on the main thread would take seconds).
      expect(longest).toBeLessThan(1000);
    } finally {
      clearInterval(poll);
      memory.stop();
    }
  }, 300_000);
});
