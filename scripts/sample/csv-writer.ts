/**
 * Writes one canonical CSV table (UTF-8, comma, header row, `\n` line ends) in chunks,
 * so millions of rows never sit in memory at once.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { baseColumnNames, type TableName } from '../../src/lib/domain/schema';

/** A cell before formatting: null is an empty (missing) cell; numbers must be integers. */
export type Cell = string | number | boolean | null;

const NEEDS_QUOTES = /[",\r\n]/;

/** Canonical text of one cell; quoted only when it holds a comma, quote or line break. */
export function formatCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`non-integer number ${value}: format decimals as text`);
    return String(value);
  }
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const CHUNK_CHARS = 1 << 20;

export class CsvWriter<Row extends Record<string, Cell>> {
  private readonly fd: number;
  private readonly columns: readonly string[];
  private buffer: string[] = [];
  private bufferedChars = 0;
  rows = 0;

  constructor(path: string, table: TableName) {
    // The sample predates the late columns (owner's birth year, disability) and stays as it was.
    this.columns = baseColumnNames(table);
    this.fd = openSync(path, 'w');
    this.push(this.columns.join(','));
  }

  write(row: Row): void {
    const cells = new Array<string>(this.columns.length);
    for (let i = 0; i < this.columns.length; i++) {
      const value = row[this.columns[i]];
      if (value === undefined) throw new Error(`row has no column ${this.columns[i]}`);
      cells[i] = formatCell(value);
    }
    this.push(cells.join(','));
    this.rows++;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private push(line: string): void {
    this.buffer.push(line);
    this.bufferedChars += line.length + 1;
    if (this.bufferedChars >= CHUNK_CHARS) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join('\n') + '\n', null, 'utf8');
    this.buffer = [];
    this.bufferedChars = 0;
  }
}
