/**
 * What kind of container a file is, from its bytes: spreadsheets arrive as ZIP packages
 * (.xlsx, .ods) or as OLE compound files (old .xls, and — easy to miss — password-protected
 * .xlsx: Office encrypts the whole package and wraps it in an OLE file with the streams
 * `EncryptionInfo` and `EncryptedPackage`). The magic bytes alone cannot tell these apart,
 * so this module looks one level deeper: the first ZIP entry (an OpenDocument file starts
 * with an uncompressed `mimetype` entry), the ZIP central directory (`xl/workbook.xml`), and
 * the OLE directory (stream names). Pure functions on bytes; a head of the file is enough
 * for most decisions, and every reader stops at the end of what it was given.
 */

export type ContainerKind =
  /** An Office Open XML workbook (.xlsx, .xlsm): a ZIP holding `xl/workbook.xml`. */
  | 'xlsx'
  /** An OpenDocument spreadsheet (.ods). */
  | 'ods'
  /** Another OpenDocument file (text, presentation …). */
  | 'odf_other'
  /** A ZIP that is none of the above, or whose directory is beyond the bytes given. */
  | 'zip'
  /** Old binary Excel (.xls, BIFF): an OLE file with a `Workbook` or `Book` stream. */
  | 'xls'
  /** A password-protected (encrypted) Office Open XML file: OLE with `EncryptedPackage`. */
  | 'encrypted_ooxml'
  /** An OLE file that is none of the above (.doc, .msg …), or whose directory was not readable. */
  | 'ole'
  /** Not a container: the bytes may be text. */
  | null;

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

export const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

function u16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

const latin1 = (b: Uint8Array): string => String.fromCharCode(...b);

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 0x03 || bytes[2] === 0x05) &&
    (bytes[3] === 0x04 || bytes[3] === 0x06)
  );
}

export function isOle(bytes: Uint8Array): boolean {
  return bytes.length >= OLE_MAGIC.length && OLE_MAGIC.every((b, i) => bytes[i] === b);
}

/** The OpenDocument media type, when the first ZIP entry is the uncompressed `mimetype` file. */
function openDocumentMimetype(bytes: Uint8Array): string | null {
  if (bytes.length < 30 || u32(bytes, 0) !== ZIP_LOCAL) return null;
  const method = u16(bytes, 8);
  const size = u32(bytes, 18);
  const nameLength = u16(bytes, 26);
  const extraLength = u16(bytes, 28);
  const nameStart = 30;
  if (nameStart + nameLength > bytes.length) return null;
  if (latin1(bytes.subarray(nameStart, nameStart + nameLength)) !== 'mimetype' || method !== 0) return null;
  const dataStart = nameStart + nameLength + extraLength;
  if (size > 200 || dataStart + size > bytes.length) return null;
  return latin1(bytes.subarray(dataStart, dataStart + size)).trim();
}

/**
 * Names in the ZIP central directory, or null when it is not within `bytes` (a head of a
 * large file). The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
 */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (u32(bytes, i) === ZIP_END) {
      end = i;
      break;
    }
  }
  if (end === -1) return null;
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== ZIP_CENTRAL) return names.length > 0 ? names : null;
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Names in the local file headers within `bytes`, walking from the start (works on a head). */
function zipLocalNames(bytes: Uint8Array, limit = 64): string[] {
  const names: string[] = [];
  let at = 0;
  const decoder = new TextDecoder();
  while (names.length < limit && at + 30 <= bytes.length && u32(bytes, at) === ZIP_LOCAL) {
    const flags = u16(bytes, at + 6);
    const compressed = u32(bytes, at + 18);
    const nameLength = u16(bytes, at + 26);
    const extraLength = u16(bytes, at + 28);
    names.push(decoder.decode(bytes.subarray(at + 30, Math.min(bytes.length, at + 30 + nameLength))));
    // With a data descriptor (flag bit 3) the size is not in the local header: stop here.
    if (flags & 0x08) break;
    at += 30 + nameLength + extraLength + compressed;
  }
  return names;
}

function zipKind(bytes: Uint8Array): ContainerKind {
  const mimetype = openDocumentMimetype(bytes);
  if (mimetype !== null) {
    if (mimetype === ODS_MIMETYPE || mimetype === `${ODS_MIMETYPE}-template`) return 'ods';
    if (mimetype.startsWith('application/vnd.oasis.opendocument.')) return 'odf_other';
  }
  const names = zipEntryNames(bytes) ?? zipLocalNames(bytes);
  if (names.some((n) => n === 'xl/workbook.xml' || n === 'xl/workbook.bin')) return 'xlsx';
  return 'zip';
}

// ---- OLE compound files (MS-CFB) ----

const FREE_SECTOR = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
/** Sector ids above this are markers (end of chain, free, FAT, DIFAT). */
const MAX_REGULAR_SECTOR = 0xfffffff9;
/** Guards against loops in a damaged sector chain. */
const MAX_CHAIN = 4096;

/**
 * Stream and storage names in an OLE compound file's directory, as far as the bytes given
 * reach (null when not even the first directory sector is there).
 */
export function oleDirectoryNames(bytes: Uint8Array): string[] | null {
  if (!isOle(bytes) || bytes.length < 512) return null;
  const shift = u16(bytes, 0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const sectorOffset = (id: number): number => (id + 1) * sectorSize;
  const perFatSector = sectorSize / 4;

  // The first 109 FAT sector ids sit in the header; more come through the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const id = u32(bytes, 0x4c + i * 4);
    if (id === FREE_SECTOR) break;
    fatSectors.push(id);
  }
  let difat = u32(bytes, 0x44);
  for (let guard = 0; difat !== END_OF_CHAIN && difat !== FREE_SECTOR && guard < MAX_CHAIN; guard++) {
    const at = sectorOffset(difat);
    if (at + sectorSize > bytes.length) break;
    for (let i = 0; i < perFatSector - 1; i++) {
      const id = u32(bytes, at + i * 4);
      if (id !== FREE_SECTOR) fatSectors.push(id);
    }
    difat = u32(bytes, at + sectorSize - 4);
  }
  const next = (id: number): number | null => {
    const fatSector = fatSectors[Math.floor(id / perFatSector)];
    if (fatSector === undefined) return null;
    const at = sectorOffset(fatSector) + (id % perFatSector) * 4;
    return at + 4 <= bytes.length ? u32(bytes, at) : null;
  };

  const names: string[] = [];
  let sector: number | null = u32(bytes, 0x30);
  for (let guard = 0; sector !== null && sector <= MAX_REGULAR_SECTOR && guard < MAX_CHAIN; guard++) {
    const at = sectorOffset(sector);
    if (at + sectorSize > bytes.length) break;
    for (let entry = at; entry < at + sectorSize; entry += 128) {
      const nameBytes = Math.min(64, u16(bytes, entry + 0x40));
      const type = bytes[entry + 0x42];
      if (type === 0 || nameBytes < 2) continue;
      let name = '';
      for (let i = 0; i < nameBytes - 2; i += 2) name += String.fromCharCode(u16(bytes, entry + i));
      names.push(name.replace(/\u0000+$/, ''));
    }
    sector = next(sector);
  }
  return names.length > 0 ? names : null;
}

function oleKind(bytes: Uint8Array): ContainerKind {
  const names = oleDirectoryNames(bytes);
  if (names === null) return 'ole';
  if (names.includes('EncryptedPackage') || names.includes('EncryptionInfo')) return 'encrypted_ooxml';
  if (names.includes('Workbook') || names.includes('Book')) return 'xls';
  return 'ole';
}

/**
 * The container a file's bytes (or their head) belong to; null for anything else. With
 * only a head of a large file, a ZIP may come out as `zip` rather than `xlsx` and an OLE
 * file as `ole` (their directories sit at the end or anywhere): callers that hold the
 * whole file get the precise answer.
 */
export function sniffContainer(bytes: Uint8Array): ContainerKind {
  if (isZip(bytes)) return zipKind(bytes);
  if (isOle(bytes)) return oleKind(bytes);
  return null;
}
