/**
 * Finds where CSV records end in UTF-8 bytes, the way DuckDB's CSV reader will split them,
 * without building any strings: the bulk load cuts a file into batches at record
 * boundaries (never inside a quoted cell), and needs to know which physical line each
 * record starts on so that a problem found later in SQL can be reported as "line 1234".
 *
 * The state machine is RFC 4180 with the quirks DuckDB has: a quote opens a quoted cell
 * only at the start of a field (`12" TV` is literal text), `""` inside a quoted cell is
 * one quote, a newline inside a quoted cell belongs to the cell. A record that holds
 * nothing (`\n` or `\r\n` alone) is blank — DuckDB skips it without emitting a row, but
 * still counts it when it numbers records in its reject table.
 */

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

/** What the scanner learnt about the records that ended in one `scan` call. */
export interface ScanStats {
  /** Records that ended (blank ones included). */
  records: number;
  /** 1-based indexes (in the scanner's current numbering) of blank records. */
  blank: number[];
  /** Records spanning several physical lines: [record index, extra lines]. */
  multiline: [number, number][];
  /**
   * Multi-line records whose quoted text holds a line that looks like a whole record (as
   * many delimiters as a record has): a stray quote that swallowed the records after it.
   * [record index, extra lines].
   */
  swallowed: [number, number][];
  /** Longest record in bytes. */
  maxRecordBytes: number;
}

export class RecordScanner {
  private state = FIELD_START;
  /** Bytes of the record in progress. */
  private recordBytes = 0;
  /** Non-CR bytes of the record in progress (0 → blank). */
  private recordContent = 0;
  /** Newlines inside quotes in the record in progress. */
  private recordExtraLines = 0;
  /** Records ended since the last `resetNumbering`. */
  private counted = 0;
  /** Physical line (1-based) the record in progress starts on. */
  private line: number;
  private recordStartLine: number;
  /** Line of the quote that opened the quoted cell in progress (for "unclosed quote at line n"). */
  private openQuoteLine = 0;
  /** Delimiters on the current line inside a quoted cell (after a quoted newline). */
  private embeddedDelimiters = 0;
  /** Most delimiters on any such line of the record in progress. */
  private maxEmbeddedDelimiters = 0;
  /** Delimiters on a quoted line that make it look like a swallowed record (0: never). */
  private readonly swallowAt: number;

  constructor(
    private readonly delimiter: number,
    /** Physical line the first record starts on. */
    startLine = 1,
    /** Fields per record, when known: a quoted line with that many fields is a swallowed record. */
    fieldsPerRecord = 0,
  ) {
    this.line = startLine;
    this.recordStartLine = startLine;
    // A note with two or three commas is ordinary text; a line with a record's worth is not.
    this.swallowAt = fieldsPerRecord >= 4 ? fieldsPerRecord - 1 : 0;
  }

  /** Physical line the next record starts on. */
  get nextRecordLine(): number {
    return this.recordStartLine;
  }

  /** True when the input so far ends inside a quoted cell. */
  get insideQuotes(): boolean {
    return this.state === QUOTED;
  }

  get unclosedQuoteLine(): number {
    return this.openQuoteLine;
  }

  /** True when a record has started but not ended. */
  get pendingRecord(): boolean {
    return this.recordBytes > 0;
  }

  /** Record numbering restarts at 1 (a new batch); the record in progress keeps its state. */
  resetNumbering(): void {
    this.counted = 0;
  }

  /**
   * Scans `bytes[from, to)`, continuing from the previous call. Returns the index just
   * after the last record end in that range (or -1 when no record ended) and the stats.
   */
  scan(bytes: Uint8Array, from = 0, to = bytes.length, stats: ScanStats = emptyStats()): { end: number; stats: ScanStats } {
    const delimiter = this.delimiter;
    let state = this.state;
    let recordBytes = this.recordBytes;
    let recordContent = this.recordContent;
    let extra = this.recordExtraLines;
    let line = this.line;
    let end = -1;
    let nextQuote = -2; // not looked up yet
    for (let i = from; i < to; i++) {
      // Fast path: at the start of a record, a line without any quote is one whole record.
      if (state === FIELD_START && recordBytes === 0) {
        const lf = bytes.indexOf(LF, i);
        if (lf !== -1 && lf < to) {
          // The next quote is looked up once and reused until it is passed (no quadratic rescans).
          if (nextQuote !== -1 && nextQuote < i) nextQuote = bytes.indexOf(QUOTE, i);
          if (nextQuote === -1 || nextQuote > lf) {
            const length = lf - i;
            const content = length > 0 && bytes[lf - 1] === CR ? length - 1 : length;
            line++;
            this.counted++;
            stats.records++;
            if (content === 0) stats.blank.push(this.counted);
            if (length + 1 > stats.maxRecordBytes) stats.maxRecordBytes = length + 1;
            this.recordStartLine = line;
            end = lf + 1;
            i = lf;
            continue;
          }
        }
      }
      const b = bytes[i];
      if (b === LF) {
        line++;
        if (state === QUOTED) {
          extra++;
          recordBytes++;
          recordContent++;
          this.embeddedDelimiters = 0;
          continue;
        }
        // End of a record.
        this.counted++;
        stats.records++;
        if (recordContent === 0) stats.blank.push(this.counted);
        if (extra > 0) stats.multiline.push([this.counted, extra]);
        if (extra > 0 && this.swallowAt > 0 && this.maxEmbeddedDelimiters >= this.swallowAt) stats.swallowed.push([this.counted, extra]);
        this.embeddedDelimiters = 0;
        this.maxEmbeddedDelimiters = 0;
        if (recordBytes + 1 > stats.maxRecordBytes) stats.maxRecordBytes = recordBytes + 1;
        recordBytes = 0;
        recordContent = 0;
        extra = 0;
        state = FIELD_START;
        this.recordStartLine = line;
        end = i + 1;
        continue;
      }
      recordBytes++;
      if (b !== CR) recordContent++;
      if (b === QUOTE) {
        if (state === FIELD_START) {
          state = QUOTED;
          this.openQuoteLine = line;
        } else if (state === QUOTED) state = QUOTE_IN_QUOTED;
        else if (state === QUOTE_IN_QUOTED) state = QUOTED;
        // UNQUOTED: a literal quote inside an unquoted cell.
      } else if (b === delimiter) {
        if (state !== QUOTED) state = FIELD_START;
        else if (extra > 0 && ++this.embeddedDelimiters > this.maxEmbeddedDelimiters) this.maxEmbeddedDelimiters = this.embeddedDelimiters;
      } else if (state === FIELD_START || state === QUOTE_IN_QUOTED) {
        // QUOTE_IN_QUOTED + other: text after a closing quote; DuckDB will complain, we just go on.
        if (!(b === CR && state === QUOTE_IN_QUOTED)) state = UNQUOTED;
      }
    }
    this.state = state;
    this.recordBytes = recordBytes;
    this.recordContent = recordContent;
    this.recordExtraLines = extra;
    this.line = line;
    return { end, stats };
  }

  /**
   * At the end of the input: a last record without a final newline counts as a record.
   * Returns stats for it (records 0 or 1).
   */
  finish(stats: ScanStats = emptyStats()): ScanStats {
    if (this.recordBytes > 0) {
      this.counted++;
      stats.records++;
      if (this.recordContent === 0) stats.blank.push(this.counted);
      if (this.recordExtraLines > 0) stats.multiline.push([this.counted, this.recordExtraLines]);
      if (this.recordExtraLines > 0 && this.swallowAt > 0 && this.maxEmbeddedDelimiters >= this.swallowAt) {
        stats.swallowed.push([this.counted, this.recordExtraLines]);
      }
      if (this.recordBytes > stats.maxRecordBytes) stats.maxRecordBytes = this.recordBytes;
      this.recordBytes = 0;
      this.recordContent = 0;
      this.recordExtraLines = 0;
    }
    return stats;
  }
}

export function emptyStats(): ScanStats {
  return { records: 0, blank: [], multiline: [], swallowed: [], maxRecordBytes: 0 };
}

/**
 * Skips the first `count` records of the input (title rows and the header), the way
 * PapaParse counted them when sniffing: comment lines (`#…` at the start of a record,
 * when the sniff found comments) are not records; blank records are. Returns the index
 * after the last skipped record, or -1 when the bytes end first.
 */
export function skipRecords(
  bytes: Uint8Array,
  count: number,
  delimiter: number,
  commentChar: number | null,
): { end: number; lines: number } {
  if (count === 0) return { end: 0, lines: 0 };
  let skipped = 0;
  let pos = 0;
  let lines = 0;
  while (pos < bytes.length) {
    if (commentChar !== null && bytes[pos] === commentChar) {
      const eol = bytes.indexOf(LF, pos);
      if (eol === -1) return { end: -1, lines };
      pos = eol + 1;
      lines++;
      continue;
    }
    const scanner = new RecordScanner(delimiter);
    // Scan one record at a time: find the next record end from `pos`.
    let found = -1;
    let i = pos;
    while (i < bytes.length) {
      const eol = bytes.indexOf(LF, i);
      const stop = eol === -1 ? bytes.length : eol + 1;
      const { end } = scanner.scan(bytes, i, stop);
      if (end !== -1) {
        found = end;
        break;
      }
      i = stop;
    }
    if (found === -1) return { end: -1, lines };
    lines += scanner.nextRecordLine - 1;
    pos = found;
    skipped++;
    if (skipped === count) return { end: pos, lines };
  }
  return { end: -1, lines };
}
