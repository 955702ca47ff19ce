/**
 * Where an upload's time goes, on DuckDB-WASM's Node build: inspects the four CSV files of
 * a folder as the Data page does, loads them with the pipeline and prints the time per
 * phase and the slowest statements. `--slow` forces the normalising path.
 *
 *   npx tsx scripts/profile-upload.ts bench/data/1000000 [--slow] [--runs 3]
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { File } from 'node:buffer';
import { openNodeDatabase } from '../src/lib/db/node-database';
import { loadCrosswalk } from '../src/lib/db/load-canonical';
import { TABLE_NAMES } from '../src/lib/domain/schema';
import { parseCrosswalk } from '../src/lib/domain/frameworks';
import { buildFunctionIndex } from '../src/lib/ingest/normalize';
import { inspectFile } from '../src/lib/upload/inspect';
import { loadUpload, type UploadPart } from '../src/lib/upload/pipeline';
import type { Database } from '../src/lib/query/database';

const args = process.argv.slice(2);
const folder = args.find((a) => !a.startsWith('--')) ?? 'bench/data/1000000';
const slow = args.includes('--slow');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 1;
const crosswalk = new Uint8Array(readFileSync('data/mentor-functions.csv'));
const functionIndex = buildFunctionIndex(parseCrosswalk(new TextDecoder().decode(crosswalk)));

/** The statement's kind and table, for grouping (`CREATE … stg_f3`, `INSERT … raw_f0`). */
function label(sql: string): string {
  const words = sql.replace(/\s+/g, ' ').trim();
  const table =
    /\b(raw_f\d+|stg_f\d+|stg_\w+|map_f\d+_\d+|bad_f\d+|load_problems|client_\w+|outcome_point|clients|mentors|sessions|outcomes)\b/.exec(
      words,
    );
  return `${words.split(' ').slice(0, 2).join(' ')} ${table?.[1] ?? ''}`.trim();
}

function timed(db: Database, spent: Map<string, number>): Database {
  return {
    ...db,
    async query<T>(...a: Parameters<Database['query']>): Promise<T[]> {
      const t = performance.now();
      try {
        return await db.query<T>(...a);
      } finally {
        const key = label(a[0]);
        spent.set(key, (spent.get(key) ?? 0) + performance.now() - t);
      }
    },
    registerFileBuffer: (n, b) => db.registerFileBuffer(n, b),
    dropFile: (n) => db.dropFile(n),
  };
}

for (let run = 0; run < runs; run++) {
  const db = await openNodeDatabase();
  await loadCrosswalk(db, crosswalk);
  const t0 = performance.now();
  const inputs: UploadPart[] = [];
  for (const table of TABLE_NAMES) {
    const path = join(folder, `${table}.csv`);
    const file = new File([readFileSync(path)], basename(path)) as unknown as Blob & { name: string };
    const inspection = await inspectFile(file);
    if (!inspection.ok || !inspection.match.table) throw new Error(`${path}: not recognised`);
    inputs.push({ name: file.name, file, inspection, table: inspection.match.table, mapping: inspection.match.mapping });
  }
  const tInspect = performance.now() - t0;
  const spent = new Map<string, number>();
  const phases: [string, number][] = [];
  const t1 = performance.now();
  const report = await loadUpload(timed(db, spent), inputs, {
    functionIndex,
    forceNormalise: slow,
    onProgress: (p) => {
      if (phases.at(-1)?.[0] !== p.phase) phases.push([p.phase, performance.now() - t1]);
    },
  });
  const total = performance.now() - t1;
  const edges = [...phases.map(([name, at]) => ({ name, at })), { name: 'end', at: total }];
  const phaseText = edges
    .slice(0, -1)
    .map((p, i) => `${p.name} ${((edges[i + 1].at - p.at) / 1000).toFixed(2)}s`)
    .join(', ');
  console.log(
    `run ${run + 1}: path ${report.path}, inspect ${(tInspect / 1000).toFixed(2)}s, load ${(total / 1000).toFixed(2)}s (${phaseText}); ` +
      `rows ${report.tables.map((t) => `${t.table}=${t.rows}`).join(' ')}; fingerprint ${report.fingerprint}`,
  );
  console.log(`  problems: ${report.problemCounts.map((c) => `${c.file} ${c.column} ${c.reason} ${c.action} ${c.count}`).join('; ')}`);
  const top = [...spent.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14);
  for (const [key, ms] of top) console.log(`  ${(ms / 1000).toFixed(2)}s  ${key}`);
  db.close();
}
