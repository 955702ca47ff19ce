/**
 * Reads a file in slices and hands out UTF-8 bytes, whatever the file's encoding: DuckDB's
 * CSV reader only reads UTF-8. UTF-8 slices pass through untouched (no copy, no decode);
 * Windows-1252 is transcoded byte by byte with a table; UTF-16 goes through a streaming
 * `TextDecoder`. Slices are read with `Blob.slice().arrayBuffer()`, so the whole file is
 * never in memory at once.
 *
 * A file that looked like UTF-8 in its first megabyte may turn out not to be (a
 * Windows-1252 `é` in row 900,000): if nothing but ASCII came before, the rest is read
 * as Windows-1252 — exactly what a whole-file decision would have chosen; otherwise the
 * bad bytes stay and DuckDB rejects those rows as badly encoded, each one reported.
 */
import type { TextEncodingName } from '../ingest/encoding';

/** Windows-1252 0x80–0x9F (WHATWG); the rest of the bytes are Latin-1. */
const C1: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f, 0x0090,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/** UTF-8 bytes of each byte 0x80–0xFF read as Windows-1252. */
const HIGH_UTF8: readonly Uint8Array[] = Array.from({ length: 128 }, (_, i) => {
  const b = i + 0x80;
  const cp = b <= 0x9f ? C1[b - 0x80] : b;
  return cp < 0x800
    ? Uint8Array.of(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f))
    : Uint8Array.of(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
});

/** Windows-1252 bytes → UTF-8 bytes (ASCII is copied; each high byte becomes 2–3 bytes). */
export function windows1252ToUtf8(bytes: Uint8Array): Uint8Array {
  let high = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) high++;
  if (high === 0) return bytes;
  const out = new Uint8Array(bytes.length + high * 2);
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) {
      out[o++] = b;
    } else {
      const seq = HIGH_UTF8[b - 0x80];
      for (let k = 0; k < seq.length; k++) out[o++] = seq[k];
    }
  }
  return out.subarray(0, o);
}

function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return i;
  return -1;
}

/** Lone CR line ends (old Mac exports) → LF, so records end where DuckDB and the scanner expect. */
function crToLf(bytes: Uint8Array, owned: boolean, enabled: boolean): Uint8Array {
  if (!enabled || bytes.indexOf(0x0d) === -1) return bytes;
  const out = owned ? bytes : bytes.slice();
  for (let i = 0; i < out.length; i++) if (out[i] === 0x0d) out[i] = 0x0a;
  return out;
}

/**
 * CRLF → LF, carrying a CR at the end of one chunk over to the next. DuckDB's reader takes
 * its line ending from the start of the file and refuses a file that mixes CRLF and LF
 * ("state machine reached an invalid state"), which spreadsheets and copy-pasted exports
 * produce; with CRs before LFs gone every record ends the same way. Chunks without a CR
 * pass through untouched.
 */
export async function* withoutCrBeforeLf(chunks: AsyncIterable<Utf8Chunk>): AsyncGenerator<Utf8Chunk> {
  let pendingCr = false;
  let lastOffset = 0;
  for await (const chunk of chunks) {
    let bytes = chunk.bytes;
    lastOffset = chunk.sourceOffset;
    if (pendingCr && bytes[0] !== 0x0a) {
      // The held CR was not followed by LF: it belongs to the data.
      const withCr = new Uint8Array(bytes.length + 1);
      withCr[0] = 0x0d;
      withCr.set(bytes, 1);
      bytes = withCr;
    }
    pendingCr = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d;
    if (pendingCr) bytes = bytes.subarray(0, bytes.length - 1);
    if (bytes.indexOf(0x0d) !== -1) bytes = dropCrBeforeLf(bytes);
    yield { bytes, sourceOffset: chunk.sourceOffset };
  }
  if (pendingCr) yield { bytes: Uint8Array.of(0x0d), sourceOffset: lastOffset };
}

function dropCrBeforeLf(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0d && bytes[i + 1] === 0x0a) continue;
    out[o++] = b;
  }
  return out.subarray(0, o);
}

export interface Utf8Chunk {
  /** UTF-8 bytes; a view that the consumer may keep (it is not reused). */
  readonly bytes: Uint8Array;
  /** Bytes of the source file read so far, for progress. */
  readonly sourceOffset: number;
}

export interface StreamOptions {
  readonly sliceBytes: number;
  /** Lone CR line endings: turn every CR into LF. */
  readonly crLineEndings?: boolean;
  readonly signal?: AbortSignal;
}

/** What the stream found out while reading. */
export interface StreamReport {
  /** The file was read as Windows-1252 from this source offset on (was thought UTF-8). */
  switchedToWindows1252At: number | null;
}

export class UploadCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'UploadCancelled';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new UploadCancelled();
}

/** A slice of the blob as bytes. */
async function readSlice(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

/** Yields the file as UTF-8, slice by slice (see the module comment). */
export async function* utf8Chunks(
  blob: Blob,
  encoding: TextEncodingName,
  options: StreamOptions,
  report: StreamReport = { switchedToWindows1252At: null },
): AsyncGenerator<Utf8Chunk> {
  const size = blob.size;
  let offset = 0;
  if (encoding === 'utf-8-bom') offset = 3;
  const cr = options.crLineEndings ?? false;

  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const decoder = new TextDecoder(encoding); // strips the BOM at the start of the stream
    const encoder = new TextEncoder();
    // Even slice sizes keep code units whole; the decoder carries split surrogate pairs.
    const step = options.sliceBytes - (options.sliceBytes % 2);
    while (offset < size) {
      throwIfAborted(options.signal);
      const end = Math.min(size, offset + step);
      const slice = await readSlice(blob, offset, end);
      offset = end;
      const text = decoder.decode(slice, { stream: offset < size });
      yield { bytes: crToLf(encoder.encode(text), true, cr), sourceOffset: offset };
    }
    return;
  }

  let windows1252 = encoding === 'windows-1252';
  let sawNonAscii = false;
  const validator = new TextDecoder('utf-8', { fatal: true });
  while (offset < size) {
    throwIfAborted(options.signal);
    const end = Math.min(size, offset + options.sliceBytes);
    const slice = await readSlice(blob, offset, end);
    const start = offset;
    offset = end;
    if (windows1252) {
      yield { bytes: crToLf(windows1252ToUtf8(slice), false, cr), sourceOffset: offset };
      continue;
    }
    if (firstNonAscii(slice) !== -1) {
      let valid = true;
      try {
        validator.decode(slice, { stream: offset < size });
      } catch {
        valid = false;
      }
      if (!valid && !sawNonAscii) {
        // Everything before was ASCII, which reads the same in both: switch for the rest.
        windows1252 = true;
        report.switchedToWindows1252At = start;
        yield { bytes: crToLf(windows1252ToUtf8(slice), false, cr), sourceOffset: offset };
        continue;
      }
      sawNonAscii = true;
    }
    yield { bytes: crToLf(slice, true, cr), sourceOffset: offset };
  }
}
