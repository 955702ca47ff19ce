/**
 * Turns the bytes of an uploaded file into text, or says why it is not a text file.
 *
 * Order of decisions:
 *  1. refuse what is clearly not delimited text (empty, zip/xlsx, .ods, old xls, a
 *     password-protected workbook, PDF, images, gzip, NUL-heavy binary) before trying to
 *     decode — a clear "this is an Excel file" beats a screen of mojibake (workbooks are
 *     read sheet by sheet elsewhere: `src/lib/ingest/xlsx.ts`);
 *  2. a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE);
 *  3. UTF-16 without a BOM is recognised by its NUL pattern;
 *  4. bytes that are valid UTF-8 are UTF-8;
 *  5. anything else is read as Windows-1252 (what Excel on an Indonesian or Western
 *     Windows writes; decoded by `decodeWindows1252`, see there why not TextDecoder). Windows-1252 decodes every byte, so a file in another legacy
 *     encoding (e.g. Shift_JIS) comes out as mojibake: we do not refuse it, we flag it
 *     `suspicious` so the UI can ask "is this the right text?" — the heuristics are in
 *     `looksMisdecoded`.
 */
import { sniffContainer } from './containers';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type DecodeFailureReason =
  | 'empty_file'
  | 'zip_or_xlsx' // PK\x03\x04: .xlsx/.zip renamed or mistaken for CSV
  | 'ods' // a ZIP whose first entry says OpenDocument spreadsheet
  | 'xls' // D0 CF 11 E0: old binary Excel (OLE compound file)
  | 'password_protected' // an OLE file holding an encrypted Office package (a .xlsx with a password)
  | 'pdf'
  | 'image'
  | 'gzip'
  | 'binary'; // many NUL / control bytes

export type DecodeWarning =
  /** Windows-1252 fallback produced text that looks like another encoding (see looksMisdecoded). */
  | 'possibly_wrong_encoding'
  /** A few NUL bytes inside otherwise text content were dropped. */
  | 'nul_bytes_removed'
  /** UTF-16 recognised from its NUL pattern, without a byte-order mark. */
  | 'utf16_without_bom'
  /** Malformed UTF-16 sequences were replaced with U+FFFD. */
  | 'replacement_characters';

export interface DecodedText {
  readonly ok: true;
  /** The text without byte-order mark. Line endings are left as they were. */
  readonly text: string;
  readonly encoding: TextEncodingName;
  /** True when the text may be mojibake; `warnings` says why. */
  readonly suspicious: boolean;
  readonly warnings: readonly DecodeWarning[];
  /** Number of NUL characters removed from the text. */
  readonly nulBytesRemoved: number;
}

export interface DecodeFailure {
  readonly ok: false;
  readonly reason: DecodeFailureReason;
  /** English detail for logs; the UI translates `reason`. */
  readonly detail: string;
}

export type DecodeResult = DecodedText | DecodeFailure;

/** How many leading bytes the binary and UTF-16 heuristics look at. */
const SAMPLE_BYTES = 8192;
/** Above this share of NUL/control bytes in the sample the file is binary. */
const BINARY_CONTROL_SHARE = 0.1;

interface Signature {
  readonly bytes: readonly number[];
  readonly offset?: number;
  readonly reason: Exclude<DecodeFailureReason, 'empty_file' | 'binary' | 'ods' | 'password_protected'>;
  readonly detail: string;
}

const SIGNATURES: readonly Signature[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], reason: 'zip_or_xlsx', detail: 'ZIP container (xlsx, ods or zip), not CSV text' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], reason: 'zip_or_xlsx', detail: 'empty ZIP container, not CSV text' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], reason: 'xls', detail: 'old binary Excel (.xls) file, not CSV text' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], reason: 'pdf', detail: 'PDF document, not CSV text' },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], reason: 'image', detail: 'PNG image' },
  { bytes: [0xff, 0xd8, 0xff], reason: 'image', detail: 'JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], reason: 'image', detail: 'GIF image' },
  { bytes: [0x57, 0x45, 0x42, 0x50], offset: 8, reason: 'image', detail: 'WebP image' },
  { bytes: [0x1f, 0x8b], reason: 'gzip', detail: 'gzip-compressed file' },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((b, i) => bytes[offset + i] === b);
}

function fail(reason: DecodeFailureReason, detail: string): DecodeFailure {
  return { ok: false, reason, detail };
}

/** Which UTF-16 byte order a BOM-less sample looks like, judging by where the NULs are. */
function utf16OrderFromNulPattern(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (sample.length < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    }
  }
  const half = sample.length / 2;
  // Mostly-ASCII text in UTF-16: every other byte is NUL, the others almost never.
  if (oddNul > 0.4 * half && evenNul < 0.05 * half) return 'utf-16le';
  if (evenNul > 0.4 * half && oddNul < 0.05 * half) return 'utf-16be';
  return null;
}

function isBinaryControlByte(b: number): boolean {
  // NUL and C0 controls other than tab, LF, CR, FF, and ESC/SUB which some exports contain.
  return b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1a && b !== 0x1b);
}

function controlShare(sample: Uint8Array): number {
  if (sample.length === 0) return 0;
  let n = 0;
  for (const b of sample) if (isBinaryControlByte(b)) n++;
  return n / sample.length;
}

/** Bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D have no character in Windows-1252: real text never has them. */
const UNDEFINED_IN_WINDOWS_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Whether bytes that are not UTF-8 probably are not Windows-1252 either.
 * Western and Indonesian text in Windows-1252 is overwhelmingly ASCII with the odd
 * accented letter or curly quote; CJK legacy encodings (Shift_JIS, GBK, Big5) are
 * two high bytes per character, so they show up as dense runs of high bytes.
 */
export function looksMisdecoded(bytes: Uint8Array): boolean {
  let high = 0;
  let visible = 0;
  let run = 0;
  let longestRun = 0;
  for (const b of bytes) {
    if (UNDEFINED_IN_WINDOWS_1252.has(b)) return true;
    if (b >= 0x80) {
      high++;
      run++;
      if (run > longestRun) longestRun = run;
    } else {
      run = 0;
    }
    if (b > 0x20) visible++;
  }
  if (longestRun >= 4) return true;
  return visible > 0 && high / visible > 0.3;
}

/**
 * Windows-1252 is Latin-1 except for 0x80–0x9F, which hold € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž
 * ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ (WHATWG Encoding Standard; the five unassigned bytes map
 * to the C1 controls of the same number). We decode it ourselves instead of with
 * `TextDecoder('windows-1252')`: Node 20.18.3+ (the version this project runs on) routes
 * that label through a Latin-1 fast path that mangles or drops exactly these bytes
 * (nodejs/node#56542, #60888), and a test run in Node must see what a browser sees.
 */
const WINDOWS_1252_C1: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f, 0x0090,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const CHUNK = 8192;
  const parts: string[] = [];
  const codes = new Array<number>(Math.min(CHUNK, bytes.length));
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    codes.length = end - start;
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      codes[i - start] = b >= 0x80 && b <= 0x9f ? WINDOWS_1252_C1[b - 0x80] : b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

function removeNuls(text: string): { text: string; removed: number } {
  if (!text.includes('\u0000')) return { text, removed: 0 };
  let removed = 0;
  const cleaned = text.replace(/\u0000/g, () => {
    removed++;
    return '';
  });
  return { text: cleaned, removed };
}

function decodeUtf16(bytes: Uint8Array, order: 'utf-16le' | 'utf-16be'): { text: string; broken: boolean } {
  try {
    return { text: new TextDecoder(order, { fatal: true }).decode(bytes), broken: false };
  } catch {
    return { text: new TextDecoder(order).decode(bytes), broken: true };
  }
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function finish(rawText: string, encoding: TextEncodingName, warnings: DecodeWarning[]): DecodeResult {
  const { text, removed } = removeNuls(rawText);
  if (removed > 0) warnings.push('nul_bytes_removed');
  if (text.trim() === '') return fail('empty_file', 'the file holds no text (only whitespace or a byte-order mark)');
  return {
    ok: true,
    text,
    encoding,
    suspicious: warnings.includes('possibly_wrong_encoding') || warnings.includes('replacement_characters'),
    warnings,
    nulBytesRemoved: removed,
  };
}

/** Decodes a file's bytes to text, detecting its encoding; refuses non-text files with a typed reason. */
export function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return fail('empty_file', 'the file is 0 bytes long');

  // ZIP and OLE containers hold several kinds of office file; tell the ones whose advice
  // differs from the signature's (an .ods is not "Excel", an encrypted .xlsx not an ".xls").
  const container = sniffContainer(bytes);
  if (container === 'ods') return fail('ods', 'OpenDocument spreadsheet (.ods), not CSV text');
  if (container === 'encrypted_ooxml') return fail('password_protected', 'password-protected (encrypted) Office file, not CSV text');

  for (const sig of SIGNATURES) {
    if (startsWith(bytes, sig.bytes, sig.offset ?? 0)) return fail(sig.reason, sig.detail);
  }

  // A byte-order mark is the strongest evidence there is. TextDecoder strips it.
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = tryUtf8(bytes);
    if (text !== null) return finish(text, 'utf-8-bom', []);
    // A UTF-8 BOM followed by bytes that are not UTF-8: the file was mangled (e.g. pasted
    // together from two sources). Read the rest as Windows-1252 and say it is doubtful.
    const rest = bytes.subarray(3);
    return finish(decodeWindows1252(rest), 'windows-1252', ['possibly_wrong_encoding']);
  }
  for (const order of ['utf-16le', 'utf-16be'] as const) {
    const bom = order === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff];
    if (startsWith(bytes, bom)) {
      const { text, broken } = decodeUtf16(bytes, order);
      return finish(text, order, broken ? ['replacement_characters'] : []);
    }
  }

  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const bomlessUtf16 = utf16OrderFromNulPattern(sample);
  if (bomlessUtf16) {
    const { text, broken } = decodeUtf16(bytes, bomlessUtf16);
    const warnings: DecodeWarning[] = ['utf16_without_bom'];
    if (broken) warnings.push('replacement_characters');
    return finish(text, bomlessUtf16, warnings);
  }

  if (controlShare(sample) > BINARY_CONTROL_SHARE) {
    return fail('binary', 'many NUL or control bytes: this is not a text file');
  }

  const utf8 = tryUtf8(bytes);
  if (utf8 !== null) return finish(utf8, 'utf-8', []);

  const text = decodeWindows1252(bytes);
  return finish(text, 'windows-1252', looksMisdecoded(bytes) ? ['possibly_wrong_encoding'] : []);
}
