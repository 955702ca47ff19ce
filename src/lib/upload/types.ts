/** What an upload produces and how it fails: shared by the pipeline, the state and the UI. */
import type { NormalizeReason } from '../ingest/normalize-common';
import type { TableName } from '../domain/schema';
import type { InspectFailureReason } from './inspect';

/** Why a row or value was not taken as it was. */
export type ProblemReason =
  | NormalizeReason
  | 'out_of_range'
  | 'required_missing'
  | 'duplicate_key'
  | 'unknown_client'
  | 'unknown_mentor'
  | 'no_baseline'
  | 'csv_too_many_fields'
  | 'csv_unquoted_value'
  | 'csv_invalid_encoding'
  | 'csv_line_too_long'
  | 'csv_error';

/** What happened to the row: left out, kept with the value emptied, or kept as it is. */
export type ProblemAction = 'rejected' | 'ignored' | 'kept';

export interface Problem {
  readonly file: string;
  readonly table: TableName;
  /** Physical line of the file (1-based, header and title rows counted). */
  readonly line: number | null;
  /** Canonical column, or null for a whole-row problem. */
  readonly column: string | null;
  readonly value: string | null;
  readonly reason: ProblemReason;
  readonly action: ProblemAction;
}

export interface ProblemCount {
  readonly file: string;
  readonly column: string | null;
  readonly reason: ProblemReason;
  readonly action: ProblemAction;
  readonly count: number;
}

/** A raw value no normaliser understood, with how often it occurs: the evaluator may map it. */
export interface UnmappedValue {
  readonly table: TableName;
  readonly column: string;
  readonly raw: string;
  readonly count: number;
  readonly reason: ProblemReason;
}

export interface FileReport {
  readonly name: string;
  readonly table: TableName;
  readonly bytes: number;
  /** Data records read (blank lines excluded). */
  readonly rowsRead: number;
  readonly rowsLoaded: number;
  readonly rowsRejected: number;
  /** Empty rows and a spreadsheet totals row, left out without complaint. */
  readonly rowsSkipped: number;
  /** Cells emptied because their value could not be read (optional columns). */
  readonly valuesIgnored: number;
  /** The file turned out not to be UTF-8 after its first megabyte and was read as Windows-1252 from there. */
  readonly encodingSwitched: boolean;
}

export interface LoadReport {
  readonly files: readonly FileReport[];
  readonly tables: readonly { readonly table: TableName; readonly rows: number }[];
  readonly problemCounts: readonly ProblemCount[];
  /** Rows rejected over all files. */
  readonly rejectedRows: number;
  readonly problemsTotal: number;
  readonly unmapped: readonly UnmappedValue[];
  readonly fingerprint: string;
  readonly loadMs: number;
}

export type LoadErrorCode =
  | 'file_unreadable'
  | 'unrecognised'
  | 'required_columns_missing'
  | 'missing_tables'
  | 'unclosed_quote'
  | 'no_data'
  | 'nothing_loaded'
  | 'too_large'
  | 'cancelled'
  | 'engine';

/** A load that did not replace the active dataset, and why. */
export class LoadError extends Error {
  constructor(
    readonly code: LoadErrorCode,
    readonly info: {
      readonly file?: string;
      readonly table?: TableName;
      readonly tables?: readonly TableName[];
      readonly columns?: readonly string[];
      readonly line?: number;
      readonly reason?: InspectFailureReason;
      readonly detail?: string;
    } = {},
  ) {
    super(`${code}${info.file ? ` (${info.file})` : ''}${info.detail ? `: ${info.detail}` : ''}`);
    this.name = 'LoadError';
  }
}

export interface LoadProgress {
  readonly phase: 'reading' | 'checking' | 'saving';
  readonly bytesLoaded: number;
  readonly bytesTotal: number;
  readonly rowsLoaded: number;
  /** File being read. */
  readonly file?: string;
}
