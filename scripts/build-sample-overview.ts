/**
 * Writes build/sample-overview.json: the built-in sample's Overview (KPIs and both charts),
 * computed by DuckDB-WASM's Node build with the page's own queries (query/overview-page.ts),
 * stamped with the sample's content fingerprint. The page shows it while the engine starts
 * on a first visit (state/sample-overview.ts).
 *
 *   npx tsx scripts/build-sample-overview.ts [--out build]
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatasetFromFolder } from '../src/lib/db/node-database';
import { overviewPageData } from '../src/lib/query/overview-page';
import { datasetFingerprint } from '../src/lib/upload/fingerprint';
import { SAMPLE_OVERVIEW_FILE, SAMPLE_OVERVIEW_VERSION, type SampleOverview } from '../src/lib/query/overview-snapshot';
import { computeFindings, findingSentences, findingsRequestForView } from '../src/lib/findings/findings';
import { DEFAULT_VIEW } from '../src/lib/query/view';

const args = process.argv.slice(2);
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : 'build';

const started = performance.now();
const db = await openDatasetFromFolder(resolve('data/sample'), resolve('data/mentor-functions.csv'));
try {
  const snapshot: SampleOverview = {
    version: SAMPLE_OVERVIEW_VERSION,
    fingerprint: await datasetFingerprint(db),
    data: await overviewPageData(db),
  };
  // "What the data says" for the default view, as the page computes it live.
  const findings = await computeFindings(db, findingsRequestForView(DEFAULT_VIEW));
  snapshot.findings = { id: findingSentences(findings, 'id'), en: findingSentences(findings, 'en') };
  const path = join(out, SAMPLE_OVERVIEW_FILE);
  writeFileSync(path, JSON.stringify(snapshot));
  console.log(`wrote ${path} (sample ${snapshot.fingerprint}) in ${Math.round(performance.now() - started)} ms`);
} finally {
  db.close();
}
