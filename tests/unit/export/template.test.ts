/**
 * The templates follow schema.ts: the dictionary has words for every column, the CSV
 * templates are recognised and their example rows load without a problem, and the .xlsx
 * template reads back (with the app's own workbook reader) to every table's header, the
 * example values and the dictionary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES, TABLES, columnNames } from '../../../src/lib/domain/schema';
import { COLUMN_DOCS, DICTIONARY_SHEET_NAME, TABLE_DOCS, columnDoc } from '../../../src/lib/domain/column-docs';
import {
  DICTIONARY_HEADER,
  dictionaryRows,
  templateCsv,
  templateCsvFileName,
  templateWorkbook,
  workbookHeader,
} from '../../../src/lib/export/template';
import { templateXlsx } from '../../../src/lib/export/template-xlsx';
import { expandWorkbook, readWorkbook, type WorkbookSheets } from '../../../src/lib/ingest/xlsx';
import { inspectFile, type FileInspection } from '../../../src/lib/upload/inspect';
import { fileFrom, openEmptyDatabase, upload } from '../../helpers/upload';

describe('column-docs.ts covers schema.ts', () => {
  it('every column of every table has its words, and every entry names a column', () => {
    const schemaKeys = TABLE_NAMES.flatMap((t) => columnNames(t).map((c) => `${t}.${c}`));
    const missing = schemaKeys.filter((k) => !(k in COLUMN_DOCS));
    const unknown = Object.keys(COLUMN_DOCS).filter((k) => !schemaKeys.includes(k));
    expect({ missing, unknown }).toEqual({ missing: [], unknown: [] });
    for (const key of schemaKeys) {
      const [table, column] = key.split('.') as [(typeof TABLE_NAMES)[number], string];
      const doc = columnDoc(table, column)!;
      for (const text of [doc.id, doc.en, doc.lostId, doc.lostEn]) expect(text.trim().length, key).toBeGreaterThan(10);
      if (TABLES[table].columns.find((c) => c.name === column)!.required) expect(doc.example, `${key} is required`).not.toBe('');
    }
    expect(Object.keys(TABLE_DOCS)).toEqual([...TABLE_NAMES]);
  });
});

describe('CSV templates', () => {
  it.each(TABLE_NAMES)('%s: BOM, canonical header, one example row; recognised with nothing missing', async (table) => {
    const csv = templateCsv(table);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, example, end] = csv.slice(1).split('\r\n');
    expect(header).toBe(columnNames(table).join(','));
    expect(end).toBe('');
    const inspection = await inspectFile(fileFrom(templateCsvFileName(table), new TextEncoder().encode(csv)));
    expect(inspection.ok).toBe(true);
    const ok = inspection as FileInspection;
    expect([ok.encoding, ok.titleRows, ok.match.table, ok.match.missingRequired, ok.match.needsReview]).toEqual([
      'utf-8-bom',
      0,
      table,
      [],
      false,
    ]);
    expect(ok.match.mapping).toEqual(columnNames(table));
    expect(ok.previewRows).toEqual([example.split(',').map((c) => c.replace(/^"|"$/g, ''))]);
  });

  describe('their example rows are valid values', () => {
    let db: Awaited<ReturnType<typeof openEmptyDatabase>>;
    beforeAll(async () => {
      db = await openEmptyDatabase();
    });
    afterAll(() => db?.close());
    it('the four templates load as a dataset without a single problem', async () => {
      const report = await upload(
        db,
        TABLE_NAMES.map((t) => fileFrom(templateCsvFileName(t), templateCsv(t))),
      );
      expect(report.problemsTotal).toBe(0);
      expect(report.tables).toEqual(TABLE_NAMES.map((table) => ({ table, rows: 1 })));
    });
  });
});

describe('the .xlsx template', () => {
  let blob: Blob;
  let read: WorkbookSheets;
  beforeAll(async () => {
    blob = await templateXlsx();
    const r = await readWorkbook(blob);
    if (!r.ok) throw new Error(r.detail);
    read = r;
  });

  it('is an .xlsx Blob with a sheet per table and the dictionary', () => {
    expect(blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(read.sheets.map((s) => [s.name, s.state])).toEqual([
      ...TABLE_NAMES.map((t) => [t, 'visible']),
      [DICTIONARY_SHEET_NAME, 'visible'],
    ]);
  });

  it.each(TABLE_NAMES)('sheet %s reads back to its header (required columns marked *) and the example values', (table) => {
    const sheet = read.sheets.find((s) => s.name === table)!;
    expect(sheet.rows[0]).toEqual(TABLES[table].columns.map(workbookHeader));
    expect(sheet.rows[0].filter((h) => h.endsWith(' *'))).toEqual(
      TABLES[table].columns.filter((c) => c.required).map((c) => `${c.name} *`),
    );
    // Typed cells (dates, amounts, hours, yes/no) come back as the CSV template's text.
    const csvExample = templateCsv(table).slice(1).split('\r\n')[1].split(',');
    const padded = [...sheet.rows[1], ...Array<string>(csvExample.length - sheet.rows[1].length).fill('')];
    expect(padded).toEqual(csvExample);
  });

  it('the dictionary sheet reads back to one row per column, with required read from schema.ts', () => {
    const sheet = read.sheets.find((s) => s.name === DICTIONARY_SHEET_NAME)!;
    expect(sheet.rows[0]).toEqual([...DICTIONARY_HEADER]);
    const expected = dictionaryRows().map((row) => {
      const copy = [...row];
      while (copy.length > 0 && copy[copy.length - 1] === '') copy.pop();
      return copy;
    });
    expect(sheet.rows.slice(1).map((r) => [...r])).toEqual(expected);
    const all = TABLE_NAMES.flatMap((t) => TABLES[t].columns.map((c) => [t, c.name, c.required ? 'ya / yes' : 'tidak / no']));
    expect(sheet.rows.slice(1).map((r) => r.slice(0, 3))).toEqual(all);
    // the programme column says what is lost without it
    const programme = sheet.rows.find((r) => r[0] === 'clients' && r[1] === 'programme')!;
    expect(programme[10]).toBe('The "Programme" dimension is unavailable for clients: programmes cannot be compared.');
  });

  it('filled in and uploaded, its sheets are recognised and its dictionary is skipped', async () => {
    const expanded = await expandWorkbook(blob, 'templat-dampingan.xlsx');
    if (!expanded.ok) throw new Error(expanded.detail);
    expect(expanded.skipped).toEqual([{ sheet: DICTIONARY_SHEET_NAME, reason: 'dictionary' }]);
    for (const [i, { file }] of expanded.files.entries()) {
      const inspection = (await inspectFile(file)) as FileInspection;
      expect([inspection.ok, inspection.match.table, inspection.match.missingRequired, inspection.match.needsReview]).toEqual([
        true,
        TABLE_NAMES[i],
        [],
        false,
      ]);
      expect(inspection.match.mapping).toEqual(columnNames(TABLE_NAMES[i]));
    }
  });

  it('the workbook content is plain data (no library needed to build it)', () => {
    const sheets = templateWorkbook();
    expect(sheets.map((s) => s.name)).toEqual([...TABLE_NAMES, DICTIONARY_SHEET_NAME]);
    expect(sheets.every((s) => s.widths.length === s.rows[0].length)).toBe(true);
  });
});
