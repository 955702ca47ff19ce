/**
 * Writes an exported workbook (workbook.ts decides its content) with write-excel-file's
 * `universal` entry: no DOM, no `eval`, a Blob in the browser and in Node alike. Pages
 * import this module with `import()` on the button press, so the library loads only when
 * someone asks for a workbook.
 */
import writeXlsxFile, { type Cell, type Sheet } from 'write-excel-file/universal';
import type { WorkbookCell, WorkbookSheet } from './workbook';

const HEADER_FILL = '#E3ECE9';

function cell(c: WorkbookCell, wrap: boolean): Cell {
  if (c === null) return null;
  switch (c.kind) {
    case 'text':
      return c.header
        ? { value: c.value, type: String, fontWeight: 'bold', backgroundColor: HEADER_FILL, wrap: true, alignVertical: 'top' }
        : { value: c.value, type: String, wrap, alignVertical: 'top', ...(c.bold ? { fontWeight: 'bold' as const } : {}) };
    case 'number':
      return { value: c.value, type: Number, format: c.format };
    case 'date':
      return { value: c.value, type: Date, format: 'yyyy-mm-dd' };
    case 'boolean':
      return { value: c.value, type: Boolean };
  }
}

function sheet(s: WorkbookSheet): Sheet<Blob> {
  return {
    sheet: s.name,
    data: s.rows.length > 0 ? s.rows.map((row) => row.map((c) => cell(c, s.wrap ?? false))) : [[]],
    columns: s.widths.map((width) => ({ width })),
    stickyRowsCount: s.stickyRows,
  };
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The workbook as an .xlsx Blob. */
export function workbookXlsx(sheets: readonly WorkbookSheet[]): Promise<Blob> {
  return writeXlsxFile(sheets.map(sheet)).toBlob();
}
