/**
 * Excel workbooks (.xlsx) → one CSV text per sheet, so that the CSV pipeline (`inspectFile`,
 * then DuckDB's reader) takes each sheet unchanged.
 *
 * The parsing is read-excel-file's (its `universal` entry: no DOM, no `eval`, the same code
 * in Node tests and in the browser's worker). Around it this module does what the library
 * does not:
 *  - refuses what is not an .xlsx with a reason the evaluator can act on: an old .xls, an
 *    OpenDocument .ods, a password-protected workbook (an OLE file, not a ZIP), a damaged
 *    file, a workbook too large for the browser;
 *  - unzips the package itself (fflate, synchronously) after checking the sizes the ZIP
 *    directory declares, so a small file that unpacks to gigabytes is refused before it is
 *    unpacked, and hands the library an uncompressed copy — the library's own unzip would
 *    otherwise inflate every part over 512 KB in a nested Web Worker, one more thing a
 *    browser and a Content-Security-Policy must allow;
 *  - reads each sheet's state (hidden sheets are listed, not read) and its `<dimension>`,
 *    so a sheet of more than a million cells is refused before it is parsed;
 *  - turns cells into the canonical text (xlsx-cells.ts) and writes RFC 4180 CSV.
 *
 * Rows keep their place: row N of the sheet is line N of its CSV (unless a cell holds a line
 * break), leading empty rows and columns stay, trailing ones go. Every line has the sheet's
 * full width, so a title row (one filled cell, merged or not: a merged range keeps its value
 * in the top-left cell and the rest are empty) stays a title row for `sniffCsv`.
 */
import readXlsxFile from 'read-excel-file/universal';
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { sniffContainer } from './containers';
import { cellText, type WorkbookCell } from './xlsx-cells';
import { MAX_FILE_BYTES } from './limits';
import { DICTIONARY_SHEET_NAME } from '../domain/column-docs';

/** Cells (rows × columns of the used range, counted from A1) one sheet may have. */
export const MAX_SHEET_CELLS = 1_000_000;

/**
 * Bytes of XML a workbook may unpack to. Measured (Node 20, read-excel-file 9.3.17): a sheet
 * of a million cells (90,455 sessions × 11 columns) is a 4 MB .xlsx holding 33.5 MB of XML,
 * read in 2.3 s with a peak of 250 MB more memory — about 7.5 bytes per byte of XML (the
 * unpacked parts, an uncompressed copy, the library's strings and cells, the CSV text).
 * 128 MiB of XML (three or four such sheets) so stays near a gigabyte.
 */
export const MAX_WORKBOOK_XML_BYTES = 128 * 1024 * 1024;

export type WorkbookFailureReason =
  | 'empty_file'
  /** Larger than the app's file limit (`MAX_FILE_BYTES`). */
  | 'too_large'
  /** The parts of the package unpack to more than `MAX_WORKBOOK_XML_BYTES`. */
  | 'unpacked_too_large'
  /** A sheet has more than `MAX_SHEET_CELLS` cells (`sheet` says which). */
  | 'too_many_cells'
  /** Not a spreadsheet at all: text, another ZIP, a Word file … */
  | 'not_a_workbook'
  /** A ZIP workbook whose package or XML is damaged. */
  | 'corrupt_workbook'
  /** Encrypted with a password (an OLE file holding `EncryptedPackage`). */
  | 'password_protected'
  /** Old binary Excel 97–2003 (.xls). */
  | 'xls'
  /** OpenDocument spreadsheet (.ods). */
  | 'ods';

export interface WorkbookFailure {
  readonly ok: false;
  readonly reason: WorkbookFailureReason;
  /** English detail for logs; the UI translates `reason` (`data.inspect.<reason>`). */
  readonly detail: string;
  /** The sheet concerned (`too_many_cells`). */
  readonly sheet?: string;
  /** The limit that was exceeded (`too_large`, `unpacked_too_large`, `too_many_cells`). */
  readonly limit?: number;
}

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface WorkbookSheet {
  readonly name: string;
  /** 1-based position among the workbook's sheets. */
  readonly position: number;
  readonly state: SheetState;
  /** Cells as canonical text ('' = empty); trailing empty rows and columns dropped. Hidden sheets are not read: []. */
  readonly rows: readonly (readonly string[])[];
  /** Columns of the CSV (the widest row). */
  readonly width: number;
  /** A visible sheet without one filled cell. */
  readonly empty: boolean;
  /** RFC 4180 CSV of `rows` ('' for hidden and empty sheets). */
  readonly csv: string;
}

export interface WorkbookSheets {
  readonly ok: true;
  readonly sheets: readonly WorkbookSheet[];
  /** The workbook counts dates from 1904 (old Mac Excel); already applied to the dates. */
  readonly date1904: boolean;
}

export type WorkbookResult = WorkbookSheets | WorkbookFailure;

export interface ReadWorkbookOptions {
  readonly maxFileBytes?: number;
  readonly maxSheetCells?: number;
  readonly maxXmlBytes?: number;
}

function fail(reason: WorkbookFailureReason, detail: string, extra: { sheet?: string; limit?: number } = {}): WorkbookFailure {
  return { ok: false, reason, detail, ...extra };
}

// ---- CSV ----

const NEEDS_QUOTES = /[",\r\n]/;

function csvCell(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV: comma, CRLF line ends, a cell quoted only when it holds a comma, a quote
 * or a line break (quotes doubled), every line padded to `width` fields. Cells are written
 * as they are: a cell starting with `=` is data here, not a formula — this text goes to the
 * app's own reader, never to a spreadsheet program.
 */
export function sheetCsv(rows: readonly (readonly string[])[], width: number): string {
  const lines: string[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const cells: string[] = new Array(width);
    for (let c = 0; c < width; c++) cells[c] = csvCell(row[c] ?? '');
    lines[r] = cells.join(',');
  }
  return lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
}

// ---- the package: workbook.xml, relationships, dimensions ----

interface SheetEntry {
  readonly name: string;
  readonly state: SheetState;
  readonly relationId: string | null;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlText(text: string): string {
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
      if (entity[0] !== '#') return XML_ENTITIES[entity.toLowerCase()] ?? whole;
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .replace(/_x([0-9a-f]{4})_/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) found.set(m[1], decodeXmlText(m[2] ?? m[3] ?? ''));
  return found;
}

/** The `<sheet>` elements of workbook.xml, in order (the order read-excel-file numbers them in). */
export function workbookSheetEntries(workbookXml: string): SheetEntry[] {
  const entries: SheetEntry[] = [];
  for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const attrs = attributes(m[1]);
    const name = attrs.get('name');
    if (!name) continue;
    const state = attrs.get('state');
    // The relationship id is the namespaced `id` attribute (`r:id`, sometimes another prefix).
    const relationId = [...attrs].find(([key]) => /:id$/.test(key))?.[1] ?? null;
    entries.push({ name, state: state === 'hidden' || state === 'veryHidden' ? state : 'visible', relationId });
  }
  return entries;
}

const WORKBOOK_PR = /<(?:[\w.-]+:)?workbookPr\b([^>]*)>/;

/** `date1904` is an xsd:boolean: Excel writes `1`, LibreOffice writes `true`. */
function isDate1904(workbookXml: string): boolean {
  const pr = WORKBOOK_PR.exec(workbookXml);
  if (!pr) return false;
  const value = attributes(pr[1]).get('date1904');
  return value === '1' || value === 'true';
}

/**
 * workbook.xml with `date1904="true"` written as `"1"`: read-excel-file only knows the
 * latter, and would read a LibreOffice workbook in the 1904 system 4 years and a day early.
 */
function withDate1904AsOne(workbookXml: string): string {
  return workbookXml.replace(WORKBOOK_PR, (tag) => tag.replace(/\bdate1904\s*=\s*(["'])true\1/, 'date1904="1"'));
}

/** Relationship id → part path inside the package (`xl/worksheets/sheet1.xml`). */
function relationTargets(relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const attrs = attributes(m[1]);
    const id = attrs.get('Id');
    const target = attrs.get('Target');
    if (!id || !target) continue;
    targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  return targets;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Cells from A1 to the bottom-right corner of the sheet's `<dimension ref>` (Excel and
 * LibreOffice write it near the top of the sheet's XML), or null when there is none.
 */
export function dimensionCells(sheetXmlHead: string): number | null {
  const m = /<(?:[\w.-]+:)?dimension\b[^>]*\bref\s*=\s*"([^"]+)"/.exec(sheetXmlHead);
  if (!m) return null;
  const corner = m[1].split(':').pop() ?? '';
  const cell = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(corner);
  if (!cell) return null;
  return columnNumber(cell[1]) * Number(cell[2]);
}

// ---- reading ----

async function bytesOf(input: Uint8Array | ArrayBuffer | Blob): Promise<Uint8Array> {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  return new Uint8Array(await input.arrayBuffer());
}

function sizeOf(input: Uint8Array | ArrayBuffer | Blob): number {
  return input instanceof Blob ? input.size : input.byteLength;
}

const isPackagePart = (name: string): boolean => name.endsWith('.xml') || name.endsWith('.rels');

/** Trailing empty cells of each row and trailing empty rows dropped; the width that is left. */
function trimmed(rows: string[][]): { rows: string[][]; width: number } {
  let width = 0;
  let lastFilled = -1;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let end = row.length;
    while (end > 0 && row[end - 1] === '') end--;
    if (end < row.length) row.length = end;
    if (end > 0) lastFilled = r;
    if (end > width) width = end;
  }
  rows.length = lastFilled + 1;
  return { rows, width };
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Reads every sheet of an .xlsx workbook as text rows and CSV, or says why it cannot.
 * Runs anywhere (Node, a Web Worker); in the browser call it in the worker
 * (`readWorkbookInWorker` / `workbookSheetFiles`): a large workbook takes seconds.
 */
export async function readWorkbook(input: Uint8Array | ArrayBuffer | Blob, options: ReadWorkbookOptions = {}): Promise<WorkbookResult> {
  const maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const maxSheetCells = options.maxSheetCells ?? MAX_SHEET_CELLS;
  const maxXmlBytes = options.maxXmlBytes ?? MAX_WORKBOOK_XML_BYTES;

  const size = sizeOf(input);
  if (size > maxFileBytes)
    return fail('too_large', `${size} bytes, more than the ${maxFileBytes} a file may have`, { limit: maxFileBytes });
  if (size === 0) return fail('empty_file', 'the file is 0 bytes long');
  const bytes = await bytesOf(input);

  switch (sniffContainer(bytes)) {
    case 'xls':
      return fail('xls', 'old binary Excel 97–2003 workbook (.xls)');
    case 'encrypted_ooxml':
      return fail('password_protected', 'encrypted Office file (OLE with EncryptedPackage): the workbook has a password');
    case 'ods':
      return fail('ods', 'OpenDocument spreadsheet (.ods)');
    case 'odf_other':
      return fail('not_a_workbook', 'an OpenDocument file that is not a spreadsheet');
    case 'ole':
      return fail('not_a_workbook', 'an OLE compound file without a workbook (e.g. a Word .doc)');
    case null:
      return fail('not_a_workbook', 'neither a ZIP package nor an OLE file');
    case 'zip':
    case 'xlsx':
      break;
  }

  // The ZIP directory first: what is inside and how large it says it is, nothing inflated.
  const listed: { name: string; originalSize: number }[] = [];
  try {
    unzipSync(bytes, { filter: (f) => (listed.push({ name: f.name, originalSize: f.originalSize }), false) });
  } catch (error) {
    return fail('corrupt_workbook', `the ZIP package cannot be read: ${errorText(error)}`);
  }
  const names = new Set(listed.map((f) => f.name));
  if (!names.has('xl/workbook.xml')) {
    const detail = names.has('xl/workbook.bin') ? 'a binary workbook (.xlsb)' : 'a ZIP file without xl/workbook.xml';
    return fail('not_a_workbook', detail);
  }
  const partBytes = listed.filter((f) => isPackagePart(f.name)).reduce((sum, f) => sum + f.originalSize, 0);
  if (partBytes > maxXmlBytes) {
    return fail('unpacked_too_large', `the workbook's XML unpacks to ${partBytes} bytes, more than ${maxXmlBytes}`, { limit: maxXmlBytes });
  }

  let parts: Unzipped;
  try {
    // fflate inflates each part into a buffer of the size the directory declares, no more.
    parts = unzipSync(bytes, { filter: (f) => isPackagePart(f.name) });
  } catch (error) {
    return fail('corrupt_workbook', `a part of the ZIP package cannot be unpacked: ${errorText(error)}`);
  }

  const workbookXml = strFromU8(parts['xl/workbook.xml']);
  const entries = workbookSheetEntries(workbookXml);
  const date1904 = isDate1904(workbookXml);
  if (date1904) parts['xl/workbook.xml'] = strToU8(withDate1904AsOne(workbookXml));
  const targets = relationTargets(parts['xl/_rels/workbook.xml.rels'] ? strFromU8(parts['xl/_rels/workbook.xml.rels']) : '');

  for (const entry of entries) {
    if (entry.state !== 'visible' || !entry.relationId) continue;
    const xml = parts[targets.get(entry.relationId) ?? ''];
    if (!xml) continue;
    // latin1 keeps the byte count and cannot split a character: enough for an ASCII pattern.
    const declared = dimensionCells(strFromU8(xml.subarray(0, 8192), true));
    if (declared !== null && declared > maxSheetCells) {
      return fail('too_many_cells', `sheet "${entry.name}" declares ${declared} cells, more than ${maxSheetCells}`, {
        sheet: entry.name,
        limit: maxSheetCells,
      });
    }
  }

  const visible = entries.flatMap((e, i) => (e.state === 'visible' ? [i + 1] : []));
  let read: { sheet: string; data: WorkbookCell[][] | undefined }[] = [];
  if (visible.length > 0) {
    // An uncompressed copy of the parts: the library only slices it (see the module comment).
    const stored = zipSync(parts, { level: 0 });
    parts = {};
    try {
      const whole = stored.byteOffset === 0 && stored.byteLength === stored.buffer.byteLength;
      const buffer = (whole ? stored.buffer : stored.slice().buffer) as ArrayBuffer;
      read = (await readXlsxFile(buffer, {
        trim: true,
        // Numbers as Excel wrote them, marked so they cannot pass for text cells.
        parseNumber: (text: string) => ({ number: text }),
        // Read the visible sheets only (1-based positions; an option of the library's
        // code that its types do not list — the pinned version has it, a test checks it).
        sheets: visible,
      } as Parameters<typeof readXlsxFile>[1])) as unknown as typeof read;
    } catch (error) {
      return fail('corrupt_workbook', `the workbook's XML cannot be read: ${errorText(error)}`);
    }
  }

  const sheets: WorkbookSheet[] = [];
  let next = 0;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.state !== 'visible') {
      sheets.push({ name: entry.name, position: i + 1, state: entry.state, rows: [], width: 0, empty: false, csv: '' });
      continue;
    }
    const sheet = read[next++];
    const name = sheet?.sheet ?? entry.name;
    const { rows, width } = trimmed((sheet?.data ?? []).map((row) => row.map((cell) => cellText(cell, date1904))));
    if (rows.length * width > maxSheetCells) {
      return fail('too_many_cells', `sheet "${name}" has ${rows.length} rows × ${width} columns, more than ${maxSheetCells} cells`, {
        sheet: name,
        limit: maxSheetCells,
      });
    }
    const empty = rows.length === 0;
    sheets.push({ name, position: i + 1, state: 'visible', rows, width, empty, csv: empty ? '' : sheetCsv(rows, width) });
  }
  return { ok: true, sheets, date1904 };
}

// ---- one CSV file per sheet ----

/** The separator between the workbook's and the sheet's name in a sheet file's name. */
export const SHEET_NAME_SEPARATOR = ' › ';

/** `Ekspor.xlsx › Klien`: the name the Data page shows for a sheet. */
export function sheetFileName(workbookName: string, sheetName: string): string {
  return `${workbookName}${SHEET_NAME_SEPARATOR}${sheetName}`;
}

export interface SheetFile {
  readonly sheet: string;
  /** UTF-8 CSV (`text/csv`), named `<workbook> › <sheet>`: ready for `inspectFile`. */
  readonly file: File;
}

export interface SkippedSheet {
  readonly sheet: string;
  /** `dictionary`: the data-dictionary sheet of the app's own .xlsx template. */
  readonly reason: 'hidden' | 'empty' | 'dictionary';
}

export interface WorkbookSheetFiles {
  readonly ok: true;
  /** One file per visible sheet with at least one filled cell, in workbook order. */
  readonly files: readonly SheetFile[];
  /** Hidden and empty sheets (and the template's dictionary), in workbook order: reported, not turned into files. */
  readonly skipped: readonly SkippedSheet[];
}

export type WorkbookFilesResult = WorkbookSheetFiles | WorkbookFailure;

/** Reads a workbook and makes one CSV `File` per non-empty visible sheet (runs in the worker). */
export async function expandWorkbook(input: Blob, workbookName: string, options: ReadWorkbookOptions = {}): Promise<WorkbookFilesResult> {
  const result = await readWorkbook(input, options);
  if (!result.ok) return result;
  const files: SheetFile[] = [];
  const skipped: SkippedSheet[] = [];
  for (const sheet of result.sheets) {
    if (sheet.state !== 'visible') skipped.push({ sheet: sheet.name, reason: 'hidden' });
    else if (sheet.empty) skipped.push({ sheet: sheet.name, reason: 'empty' });
    else if (sheet.name === DICTIONARY_SHEET_NAME) skipped.push({ sheet: sheet.name, reason: 'dictionary' });
    else files.push({ sheet: sheet.name, file: new File([sheet.csv], sheetFileName(workbookName, sheet.name), { type: 'text/csv' }) });
  }
  return { ok: true, files, skipped };
}
