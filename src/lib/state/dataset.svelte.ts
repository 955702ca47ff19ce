/**
 * The active dataset, shared by every page: which data is loaded and how far loading got.
 * Pages wait for `status === 'ready'` and re-query when `version` changes.
 */
import { startDatabase, type BrowserDatabase } from '../db/browser-database';
import { loadCanonicalTables, type CanonicalFiles } from '../db/load-canonical';
import { CROSSWALK_URL, SAMPLE_URLS, fetchBytes } from '../db/sample';
import { TABLE_NAMES } from '../domain/schema';
import type { MessageKey } from '../i18n/messages';

export type DatasetStatus = 'idle' | 'starting' | 'loading' | 'ready' | 'error';

export const dataset = $state({
  status: 'idle' as DatasetStatus,
  /** What is happening now, as a message key. */
  step: null as MessageKey | null,
  bytesLoaded: 0,
  /** Technical detail of the last error (English, from the engine). */
  error: null as string | null,
  name: 'sample',
  /** Bumped each time a dataset finishes loading. */
  version: 0,
  engineStartMs: null as number | null,
  loadMs: null as number | null,
});

let database: BrowserDatabase | null = null;
let loading: Promise<void> | null = null;

export function getDatabase(): BrowserDatabase {
  if (!database) throw new Error('The database has not started yet');
  return database;
}

/** Starts the engine and loads the built-in sample, once per page load. */
export function ensureSampleLoaded(): Promise<void> {
  loading ??= loadSample().catch((error: unknown) => {
    dataset.status = 'error';
    dataset.error = error instanceof Error ? error.message : String(error);
    loading = null;
  });
  return loading;
}

async function loadSample(): Promise<void> {
  const t0 = performance.now();
  dataset.status = 'starting';
  dataset.step = 'loading.engine';
  database = await startDatabase();
  dataset.engineStartMs = performance.now() - t0;

  dataset.status = 'loading';
  dataset.step = 'loading.download';
  const received = new Map<string, number>();
  const track = (name: string) => (bytes: number) => {
    received.set(name, bytes);
    dataset.bytesLoaded = [...received.values()].reduce((a, b) => a + b, 0);
  };
  const [crosswalk, ...tables] = await Promise.all([
    fetchBytes(CROSSWALK_URL, track('crosswalk')),
    ...TABLE_NAMES.map((t) => fetchBytes(SAMPLE_URLS[t], track(t))),
  ]);
  const files = Object.fromEntries(TABLE_NAMES.map((t, i) => [t, tables[i]])) as CanonicalFiles;

  dataset.step = 'loading.tables';
  const t1 = performance.now();
  await loadCanonicalTables(database, files, crosswalk);
  dataset.loadMs = performance.now() - t1;

  dataset.name = 'sample';
  dataset.step = null;
  dataset.status = 'ready';
  dataset.version += 1;
}
