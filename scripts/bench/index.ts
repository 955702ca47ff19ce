/**
 * npm run bench — the dashboard against native DuckDB and the naive approach, on the same
 * generated sessions files (10k, 100k, 1M and, memory allowing, 3M rows), in one run.
 * Prints one table (sizes × steps × ways, with ratios to native) and writes
 * bench/results.json. Options: --sizes 10000,100000 to choose sizes; --skip-browser.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { generateSample } from '../generate-sample';
import { serveStatic } from '../serve.mjs';
import { measureNaive, measureNative, type Measured } from './native-and-naive';
import { measureBrowser, measureSampleVisit } from './browser';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const DEFAULT_SIZES = [10_000, 100_000, 1_000_000, ...(totalmem() >= 16e9 ? [3_000_000] : [])];
const sizes = option('sizes')?.split(',').map(Number) ?? DEFAULT_SIZES;
const skipBrowser = args.includes('--skip-browser');

interface Result extends Measured {
  rows: number;
  ratio_to_native?: number;
}

function sessionCount(folder: string): number {
  const text = readFileSync(join(folder, 'sessions.csv'), 'utf8');
  let lines = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return lines - 1;
}

function dataFor(rows: number): string {
  const folder = join('bench', 'data', String(rows));
  if (!existsSync(join(folder, 'sessions.csv'))) {
    console.log(`generating ~${rows.toLocaleString('en')} sessions into ${folder} …`);
    generateSample({ out: folder, sessionsTarget: rows });
  }
  return folder;
}

function table(results: Result[]): string {
  const header = ['rows', 'step', 'browser', 'native', 'naive', 'browser ÷ native', 'naive ÷ native'];
  const lines = [header, header.map(() => '---')];
  const keys = [...new Set(results.map((r) => `${r.rows}|${r.step}`))];
  const fmt = (r?: Result) => (r ? (r.runs > 1 ? `${r.median_ms} (p95 ${r.p95_ms})` : `${r.median_ms}`) : '–');
  for (const key of keys) {
    const [rows, step] = key.split('|');
    const pick = (way: string) => results.find((r) => `${r.rows}|${r.step}` === key && r.way === way);
    const native = pick('native');
    const ratio = (r?: Result) => (r && native && native.median_ms > 0 && step !== 'peak_memory_mb' ? `${(r.median_ms / native.median_ms).toFixed(1)}×` : '–');
    lines.push([rows === '0' ? 'sample' : Number(rows).toLocaleString('en'), step, fmt(pick('browser')), fmt(native), fmt(pick('naive')), ratio(pick('browser')), ratio(pick('naive'))]);
  }
  return lines.map((l) => `| ${l.join(' | ')} |`).join('\n');
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 1e9)} GB, Node ${process.version}, Chromium (Debian) headless`;
const results: Result[] = [];
const notes: string[] = [];

if (!existsSync('build/index.html')) throw new Error('No build/: run `npm run build` first (npm run bench does).');
const server = skipBrowser ? null : await serveStatic({ dir: 'build', port: 0 });
try {
  if (server) {
    results.push(...(await measureSampleVisit(server.url)).map((m) => ({ ...m, rows: 0 })));
    console.log('sample visit done');
  }
  for (const target of sizes) {
    const folder = dataFor(target);
    const rows = sessionCount(folder);
    console.log(`\n== ${rows.toLocaleString('en')} sessions ==`);
    const native = await measureNative(folder);
    results.push(...native.map((m) => ({ ...m, rows })));
    console.log('native done');
    if (rows <= 1_500_000) {
      results.push(...(await measureNaive(folder)).map((m) => ({ ...m, rows })));
      console.log('naive done');
    } else {
      notes.push(`naive skipped at ${rows.toLocaleString('en')} rows (PapaParse objects for every row exceed a sensible heap).`);
    }
    if (server) {
      try {
        const run = await measureBrowser(server.url, folder, rows);
        results.push(...run.measured.map((m) => ({ ...m, rows })));
        console.log('browser done');
      } catch (error) {
        notes.push(`browser run at ${rows.toLocaleString('en')} rows failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        console.log(notes.at(-1));
      }
    }
  }
} finally {
  await server?.close();
}

for (const r of results) {
  const native = results.find((n) => n.rows === r.rows && n.step === r.step && n.way === 'native');
  if (native && native.median_ms > 0 && r.way !== 'native' && r.step !== 'peak_memory_mb') r.ratio_to_native = Math.round((r.median_ms / native.median_ms) * 100) / 100;
}

mkdirSync('bench', { recursive: true });
writeFileSync(
  join('bench', 'results.json'),
  `${JSON.stringify({ machine, date: new Date().toISOString(), notes, results: results.map(({ runs, note, ...r }) => ({ ...r, runs, ...(note ? { note } : {}) })) }, null, 2)}\n`,
);
console.log(`\nMachine: ${machine}\n`);
console.log(table(results));
if (notes.length) console.log(`\nNotes:\n${notes.map((n) => `- ${n}`).join('\n')}`);
console.log('\nWrote bench/results.json');
