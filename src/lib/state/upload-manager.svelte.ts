/**
 * The upload under way or last finished, and the moves on it (load, cancel, fetch every
 * problem). A set of files loads all or nothing (upload/pipeline.ts): on success it becomes
 * the active dataset (a new generation) and is kept in the browser; on failure or cancel the
 * dataset the pages show stays as it was, and what the load found is kept for the Data page.
 */
import { FORMAT_VERSION, type TableName } from '../domain/schema';
import { errorMessage } from '../domain/error-text';
import type { EngineDatabase } from '../db/engine-database';
import type { PartialReport, UploadPart } from '../upload/pipeline';
import { LoadError, type LoadReport, type Problem } from '../upload/types';
import type { ValueOverrides } from '../upload/normalise';
import type { DatasetManager } from './dataset-manager.svelte';

/** Problems kept in the page; the CSV download fetches all of them. */
export const PROBLEMS_SHOWN = 200;

export type UploadPhase = 'reading' | 'checking' | 'saving' | 'storing';

export interface UploadOptions {
  /** Dataset name shown in lists and the header. */
  readonly name: string;
}

/**
 * The upload pipeline is imported when first needed: a visit that never uploads does not
 * download it (≈ 20 KB gzip of readers, normalisers and checks). The Data page asks for it
 * early (`prepare`), so a click on Load does not wait for the network.
 */
const importPipeline = () => import('../upload/pipeline');

/** Yields to the page between slices, so clicks (Cancel) and painting get their turn. */
function breathe(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export class UploadManager<D extends EngineDatabase = EngineDatabase> {
  running = $state(false);
  phase = $state<UploadPhase | null>(null);
  file = $state<string | null>(null);
  report = $state.raw<LoadReport | null>(null);
  /** The first problems of the last load, by file and line. */
  problems = $state.raw<Problem[]>([]);
  error = $state.raw<LoadError | null>(null);
  /** What a failed load found before it stopped (problem counts, unmapped values). */
  partial = $state.raw<PartialReport | null>(null);
  /** The dataset loaded but could not be stored: 'none' (no storage), 'quota' (storage full) or the browser's reason. */
  storeError = $state<string | null>(null);

  readonly #datasets: DatasetManager<D>;
  readonly #overrides: () => ValueOverrides;
  #controller: AbortController | null = null;
  #lastFiles: { names: string[]; tables: TableName[] } = { names: [], tables: [] };

  /** `overrides`: the evaluator's remembered value mappings (upload-memory.ts). */
  constructor(datasets: DatasetManager<D>, overrides: () => ValueOverrides) {
    this.#datasets = datasets;
    this.#overrides = overrides;
  }

  /** Starts downloading the upload pipeline (the Data page calls this as it opens). */
  prepare(): void {
    importPipeline().catch(() => {
      // Said when a load needs it (`run` reports the failure).
    });
  }

  /**
   * Loads a set of files as a new dataset, all or nothing; the report, or null when it did
   * not load (`error` says why) or another upload is running (a second click is ignored).
   */
  async run(inputs: readonly UploadPart[], options: UploadOptions): Promise<LoadReport | null> {
    if (this.running) return null;
    const datasets = this.#datasets;
    this.running = true;
    this.phase = 'reading';
    this.file = null;
    this.report = null;
    this.problems = [];
    this.error = null;
    this.partial = null;
    this.storeError = null;
    const controller = (this.#controller = new AbortController());
    let db: D;
    let pipeline: Awaited<ReturnType<typeof importPipeline>>;
    try {
      pipeline = await importPipeline();
      await datasets.start();
      db = datasets.database;
    } catch (error) {
      this.error = new LoadError('engine', { detail: errorMessage(error) });
      this.#finish();
      return null;
    }
    datasets.bytesLoaded = 0;
    datasets.bytesTotal = inputs.reduce((n, i) => n + i.file.size, 0);
    datasets.rowsLoaded = 0;
    this.#lastFiles = { names: inputs.map((i) => i.name), tables: inputs.map((i) => i.table) };
    try {
      const report = await pipeline.loadUpload(db, inputs, {
        functionIndex: datasets.functionIndex,
        overrides: this.#overrides(),
        signal: controller.signal,
        onSlice: breathe,
        onProgress: (p) => {
          // The commit swaps the tables: pages pause their queries until it is done.
          if (p.phase === 'saving' && datasets.status === 'ready') {
            datasets.status = 'loading';
            datasets.step = 'loading.tables';
          }
          this.phase = p.phase;
          this.file = p.file ?? null;
          datasets.bytesLoaded = p.bytesLoaded;
          datasets.bytesTotal = p.bytesTotal;
          datasets.rowsLoaded = p.rowsLoaded;
        },
      });
      this.report = report;
      this.problems = await pipeline.fetchProblems(db, this.#lastFiles.names, this.#lastFiles.tables, PROBLEMS_SHOWN);
      const id = datasets.newDatasetId();
      const loadedAt = new Date().toISOString();
      datasets.loadMs = report.loadMs;
      // The report's fingerprint and counts are the committed tables' (the commit only renames
      // the staging tables): digesting a million sessions again would take ≈ 0.2 s.
      await datasets.becomeActive({ id, kind: 'upload', name: options.name, loadedAt }, false, {
        fingerprint: report.fingerprint,
        tables: report.tables,
      });
      datasets.notice = null;
      this.phase = 'storing';
      // The database file first (what reopening reads), then the CSV copy (what lists it and
      // what a tab without the file reads).
      await datasets.keepInDatabaseFile(id);
      this.storeError = await datasets.storeActive({
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
      datasets.settleReady();
      const loadError = error instanceof LoadError ? error : new LoadError('engine', { detail: errorMessage(error) });
      this.error = loadError;
      this.partial = (loadError as LoadError & { partial?: PartialReport }).partial ?? null;
      this.problems = await pipeline.fetchProblems(db, this.#lastFiles.names, this.#lastFiles.tables, PROBLEMS_SHOWN).catch(() => []);
      return null;
    } finally {
      this.#finish();
    }
  }

  #finish(): void {
    this.running = false;
    this.phase = null;
    this.#controller = null;
  }

  /** Stops the upload under way at the next slice; the active dataset stays as it was. */
  cancel(): void {
    this.#controller?.abort();
  }

  /** Every problem of the last load (for the CSV download). */
  async allProblems(): Promise<Problem[]> {
    const { fetchProblems } = await importPipeline();
    return fetchProblems(this.#datasets.database, this.#lastFiles.names, this.#lastFiles.tables);
  }
}
