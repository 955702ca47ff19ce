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
  | 'csv_stray_quote'
  | 'csv_error'
  | 'conflicting_value'
  | 'negative_value'
  | 'date_out_of_range'
  | 'endline_before_baseline'
  | 'revenue_jump'
  | 'duplicate_session'
  | 'birth_year_out_of_range'
  | 'birth_year_after_enrolment';

/** What happened to the row: left out, kept with the value emptied, or kept as it is. */
export type ProblemAction = 'rejected' | 'ignored' | 'kept';

export interface Problem {
  readonly file: string;
  readonly table: TableName;
  /** Physical line of the file (1-based, header and title rows counted). */
  readonly line: number | null;
  /** Last physical line, when the row covered several (a stray quote swallowed the lines after it). */
  readonly lineEnd?: number | null;
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
  /** The client or mentor details of a flat sheet (merged per key). */
  readonly flat: boolean;
  readonly bytes: number;
  /** Data records read (blank lines excluded). */
  readonly rowsRead: number;
  readonly rowsLoaded: number;
  readonly rowsRejected: number;
  /** Physical lines the rejected rows covered (more than rows when a stray quote swallowed lines). */
  readonly rejectedLines: number;
  /** Rows folded into another of the same client or mentor (a flat sheet's repeated details). */
  readonly rowsMerged: number;
  /** Empty rows and a spreadsheet totals row, left out without complaint. */
  readonly rowsSkipped: number;
  /** Cells emptied because their value could not be read (optional columns). */
  readonly valuesIgnored: number;
  /** The file turned out not to be UTF-8 after its first megabyte and was read as Windows-1252 from there. */
  readonly encodingSwitched: boolean;
}

export interface LoadReport {
  /** How the set was read: the canonical fast path, or the general normalising path. */
  readonly path: 'canonical' | 'normalised';
  readonly files: readonly FileReport[];
  readonly tables: readonly { readonly table: TableName; readonly rows: number }[];
  readonly problemCounts: readonly ProblemCount[];
  /** Rows rejected over all files. */
  readonly rejectedRows: number;
  readonly problemsTotal: number;
  readonly unmapped: readonly UnmappedValue[];
  /** Tables made from the ids other tables name (mentors from the session log, clients from sessions/outcomes). */
  readonly derived: readonly { readonly table: TableName; readonly rows: number; readonly from: TableName }[];
  /** Tables the set had no file for (loaded empty). */
  readonly absent: readonly TableName[];
  readonly fingerprint: string;
  readonly loadMs: number;
}

export type LoadErrorCode =
  | 'file_unreadable'
  | 'unrecognised'
  | 'required_columns_missing'
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
