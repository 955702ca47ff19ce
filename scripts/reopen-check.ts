/**
 * Does a stored upload reopen from the browser's database file after its tab is closed?
 * The bench's own sequence, repeated: in a fresh headless Chromium profile, upload a set of
 * files, open Explore, wait until the upload is kept in the database file and the tab has run
 * no query for 2 s, close the tab, open a new one and report where the upload came from
 * (`database`, or `csv` when the file's journal could not be replayed and the file was
 * started again — what the README's "A journal the engine cannot replay" is about), with
 * the queries the first tab ran after the save and the engine's messages on reopening.
 *
 * Usage: npx tsx scripts/reopen-check.ts [runs=3] [folder=data/sample] [buildDir=build]
 * (`npm run build` first; `bench/data/1000000` after `npm run bench` for the 1M set).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from './serve.mjs';
import { exploreSettled, launchBrowser } from '../tests/e2e/browser';
import { chooseAndLoad, writesOver } from './bench/browser';

const runs = Number(process.argv[2] ?? 3);
const folder = process.argv[3] ?? 'data/sample';
const dir = process.argv[4] ?? 'build';

const server = await serveStatic({ dir, port: 0 });
const outcomes: string[] = [];
try {
  for (let run = 1; run <= runs; run++) {
    const profile = mkdtempSync(join(tmpdir(), 'dampingan-reopen-'));
    const session = await launchBrowser(profile);
    try {
      const first = await session.context.newPage();
      first.setDefaultTimeout(900_000);
      await first.goto(new URL('data/', server.url).href);
      await first.getByTestId('dataset-summary').waitFor();
      await chooseAndLoad(first, folder, 'reopen-check');
      await first.getByTestId('dataset-name').filter({ hasText: 'reopen-check' }).waitFor();
      await first.getByTestId('nav-explore').click();
      await exploreSettled(first, { withChart: true, timeout: 300_000 });
      await first.waitForFunction(() => performance.getEntriesByName('dampingan:stored-tables-saved').length > 0);
      await writesOver(first);
      const after = await first.evaluate(() => {
        const saved = performance.getEntriesByName('dampingan:stored-tables-saved')[0]!.startTime;
        return performance
          .getEntriesByName('dampingan:query')
          .filter((m) => m.startTime >= saved)
          .map(
            (m) =>
              `  +${Math.round(m.startTime - saved)} ms ${String((m as PerformanceMeasure).detail?.sql ?? '')
                .replace(/\s+/g, ' ')
                .slice(0, 90)}`,
          );
      });
      await first.close();

      const second = await session.context.newPage();
      const engine: string[] = [];
      second.on('console', (m) => {
        if (/WAL|database failed|Corrupt/i.test(m.text())) engine.push(`  ${m.text().split('\n')[0]!.slice(0, 240)}`);
      });
      await second.goto(new URL('data/', server.url).href);
      await second.getByTestId('dataset-name').filter({ hasText: 'reopen-check' }).waitFor({ timeout: 300_000 });
      const from = await second.getByTestId('dataset-summary').getAttribute('data-opened-from');
      const kind = await second.getByTestId('store-persistence').getAttribute('data-kind');
      outcomes.push(String(from));
      console.log(`run ${run}: reopened from ${from} (database file: ${kind})`);
      console.log(`queries the first tab ran after the save:\n${after.join('\n') || '  none'}`);
      if (engine.length) console.log(`the engine on reopening:\n${engine.join('\n')}`);
    } finally {
      await session.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
} finally {
  await server.close();
}
console.log(`\n${outcomes.filter((o) => o === 'database').length} of ${outcomes.length} reopens read the database file`);
