/**
 * Recognising an uploaded file from its first megabyte, with the pure ingest modules:
 * `decodeBytes` (encoding, binary/xlsx refusal), `sniffCsv` (delimiter, header row, title
 * rows, decimal mark — PapaParse underneath), `parseTable` (preview rows, ragged rows,
 * unclosed quotes) and `matchHeader` (which table, which column is which). The bulk load
 * reads the whole file later with DuckDB, using the decisions made here.
 */
import { decodeBytes, type DecodeFailureReason, type DecodeWarning, type TextEncodingName } from '../ingest/encoding';
import { matchHeader, mapHeaderToTable, normalizeHeaderName, type ColumnMapping, type HeaderMatch } from '../ingest/header-match';
import { parseTable, type ParsedTable, type ParseIssueCode } from '../ingest/parse';
import { sniffCsv, type Delimiter, type Sniffed } from '../ingest/sniff';
import type { DecimalMark } from '../ingest/normalize-number';
import type { TableName } from '../domain/schema';
import { HEAD_BYTES, MAX_FILE_BYTES, PREVIEW_ROWS } from '../ingest/limits';

/** Characters of the sample parsed for the preview and the row estimate. */
const PARSE_CHARS = 256 * 1024;

export type InspectFailureReason = 'too_large' | DecodeFailureReason | 'no_records' | 'header_only' | 'unclosed_quote';

export interface InspectFailure {
  readonly ok: false;
  readonly name: string;
  readonly size: number;
  readonly reason: InspectFailureReason;
  readonly line?: number;
  readonly detail?: string;
}

/** A mapping the evaluator confirmed earlier for a file with the same header. */
export interface RememberedMapping {
  readonly table: TableName;
  readonly mapping: ColumnMapping;
}

export interface FileInspection {
  readonly ok: true;
  readonly name: string;
  readonly size: number;
  readonly encoding: TextEncodingName;
  readonly encodingWarnings: readonly DecodeWarning[];
  /** The text may be mojibake (a legacy encoding other than Windows-1252). */
  readonly suspicious: boolean;
  readonly delimiter: Delimiter;
  readonly decimalMark: DecimalMark;
  /** Decimal mark proven by each file column's sampled cells. */
  readonly columnDecimalMarks: readonly (DecimalMark | null)[];
  readonly commentChar: '#' | null;
  /** Lone CR line endings (turned into LF when reading). */
  readonly crLineEndings: boolean;
  /** Records before the data (title rows, header), as the bulk reader must skip them. */
  readonly skipRecords: number;
  /** Title rows skipped above the header. */
  readonly titleRows: number;
  readonly hasHeader: boolean;
  /** Column names (generated `#1`, `#2` … when the file has no header). */
  readonly header: readonly string[];
  /** Key of the header for remembering a confirmed mapping. */
  readonly headerKey: string;
  /** Fields DuckDB must read per record (the table width, phantom trailing columns included). */
  readonly width: number;
  readonly match: HeaderMatch;
  /** The mapping came from one the evaluator confirmed for the same header. */
  readonly remembered: boolean;
  readonly previewRows: readonly (readonly string[])[];
  /** Rows in the whole file: exact when `partial` is false, else estimated from the sample. */
  readonly estimatedRows: number;
  /** The file is larger than the sample that was read. */
  readonly partial: boolean;
  readonly sampleIssues: ReadonlyMap<ParseIssueCode, number>;
}

export type InspectResult = FileInspection | InspectFailure;

/** FNV-1a over the normalised header names: the same header gives the same key. */
export function headerKeyOf(header: readonly string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const text = header.map(normalizeHeaderName).join('\u001f');
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return `${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}-${header.length}`;
}

/** Cuts a partial head after its last line feed, so no character or record is split. */
function cutAtLastNewline(bytes: Uint8Array): Uint8Array {
  const lf = bytes.lastIndexOf(0x0a);
  if (lf <= 0) return bytes;
  // UTF-16LE: the line feed is `0A 00`.
  const end = bytes[lf + 1] === 0x00 && lf + 2 <= bytes.length ? lf + 2 : lf + 1;
  return bytes.subarray(0, end);
}

function fail(name: string, size: number, reason: InspectFailureReason, extra: { line?: number; detail?: string } = {}): InspectFailure {
  return { ok: false, name, size, reason, ...extra };
}

/** Mapping for a header: the remembered one if the header matches, else the automatic match. */
export function mappingFor(
  header: readonly string[],
  fileName: string,
  remembered: RememberedMapping | null,
): { match: HeaderMatch; remembered: boolean } {
  if (remembered && remembered.mapping.length === header.length) {
    const base = mapHeaderToTable(header, remembered.table);
    const mapping = [...remembered.mapping];
    const mapped = new Set(mapping.filter((m): m is string => m !== null));
    const missingRequired = base.missingRequired.filter((c) => !mapped.has(c));
    return { match: { ...base, mapping, missingRequired, duplicates: [], needsReview: missingRequired.length > 0 }, remembered: true };
  }
  return { match: matchHeader(header, { fileName }), remembered: false };
}

export interface InspectOptions {
  /** Looks up a mapping confirmed earlier, by header key. */
  readonly recall?: (headerKey: string) => RememberedMapping | null;
  readonly maxFileBytes?: number;
}

/** The head read grows up to this when its first data record is longer than the head. */
const MAX_HEAD_BYTES = 64 * 1024 * 1024;

export async function inspectFile(file: Blob & { name?: string }, options: InspectOptions = {}): Promise<InspectResult> {
  const name = file.name ?? 'file.csv';
  const size = file.size;
  if (size > (options.maxFileBytes ?? MAX_FILE_BYTES)) return fail(name, size, 'too_large');
  if (size === 0) return fail(name, size, 'empty_file');
  // A first record longer than the head (a 1 MB note in row one) is not "a header without
  // data": read a longer head before saying so.
  for (let headBytes = HEAD_BYTES; ; headBytes *= 4) {
    const result = await inspectHead(file, name, size, headBytes, options);
    const partial = size > headBytes;
    const unsure = !result.ok && (result.reason === 'header_only' || result.reason === 'no_records' || result.reason === 'unclosed_quote');
    if (!unsure || !partial || headBytes >= MAX_HEAD_BYTES) return result;
  }
}

async function inspectHead(file: Blob, name: string, size: number, headBytes: number, options: InspectOptions): Promise<InspectResult> {
  const partial = size > headBytes;
  const raw = new Uint8Array(await file.slice(0, headBytes).arrayBuffer());
  const head = partial ? cutAtLastNewline(raw) : raw;

  const decoded = decodeBytes(head);
  if (!decoded.ok) return fail(name, size, decoded.reason, { detail: decoded.detail });
  let text = decoded.text;
  const crLineEndings = text.includes('\r') && !text.includes('\n');

  const sniffed = sniffCsv(text);
  if (!sniffed.ok) return fail(name, size, sniffed.reason === 'empty' ? 'empty_file' : 'no_records');

  // The preview and the row estimate need a few thousand rows, not all of the sample.
  const fullLength = text.length;
  if (partial && text.length > PARSE_CHARS) {
    const cut = text.lastIndexOf('\n', PARSE_CHARS);
    if (cut > 0) text = text.slice(0, cut + 1);
  }
  let parsed = parseTable(text, sniffed, { maxIssues: 50 });
  if (!parsed.ok && partial && text.length < fullLength) {
    // The cut for the preview fell inside the first records: parse the whole head.
    text = decoded.text;
    parsed = parseTable(text, sniffed, { maxIssues: 50 });
  }
  if (!parsed.ok && parsed.reason === 'unclosed_quote' && partial && parsed.line !== undefined && parsed.line > 1) {
    // A quoted cell that runs past the end of the sample: read the sample up to that record.
    text =
      text
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .slice(0, parsed.line - 1)
        .join('\n') + '\n';
    parsed = parseTable(text, sniffed, { maxIssues: 50 });
  }
  if (!parsed.ok) {
    if (parsed.reason === 'unclosed_quote') return fail(name, size, 'unclosed_quote', { line: parsed.line });
    return fail(name, size, parsed.header ? 'header_only' : 'no_records');
  }
  return describe(
    name,
    size,
    decoded.encoding,
    decoded.warnings,
    decoded.suspicious,
    crLineEndings,
    sniffed,
    parsed,
    partial,
    head.length * Math.min(1, text.length / Math.max(1, fullLength)),
    options,
  );
}

function describe(
  name: string,
  size: number,
  encoding: TextEncodingName,
  warnings: readonly DecodeWarning[],
  suspicious: boolean,
  crLineEndings: boolean,
  sniffed: Sniffed,
  parsed: ParsedTable,
  partial: boolean,
  sampleBytes: number,
  options: InspectOptions,
): FileInspection {
  const width = parsed.columnCount + parsed.dropped.trailingEmptyColumns;
  const header = parsed.header ? [...parsed.header] : Array.from({ length: parsed.columnCount }, (_, i) => `#${i + 1}`);
  const headerKey = headerKeyOf(header);
  const { match, remembered } = mappingFor(header, name, options.recall?.(headerKey) ?? null);
  const rowsInSample = parsed.rows.length;
  const estimatedRows = partial ? Math.round(rowsInSample * (size / Math.max(1, sampleBytes))) : rowsInSample;
  return {
    ok: true,
    name,
    size,
    encoding,
    encodingWarnings: warnings,
    suspicious,
    delimiter: sniffed.delimiter,
    decimalMark: sniffed.decimalMark,
    columnDecimalMarks: sniffed.columnDecimalMarks,
    commentChar: sniffed.commentChar,
    crLineEndings,
    skipRecords: sniffed.dataStartIndex,
    titleRows: sniffed.leadingRowsSkipped,
    hasHeader: parsed.header !== null,
    header,
    headerKey,
    width,
    match,
    remembered,
    previewRows: parsed.rows.slice(0, PREVIEW_ROWS),
    estimatedRows,
    partial,
    sampleIssues: parsed.issueCounts,
  };
}
