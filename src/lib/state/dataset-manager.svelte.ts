/**
 * The active dataset of a tab: which data is loaded, how far loading got, and the moves
 * that change it (start, switch to the sample / a stored upload / a published dataset,
 * delete). It owns the engine handle and the one dataset **generation** counter
 * (`version`): every successful load bumps it, and everything computed from the data —
 * page results, caches — is keyed by it (dataset-query.svelte.ts).
 *
 * On `start` the engine starts and the dataset that was active last time comes back: an
 * uploaded one (from the engine's database file when it is there, else from its CSV copy),
 * else the built-in sample. A switch runs while the previous dataset stays `ready`; only a
 * successful load swaps the tables (atomically) and bumps the generation. The world outside
 * (engine, files, storage, address, clock) comes in through `DatasetEnvironment`.
 */
import type { EngineDatabase, EnginePersistence } from '../db/engine-database';
import type { EngineProgress } from '../db/browser-database';
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
import { isQuotaError, type DatasetStore, type StoredDatasetMeta } from '../db/dataset-store';
import { modelChanged } from '../query/model';
import { datasetCoverage, type Coverage } from '../query/coverage';
import { parseCrosswalk } from '../domain/frameworks';
import { FORMAT_VERSION, TABLE_NAMES, type TableName } from '../domain/schema';
import { errorMessage } from '../domain/error-text';
import { buildFunctionIndex, type FunctionIndex } from '../ingest/normalize-function';
import type { MessageKey } from '../i18n/messages';
import { datasetFingerprint } from '../upload/fingerprint';
import type { DatasetEnvironment } from './dataset-environment';
import { ColumnKeeper } from './column-keeper';

export type DatasetStatus = 'idle' | 'starting' | 'loading' | 'ready' | 'error';
export type DatasetKind = 'sample' | 'upload' | 'remote';
export const SAMPLE_ID = 'sample';

export interface TableCount {
  table: TableName;
  rows: number;
}

/** Who a dataset is, as it becomes active. */
export interface DatasetIdentity {
  readonly id: string;
  readonly kind: DatasetKind;
  readonly name: string;
  readonly loadedAt: string | null;
  readonly source?: string;
}

/** What is already known about a dataset becoming active (no scan needed). */
export interface KnownFacts {
  readonly fingerprint?: string;
  readonly tables?: readonly TableCount[];
  readonly coverage?: Coverage;
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

export class DatasetManager<D extends EngineDatabase = EngineDatabase> {
  status = $state<DatasetStatus>('idle');
  /** What is happening now, as a message key. */
  step = $state<MessageKey | null>(null);
  /** Technical detail of the last error (English, from the engine). */
  error = $state<string | null>(null);
  /** `sample`, or the id of an uploaded dataset. */
  id = $state(SAMPLE_ID);
  kind = $state<DatasetKind>('sample');
  /** `sample` for the built-in sample (see dataset-label.ts), else the name given at upload or by the publisher. */
  name = $state('sample');
  /** For a published dataset: its folder's URL (the `source` link parameter). */
  source = $state<string | null>(null);
  /** Content fingerprint (16 hex digits), independent of the files' format. */
  fingerprint = $state<string | null>(null);
  tables = $state<TableCount[]>([]);
  /** What the dataset holds per table and column (null for a published dataset: complete by contract). */
  coverage = $state.raw<Coverage | null>(null);
  /** ISO time the dataset was loaded (uploads) or null (the sample). */
  loadedAt = $state<string | null>(null);
  /** Progress of the load under way (sample download or upload). */
  bytesLoaded = $state(0);
  bytesTotal = $state(0);
  rowsLoaded = $state(0);
  /** The engine module's download while the engine starts (null before it begins). */
  engine = $state.raw<EngineProgress | null>(null);
  /** The dataset generation: bumped each time a dataset finishes loading. */
  version = $state(0);
  engineStartMs = $state<number | null>(null);
  loadMs = $state<number | null>(null);
  /** Something the evaluator should know about the last switch (e.g. a stored dataset that could not be opened). */
  notice = $state<{ key: MessageKey; detail: string } | null>(null);
  /** Where uploads are kept in this browser. */
  storage = $state<'opfs' | 'indexeddb' | 'none' | 'unknown'>('unknown');
  /** Whether this tab's engine has the site's database file (fast reopening of uploads), or why not. */
  persistence = $state.raw<EnginePersistence | null>(null);
  /** How the active upload was opened: from the database file, or from its CSV copy. */
  openedFrom = $state<'database' | 'csv' | null>(null);
  /** A switch between datasets is under way (the name of the one being opened, or `sample`). */
  switching = $state<string | null>(null);

  readonly #env: DatasetEnvironment<D>;
  #database: D | null = null;
  #starting: Promise<void> | null = null;
  #crosswalk: Uint8Array = new Uint8Array(0);
  /** True until the site's crosswalk table is made: `becomeActive` makes it (see `#start`). */
  #crosswalkMissing = false;
  #crosswalkMade: Promise<void> | null = null;
  #functionIndex: FunctionIndex = buildFunctionIndex([]);
  #samplePrefetch: Promise<Record<TableName, Uint8Array>> | null = null;
  /** Uploads copied into the database file on this visit (tidying keeps them). */
  readonly #keptThisVisit = new Set<string>();

  /** Explore's columns of stored uploads, kept between visits. */
  readonly #columns: ColumnKeeper;
  #modelKey: Promise<string> | null = null;

  constructor(env: DatasetEnvironment<D>) {
    this.#env = env;
    this.#columns = new ColumnKeeper(env.columnCache, env.appVersion);
  }

  /** The key of the model built from the site's crosswalk (stored-tables.ts), once the crosswalk is in. */
  #storedModelKey(): Promise<string> {
    return (this.#modelKey ??= storedModelKey(this.crosswalkBytes()));
  }

  /** The engine; throws before `start` has opened it. */
  get database(): D {
    if (!this.#database) throw new Error('The database has not started yet');
    return this.#database;
  }

  /** The site's function crosswalk, indexed for the upload normaliser. */
  get functionIndex(): FunctionIndex {
    return this.#functionIndex;
  }

  /** Whether the dataset this page load opens is the built-in sample (no link to a published dataset, no stored upload active). */
  startsWithSample(): boolean {
    return !this.#env.sourceParam() && (this.#env.readActiveId() ?? SAMPLE_ID) === SAMPLE_ID;
  }

  /** Starts the engine and opens the active dataset, once; later calls wait for the same start. A failed start can be retried. */
  start(): Promise<void> {
    this.#starting ??= this.#start().catch((error: unknown) => {
      this.status = 'error';
      this.error = errorMessage(error);
      this.#starting = null;
    });
    return this.#starting;
  }

  /** A fresh copy of the crosswalk: registering bytes hands them to the worker (the buffer is transferred). */
  crosswalkBytes(): Uint8Array {
    return this.#crosswalk.slice();
  }

  async #start(): Promise<void> {
    const env = this.#env;
    const t0 = env.now();
    this.status = 'starting';
    this.step = 'loading.engine';
    // The small files download while the engine compiles (they are usually wanted: the
    // sample is what a first visit shows).
    const crosswalk = env.fetchCrosswalk();
    const active = env.readActiveId();
    const source = env.sourceParam();
    this.#samplePrefetch = this.startsWithSample() ? env.fetchSample() : null;
    this.#samplePrefetch?.catch(() => undefined); // reported when awaited
    // A stored upload's description and files are looked up while the engine compiles.
    const storedPrefetch = !source && active && active !== SAMPLE_ID ? env.openStore().then((store) => store.read(active)) : undefined;
    if (!source && active && active !== SAMPLE_ID) this.#columns.prefetch(active);
    storedPrefetch?.catch(() => undefined); // reported when awaited
    // What interrupted saves left in the browser's storage goes (saves under way in another tab stay).
    void env
      .openStore()
      .then((store) => store.removeOrphans())
      .catch(() => undefined);
    const db = await env.startEngine((progress) => (this.engine = progress));
    this.#database = db;
    this.engineStartMs = env.now() - t0;
    this.persistence = db.persistence;

    this.status = 'loading';
    this.step = 'loading.download';
    this.#crosswalk = await crosswalk;
    env.mark('crosswalk-fetched');
    this.#functionIndex = buildFunctionIndex(parseCrosswalk(new TextDecoder().decode(this.#crosswalk)));
    // The crosswalk table is made when the dataset becomes active, not now: no load or swap
    // reads it, and issued just before pages may query it runs while the page draws (a
    // reopened upload's first view needs no query at all), not before the dataset opens.
    this.#crosswalkMissing = true;
    try {
      await this.#open(db, source, active, storedPrefetch);
    } finally {
      await this.#crosswalkMade;
    }
  }

  async #open(db: D, source: string | null, active: string | null, storedPrefetch?: ReturnType<DatasetStore['read']>): Promise<void> {
    if (source) {
      try {
        await this.#openRemote(db, source);
        return;
      } catch (error) {
        this.notice = { key: 'data.remoteFailed', detail: errorMessage(error) };
      }
    }
    if (active && active !== SAMPLE_ID) {
      try {
        if (await this.#restoreStored(db, active, storedPrefetch)) {
          void this.#tidyStoredTables(db);
          return;
        }
        this.notice = { key: 'data.restoreFailed', detail: 'not found' };
      } catch (error) {
        this.notice =
          error instanceof StoredCopyChangedError
            ? { key: 'data.restoreChanged', detail: error.datasetName }
            : { key: 'data.restoreFailed', detail: errorMessage(error) };
      }
      this.#env.writeActiveId(null);
    }
    await this.#loadSample(db, true);
    void this.#tidyStoredTables(db);
  }

  /** Deletes the database file's copies of datasets that are no longer listed (deleted in another tab, or never finished). */
  async #tidyStoredTables(db: D): Promise<void> {
    try {
      const listed = new Set((await (await this.#env.openStore()).list()).map((m) => m.id));
      // An upload kept in the file on this visit stays: its listing may come after its save.
      const keep = (id: string) => listed.has(id) || this.#keptThisVisit.has(id) || id === this.id;
      await this.#columns.tidy(keep);
      if (db.persistence.kind === 'opfs') await removeUnlistedTables(db, keep);
    } catch {
      // tidying is best effort: the next visit tries again
    }
  }

  /**
   * While the tables are swapped (one transaction), pages must not query: the status says
   * `loading` for that moment. If the swap fails, the previous dataset is intact and `ready`.
   */
  async swapping<T>(work: () => Promise<T>, step: MessageKey = 'loading.tables'): Promise<T> {
    const was = this.status;
    this.status = 'loading';
    this.step = step;
    try {
      return await work();
    } catch (error) {
      if (was === 'ready') this.settleReady();
      throw error;
    }
  }

  /** Back to `ready` after a load that changed nothing (failed or cancelled), when a dataset is there. */
  settleReady(): void {
    if (this.status === 'loading' && this.tables.length > 0) {
      this.status = 'ready';
      this.step = null;
    }
  }

  /** Opens a published dataset: the tables stay on the host and DuckDB reads the byte ranges each query needs. Not remembered: a link carries it. */
  async #openRemote(db: D, url: string): Promise<void> {
    await this.swapping(async () => {
      const t1 = this.#env.now();
      const remote = await this.#env.openRemote(db, url);
      this.loadMs = this.#env.now() - t1;
      const who = { id: `remote ${remote.baseUrl}`, kind: 'remote', name: remote.title, loadedAt: null, source: remote.baseUrl } as const;
      this.#crosswalkMissing = false; // the remote dataset's swap made its own
      await this.becomeActive(who, false, { fingerprint: remote.fingerprint, tables: remote.tables });
    }, 'loading.remote');
  }

  /** Loads the sample; the first load creates the tables, later ones swap them atomically. */
  async #loadSample(db: D, first: boolean): Promise<void> {
    this.step = 'loading.download';
    const received = new Map<string, number>();
    this.bytesLoaded = 0;
    this.rowsLoaded = 0;
    const prefetched = this.#samplePrefetch;
    this.#samplePrefetch = null; // the bytes are handed to the worker once; a later switch fetches again
    const files: CanonicalFiles = await (prefetched ??
      this.#env.fetchSample((table, bytes) => {
        received.set(table, bytes);
        this.bytesLoaded = [...received.values()].reduce((a, b) => a + b, 0);
      }));
    this.bytesTotal = TABLE_NAMES.reduce((n, t) => n + files[t].byteLength, 0);
    this.bytesLoaded = this.bytesTotal;
    this.#env.mark('sample-fetched');

    this.step = 'loading.tables';
    const t1 = this.#env.now();
    // The first load has nothing to protect yet: the canonical loader creates the tables directly.
    if (first) {
      await loadCanonicalTables(db, files, this.crosswalkBytes());
      this.#crosswalkMissing = false; // made with the tables
    } else await this.swapping(() => replaceWithCanonical(db, files));
    this.loadMs = this.#env.now() - t1;
    this.#env.mark('tables-loaded');
    await this.becomeActive({ id: SAMPLE_ID, kind: 'sample', name: 'sample', loadedAt: null });
  }

  /**
   * Loads a stored upload; false when it is not in storage. The copy is checked: its content
   * fingerprint must be the one saved with it, else StoredCopyChangedError (a copy edited or
   * damaged in storage is not used silently; the caller puts the previous data back).
   */
  async #restoreStored(db: D, id: string, prefetched?: ReturnType<DatasetStore['read']>): Promise<boolean> {
    const store = await this.#env.openStore();
    this.storage = store.kind;
    const stored = await (prefetched ?? store.read(id));
    if (!stored) return false;
    const who = { id, kind: 'upload', name: stored.meta.name, loadedAt: stored.meta.loadedAt } as const;
    if (await this.#openFromDatabaseFile(db, who, stored.meta.fingerprint)) return true;
    const t1 = this.#env.now();
    await this.swapping(() => replaceWithCanonical(db, stored.tables));
    const fingerprint = await datasetFingerprint(db);
    if (fingerprint !== stored.meta.fingerprint) throw new StoredCopyChangedError(stored.meta.name, stored.meta.fingerprint, fingerprint);
    this.loadMs = this.#env.now() - t1;
    await this.becomeActive(who, true, { fingerprint });
    this.openedFrom = 'csv';
    // Next time from the database file (when this tab has it).
    void this.keepInDatabaseFile(id);
    return true;
  }

  /**
   * Opens a stored upload from the engine's database file (stored-tables.ts) when it is there,
   * complete and the copy of the listed dataset (same fingerprint): no CSV read, no model
   * build unless the site's model changed since. False when the CSV copy has to be read.
   */
  async #openFromDatabaseFile(db: D, who: DatasetIdentity, fingerprint: string): Promise<boolean> {
    if (db.persistence.kind !== 'opfs') return false;
    const about = await readStoredAbout(db, who.id);
    if (!about || about.fingerprint !== fingerprint || about.formatVersion !== FORMAT_VERSION) return false;
    this.#env.mark('stored-about-read');
    const modelKey = await this.#storedModelKey();
    const modelCurrent = about.modelKey === modelKey;
    const t1 = this.#env.now();
    try {
      // A page's first open (no dataset yet, no published one tried) finds the engine empty.
      const engineEmpty = this.version === 0 && !this.#env.sourceParam();
      await this.swapping(() =>
        useStoredTables(db, who.id, modelCurrent, { frameworks: about.frameworks, columns: about.columns, engineEmpty }),
      );
    } catch {
      return false; // the swap rolled back: the CSV copy is read instead
    }
    this.loadMs = this.#env.now() - t1;
    this.#env.mark('stored-tables-used');
    await this.becomeActive(who, true, { fingerprint, tables: about.tables, coverage: about.coverage });
    this.openedFrom = 'database';
    if (!modelCurrent) void refreshStoredModel(db, who.id, { ...about, modelKey }).catch(() => undefined);
    return true;
  }

  /** Copies the active upload into the engine's database file (best effort: its CSV copy is what counts). */
  async keepInDatabaseFile(id: string): Promise<void> {
    const db = this.database;
    if (db.persistence.kind !== 'opfs' || this.id !== id || !this.fingerprint || !this.coverage) return;
    this.#keptThisVisit.add(id);
    try {
      await saveStoredTables(db, id, {
        fingerprint: this.fingerprint,
        formatVersion: FORMAT_VERSION,
        modelKey: await this.#storedModelKey(),
        tables: this.tables.map((t) => ({ ...t })),
        coverage: this.coverage,
      });
      this.#env.mark('stored-tables-saved');
    } catch {
      await removeStoredTables(db, id).catch(() => undefined);
    }
  }

  /** Keeps the active upload's CSV copy in the browser's storage; the reason when it could not be kept ('none', 'quota' or the browser's words). */
  async storeActive(meta: StoredDatasetMeta): Promise<string | null> {
    const store = await this.#env.openStore();
    this.storage = store.kind;
    if (store.kind === 'none') return 'none';
    const db = this.database;
    try {
      const exported = (table: TableName) => () => exportCanonical(db, table);
      await store.save(meta, {
        clients: exported('clients'),
        mentors: exported('mentors'),
        sessions: exported('sessions'),
        outcomes: exported('outcomes'),
      });
      // Stored: this is the dataset to open next time, unless the evaluator moved on meanwhile.
      if (this.id === meta.id) this.#env.writeActiveId(meta.id);
      return null;
    } catch (error) {
      return isQuotaError(error) ? 'quota' : errorMessage(error);
    }
  }

  /**
   * Makes the tables now in the engine the active dataset: counts, coverage and fingerprint
   * (unless known), identity, `ready`, and the next generation.
   */
  async becomeActive(who: DatasetIdentity, remember = true, known?: KnownFacts): Promise<void> {
    const db = this.database;
    if (this.kind === 'remote' && who.kind !== 'remote') {
      // The CSV swap dropped the remote views; let go of the files and restore the site's crosswalk.
      await this.#env.releaseRemote(db).catch(() => undefined);
      await loadCrosswalk(db, this.crosswalkBytes());
      modelChanged();
    }
    const tables = known?.tables ? known.tables.map((t) => ({ ...t })) : await tableCounts(db);
    // A published dataset's columns live on its host: counting them would download them all.
    const coverage = who.kind === 'remote' ? null : (known?.coverage ?? (await datasetCoverage(db)));
    const fingerprint = known?.fingerprint ?? (await datasetFingerprint(db));
    // An upload's columns from its last visit answer this visit's first views (same data, model and app only).
    const columnFacts = who.kind === 'upload' ? { fingerprint, modelKey: await this.#storedModelKey() } : null;
    if (columnFacts && (await this.#columns.seed(db, who.id, columnFacts))) this.#env.mark('kept-columns-used');
    this.tables = tables;
    this.coverage = coverage;
    this.fingerprint = fingerprint;
    this.source = who.source ?? null;
    this.id = who.id;
    this.kind = who.kind;
    this.name = who.name;
    this.loadedAt = who.loadedAt;
    this.openedFrom = null;
    this.step = null;
    this.error = null;
    if (this.#crosswalkMissing) {
      this.#crosswalkMissing = false;
      this.#crosswalkMade = loadCrosswalk(db, this.crosswalkBytes()); // one statement, queued before any page's query
    }
    this.status = 'ready';
    this.version += 1;
    this.#env.mark('dataset-ready');
    if (columnFacts) this.#columns.follow(db, who.id, columnFacts, () => this.id === who.id);
    else this.#columns.stop();
    if (remember) this.#env.writeActiveId(who.kind === 'sample' ? null : who.id);
    if (this.storage === 'unknown') this.storage = (await this.#env.openStore()).kind;
  }

  /** The uploads stored in this browser. */
  async list(): Promise<StoredDatasetMeta[]> {
    const store = await this.#env.openStore();
    this.storage = store.kind;
    return store.list();
  }

  /** A name for a new upload's id. */
  newDatasetId(): string {
    return this.#env.newDatasetId();
  }

  /** Switches to the built-in sample. */
  async activateSample(): Promise<void> {
    await this.start();
    this.notice = null;
    if (this.kind === 'sample') return;
    this.switching = SAMPLE_ID;
    try {
      await this.#loadSample(this.database, false);
    } finally {
      this.switching = null;
    }
  }

  /** Switches to a stored upload; throws when it cannot be read or has changed (the active dataset stays). */
  async activateStored(id: string): Promise<void> {
    await this.start();
    if (id === SAMPLE_ID) return this.activateSample();
    if (this.id === id) return;
    this.notice = null;
    const meta = (await this.list()).find((m) => m.id === id);
    const previous = { id: this.id, kind: this.kind, source: this.source };
    this.switching = meta?.name ?? id;
    try {
      if (!(await this.#restoreStored(this.database, id))) throw new Error('The dataset is no longer stored in this browser');
    } catch (error) {
      // The copy's tables were swapped in before the check failed: put the previous data back.
      if (error instanceof StoredCopyChangedError) await this.#reopen(previous);
      throw error;
    } finally {
      this.switching = null;
    }
  }

  /** Switches to a published dataset; throws (the active dataset stays) when it cannot be read. */
  async activateRemote(url: string): Promise<void> {
    await this.start();
    this.notice = null;
    this.switching = url;
    try {
      await this.#openRemote(this.database, url);
    } finally {
      this.switching = null;
    }
  }

  /** Opens a dataset that was active before (after a failed switch). */
  async #reopen(previous: { id: string; kind: DatasetKind; source: string | null }): Promise<void> {
    const db = this.database;
    if (previous.kind === 'remote' && previous.source) await this.#openRemote(db, previous.source);
    else if (previous.kind === 'upload' && (await this.#restoreStored(db, previous.id).catch(() => false))) return;
    else await this.#loadSample(db, false);
  }

  /** Deletes a stored upload (its files too). Deleting the active one switches to the sample. */
  async remove(id: string): Promise<void> {
    if (id === SAMPLE_ID) return;
    const store = await this.#env.openStore();
    if (this.id === id) await this.activateSample();
    await store.remove(id);
    await this.#columns.remove(id);
    if (this.#database?.persistence.kind === 'opfs') await removeStoredTables(this.#database, id).catch(() => undefined);
  }
}
