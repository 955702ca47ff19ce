/**
 * The bulk read of the canonical fast path: one canonical file straight into its table's
 * typed staging table (`stg_<table>`), without the raw text table and the per-value
 * normalising of the general path.
 *
 * The file is read in slices cut after a line feed; each slice is registered and appended
 * with one `INSERT … SELECT … FROM read_csv(…)` told everything (comma, `"` quote and
 * escape, the header's column names, no detection, `strict_mode`, no padding of short
 * rows), so a row that does not fit makes the read fail — and the caller fall back. Cells
 * are read as text and typed in the same statement, because DuckDB's own typed reader
 * accepts spellings the app reads differently (`t` is true to DuckDB and "tidak" to the
 * app; `0x10`, `1_000`, `1.5` in an integer column; `24-03-05` as the year 24). Each row
 * gets a flag `_bad` when any cell is not exactly what the app would load from it: text
 * and ids that the normaliser would trim or empty (`textSql`, the general path's own
 * expression), dates, numbers and yes/no cells not written the canonical way (the text of
 * the typed value must give the cell back), a missing key or required value. Columns that
 * repeat a few values — codes (enums, regions, functions) and ids that are no key (the
 * client of a session) — are checked afterwards on their distinct values.
 *
 * Bytes are checked on the way: the header line exactly as the export writes it, no
 * carriage return anywhere (a CRLF or CR file, or a quoted cell with one), and the line
 * feeds counted — a row count that differs from the line count means blank lines or
 * line breaks inside quoted cells, which the general path numbers line by line.
 */
import type { Database } from '../query/database';
import { DUCKDB_TYPE, TABLES, type ColumnDef } from '../domain/schema';
import { ident, stringLiteral } from '../query/sql';
import { appFile } from '../db/engine-lockdown';
import { CANONICAL_SLICE_BYTES } from '../ingest/limits';
import { stagingTable } from './checks';
import { nest } from './normalise';
import { textSql, type ValueSql } from './sql-values';
import { throwIfAborted } from './transcode';
import type { StageInput } from './stage';

/** Largest integer a rupiah amount may be (the general path: beyond it, `out_of_range`). */
const MAX_MONEY = 9007199254740991;

export interface CanonicalStageOptions {
  readonly signal?: AbortSignal;
  readonly sliceBytes?: number;
  readonly onProgress?: (p: { readonly bytes: number; readonly rows: number }) => void;
  readonly onSlice?: () => Promise<void> | void;
}

export interface CanonicalStage {
  /** Rows DuckDB read. */
  readonly rows: number;
  /** False when the bytes are not what the canonical export writes (see the module comment). */
  readonly canonicalBytes: boolean;
}

/** The staging table of a fast-path table: the general path's columns and the `_bad` flag. */
export async function createCanonicalStaging(db: Database, table: keyof typeof TABLES): Promise<void> {
  const cols = TABLES[table].columns;
  const names = cols.map((c) => c.name);
  const defs = cols.map((c) => `${ident(c.name, names)} ${DUCKDB_TYPE[c.kind]}`);
  await db.query(`CREATE OR REPLACE TABLE ${stagingTable(table)} (_file INTEGER, _row BIGINT, ${defs.join(', ')}, _bad BOOLEAN)`);
}

interface CellSql {
  readonly value: string;
  /** True when the cell is not exactly what the app would load. */
  readonly bad: string;
  readonly text?: ValueSql;
}

/** Text and ids: bad when the general path's expression would not give the cell back. */
function textCell(kind: 'id' | 'text', q: string, k: number, missing: string): CellSql {
  const text = textSql(q, `_x${k}_`, kind);
  return { value: q, bad: `(${missing}(${q} IS NOT NULL AND ${text.value} IS DISTINCT FROM ${q}))`, text };
}

/** The typed value and the `_bad` condition of one column, over its text `q`. */
function cellSql(def: ColumnDef, q: string, k: number, mustHave: boolean, isKey: boolean): CellSql {
  const missing = mustHave ? `${q} IS NULL OR ` : '';
  const typed = (type: string) => `TRY_CAST(${q} AS ${type})`;
  const notCanonical = (check: string) => `(${missing}(${q} IS NOT NULL AND NOT coalesce(${check}, false)))`;
  switch (def.kind) {
    case 'id':
      // An id that is no key (a client in the session log) repeats: checked on its distinct values.
      if (!isKey) return { value: q, bad: mustHave ? `(${q} IS NULL)` : 'false' };
      return textCell(def.kind, q, k, missing);
    case 'text': {
      return textCell(def.kind, q, k, missing);
    }
    case 'enum':
    case 'enum_list':
    case 'region':
      return { value: q, bad: mustHave ? `(${q} IS NULL)` : 'false' };
    case 'date':
      return {
        value: typed('DATE'),
        bad: notCanonical(`strftime(${typed('DATE')}, '%Y-%m-%d') = ${q} AND year(${typed('DATE')}) BETWEEN 1900 AND 2100`),
      };
    case 'boolean':
      return { value: typed('BOOLEAN'), bad: notCanonical(`${q} IN ('true', 'false')`) };
    case 'integer':
      return { value: typed('INTEGER'), bad: notCanonical(`${typed('INTEGER')}::VARCHAR = ${q}`) };
    case 'money':
      return {
        value: typed('BIGINT'),
        bad: notCanonical(`${typed('BIGINT')}::VARCHAR = ${q} AND abs(${typed('BIGINT')}) <= ${MAX_MONEY}`),
      };
    case 'decimal':
      return { value: typed('DOUBLE'), bad: notCanonical(`${typed('DOUBLE')}::VARCHAR = ${q} AND isfinite(${typed('DOUBLE')})`) };
  }
}

/** `INSERT` of one slice (`file`, rows numbered from `base`) into the staging table. */
export function insertSql(input: StageInput, index: number, file: string, base: number): string {
  const table = TABLES[input.table];
  const names = table.columns.map((c) => c.name);
  const keys = new Set(table.key);
  const header = input.inspection.header;
  // A late column (`ColumnDef.late`) the file lacks is missing in every row.
  const cells = table.columns.map((def, k): CellSql =>
    header.includes(def.name)
      ? cellSql(def, ident(def.name, names), k, def.required || keys.has(def.name), keys.has(def.name))
      : { value: `CAST(NULL AS ${DUCKDB_TYPE[def.kind]})`, bad: 'false' },
  );
  const columns = header.map((name) => `${stringLiteral(name)}: 'VARCHAR'`).join(', ');
  const read = `(SELECT row_number() OVER () AS _n, * FROM read_csv(${stringLiteral(file)}, header = false, delim = ',', quote = '"',
    escape = '"', auto_detect = false, columns = {${columns}}, nullstr = '', strict_mode = true, null_padding = false, parallel = false))`;
  const from = nest(
    read,
    cells.flatMap((c) => (c.text ? [c.text] : [])),
  );
  return `INSERT INTO ${stagingTable(input.table)} (_file, _row, ${names.map((n) => ident(n, names)).join(', ')}, _bad)
    SELECT ${index}, ${base} + _n - 1, ${cells.map((c) => c.value).join(', ')}, ${cells.map((c) => c.bad).join(' OR ')} FROM ${from}`;
}

function countByte(bytes: Uint8Array, byte: number): number {
  let n = 0;
  for (let p = bytes.indexOf(byte); p !== -1; p = bytes.indexOf(byte, p + 1)) n++;
  return n;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** Whole lines of the file (the last may lack its line feed), and how many. */
interface LinePiece {
  readonly bytes: Uint8Array;
  readonly lines: number;
  /** File offset just past the piece. */
  readonly end: number;
}

/** Met a carriage return: not the bytes the canonical export writes. */
const CARRIAGE_RETURN = 'carriage-return';

/**
 * The file from `start` in pieces of whole lines, about `sliceBytes` each. A piece ends at
 * its last line feed and the next is read from there (no bytes are carried over and
 * copied); a line longer than a slice widens the read until it fits.
 */
async function* linePieces(file: Blob, start: number, sliceBytes: number): AsyncGenerator<LinePiece | typeof CARRIAGE_RETURN> {
  const size = file.size;
  let offset = start;
  let span = sliceBytes;
  while (offset < size) {
    const end = Math.min(size, offset + span);
    const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
    if (bytes.indexOf(0x0d) !== -1) {
      yield CARRIAGE_RETURN;
      return;
    }
    const cut = end < size ? bytes.lastIndexOf(0x0a) + 1 : bytes.length;
    if (cut === 0) {
      span *= 2;
      continue;
    }
    const piece = bytes.subarray(0, cut);
    offset += cut;
    span = sliceBytes;
    yield { bytes: piece, lines: countByte(piece, 0x0a) + (piece[cut - 1] === 0x0a ? 0 : 1), end: offset };
  }
}

/**
 * Reads one canonical file into `stg_<table>`; stops early with `canonicalBytes: false`.
 * The next piece is read and checked while the engine reads the current one (reading and
 * counting 32 MB takes the page ≈ 0.2 s, which would otherwise wait for the engine).
 */
export async function stageCanonicalFile(
  db: Database,
  input: StageInput,
  index: number,
  options: CanonicalStageOptions = {},
): Promise<CanonicalStage> {
  const headerLine = new TextEncoder().encode(`${input.inspection.header.join(',')}\n`);
  const head = new Uint8Array(await input.file.slice(0, headerLine.length).arrayBuffer());
  if (!startsWith(head, headerLine)) return { rows: 0, canonicalBytes: false };
  const pieces = linePieces(input.file, headerLine.length, options.sliceBytes ?? CANONICAL_SLICE_BYTES);
  let rows = 0;
  let lines = 0;
  let batch = 0;
  try {
    // A read ahead may fail after the loop has stopped for another reason: handled here, and
    // still thrown by the `await` below when the loop does wait for it.
    const readAhead = () => {
      const promise = pieces.next();
      promise.catch(() => undefined);
      return promise;
    };
    let next = readAhead();
    for (;;) {
      throwIfAborted(options.signal);
      const { value: piece, done } = await next;
      if (done) return { rows, canonicalBytes: true };
      if (piece === CARRIAGE_RETURN) return { rows, canonicalBytes: false };
      next = readAhead();
      const name = appFile(`canonical_f${index}_b${batch++}.csv`);
      await db.registerFileBuffer(name, piece.bytes);
      try {
        const [result] = await db.query<{ Count: number }>(insertSql(input, index, name, rows));
        rows += Number(result?.Count ?? 0);
      } finally {
        await db.dropFile(name);
      }
      lines += piece.lines;
      if (rows !== lines) return { rows, canonicalBytes: false };
      options.onProgress?.({ bytes: piece.end, rows });
      await options.onSlice?.();
    }
  } finally {
    // A read ahead that is no longer wanted ends with the generator.
    await pieces.return(undefined);
  }
}
