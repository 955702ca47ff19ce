/**
 * Looks at the start of a decoded CSV text and works out how to read it:
 * delimiter (`,` `;` tab `|`), `#` comment lines, where the header is (title rows and
 * blank lines above it are skipped; a file may have no header at all), the table width,
 * phantom empty columns from trailing delimiters, and the decimal mark (per column and
 * for the file).
 *
 * Delimiter choice is by consistency, not by counting characters: each candidate is
 * parsed with PapaParse (so quoted delimiters and quoted newlines are handled), and the
 * one under which most records have the same number (≥ 2) of fields wins. Ties are
 * broken by how many cells then read as numbers or dates (`1,5;2,5` is two decimal
 * numbers under `;`, and `1`, `5;2`, `5` under `,`), then by more columns.
 */
import { detectDecimalMark, decimalMarkEvidence, type DecimalMark } from './normalize-number';
import { readRecords, unifyLineEndings, type CsvRecord } from './records';
import { filledCount, isBlankRow, isTypedCell, looksLikeData, looksLikeTitle } from './row-shape';

export const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof CANDIDATE_DELIMITERS)[number];

export interface SniffOptions {
  /** Records read for sniffing. Default 200. */
  readonly sampleRecords?: number;
}

export interface Sniffed {
  readonly ok: true;
  readonly delimiter: Delimiter;
  /**
   * Share of sampled records with the most common field count under the chosen delimiter
   * (0–1), less a penalty for quote errors; low values deserve a look by a person.
   */
  readonly delimiterConsistency: number;
  /** `#` when lines starting with it are comments, else null. */
  readonly commentChar: '#' | null;
  /**
   * Index of the header among the records `readRecords` returns with this delimiter and
   * comment character; null when the file has no header row.
   */
  readonly headerIndex: number | null;
  /** Index of the first data record (after the header, or after skipped title rows). */
  readonly dataStartIndex: number;
  /** Title, note and blank records above the header (or above the data) that are skipped. */
  readonly leadingRowsSkipped: number;
  /** Number of fields most data records have. */
  readonly width: number;
  /** Columns at the right that are empty in the header and in every sampled record. */
  readonly trailingEmptyColumns: number;
  /** Decimal mark to assume for numbers in this file. */
  readonly decimalMark: DecimalMark;
  /** `evidence`: cells prove it; `delimiter_default`: nothing proves it, `;` files → comma. */
  readonly decimalMarkBasis: 'evidence' | 'delimiter_default';
  /** Decimal mark proven by each column's sampled cells (null: no evidence in that column). */
  readonly columnDecimalMarks: readonly (DecimalMark | null)[];
}

export type SniffFailureReason = 'empty' | 'no_records';

export interface SniffFailure {
  readonly ok: false;
  readonly reason: SniffFailureReason;
}

export type SniffResult = Sniffed | SniffFailure;

const DEFAULT_SAMPLE_RECORDS = 200;
/** Sniffing reads at most this many characters (wide files: a few rows are plenty). */
const SAMPLE_CHARS = 1 << 20;
/** Cells per record looked at when judging whether cells are numbers or dates. */
const TYPED_CELLS_PER_RECORD = 200;
/** How far down the header is looked for. */
const HEADER_SEARCH_RECORDS = 50;
const COMMENT_CHAR = '#';

/** The head of the text that sniffing reads. */
interface Sample {
  readonly text: string;
  readonly records: number;
  /** The text was cut: its last record may be incomplete and is not used. */
  readonly cut: boolean;
}

function takeSample(text: string, records: number): Sample {
  if (text.length <= SAMPLE_CHARS) return { text, records, cut: false };
  const end = text.lastIndexOf('\n', SAMPLE_CHARS);
  return { text: text.slice(0, end > 0 ? end + 1 : SAMPLE_CHARS), records, cut: true };
}

function sampleRecords(sample: Sample, delimiter: Delimiter, commentChar: string | null): CsvRecord[] {
  const records = readRecords(sample.text, { delimiter, commentChar, preview: sample.records });
  return sample.cut && records.length > 1 ? records.slice(0, -1) : records;
}

/** Most frequent value (ties → the smaller value, the cautious width for title detection) and its count. */
function mode(values: readonly number[]): { value: number; count: number } {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = { value: 0, count: 0 };
  for (const [value, count] of counts) {
    if (count > best.count || (count === best.count && value < best.value)) best = { value, count };
  }
  return best;
}

interface DelimiterScore {
  readonly delimiter: Delimiter;
  readonly consistency: number;
  readonly typedShare: number;
  readonly width: number;
}

function scoreDelimiter(sample: Sample, delimiter: Delimiter, commentChar: string | null): DelimiterScore {
  const records = sampleRecords(sample, delimiter, commentChar).filter((r) => !isBlankRow(r.cells));
  if (records.length === 0) return { delimiter, consistency: 0, typedShare: 0, width: 0 };
  const { value: width, count } = mode(records.map((r) => r.cells.length));
  const quoteTrouble = records.filter((r) => r.unclosedQuote || r.malformedQuotes).length;
  let cells = 0;
  let typed = 0;
  for (const r of records.slice(0, 50)) {
    for (const c of r.cells.slice(0, TYPED_CELLS_PER_RECORD)) {
      if (c.trim() === '') continue;
      cells++;
      if (isTypedCell(c)) typed++;
    }
  }
  // Quote errors under a candidate are a hint it is wrong, but hand-made files have
  // unescaped quotes under the right delimiter too: a penalty, not a veto.
  const consistency = width < 2 ? 0 : Math.max(0, count / records.length - 0.5 * (quoteTrouble / records.length));
  return { delimiter, consistency, typedShare: cells === 0 ? 0 : typed / cells, width };
}

function better(a: DelimiterScore, b: DelimiterScore): boolean {
  const EPS = 1e-9;
  if (Math.abs(a.consistency - b.consistency) > EPS) return a.consistency > b.consistency;
  if (Math.abs(a.typedShare - b.typedShare) > EPS) return a.typedShare > b.typedShare;
  return a.width > b.width;
}

function chooseDelimiter(sample: Sample, commentChar: string | null): DelimiterScore {
  let best: DelimiterScore | null = null;
  for (const d of CANDIDATE_DELIMITERS) {
    const s = scoreDelimiter(sample, d, commentChar);
    if (best === null || better(s, best)) best = s;
  }
  // No candidate splits the text: a one-column file. Report it as comma-separated.
  return best && best.consistency > 0 ? best : { delimiter: ',', consistency: 1, typedShare: 0, width: 1 };
}

/**
 * `#` lines are comments unless they look like data: if most of them have the table's
 * full width under the chosen delimiter, `#` is just the first character of a value.
 */
function hashLinesAreComments(text: string, delimiter: Delimiter, width: number): boolean {
  const hashLines = text.split('\n').filter((l) => l.startsWith(COMMENT_CHAR));
  if (hashLines.length === 0) return false;
  if (width < 2) return true;
  const fullWidth = hashLines.filter((l) => l.split(delimiter).length >= width).length;
  return fullWidth * 2 <= hashLines.length;
}

interface HeaderPosition {
  readonly headerIndex: number | null;
  readonly dataStartIndex: number;
}

/**
 * Title rows (few filled cells, or fewer fields than the next row) and blank rows are
 * skipped; the first other row is the header — unless it already looks like data
 * (numbers, dates). Then the nearest filled row above it is the header if it has at least
 * two names (a header narrower than its rows was mistaken for a title), else there is no
 * header.
 */
function locateHeader(records: readonly CsvRecord[], width: number): HeaderPosition | null {
  const limit = Math.min(records.length, HEADER_SEARCH_RECORDS);
  let first = -1;
  for (let i = 0; i < limit; i++) {
    const cells = records[i].cells;
    if (isBlankRow(cells)) continue;
    let n = i + 1;
    while (n < records.length && isBlankRow(records[n].cells)) n++;
    if (looksLikeTitle(cells, width, records[n]?.cells)) continue;
    first = i;
    break;
  }
  if (first === -1) {
    // Nothing looks like a table: take the first filled record as the header.
    const filled = records.findIndex((r) => !isBlankRow(r.cells));
    return filled === -1 ? null : { headerIndex: filled, dataStartIndex: filled + 1 };
  }
  if (!looksLikeData(records[first].cells)) return { headerIndex: first, dataStartIndex: first + 1 };
  let j = first - 1;
  while (j >= 0 && isBlankRow(records[j].cells)) j--;
  if (j >= 0 && !looksLikeData(records[j].cells) && filledCount(records[j].cells) >= Math.min(2, width)) {
    return { headerIndex: j, dataStartIndex: first };
  }
  return { headerIndex: null, dataStartIndex: first };
}

/**
 * How many columns at the right are empty in the header and in every row — the phantom
 * column a trailing delimiter (`a;b;c;`) creates. At least one column is always kept.
 */
export function countTrailingEmptyColumns(
  header: readonly string[] | null,
  rows: readonly (readonly string[])[],
  /** Table width; default: the widest of the header and the rows. */
  tableWidth?: number,
): number {
  let width = tableWidth ?? header?.length ?? 0;
  if (tableWidth === undefined) for (const r of rows) if (r.length > width) width = r.length;
  const isEmptyAt = (cells: readonly string[] | null, i: number): boolean => (cells?.[i] ?? '').trim() === '';
  let k = 0;
  while (k < width - 1) {
    const col = width - 1 - k;
    if (!isEmptyAt(header, col) || !rows.every((r) => isEmptyAt(r, col))) break;
    k++;
  }
  return k;
}

function decimalMarks(rows: readonly (readonly string[])[], width: number, delimiter: Delimiter) {
  const columnDecimalMarks: (DecimalMark | null)[] = [];
  for (let i = 0; i < width; i++) columnDecimalMarks.push(detectDecimalMark(rows.map((r) => r[i] ?? '')));
  let comma = 0;
  let dot = 0;
  for (const r of rows) {
    for (const c of r) {
      const e = decimalMarkEvidence(c);
      if (e === 'comma') comma++;
      else if (e === 'dot') dot++;
    }
  }
  if (comma !== dot) {
    return { decimalMark: comma > dot ? 'comma' : 'dot', decimalMarkBasis: 'evidence', columnDecimalMarks } as const;
  }
  // Nothing decides: `;` is the delimiter where the comma is the decimal mark (id-ID Excel).
  return { decimalMark: delimiter === ';' ? 'comma' : 'dot', decimalMarkBasis: 'delimiter_default', columnDecimalMarks } as const;
}

/** Works out how to read a decoded CSV text (see the module comment). */
export function sniffCsv(rawText: string, options: SniffOptions = {}): SniffResult {
  const text = unifyLineEndings(rawText);
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  const sample = takeSample(text, options.sampleRecords ?? DEFAULT_SAMPLE_RECORDS);

  const hasHashLines = /^#/m.test(sample.text);
  let commentChar: '#' | null = hasHashLines ? COMMENT_CHAR : null;
  let choice = chooseDelimiter(sample, commentChar);
  if (commentChar && !hashLinesAreComments(sample.text, choice.delimiter, choice.width)) {
    commentChar = null;
    choice = chooseDelimiter(sample, null);
  }

  const records = sampleRecords(sample, choice.delimiter, commentChar);
  const position = locateHeader(records, choice.width);
  if (!position) return { ok: false, reason: 'no_records' };
  const { headerIndex, dataStartIndex } = position;

  const header = headerIndex === null ? null : records[headerIndex].cells;
  const dataRows = records
    .slice(dataStartIndex)
    .map((r) => r.cells)
    .filter((c) => !isBlankRow(c));
  const dataWidth = dataRows.length > 0 ? mode(dataRows.map((r) => r.length)).value : (header?.length ?? choice.width);
  const width = Math.max(header?.length ?? 0, dataWidth);

  return {
    ok: true,
    delimiter: choice.delimiter,
    delimiterConsistency: choice.consistency,
    commentChar,
    headerIndex,
    dataStartIndex,
    leadingRowsSkipped: headerIndex ?? dataStartIndex,
    width: dataWidth,
    trailingEmptyColumns: countTrailingEmptyColumns(header, dataRows),
    ...decimalMarks(dataRows, width, choice.delimiter),
  };
}
