/**
 * Writes the .xlsx template (`templateWorkbook()`) with write-excel-file — its `universal`
 * entry: no DOM, no `eval`, returns a Blob in the browser and in Node alike. Imported
 * lazily (on the button press), so the library only loads when someone asks for the file.
 */
import writeXlsxFile, { type Cell, type Sheet } from 'write-excel-file/universal';
import { templateWorkbook, type TemplateCell, type TemplateSheet } from './template';

const HEADER_FILL = '#E3ECE9';
const REQUIRED_FILL = '#FBE3B5';

function cell(c: TemplateCell, wrap: boolean): Cell {
  if (c === null) return null;
  switch (c.kind) {
    case 'text':
      return c.header
        ? {
            value: c.value,
            type: String,
            fontWeight: 'bold',
            backgroundColor: c.required ? REQUIRED_FILL : HEADER_FILL,
            wrap,
            alignVertical: 'top',
          }
        : { value: c.value, type: String, format: '@', wrap, alignVertical: 'top' };
    case 'number':
      return { value: c.value, type: Number, format: c.format };
    case 'date':
      return { value: c.value, type: Date, format: 'yyyy-mm-dd' };
    case 'boolean':
      return { value: c.value, type: Boolean };
  }
}

function sheet(s: TemplateSheet): Sheet<Blob> {
  return {
    sheet: s.name,
    data: s.rows.map((row) => row.map((c) => cell(c, s.wrap ?? false))),
    columns: s.widths.map((width) => ({ width })),
    stickyRowsCount: 1,
  };
}

/** The .xlsx template as a Blob (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`). */
export function templateXlsx(): Promise<Blob> {
  return writeXlsxFile(templateWorkbook().map(sheet)).toBlob();
}
