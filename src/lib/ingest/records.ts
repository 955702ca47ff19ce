/**
 * PapaParse, configured once for both sniffing and parsing, so that record indexes mean
 * the same thing in both. Each record carries the physical line it starts on (for
 * messages like "row 12"), counted in the text after line endings were unified.
 */
import Papa from 'papaparse';

export interface CsvRecord {
  readonly cells: string[];
  /** 1-based line of the file where the record starts (comment lines and multi-line cells counted). */
  readonly line: number;
  /** A quoted field was never closed: the rest of the file ended up in this record. */
  readonly unclosedQuote: boolean;
  /** A quote inside a quoted field was not doubled (`"a "b" c"`); PapaParse kept it literally. */
  readonly malformedQuotes: boolean;
  /** Cells like ` "text"` (space after the delimiter, then a quoted value) that were unquoted. */
  readonly spaceBeforeQuote: boolean;
}

export interface RecordsOptions {
  readonly delimiter: string;
  /** Lines starting with this are skipped. */
  readonly commentChar: string | null;
  /** Stop after this many records. */
  readonly preview?: number;
}

/** CRLF and lone CR (old Mac, and mixed files) become LF, inside quoted cells too. */
export function unifyLineEndings(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * `a, "b ""c"""` — a space between the delimiter and the opening quote makes the quote
 * literal for RFC 4180 parsers. Hand-written exports do this; read such a cell as quoted.
 * Limitation: PapaParse has already split the cell if the quoted text held the delimiter
 * (`1, "a, b"` stays two cells); fixing that would need a tokenizer of our own.
 */
const SPACE_THEN_QUOTED = /^\s+"([\s\S]*)"\s*$/;

function unquoteSpaced(cell: string): string | null {
  const m = SPACE_THEN_QUOTED.exec(cell);
  return m ? m[1].replace(/""/g, '"') : null;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Reads records from text whose line endings are already unified (`unifyLineEndings`). */
export function readRecords(text: string, options: RecordsOptions): CsvRecord[] {
  const records: CsvRecord[] = [];
  const comment = options.commentChar;
  let rowStart = 0; // where the next record begins: the previous record's cursor
  let counted = 0; // text[0, counted) has had its newlines counted…
  let newlines = 0; // …and this is how many
  Papa.parse<string[]>(text, {
    delimiter: options.delimiter,
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    comments: comment ?? false,
    preview: options.preview ?? 0,
    skipEmptyLines: false,
    step: (result) => {
      // PapaParse skips comment lines silently: step over them to find the record's first line.
      let start = rowStart;
      while (comment && text.startsWith(comment, start)) {
        const eol = text.indexOf('\n', start);
        if (eol === -1) break;
        start = eol + 1;
      }
      newlines += countNewlines(text, counted, start);
      counted = start;
      rowStart = result.meta.cursor;
      const cells = result.data;
      // The newline that ends the last line does not start an empty record.
      if (start === text.length && cells.length === 1 && cells[0] === '') return;
      let spaceBeforeQuote = false;
      for (let i = 0; i < cells.length; i++) {
        const unquoted = unquoteSpaced(cells[i]);
        if (unquoted !== null) {
          cells[i] = unquoted;
          spaceBeforeQuote = true;
        }
      }
      records.push({
        cells,
        line: newlines + 1,
        unclosedQuote: result.errors.some((e) => e.code === 'MissingQuotes'),
        malformedQuotes: result.errors.some((e) => e.code === 'InvalidQuotes'),
        spaceBeforeQuote,
      });
    },
  });
  return records;
}
