/**
 * Prints the raw and the adjusted association of every mentor function with an outcome, as
 * the Findings page computes them, as a Markdown table (for the README and for checking a
 * dataset from the command line).
 *
 *   npx tsx scripts/findings-table.ts [--folder data/sample] [--outcome revenue_growth]
 *       [--framework official] [--exposure sessions|exposed] [--k 3] [--min-n 10]
 */
import { join } from 'node:path';
import { openDatasetFromFolder } from '../src/lib/db/node-database';
import { computeFindings } from '../src/lib/findings/findings';
import { effectDigits, formatEffect } from '../src/lib/findings/format';
import type { EffectEstimate } from '../src/lib/findings/analyse';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const root = join(import.meta.dirname, '..');
const folder = option('folder', join(root, 'data', 'sample'));
const request = {
  framework: option('framework', 'official'),
  filters: { values: {} },
  outcome: option('outcome', 'revenue_growth'),
  exposure: option('exposure', 'sessions') === 'exposed' ? ('exposed' as const) : ('sessions' as const),
  minSessions: Number(option('k', '3')),
  minN: Number(option('min-n', '10')),
};

const db = await openDatasetFromFolder(folder, join(root, 'data', 'mentor-functions.csv'));
try {
  const result = await computeFindings(db, request);
  const cell = (e: EffectEstimate | null, digits: number) =>
    e
      ? `${formatEffect('en', result.unit, e.estimate, digits)} (${formatEffect('en', result.unit, e.low, digits)} to ${formatEffect('en', result.unit, e.high, digits)})`
      : '–';
  const per = result.exposure === 'sessions' ? 'per session' : `exposed (≥ ${result.minSessions}) vs not`;
  console.log(
    `${result.outcome}, ${result.framework} framework, ${per}; n = ${result.model?.n ?? 0} of ${result.denominators.selected} clients, ${result.model?.clusters ?? 0} mentors (${result.model?.method ?? 'no model'}), Holm across ${result.model?.m ?? 0} functions; intervals are Holm-compatible 95 %.\n`,
  );
  console.log('| function | clients reached | raw | raw verdict | adjusted | adjusted verdict |');
  console.log('|---|---:|---|---|---|---|');
  for (const e of result.effects) {
    const digits = e.adjusted ? effectDigits(e.adjusted.low, e.adjusted.high) : 1;
    const note = e.status === 'same-as' ? ` (same sessions as ${e.sameAs})` : e.status === 'not-enough-data' ? ` — ${e.reason}` : '';
    console.log(
      `| ${e.key}${note} | ${e.reached.toLocaleString('en')} | ${cell(e.raw, digits)} | ${e.raw?.verdict ?? '–'} | ${cell(e.adjusted, digits)} | ${e.verdict} |`,
    );
  }
} finally {
  db.close();
}
