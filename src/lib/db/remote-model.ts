/**
 * The version of the derived model (query/model.ts) — what a precomputed model in a remote
 * dataset must match to be used instead of building the model in the browser.
 *
 * It is a digest of the exact SQL the model is built with: `MODEL_SQL`, and the statements
 * `ensureFramework` runs to fill a framework's exposure rows (captured by running it against
 * a recording stand-in for the database, so a change to that SQL changes the version too,
 * without model.ts exporting it). The strings are the same in Node and in the bundled site.
 */
import { FORMAT_VERSION } from '../domain/schema';
import { MODEL_SQL, ensureFramework } from '../query/model';
import type { Database, SqlParam } from '../query/database';

/** FNV-1a, 64 bits, as 16 hex digits (no Web Crypto: it is missing on plain-http intranet pages). */
export function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (const b of new TextEncoder().encode(text)) h = BigInt.asUintN(64, (h ^ BigInt(b)) * prime);
  return h.toString(16).padStart(16, '0');
}

/** The SQL `ensureFramework` runs for a framework whose rows do not exist yet. */
async function frameworkSql(): Promise<string[]> {
  const statements: string[] = [];
  const recorder: Database = {
    async query<T>(sql: string, _params?: readonly SqlParam[]): Promise<T[]> {
      statements.push(sql);
      return [{ n: 0 } as T]; // "no rows for this framework yet": makes it issue its insert
    },
    async registerFileBuffer() {},
    async dropFile() {},
  };
  await ensureFramework(recorder, 'version_probe');
  return statements;
}

let cached: Promise<string> | null = null;

/** 16 hex digits; equal in the build script and in the browser for the same model code. */
export function modelVersion(): Promise<string> {
  cached ??= frameworkSql().then((framework) =>
    fnv1a64([`format v${FORMAT_VERSION}`, ...MODEL_SQL, '--- framework', ...framework].join('\n;\n')),
  );
  return cached;
}
