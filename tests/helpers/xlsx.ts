/**
 * Real spreadsheet files made in the test, byte for byte what a reader meets:
 *  - `.xlsx` workbooks written by write-excel-file, with the parts Excel writes and the
 *    library does not reached through its documented "features" hooks: a hidden sheet's
 *    `state`, the 1904 date system, a formula's cached value, a sheet's `<dimension>`;
 *  - an OpenDocument `.ods` (a ZIP whose first, uncompressed entry `mimetype` names it);
 *  - OLE compound files (MS-CFB, version 3, 512-byte sectors) with the directory an old
 *    `.xls` (`Workbook` stream) or a password-protected `.xlsx` (`EncryptionInfo`,
 *    `EncryptedPackage` …) has.
 */
import writeXlsxFile, { type Cell, type Feature, type Sheet } from 'write-excel-file/universal';
import { strToU8, zipSync } from 'fflate';
import { File } from 'node:buffer';
import Papa from 'papaparse';
import { TABLES, type ColumnDef, type TableName } from '../../src/lib/domain/schema';

export interface SheetSpec {
  readonly name: string;
  readonly rows: Cell[][];
  readonly hidden?: boolean;
  /** `<dimension ref="…">` to write into the sheet (Excel always writes one). */
  readonly dimension?: string;
  /** Formula text → cached value written as `<v>` (Excel stores the last result). */
  readonly cached?: Readonly<Record<string, string | number>>;
  /** Any other change to the sheet's XML. */
  readonly transform?: (xml: string) => string;
}

export interface WorkbookSpec {
  readonly sheets: readonly SheetSpec[];
  /** Count dates from 1904 (`<workbookPr date1904="1"/>`); date cells must then hold 1904 serials. */
  readonly date1904?: boolean;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function features(spec: WorkbookSpec): Feature<Blob>[] {
  const byPosition = new Map(spec.sheets.map((s, i) => [i + 1, s]));
  return [
    {
      files: {
        transform: {
          'xl/workbook.xml': {
            transformElementAttributes(tag, attributes) {
              if (tag === 'sheet' && spec.sheets.find((s) => s.name === attributes.name)?.hidden) return { ...attributes, state: 'hidden' };
              if (tag === 'workbookPr' && spec.date1904) return { ...attributes, date1904: '1' };
              return attributes;
            },
          },
          'xl/worksheets/sheet{id}.xml': {
            transform(xml, _options, properties) {
              const sheet = byPosition.get(properties.sheetIndex + 1) ?? byPosition.get(Number(properties.sheetId));
              if (!sheet) return xml;
              let out = xml;
              for (const [formula, value] of Object.entries(sheet.cached ?? {})) {
                // write-excel-file writes `<f>=A1*2</f>` without a result; Excel writes the
                // formula without `=` and the cached result in `<v>`.
                const text = typeof value === 'number' ? String(value) : escapeXml(value);
                const type = typeof value === 'number' ? '' : ' t="str"';
                out = out.replace(
                  new RegExp(`<c r="([A-Z]+\\d+)"([^>]*)><f>${escapeXml(formula).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</f></c>`),
                  (_m, ref: string, attrs: string) =>
                    `<c r="${ref}"${attrs}${type}><f>${escapeXml(formula.replace(/^=/, ''))}</f><v>${text}</v></c>`,
                );
              }
              if (sheet.dimension) out = out.replace('<sheetData', `<dimension ref="${sheet.dimension}"/><sheetData`);
              return sheet.transform ? sheet.transform(out) : out;
            },
          },
        },
      },
    },
  ];
}

export async function xlsxBytes(spec: WorkbookSpec): Promise<Uint8Array> {
  const sheets: Sheet<Blob>[] = spec.sheets.map((s) => ({ sheet: s.name, data: s.rows.length ? s.rows : [[]] }));
  const blob = await writeXlsxFile(sheets, { features: features(spec) }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

export function namedFile(name: string, bytes: Uint8Array): globalThis.File {
  return new File([bytes], name) as unknown as globalThis.File;
}

/** A date cell as Excel stores it (a serial day number with a date format). */
export function dateCell(iso: string, format = 'dd/mm/yyyy'): Cell {
  const [y, m, d] = iso.split('-').map(Number);
  return { value: new Date(Date.UTC(y, m - 1, d)), type: Date, format };
}

/** The same day as a serial of the 1904 date system (for a `date1904` workbook). */
export function date1904Cell(iso: string, format = 'dd/mm/yyyy'): Cell {
  const [y, m, d] = iso.split('-').map(Number);
  const serial1900 = Date.UTC(y, m - 1, d) / 86_400_000 + 25_569;
  return { value: serial1900 - 1_462, type: Number, format };
}

/** A canonical CSV value as the typed cell a spreadsheet user would have. */
export function typedCell(column: ColumnDef, text: string): Cell {
  if (text === '') return null;
  switch (column.kind) {
    case 'date':
      return dateCell(text);
    case 'integer':
    case 'money':
    case 'decimal':
      return { value: Number(text), type: Number, format: column.kind === 'money' ? '#,##0' : 'General' };
    case 'boolean':
      return { value: text === 'true', type: Boolean };
    default:
      return { value: text, type: String };
  }
}

/** A canonical CSV table as sheet rows: the header, then typed cells. */
export function typedRows(table: TableName, csv: string): Cell[][] {
  const [header, ...records] = Papa.parse<string[]>(csv.trimEnd(), { header: false }).data;
  const columns = header.map((name) => TABLES[table].columns.find((c) => c.name === name)!);
  return [header, ...records.map((record) => record.map((text, i) => typedCell(columns[i], text)))];
}

/** Two report-title rows (the first merged across the table) above a table. */
export function withTitles(rows: Cell[][], title: string, subtitle: string): Cell[][] {
  const width = rows[0].length;
  return [[{ value: title, columnSpan: width, fontWeight: 'bold' }, ...Array<Cell>(width - 1).fill(null)], [subtitle], ...rows];
}

export function odsBytes(): Uint8Array {
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
    'META-INF/manifest.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
    ),
    'content.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
    ),
  });
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const FAT_SECTOR = 0xfffffffd;

/**
 * An OLE compound file whose directory lists `names` (streams of size 0 under the root),
 * with `padding` empty sectors before the directory (to put it past a file's first MB).
 */
export function oleBytes(names: readonly string[], padding = 0): Uint8Array {
  const sector = 512;
  const perFat = sector / 4;
  const entries = ['Root Entry', ...names];
  const dirSectors = Math.ceil(entries.length / 4);
  // Layout: FAT sectors, padding sectors, directory sectors.
  let fatSectors = 1;
  while (fatSectors * perFat < fatSectors + padding + dirSectors) fatSectors++;
  const firstDir = fatSectors + padding;
  const total = firstDir + dirSectors;
  const out = new Uint8Array(sector * (1 + total));
  const view = new DataView(out.buffer);
  out.set(OLE_MAGIC, 0);
  view.setUint16(0x18, 0x003e, true); // minor version
  view.setUint16(0x1a, 0x0003, true); // major version 3
  view.setUint16(0x1c, 0xfffe, true); // little-endian
  view.setUint16(0x1e, 9, true); // 512-byte sectors
  view.setUint16(0x20, 6, true); // 64-byte mini sectors
  view.setUint32(0x2c, fatSectors, true);
  view.setUint32(0x30, firstDir, true);
  view.setUint32(0x38, 4096, true); // mini stream cutoff
  view.setUint32(0x3c, END_OF_CHAIN, true);
  view.setUint32(0x44, END_OF_CHAIN, true);
  for (let i = 0; i < 109; i++) view.setUint32(0x4c + i * 4, i < fatSectors ? i : FREE, true);
  // The FAT: its own sectors marked, padding free, the directory chained.
  const fatEntry = (id: number, value: number) => view.setUint32(sector * (1 + Math.floor(id / perFat)) + (id % perFat) * 4, value, true);
  for (let id = 0; id < fatSectors * perFat; id++) fatEntry(id, FREE);
  for (let id = 0; id < fatSectors; id++) fatEntry(id, FAT_SECTOR);
  for (let d = 0; d < dirSectors; d++) fatEntry(firstDir + d, d === dirSectors - 1 ? END_OF_CHAIN : firstDir + d + 1);
  entries.forEach((name, i) => {
    const at = sector * (1 + firstDir) + i * 128;
    for (let c = 0; c < name.length; c++) view.setUint16(at + c * 2, name.charCodeAt(c), true);
    view.setUint16(at + 0x40, (name.length + 1) * 2, true);
    out[at + 0x42] = i === 0 ? 5 : 2; // root storage, streams
    out[at + 0x43] = 1; // black
    view.setUint32(at + 0x44, FREE, true);
    view.setUint32(at + 0x48, i === 0 || i === entries.length - 1 ? FREE : i + 1, true); // right sibling chain
    view.setUint32(at + 0x4c, i === 0 && entries.length > 1 ? 1 : FREE, true);
    view.setUint32(at + 0x74, END_OF_CHAIN, true);
  });
  return out;
}

/** What Excel writes for a .xls workbook: an OLE file with a `Workbook` stream. */
export const xlsBytes = (padding = 0) => oleBytes(['Workbook', '\u0005SummaryInformation', '\u0005DocumentSummaryInformation'], padding);

/** What Office writes for an .xlsx saved with a password (agile encryption): the package is encrypted inside an OLE file. */
export const encryptedXlsxBytes = (padding = 0) =>
  oleBytes(
    [
      '\u0006DataSpaces',
      'Version',
      'DataSpaceMap',
      'DataSpaceInfo',
      'StrongEncryptionDataSpace',
      'TransformInfo',
      'EncryptionInfo',
      'EncryptedPackage',
    ],
    padding,
  );
