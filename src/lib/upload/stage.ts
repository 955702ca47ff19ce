/**
 * The bulk read of one file into a raw staging table, with DuckDB's CSV reader: every
 * mapped column as text (VARCHAR), nothing typed or guessed yet. The file is read in
 * slices (`utf8Chunks`, transcoded to UTF-8 when needed), cut at record boundaries
 * (`recordBatches`), and each batch is registered as an in-memory file and appended with
 * one `INSERT … SELECT … FROM read_csv(…)` whose options come from the sniff — explicit
 * delimiter, quote, escape, column names, no auto-detection. Short rows are padded with
 * nulls; rows DuckDB cannot read (too many fields, a broken quote, bad UTF-8) go to its
 * reject table and from there to our problem list, with their line numbers.
 */
import type { Database } from '../query/database';
import { TABLES, type TableName } from '../domain/schema';
import { ident, stringLiteral } from '../query/sql';
import { recordBatches, type Batch } from './batches';
import type { FileInspection } from './inspect';
import type { LoadProgress } from './types';
import { appendRuns, batchLineRuns, recordLine, type LineRun } from './line-runs';
import { registerRows } from './register-rows';
import { throwIfAborted, utf8Chunks, withoutCrBeforeLf, type StreamReport } from './transcode';
import type { ProblemReason } from './types';
import type { ColumnMapping } from '../ingest/header-match';
import { SLICE_BYTES } from '../ingest/limits';
import { appFile } from '../db/engine-lockdown';

export interface StageInput {
  readonly file: Blob;
  readonly inspection: FileInspection;
  readonly table: TableName;
  readonly mapping: ColumnMapping;
}

export interface RawStage {
  /** Index of the file in the set; tables are named after it (`raw_f0`). */
  readonly index: number;
  readonly rawTable: string;
  /** Canonical columns present in the raw table, with the file column each came from. */
  readonly columns: readonly { readonly name: string; readonly fileColumn: number }[];
  /** Rows DuckDB loaded. */
  readonly rows: number;
  /** Records DuckDB rejected. */
  readonly csvRejected: number;
  /**
   * Physical lines the rejected records covered beyond their first: a stray quote makes one
   * "record" of many lines, and each of those lines counts as lost.
   */
  readonly rejectedExtraLines: number;
  readonly runs: readonly LineRun[];
  readonly encodingSwitched: boolean;
}

export interface StageProgress {
  readonly bytes: number;
  readonly rows: number;
}

/**
 * A file's reading progress as the whole set's: the bytes and rows of the files before it
 * added to this file's own (both upload paths report reading the same way).
 */
export function setReadingProgress(
  onProgress: ((p: LoadProgress) => void) | undefined,
  file: string,
  before: { bytes: number; rows: number },
  bytesTotal: number,
): (p: StageProgress) => void {
  return (p) => onProgress?.({ phase: 'reading', bytesLoaded: before.bytes + p.bytes, bytesTotal, rowsLoaded: before.rows + p.rows, file });
}

export interface StageOptions {
  readonly signal?: AbortSignal;
  readonly sliceBytes?: number;
  readonly onProgress?: (p: StageProgress) => void;
  /** Called between slices so the page can breathe (and tests can count slices). */
  readonly onSlice?: () => Promise<void> | void;
}

const CSV_ERROR_REASON: Record<string, ProblemReason> = {
  'TOO MANY COLUMNS': 'csv_too_many_fields',
  'UNQUOTED VALUE': 'csv_unquoted_value',
  'INVALID ENCODING': 'csv_invalid_encoding',
  'INVALID UNICODE': 'csv_invalid_encoding',
  'LINE SIZE OVER MAXIMUM': 'csv_line_too_long',
};

/** The problems table every stage writes into (created by the pipeline). */
export const PROBLEMS_TABLE = 'load_problems';

export const PROBLEMS_DDL = `CREATE OR REPLACE TEMP TABLE ${PROBLEMS_TABLE} (
  file INTEGER, row_ord BIGINT, line BIGINT, "column" VARCHAR, value VARCHAR, reason VARCHAR, action VARCHAR, line_end BIGINT)`;

/** The columns most problem rows fill (`line_end` only for rows that cover several lines). */
export const PROBLEM_ROW = '(file, row_ord, line, "column", value, reason, action)';

/** Longest text kept from a rejected record or a bad cell in the report. */
export const PROBLEM_VALUE_CHARS = 300;

function readCsvSql(file: string, inspection: FileInspection, selected: string, maxLine: number, rejects: string): string {
  const columns = Array.from({ length: inspection.width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  return `SELECT ${selected} FROM read_csv(${stringLiteral(file)}, delim = ${stringLiteral(inspection.delimiter)}, quote = '"', escape = '"',
      header = false, auto_detect = false, columns = {${columns}}, null_padding = true, parallel = false,
      max_line_size = ${maxLine}, store_rejects = true, rejects_table = ${stringLiteral(rejects)},
      rejects_scan = ${stringLiteral(`${rejects}_scan`)})`;
}

/** Reads one file into `raw_f<index>`. Throws UploadCancelled, UnclosedQuoteError, NoDataError. */
export async function stageRawFile(db: Database, input: StageInput, index: number, options: StageOptions = {}): Promise<RawStage> {
  const { inspection, table } = input;
  const known = TABLES[table].columns.map((c) => c.name);
  const columns = input.mapping.flatMap((name, fileColumn) => (name === null ? [] : [{ name, fileColumn }]));
  const rawTable = `raw_f${index}`;
  const rejects = `rej_f${index}`;
  const colDefs = columns.map((c) => `${ident(c.name, known)} VARCHAR`).join(', ');
  await db.query(`CREATE OR REPLACE TEMP TABLE ${rawTable} (${colDefs})`);
  const selected = columns.map((c) => `c${c.fileColumn}`).join(', ');

  const report: StreamReport = { switchedToWindows1252At: null };
  const chunks = withoutCrBeforeLf(
    utf8Chunks(
      input.file,
      inspection.encoding,
      { sliceBytes: options.sliceBytes ?? SLICE_BYTES, crLineEndings: inspection.crLineEndings, signal: options.signal },
      report,
    ),
  );
  const batches = recordBatches(chunks, {
    delimiter: inspection.delimiter,
    skipRecords: inspection.skipRecords,
    commentChar: inspection.commentChar,
    fieldsPerRecord: inspection.width,
  });

  const runs: LineRun[] = [];
  let rows = 0;
  let csvRejected = 0;
  let rejectedExtraLines = 0;
  let batchNo = 0;
  for await (const batch of batches) {
    throwIfAborted(options.signal);
    const name = appFile(`upload_f${index}_b${batchNo++}.csv`);
    const maxLine = Math.max(2_097_152, batch.stats.maxRecordBytes + 1024);
    await db.query(`DROP TABLE IF EXISTS ${rejects}`);
    await db.query(`DROP TABLE IF EXISTS ${rejects}_scan`);
    await db.registerFileBuffer(name, batch.bytes);
    let inserted: number;
    try {
      const [result] = await db.query<{ Count: number }>(
        `INSERT INTO ${rawTable} ${readCsvSql(name, inspection, selected, maxLine, rejects)}`,
      );
      inserted = Number(result?.Count ?? 0);
    } finally {
      await db.dropFile(name);
    }
    const rejected = await collectRejects(db, rejects, batch, index);
    csvRejected += rejected.length;
    const extraOf = new Map(batch.stats.multiline);
    rejectedExtraLines += rejected.reduce((n, r) => n + (extraOf.get(r) ?? 0), 0);
    await markSwallowed(db, batch, rejected, rows, index);
    const { runs: batchRuns, rows: expected } = batchLineRuns(batch, rejected, rows);
    if (expected === inserted) appendRuns(runs, batchRuns);
    else appendRuns(runs, [{ ord: rows, off: batch.firstLine - rows - 1 }]); // counts disagree: lines become approximate
    rows += inserted;
    options.onProgress?.({ bytes: batch.sourceOffset, rows });
    await options.onSlice?.();
  }
  await db.query(`DROP TABLE IF EXISTS ${rejects}`);
  await db.query(`DROP TABLE IF EXISTS ${rejects}_scan`);
  await registerRows(
    db,
    {
      table: `lines_f${index}`,
      columns: [
        ['ord', 'BIGINT'],
        ['off', 'BIGINT'],
      ],
    },
    runs.map((r) => [r.ord, r.off]),
  );
  return {
    index,
    rawTable,
    columns,
    rows,
    csvRejected,
    rejectedExtraLines,
    runs,
    encodingSwitched: report.switchedToWindows1252At !== null,
  };
}

/**
 * Records DuckDB read without complaint although a stray quote made them swallow the
 * records after it (the quote closed, by chance, at a field's end): they are rejected
 * later by the normaliser (problem `csv_stray_quote` with the row's ordinal), with every
 * line they covered — never loaded as one session with the next ones in its notes.
 */
async function markSwallowed(db: Database, batch: Batch, rejected: readonly number[], base: number, index: number): Promise<void> {
  const skipped = new Set([...batch.stats.blank, ...rejected]);
  const loaded = batch.stats.swallowed.filter(([record]) => !skipped.has(record));
  if (loaded.length === 0) return;
  const values = loaded.map(([record, extra]) => {
    let ordinal = base;
    for (let r = 1; r < record; r++) if (!skipped.has(r)) ordinal++;
    const line = recordLine(batch, record);
    return `(${index}, ${ordinal}, ${line}, NULL, NULL, 'csv_stray_quote', 'rejected', ${line + extra})`;
  });
  await db.query(`INSERT INTO ${PROBLEMS_TABLE} VALUES ${values.join(', ')}`);
}

/** Moves DuckDB's rejects of one batch into the problem list; returns the rejected record indexes. */
async function collectRejects(db: Database, rejects: string, batch: Batch, index: number): Promise<number[]> {
  // One row per rejected record (DuckDB may list several errors for one record).
  let rows: { line: number; error_type: string }[];
  try {
    rows = await db.query<{ line: number; error_type: string }>(
      `SELECT line::BIGINT AS line, any_value(error_type::VARCHAR) AS error_type FROM ${rejects} GROUP BY line ORDER BY line`,
    );
  } catch {
    return []; // no reject table: nothing was rejected
  }
  if (rows.length === 0) return [];
  // DuckDB numbers records within the batch (blank ones counted, multi-line ones once).
  // A rejected record that spans several lines (a stray quote) is reported with all of them.
  const extraOf = new Map(batch.stats.multiline);
  const swallowed = new Set(batch.stats.swallowed.map(([record]) => record));
  const lines = rows.map((r) => {
    const first = recordLine(batch, r.line);
    const reason = swallowed.has(r.line) ? 'csv_stray_quote' : (CSV_ERROR_REASON[r.error_type] ?? 'csv_error');
    return [r.line, first, first + (extraOf.get(r.line) ?? 0), reason] as const;
  });
  await registerRows(
    db,
    {
      table: 'rej_lines',
      columns: [
        ['record', 'BIGINT'],
        ['line', 'BIGINT'],
        ['line_end', 'BIGINT'],
        ['reason', 'VARCHAR'],
      ],
    },
    lines.map((l) => [...l]),
  );
  await db.query(
    `INSERT INTO ${PROBLEMS_TABLE}
     SELECT ${index}, NULL, l.line, NULL, r.csv_line, l.reason, 'rejected', l.line_end
     FROM (SELECT line, any_value(left(csv_line, ${PROBLEM_VALUE_CHARS})) AS csv_line FROM ${rejects} GROUP BY line) r
     JOIN rej_lines l ON l.record = r.line`,
  );
  await db.query(`DROP TABLE rej_lines`);
  return rows.map((r) => r.line);
}
