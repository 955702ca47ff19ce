/**
 * Cuts a stream of UTF-8 chunks into batches of whole CSV records for DuckDB: the title
 * rows and the header are skipped first, then every batch ends at a record boundary
 * (never inside a quoted cell), and carries what the line report needs — the physical
 * line its first record starts on, which records are blank, which span several lines.
 */
import { RecordScanner, emptyStats, skipRecords, type ScanStats } from './record-scanner';
import type { Utf8Chunk } from './transcode';

export interface Batch {
  /** Whole records, UTF-8, in a buffer of exactly this size (safe to transfer to a worker). */
  readonly bytes: Uint8Array;
  /** Physical line (1-based, whole file) where the batch's first record starts. */
  readonly firstLine: number;
  readonly stats: ScanStats;
  /** Source bytes read when the batch was cut, for progress. */
  readonly sourceOffset: number;
}

export interface BatchOptions {
  readonly delimiter: string;
  /** Records before the data: title rows and the header (PapaParse's count: comment lines excluded). */
  readonly skipRecords: number;
  readonly commentChar: string | null;
  /** Fields per record (the file's width), to tell a swallowed record in a quoted cell. */
  readonly fieldsPerRecord?: number;
}

export class UnclosedQuoteError extends Error {
  constructor(readonly line: number) {
    super(`A quoted cell opened on line ${line} is never closed`);
    this.name = 'UnclosedQuoteError';
  }
}

export class NoDataError extends Error {
  constructor() {
    super('The file has no data rows after its header');
    this.name = 'NoDataError';
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** An owned, exact-size copy unless `bytes` already is one. */
function owned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

export async function* recordBatches(chunks: AsyncIterable<Utf8Chunk>, options: BatchOptions): AsyncGenerator<Batch> {
  const delimiter = options.delimiter.charCodeAt(0);
  const comment = options.commentChar === null ? null : options.commentChar.charCodeAt(0);
  let buf: Uint8Array = new Uint8Array(0);
  let sourceOffset = 0;
  let skipping = options.skipRecords > 0;
  let firstLine = 1;
  let scanner: RecordScanner | null = skipping ? null : new RecordScanner(delimiter, 1, options.fieldsPerRecord);
  let scanned = 0; // bytes of `buf` already scanned
  let emitted = false;

  for await (const chunk of chunks) {
    buf = concat(buf, chunk.bytes);
    sourceOffset = chunk.sourceOffset;
    if (skipping) {
      const { end, lines } = skipRecords(buf, options.skipRecords, delimiter, comment);
      if (end === -1) continue; // the header is longer than what was read so far
      buf = buf.subarray(end);
      firstLine = 1 + lines;
      skipping = false;
      scanner = new RecordScanner(delimiter, firstLine, options.fieldsPerRecord);
      scanned = 0;
    }
    if (!scanner) continue;
    const batchFirstLine = scanner.nextRecordLine;
    const { end, stats } = scanner.scan(buf, scanned, buf.length);
    scanned = buf.length;
    if (end === -1) continue; // one record longer than everything read so far
    const bytes = owned(buf.subarray(0, end));
    buf = buf.subarray(end);
    scanned = buf.length;
    scanner.resetNumbering();
    emitted = true;
    yield { bytes, firstLine: batchFirstLine, stats, sourceOffset };
  }

  if (skipping) throw new NoDataError();
  if (!scanner) return;
  if (scanner.insideQuotes) throw new UnclosedQuoteError(scanner.unclosedQuoteLine);
  const batchFirstLine = scanner.nextRecordLine;
  const stats = scanner.finish(emptyStats());
  if (stats.records > 0) {
    emitted = true;
    yield { bytes: owned(buf), firstLine: batchFirstLine, stats, sourceOffset };
  }
  if (!emitted) throw new NoDataError();
}
