/**
 * Reads the whole text the way `sniffCsv` said, into a rectangular table of raw cells:
 * title rows above the header skipped, blank rows dropped, a spreadsheet totals row
 * (`Total`/`Jumlah`, with any note lines after it) dropped from the end, phantom empty
 * columns from trailing delimiters removed, ragged rows padded or cut — each with an
 * issue that names the line, so the UI can say what happened where.
 *
 * Cells stay raw text (not trimmed, not typed): the normalisers do that per column.
 * An unclosed quote is fatal, because PapaParse puts the rest of the file into one cell.
 */
import { readRecords, unifyLineEndings, type CsvRecord } from './records';
import { filledCount, isBlankRow, isTotalsRow } from './row-shape';
import { countTrailingEmptyColumns, type Sniffed } from './sniff';

export type ParseIssueCode =
  | 'too_many_fields' // extra non-empty cells beyond the table width were cut off
  | 'too_few_fields' // missing cells were filled with empty strings
  | 'malformed_quotes' // unescaped quote inside a quoted cell, kept literally
  | 'space_before_quote' // ` "text"` read as a quoted cell
  | 'header_narrower_than_rows'; // rows have more fields than the header has names

export interface ParseIssue {
  readonly code: ParseIssueCode;
  /** 1-based line where the record starts. */
  readonly line: number;
  readonly expected?: number;
  readonly actual?: number;
}

export interface ParsedTable {
  readonly ok: true;
  /** Header names, trimmed, padded with '' to `columnCount`; null when the file has none. */
  readonly header: string[] | null;
  readonly headerLine: number | null;
  readonly columnCount: number;
  /** Data rows, each exactly `columnCount` raw cells. */
  readonly rows: string[][];
  /** Start line of each row in `rows`. */
  readonly lines: number[];
  /** The first `maxIssues` issues in file order; `issueCounts` has the totals. */
  readonly issues: ParseIssue[];
  readonly issueCounts: ReadonlyMap<ParseIssueCode, number>;
  readonly dropped: {
    readonly leadingRows: number;
    readonly blankRows: number;
    readonly totalsRowLine: number | null;
    readonly footerRows: number;
    readonly trailingEmptyColumns: number;
  };
}

export type ParseFailureReason = 'unclosed_quote' | 'no_data_rows';

export interface ParseFailure {
  readonly ok: false;
  readonly reason: ParseFailureReason;
  readonly line?: number;
  /** The header, when there is one (useful for `no_data_rows`). */
  readonly header?: string[] | null;
}

export type ParseResult = ParsedTable | ParseFailure;

export interface ParseOptions {
  /** Keep at most this many issues (counts stay exact). Default 1000. */
  readonly maxIssues?: number;
}

/** How many rows from the end a totals row is looked for (it may be followed by notes). */
const TOTALS_SEARCH_ROWS = 6;

/** Index in `rows` of a totals row that only short notes follow, or -1. */
function findTotalsRow(rows: readonly CsvRecord[]): number {
  for (let t = rows.length - 1; t >= Math.max(0, rows.length - TOTALS_SEARCH_ROWS); t--) {
    if (isTotalsRow(rows[t].cells)) {
      const onlyNotesAfter = rows.slice(t + 1).every((r) => filledCount(r.cells) <= 1);
      return onlyNotesAfter ? t : -1;
    }
  }
  return -1;
}

/** Most common field count among rows (ties → the larger) and the share of rows having it. */
function modalLength(rows: readonly CsvRecord[]): { width: number; share: number } {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const r of rows) {
    const n = (counts.get(r.cells.length) ?? 0) + 1;
    counts.set(r.cells.length, n);
    if (n > bestCount || (n === bestCount && r.cells.length > best)) {
      best = r.cells.length;
      bestCount = n;
    }
  }
  return { width: best, share: rows.length === 0 ? 0 : bestCount / rows.length };
}

/**
 * Table width: the header's, unless most rows are wider (a header that lacks names for
 * real columns) — then the rows' width, with a `header_narrower_than_rows` issue.
 */
function tableWidth(header: readonly string[] | null, rows: readonly CsvRecord[]): { width: number; headerTooNarrow: boolean } {
  const modal = modalLength(rows);
  if (!header) return { width: modal.width, headerTooNarrow: false };
  if (modal.width > header.length && modal.share > 0.5) return { width: modal.width, headerTooNarrow: true };
  return { width: header.length, headerTooNarrow: false };
}

export function parseTable(rawText: string, sniffed: Sniffed, options: ParseOptions = {}): ParseResult {
  const maxIssues = options.maxIssues ?? 1000;
  const text = unifyLineEndings(rawText);
  const records = readRecords(text, { delimiter: sniffed.delimiter, commentChar: sniffed.commentChar });

  const unclosed = records.find((r) => r.unclosedQuote);
  if (unclosed) return { ok: false, reason: 'unclosed_quote', line: unclosed.line };

  const headerRecord = sniffed.headerIndex === null ? null : records[sniffed.headerIndex];
  let header = headerRecord ? headerRecord.cells.map((c) => c.trim()) : null;

  let data = records.slice(sniffed.dataStartIndex);
  const blankRows = data.filter((r) => isBlankRow(r.cells)).length;
  data = data.filter((r) => !isBlankRow(r.cells));

  const totals = findTotalsRow(data);
  const totalsRowLine = totals === -1 ? null : data[totals].line;
  const footerRows = totals === -1 ? 0 : data.length - totals - 1;
  if (totals !== -1) data = data.slice(0, totals);

  if (data.length === 0) return { ok: false, reason: 'no_data_rows', header };

  const issues: ParseIssue[] = [];
  const issueCounts = new Map<ParseIssueCode, number>();
  const report = (issue: ParseIssue): void => {
    issueCounts.set(issue.code, (issueCounts.get(issue.code) ?? 0) + 1);
    if (issues.length < maxIssues) issues.push(issue);
  };

  const { width, headerTooNarrow } = tableWidth(header, data);
  let columnCount = width;
  if (header && headerTooNarrow) {
    report({ code: 'header_narrower_than_rows', line: headerRecord?.line ?? 1, expected: header.length, actual: width });
  }
  const trailingEmptyColumns = countTrailingEmptyColumns(
    header,
    data.map((r) => r.cells),
    columnCount,
  );
  columnCount -= trailingEmptyColumns;
  if (header) header = Array.from({ length: columnCount }, (_, i) => header?.[i] ?? '');

  const rows: string[][] = [];
  const lines: number[] = [];
  for (const r of data) {
    let cells = r.cells;
    if (r.malformedQuotes) report({ code: 'malformed_quotes', line: r.line });
    if (r.spaceBeforeQuote) report({ code: 'space_before_quote', line: r.line });
    if (cells.length > columnCount) {
      // Extra cells that are all empty are trailing delimiters: not worth a message.
      if (cells.slice(columnCount).some((c) => c.trim() !== '')) {
        report({ code: 'too_many_fields', line: r.line, expected: columnCount, actual: cells.length });
      }
      cells = cells.slice(0, columnCount);
    } else if (cells.length < columnCount) {
      report({ code: 'too_few_fields', line: r.line, expected: columnCount, actual: cells.length });
      cells = [...cells, ...Array<string>(columnCount - cells.length).fill('')];
    }
    rows.push(cells);
    lines.push(r.line);
  }

  return {
    ok: true,
    header,
    headerLine: headerRecord?.line ?? null,
    columnCount,
    rows,
    lines,
    issues,
    issueCounts,
    dropped: {
      leadingRows: sniffed.leadingRowsSkipped,
      blankRows,
      totalsRowLine,
      footerRows,
      trailingEmptyColumns,
    },
  };
}
