/**
 * The files an evaluator has chosen on the Data page and not loaded yet: each recognised
 * (`inspectFile`; a workbook first split into one CSV per sheet), its mapping confirmed or
 * changed, and what the set as a whole would load. The page shows it and calls its moves;
 * `parts()` is what the upload manager loads.
 */
import type { TableName } from '../domain/schema';
import type { ColumnMapping } from '../ingest/header-match';
import { flatPartsFor } from '../ingest/header-match';
import { MAX_SET_BYTES } from '../ingest/limits';
import type { Lang } from '../i18n/messages';
import { translate } from '../i18n/messages';
import { inspectFile, type FileInspection, type RememberedMapping } from '../upload/inspect';
import { absentTables, hasClients, statusOf, type PendingFile } from '../upload/pending-files';
import type { UploadPart } from '../upload/pipeline';
import { isWorkbookFile, skippedSheetText, workbookFailureText, workbookSheetFiles } from '../upload/workbook';
import { isTargetsHeader, readTargets, type TargetsRead } from '../ingest/targets-file';
import { readCsvBytes } from '../ingest/read-table';

/** Something to say about a file as it was chosen, in the language the page shows. */
export interface FileNote {
  readonly key: string;
  readonly error: boolean;
  readonly text: (lang: Lang) => string;
}

/** The evaluator's remembered mappings (upload-memory.ts in the browser). */
export interface MappingMemory {
  recall(headerKey: string): RememberedMapping | null;
  remember(headerKey: string, table: TableName, mapping: ColumnMapping): void;
}

/** A targets file (recognised by its header): what was read from it, or why nothing could be. */
export interface TargetsFile {
  readonly name: string;
  readonly read: TargetsRead | null;
}

export class FileSelection {
  pending = $state.raw<PendingFile[]>([]);
  /** Files still being recognised. */
  inspecting = $state(0);
  /** The workbook being split into sheets, if any. */
  readingWorkbook = $state<string | null>(null);
  notes = $state.raw<FileNote[]>([]);

  readonly readable = $derived(this.pending.filter((p) => p.inspection.ok));
  readonly absent = $derived(absentTables(this.pending));
  readonly needReview = $derived(this.pending.some((p) => statusOf(p) === 'review'));
  readonly hasErrors = $derived(this.pending.some((p) => statusOf(p) === 'error'));
  readonly hasClients = $derived(hasClients(this.pending));
  readonly totalBytes = $derived(this.readable.reduce((n, p) => n + p.file.size, 0));
  readonly tooLarge = $derived(this.totalBytes > MAX_SET_BYTES);
  /** Tables more than one file was recognised as. */
  readonly doubledTables = $derived.by(() => {
    const seen = new Map<TableName, number>();
    for (const p of this.readable) if (p.table) seen.set(p.table, (seen.get(p.table) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([table]) => table);
  });
  /** The set can be loaded: something readable, nothing to review or in error, clients to take, not too large. */
  readonly loadable = $derived(this.readable.length > 0 && !this.needReview && !this.hasErrors && this.hasClients && !this.tooLarge);

  readonly #memory: MappingMemory;
  readonly #onTargets: (file: TargetsFile) => void;
  #counter = 0;

  /** `onTargets`: a targets file is not data; it is handed over instead of joining the set. */
  constructor(memory: MappingMemory, onTargets: (file: TargetsFile) => void = () => {}) {
    this.#memory = memory;
    this.#onTargets = onTargets;
  }

  /** Recognises the files (a workbook becomes one file per sheet with data) and adds them. */
  async add(files: readonly File[]): Promise<void> {
    this.inspecting += files.length;
    for (const file of files) {
      try {
        if (await isWorkbookFile(file)) await this.#addWorkbook(file);
        else await this.#addFile(file);
      } finally {
        this.inspecting -= 1;
      }
    }
  }

  async #addFile(file: File): Promise<void> {
    const inspection = await inspectFile(file, { recall: (key) => this.#memory.recall(key), maxFileBytes: MAX_SET_BYTES });
    if (inspection.ok && isTargetsHeader(inspection.header)) return this.#onTargets(await readTargetsFile(file));
    const table = inspection.ok ? inspection.match.table : null;
    const mapping = inspection.ok ? inspection.match.mapping : [];
    const parts = inspection.ok && table ? flatPartsFor(inspection.header, table, mapping) : [];
    const item = { key: `f${++this.#counter}`, file, inspection, table, mapping, parts, confirmed: inspection.ok && inspection.remembered };
    this.pending = [...this.pending, item];
  }

  #note(error: boolean, text: (lang: Lang) => string): void {
    this.notes = [...this.notes, { key: `n${++this.#counter}`, error, text }];
  }

  /** An Excel workbook: each sheet with data becomes a file of its own (read in a worker in the browser). */
  async #addWorkbook(file: File): Promise<void> {
    this.readingWorkbook = file.name;
    try {
      const result = await workbookSheetFiles(file);
      if (!result.ok) {
        this.#note(true, (lang) => workbookFailureText(lang, result, file.size));
        return;
      }
      for (const skipped of result.skipped) this.#note(false, (lang) => skippedSheetText(lang, skipped, file.name));
      if (result.files.length === 0) this.#note(true, (lang) => translate(lang, 'data.workbook.noSheets', { file: file.name }));
      for (const sheet of result.files) await this.#addFile(sheet.file);
    } finally {
      this.readingWorkbook = null;
    }
  }

  remove(key: string): void {
    this.pending = this.pending.filter((p) => p.key !== key);
  }

  /** The evaluator's mapping for a file: remembered for files with the same header, and the file is ready. */
  confirm(key: string, table: TableName, mapping: ColumnMapping): void {
    this.pending = this.pending.map((p) => {
      if (p.key !== key) return p;
      if (p.inspection.ok) this.#memory.remember(p.inspection.headerKey, table, mapping);
      const parts = p.inspection.ok ? flatPartsFor(p.inspection.header, table, mapping) : [];
      return { ...p, table, mapping, parts, confirmed: true };
    });
  }

  clear(): void {
    this.pending = [];
    this.notes = [];
  }

  /**
   * What to load: each readable file as its table, and a flat sheet also as the client (and
   * mentor) details it repeats, as parts over the same file.
   */
  parts(): UploadPart[] {
    return this.readable.flatMap((p): UploadPart[] => {
      const base = { name: p.file.name, file: p.file, inspection: p.inspection as FileInspection };
      return [
        { ...base, table: p.table as TableName, mapping: p.mapping },
        ...p.parts.map((part) => ({ ...base, table: part.table, mapping: part.mapping, flat: true })),
      ];
    });
  }
}

/** A targets file is a few hundred rows; anything far larger is not one to read whole. */
const MAX_TARGETS_FILE_BYTES = 2 << 20;

/** Reads a whole targets file (a few hundred rows at most) with the data files' reader. */
async function readTargetsFile(file: File): Promise<TargetsFile> {
  if (file.size > MAX_TARGETS_FILE_BYTES) return { name: file.name, read: null };
  const result = readCsvBytes(new Uint8Array(await file.arrayBuffer()));
  if (!result.ok || !result.table.header) return { name: file.name, read: null };
  return { name: file.name, read: readTargets(result.table.header, result.table.rows, result.table.lines) };
}
