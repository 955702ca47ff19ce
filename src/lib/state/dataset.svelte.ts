/**
 * The active dataset, shared by every page: which data is loaded, how far loading got,
 * and the functions that change it (upload, switch, delete). Pages wait for
 * `status === 'ready'` and re-query when `version` changes.
 *
 * On first use the engine starts and the dataset that was active last time comes back:
 * an uploaded one from the browser's storage, else the built-in sample. An upload runs
 * while the previous dataset stays `ready`: pages keep working, and only a successful
 * load swaps the tables (atomically) and bumps `version`.
 */
import { startDatabase, type BrowserDatabase, type EngineProgress, type EnginePersistence } from '../db/browser-database';
import {
  readStoredAbout,
  refreshStoredModel,
  removeStoredTables,
  removeUnlistedTables,
  saveStoredTables,
  storedModelKey,
  useStoredTables,
} from '../db/stored-tables';
import { loadCanonicalTables, loadCrosswalk, type CanonicalFiles } from '../db/load-canonical';
import { exportCanonical, replaceWithCanonical, tableCounts } from '../db/load-stored';
import { CROSSWALK_URL, SAMPLE_URLS, fetchBytes } from '../db/sample';
import { loadRemoteDatasetInBrowser, releaseRemoteDatasetInBrowser } from '../db/remote-browser';
import { modelChanged } from '../query/model';
import { datasetCoverage, type Coverage } from '../query/coverage';
import {
  isQuotaError,
  newDatasetId,
  openDatasetStore,
  readActiveDatasetId,
  writeActiveDatasetId,
  type DatasetStore,
  type StoredDatasetMeta,
} from '../db/dataset-store';
import { parseCrosswalk } from '../domain/frameworks';
import { FORMAT_VERSION, TABLE_NAMES, type TableName } from '../domain/schema';
import { buildFunctionIndex, type FunctionIndex } from '../ingest/normalize';
import type { MessageKey } from '../i18n/messages';
import { datasetFingerprint } from '../upload/fingerprint';
import { fetchProblems, loadUpload, type PartialReport, type UploadPart } from '../upload/pipeline';
import { LoadError, type LoadReport, type Problem } from '../upload/types';
import { valueOverrides } from './upload-memory';
import { SOURCE_PARAM } from '../query/view-url';
import { errorMessage } from '../domain/error-text';

export type DatasetStatus = 'idle' | 'starting' | 'loading' | 'ready' | 'error';
export type DatasetKind = 'sample' | 'upload' | 'remote';
export const SAMPLE_ID = 'sample';

export interface TableCount {
  table: TableName;
  rows: number;
}

export const dataset = $state({
  status: 'idle' as DatasetStatus,
  /** What is happening now, as a message key. */
  step: null as MessageKey | null,
  /** Technical detail of the last error (English, from the engine). */
  error: null as string | null,
  /** `sample`, or the id of an uploaded dataset. */
  id: SAMPLE_ID,
  kind: 'sample' as DatasetKind,
  /** `sample` for the built-in sample (see dataset-label.ts), else the name given at upload or by the publisher. */
  name: 'sample',
  /** For a remote dataset: its folder's URL (the `source` link parameter). */
  source: null as string | null,
  /** Content fingerprint (16 hex digits), independent of the files' format. */
  fingerprint: null as string | null,
  tables: [] as TableCount[],
  /** What the dataset holds per table and column (null for a published dataset: complete by contract). */
  coverage: null as Coverage | null,
  /** ISO time the dataset was loaded (uploads) or null (the sample). */
  loadedAt: null as string | null,
  /** Progress of the load under way (sample download or upload). */
  bytesLoaded: 0,
  bytesTotal: 0,
  rowsLoaded: 0,
  /** The engine module's download while the engine starts (null before it begins). */
  engine: null as EngineProgress | null,
  /** Bumped each time a dataset finishes loading. */
  version: 0,
  engineStartMs: null as number | null,
  loadMs: null as number | null,
  /** Something the evaluator should know about the last switch (e.g. a stored dataset that could not be opened). */
  notice: null as { key: MessageKey; detail: string } | null,
  /** Where uploads are kept in this browser. */
  storage: 'unknown' as 'opfs' | 'indexeddb' | 'none' | 'unknown',
  /** Whether this tab's engine has the site's database file (fast reopening of uploads), or why not. */
  persistence: null as EnginePersistence | null,
  /** How the active upload was opened: from the database file, or from its CSV copy. */
  openedFrom: null as 'database' | 'csv' | null,
});

/** The upload under way or last finished, for the Data page. */
export const upload = $state({
  running: false,
  phase: null as 'reading' | 'checking' | 'saving' | 'storing' | null,
  file: null as string | null,
  report: null as LoadReport | null,
  /** The first problems of the last load, by file and line. */
  problems: [] as Problem[],
  error: null as LoadError | null,
  /** What a failed load found before it stopped (problem counts, unmapped values). */
  partial: null as PartialReport | null,
  /** The dataset loaded but could not be stored: 'none' (no storage), 'quota' (storage full) or the browser's reason. */
  storeError: null as string | null,
  /** A switch between stored datasets is under way (its name). */
  switching: null as string | null,
});

/** Problems kept in the page; the CSV download fetches all of them. */
export const PROBLEMS_SHOWN = 200;

let database: BrowserDatabase | null = null;
let loading: Promise<void> | null = null;
let functionIndex: FunctionIndex | null = null;
let controller: AbortController | null = null;
let lastFiles: { names: string[]; tables: TableName[] } = { names: [], tables: [] };

export function getDatabase(): BrowserDatabase {
  if (!database) throw new Error('The database has not started yet');
  return database;
}

function message(error: unknown): string {
  return errorMessage(error);
}

/**
 * Starts the engine and loads the active dataset (a stored upload, or the sample), once
 * per page load. (The name is historical: it loads whatever dataset is active.)
 */
export function ensureSampleLoaded(): Promise<void> {
  loading ??= start().catch((error: unknown) => {
    dataset.status = 'error';
    dataset.error = message(error);
    loading = null;
  });
  return loading;
}

export const ensureDatasetLoaded = ensureSampleLoaded;

/** Whether the dataset this page load opens is the built-in sample (no link to a remote dataset, no stored upload active). */
export function startsWithSample(): boolean {
  return !sourceParam() && (readActiveDatasetId() ?? SAMPLE_ID) === SAMPLE_ID;
}

function sourceParam(): string | null {
  return new URLSearchParams(location.search).get(SOURCE_PARAM)?.trim() || null;
}

/**
 * Opens a published remote dataset (remote-browser.ts): the tables stay on the host and
 * DuckDB reads the byte ranges each query needs. Not remembered: a link carries it.
 */
async function openRemote(db: BrowserDatabase, url: string): Promise<void> {
  await swapping(async () => {
    const t1 = performance.now();
    const remote = await loadRemoteDatasetInBrowser(db, url);
    dataset.loadMs = performance.now() - t1;
    const name = remote.manifest.title ?? new URL(remote.baseUrl).host;
    await becomeActive(db, { id: `remote ${remote.baseUrl}`, kind: 'remote', name, loadedAt: null, source: remote.baseUrl }, false, {
      fingerprint: remote.fingerprint,
      tables: remote.tables.map((t) => ({ table: t.table, rows: t.rows })),
    });
  }, 'loading.remote');
}

/** Switches to a published remote dataset; throws (the active dataset stays) when it cannot be read. */
export async function activateRemote(url: string): Promise<void> {
  await ensureSampleLoaded();
  dataset.notice = null;
  upload.switching = url;
  try {
    await openRemote(getDatabase(), url);
  } finally {
    upload.switching = null;
  }
}

async function start(): Promise<void> {
  const t0 = performance.now();
  dataset.status = 'starting';
  dataset.step = 'loading.engine';
  // The small files download while the engine compiles (they are usually wanted: the
  // sample is what a first visit shows).
  const crosswalk = fetchBytes(CROSSWALK_URL);
  const active = readActiveDatasetId();
  const source = sourceParam();
  samplePrefetch = startsWithSample() ? fetchSample() : null;
  samplePrefetch?.catch(() => undefined); // reported when awaited
  // A stored upload's description and files are looked up while the engine compiles.
  const storedPrefetch = !source && active && active !== SAMPLE_ID ? openDatasetStore().then((store) => store.read(active)) : undefined;
  storedPrefetch?.catch(() => undefined); // reported when awaited
  // What interrupted saves left in the browser's storage goes (saves under way in another tab stay).
  void openDatasetStore()
    .then((store) => store.removeOrphans())
    .catch(() => undefined);
  database = await startDatabase((progress) => {
    dataset.engine = progress;
  });
  dataset.engineStartMs = performance.now() - t0;
  dataset.persistence = database.persistence;

  dataset.status = 'loading';
  dataset.step = 'loading.download';
  crosswalkCache = await crosswalk;
  performance.mark('dampingan:crosswalk-fetched');
  functionIndex = buildFunctionIndex(parseCrosswalk(new TextDecoder().decode(crosswalkCache)));
  await loadCrosswalk(database, crosswalkBytes());

  if (source) {
    try {
      await openRemote(database, source);
      return;
    } catch (error) {
      dataset.notice = { key: 'data.remoteFailed', detail: message(error) };
    }
  }
  if (active && active !== SAMPLE_ID) {
    try {
      if (await restoreStored(database, active, storedPrefetch)) {
        void tidyStoredTables(database);
        return;
      }
      dataset.notice = { key: 'data.restoreFailed', detail: 'not found' };
    } catch (error) {
      dataset.notice =
        error instanceof StoredCopyChangedError
          ? { key: 'data.restoreChanged', detail: error.datasetName }
          : { key: 'data.restoreFailed', detail: message(error) };
    }
    writeActiveDatasetId(null);
  }
  await loadSampleInto(database, true);
  void tidyStoredTables(database);
}

/** Deletes the database file's copies of datasets that are no longer listed (deleted in another tab, or never finished). */
async function tidyStoredTables(db: BrowserDatabase): Promise<void> {
  if (db.persistence.kind !== 'opfs') return;
  try {
    const listed = new Set((await (await openDatasetStore()).list()).map((m) => m.id));
    await removeUnlistedTables(db, listed);
  } catch {
    // tidying is best effort: the next visit tries again
  }
}

/**
 * While the tables are swapped (one transaction), pages must not query: the status says
 * `loading` for that moment. If the swap fails, the previous dataset is intact and `ready`.
 */
async function swapping<T>(work: () => Promise<T>, step: MessageKey = 'loading.tables'): Promise<T> {
  const was = dataset.status;
  dataset.status = 'loading';
  dataset.step = step;
  try {
    return await work();
  } catch (error) {
    if (was === 'ready') {
      dataset.status = 'ready';
      dataset.step = null;
    }
    throw error;
  }
}

/** Loads the sample; the first load creates the tables, later ones swap them atomically. */
async function loadSampleInto(db: BrowserDatabase, first: boolean): Promise<void> {
  dataset.status = first ? 'loading' : dataset.status;
  dataset.step = 'loading.download';
  const received = new Map<string, number>();
  const track = (name: string) => (bytes: number) => {
    received.set(name, bytes);
    dataset.bytesLoaded = [...received.values()].reduce((a, b) => a + b, 0);
  };
  dataset.bytesLoaded = 0;
  dataset.rowsLoaded = 0;
  const prefetched = samplePrefetch;
  samplePrefetch = null; // the bytes are handed to the worker once; a later switch fetches again
  const tables = await (prefetched ?? fetchSample(track));
  const files = Object.fromEntries(TABLE_NAMES.map((t, i) => [t, tables[i]])) as CanonicalFiles;
  dataset.bytesTotal = tables.reduce((n, b) => n + b.byteLength, 0);
  dataset.bytesLoaded = dataset.bytesTotal;
  performance.mark('dampingan:sample-fetched');

  dataset.step = 'loading.tables';
  const t1 = performance.now();
  if (first) {
    // Nothing to protect yet: the canonical loader creates the tables directly.
    await loadCanonicalTables(db, files, crosswalkBytes());
  } else {
    await swapping(() => replaceWithCanonical(db, files));
  }
  dataset.loadMs = performance.now() - t1;
  performance.mark('dampingan:tables-loaded');
  await becomeActive(db, { id: SAMPLE_ID, kind: 'sample', name: 'sample', loadedAt: null });
}

let samplePrefetch: Promise<Uint8Array[]> | null = null;

function fetchSample(onBytes?: (table: string) => (bytes: number) => void): Promise<Uint8Array[]> {
  return Promise.all(TABLE_NAMES.map((t) => fetchBytes(SAMPLE_URLS[t], onBytes?.(t))));
}

let crosswalkCache: Uint8Array = new Uint8Array(0);
/** A fresh copy: registering bytes hands them to the worker (the buffer is transferred). */
function crosswalkBytes(): Uint8Array {
  return crosswalkCache.slice();
}

/** A stored copy whose content no longer gives the fingerprint it was saved with. */
export class StoredCopyChangedError extends Error {
  constructor(
    readonly datasetName: string,
    readonly saved: string,
    readonly now: string,
  ) {
    super(`The stored copy of "${datasetName}" changed since it was saved (fingerprint ${saved} → ${now})`);
    this.name = 'StoredCopyChangedError';
  }
}

/**
 * Loads a stored upload; false when it is not in storage. The copy is checked: its content
 * fingerprint must be the one saved with it, else StoredCopyChangedError (a copy edited or
 * damaged in storage is not used silently; the caller puts the previous data back).
 */
async function restoreStored(db: BrowserDatabase, id: string, prefetched?: ReturnType<DatasetStore['read']>): Promise<boolean> {
  const store = await openDatasetStore();
  dataset.storage = store.kind;
  const stored = await (prefetched ?? store.read(id));
  if (!stored) return false;
  const who = { id, kind: 'upload' as const, name: stored.meta.name, loadedAt: stored.meta.loadedAt };
  if (await openFromDatabaseFile(db, who, stored.meta.fingerprint)) return true;
  const t1 = performance.now();
  await swapping(() => replaceWithCanonical(db, stored.tables));
  const fingerprint = await datasetFingerprint(db);
  if (fingerprint !== stored.meta.fingerprint) throw new StoredCopyChangedError(stored.meta.name, stored.meta.fingerprint, fingerprint);
  dataset.loadMs = performance.now() - t1;
  await becomeActive(db, who, true, { fingerprint });
  dataset.openedFrom = 'csv';
  // Next time from the database file (when this tab has it).
  void keepInDatabaseFile(db, id);
  return true;
}

/**
 * Opens a stored upload from the engine's database file (stored-tables.ts) when it is there,
 * complete and the copy of the listed dataset (same fingerprint): no CSV read, no model
 * build unless the site's model changed since. False when the CSV copy has to be read.
 */
async function openFromDatabaseFile(
  db: BrowserDatabase,
  who: { id: string; kind: 'upload'; name: string; loadedAt: string },
  fingerprint: string,
): Promise<boolean> {
  if (db.persistence.kind !== 'opfs') return false;
  const about = await readStoredAbout(db, who.id);
  if (!about || about.fingerprint !== fingerprint || about.formatVersion !== FORMAT_VERSION) return false;
  performance.mark('dampingan:stored-about-read');
  const modelCurrent = about.modelKey === (await storedModelKey(crosswalkBytes()));
  const t1 = performance.now();
  try {
    await swapping(() => useStoredTables(db, who.id, modelCurrent));
  } catch {
    return false; // the swap rolled back: the CSV copy is read instead
  }
  dataset.loadMs = performance.now() - t1;
  performance.mark('dampingan:stored-tables-used');
  await becomeActive(db, who, true, { fingerprint, tables: about.tables.map((t) => ({ ...t })), coverage: about.coverage });
  dataset.openedFrom = 'database';
  if (!modelCurrent)
    void refreshStoredModel(db, who.id, { ...about, modelKey: await storedModelKey(crosswalkBytes()) }).catch(() => undefined);
  return true;
}

/** Copies the active upload into the engine's database file (best effort: its CSV copy is what counts). */
async function keepInDatabaseFile(db: BrowserDatabase, id: string): Promise<void> {
  if (db.persistence.kind !== 'opfs' || dataset.id !== id || !dataset.fingerprint || !dataset.coverage) return;
  try {
    await saveStoredTables(db, id, {
      fingerprint: dataset.fingerprint,
      formatVersion: FORMAT_VERSION,
      modelKey: await storedModelKey(crosswalkBytes()),
      tables: dataset.tables.map((t) => ({ ...t })),
      coverage: dataset.coverage,
    });
    performance.mark('dampingan:stored-tables-saved');
  } catch {
    await removeStoredTables(db, id).catch(() => undefined);
  }
}

async function becomeActive(
  db: BrowserDatabase,
  who: { id: string; kind: DatasetKind; name: string; loadedAt: string | null; source?: string },
  /** Remember it as the dataset to open next time (an upload only once it is stored). */
  remember = true,
  /** Row counts, fingerprint and coverage when already known (a remote dataset's manifest, a checked copy): no scan. */
  known?: { fingerprint?: string; tables?: TableCount[]; coverage?: Coverage },
): Promise<void> {
  if (dataset.kind === 'remote' && who.kind !== 'remote') {
    // The CSV swap dropped the remote views; let go of the files and restore the site's crosswalk.
    await releaseRemoteDatasetInBrowser(db).catch(() => undefined);
    await loadCrosswalk(db, crosswalkBytes());
    modelChanged();
  }
  dataset.tables = known?.tables ?? (await tableCounts(db));
  // A published dataset's columns live on its host: counting them would download them all.
  dataset.coverage = who.kind === 'remote' ? null : (known?.coverage ?? (await datasetCoverage(db)));
  dataset.fingerprint = known?.fingerprint ?? (await datasetFingerprint(db));
  dataset.source = who.source ?? null;
  dataset.id = who.id;
  dataset.kind = who.kind;
  dataset.name = who.name;
  dataset.loadedAt = who.loadedAt;
  dataset.openedFrom = null;
  dataset.step = null;
  dataset.error = null;
  dataset.status = 'ready';
  dataset.version += 1;
  performance.mark('dampingan:dataset-ready');
  if (remember) writeActiveDatasetId(who.kind === 'sample' ? null : who.id);
  if (dataset.storage === 'unknown') dataset.storage = (await openDatasetStore()).kind;
}

/** A file the evaluator chose (or one table of a flat sheet), recognised and mapped (see upload/inspect.ts). */
export type UploadInput = UploadPart;

export interface UploadOptions {
  /** Dataset name shown in lists and the header. */
  name: string;
}

/** Yields to the page between slices, so clicks (Cancel) and painting get their turn. */
function breathe(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Loads a set of files as a new dataset, all or nothing. On success the dataset becomes
 * active and is stored in the browser; on failure (`upload.error`) nothing changes.
 */
export async function uploadFiles(inputs: readonly UploadInput[], options: UploadOptions): Promise<LoadReport | null> {
  // One upload at a time: a second click while one runs (or while the engine starts) is ignored.
  if (upload.running) return null;
  Object.assign(upload, {
    running: true,
    phase: 'reading',
    file: null,
    report: null,
    problems: [],
    error: null,
    partial: null,
    storeError: null,
  });
  controller = new AbortController();
  let db: BrowserDatabase;
  try {
    await ensureSampleLoaded();
    db = getDatabase();
  } catch (error) {
    Object.assign(upload, { running: false, phase: null, error: new LoadError('engine', { detail: message(error) }) });
    controller = null;
    return null;
  }
  dataset.bytesLoaded = 0;
  dataset.bytesTotal = inputs.reduce((n, i) => n + i.file.size, 0);
  dataset.rowsLoaded = 0;
  lastFiles = { names: inputs.map((i) => i.name), tables: inputs.map((i) => i.table) };
  try {
    const report = await loadUpload(db, inputs, {
      functionIndex: functionIndex ?? buildFunctionIndex([]),
      overrides: valueOverrides(),
      signal: controller.signal,
      onSlice: breathe,
      onProgress: (p) => {
        // The commit swaps the tables: pages pause their queries until it is done.
        if (p.phase === 'saving' && dataset.status === 'ready') {
          dataset.status = 'loading';
          dataset.step = 'loading.tables';
        }
        upload.phase = p.phase;
        upload.file = p.file ?? null;
        dataset.bytesLoaded = p.bytesLoaded;
        dataset.bytesTotal = p.bytesTotal;
        dataset.rowsLoaded = p.rowsLoaded;
      },
    });
    upload.report = report;
    upload.problems = await fetchProblems(db, lastFiles.names, lastFiles.tables, PROBLEMS_SHOWN);
    const id = newDatasetId();
    const loadedAt = new Date().toISOString();
    dataset.loadMs = report.loadMs;
    await becomeActive(db, { id, kind: 'upload', name: options.name, loadedAt }, false);
    dataset.notice = null;
    upload.phase = 'storing';
    // The database file first (what reopening reads), then the CSV copy (what lists it and
    // what a tab without the file reads).
    await keepInDatabaseFile(db, id);
    await storeActive(db, {
      id,
      name: options.name,
      files: inputs.map((i) => ({ name: i.name, table: i.table, bytes: i.file.size })),
      tables: report.tables,
      loadedAt,
      fingerprint: report.fingerprint,
      formatVersion: FORMAT_VERSION,
      storedBytes: 0,
    });
    return report;
  } catch (error) {
    // Nothing changed: the dataset shown before is still there and usable.
    if (dataset.status === 'loading' && dataset.tables.length > 0) {
      dataset.status = 'ready';
      dataset.step = null;
    }
    const loadError = error instanceof LoadError ? error : new LoadError('engine', { detail: message(error) });
    upload.error = loadError;
    upload.partial = (loadError as LoadError & { partial?: PartialReport }).partial ?? null;
    upload.problems = await fetchProblems(db, lastFiles.names, lastFiles.tables, PROBLEMS_SHOWN).catch(() => []);
    return null;
  } finally {
    upload.running = false;
    upload.phase = null;
    controller = null;
  }
}

async function storeActive(db: BrowserDatabase, meta: StoredDatasetMeta): Promise<void> {
  const store = await openDatasetStore();
  dataset.storage = store.kind;
  if (store.kind === 'none') {
    upload.storeError = 'none';
    return;
  }
  try {
    const tables = Object.fromEntries(TABLE_NAMES.map((t) => [t, () => exportCanonical(db, t)])) as unknown as Record<
      TableName,
      () => AsyncIterable<Uint8Array>
    >;
    await store.save(meta, tables);
    // Stored: this is the dataset to open next time, unless the evaluator moved on meanwhile.
    if (dataset.id === meta.id) writeActiveDatasetId(meta.id);
  } catch (error) {
    upload.storeError = isQuotaError(error) ? 'quota' : message(error);
  }
}

/** Stops the upload under way at the next slice; the active dataset stays as it was. */
export function cancelUpload(): void {
  controller?.abort();
}

/** Every problem of the last load (for the CSV download). */
export async function allProblems(): Promise<Problem[]> {
  return fetchProblems(getDatabase(), lastFiles.names, lastFiles.tables);
}

export async function listDatasets(): Promise<StoredDatasetMeta[]> {
  const store = await openDatasetStore();
  dataset.storage = store.kind;
  return store.list();
}

/** Switches to the built-in sample. */
export async function activateSample(): Promise<void> {
  await ensureSampleLoaded();
  dataset.notice = null;
  if (dataset.kind === 'sample') return;
  upload.switching = 'sample';
  try {
    await loadSampleInto(getDatabase(), false);
  } finally {
    upload.switching = null;
  }
}

/** Switches to a stored upload; throws when it cannot be read or has changed (the active dataset stays). */
export async function activateDataset(id: string): Promise<void> {
  await ensureSampleLoaded();
  if (id === SAMPLE_ID) return activateSample();
  if (dataset.id === id) return;
  dataset.notice = null;
  const store = await openDatasetStore();
  const meta = (await store.list()).find((m) => m.id === id);
  const previous = { id: dataset.id, kind: dataset.kind, source: dataset.source };
  upload.switching = meta?.name ?? id;
  try {
    if (!(await restoreStored(getDatabase(), id))) throw new Error('The dataset is no longer stored in this browser');
  } catch (error) {
    // The copy's tables were swapped in before the check failed: put the previous data back.
    if (error instanceof StoredCopyChangedError) await reopen(previous);
    throw error;
  } finally {
    upload.switching = null;
  }
}

/** Opens a dataset that was active before (after a failed switch). */
async function reopen(previous: { id: string; kind: DatasetKind; source: string | null }): Promise<void> {
  const db = getDatabase();
  if (previous.kind === 'remote' && previous.source) await openRemote(db, previous.source);
  else if (previous.kind === 'upload' && (await restoreStored(db, previous.id).catch(() => false))) return;
  else await loadSampleInto(db, false);
}

/** Deletes a stored upload (its files too). Deleting the active one switches to the sample. */
export async function deleteDataset(id: string): Promise<void> {
  if (id === SAMPLE_ID) return;
  const store = await openDatasetStore();
  if (dataset.id === id) await activateSample();
  await store.remove(id);
  if (database?.persistence.kind === 'opfs') await removeStoredTables(database, id).catch(() => undefined);
}
