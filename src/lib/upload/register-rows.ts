/**
 * Puts rows computed in JavaScript (value mappings, line runs) into a DuckDB table, fast:
 * as an internal CSV buffer read by `read_csv`, not thousands of INSERTs. This CSV is
 * never shown to anyone or opened in a spreadsheet, so it is written exactly (every value
 * quoted, no formula neutralising — that would change the keys). A null is an empty,
 * unquoted field; DuckDB reads an empty quoted field as null too, which is fine because
 * the values written here are never empty strings.
 */
import type { Database } from '../query/database';
import { ident, stringLiteral } from '../query/sql';
import { appFile } from '../db/engine-lockdown';

export type CellType = 'VARCHAR' | 'BIGINT' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN';

export interface RowsSpec {
  /** Table to create (replaced if it exists); must match /^[a-z_][a-z0-9_]*$/. */
  readonly table: string;
  readonly columns: readonly (readonly [name: string, type: CellType])[];
}

function field(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `"${value.replace(/"/g, '""')}"`;
}

let counter = 0;

export async function registerRows(
  db: Database,
  spec: RowsSpec,
  rows: readonly (readonly (string | number | boolean | null)[])[],
): Promise<void> {
  const names = spec.columns.map(([n]) => n);
  const tableName = ident(spec.table, [spec.table]);
  const columnsSql = spec.columns.map(([n, t]) => `${ident(n, names)} ${t}`).join(', ');
  if (rows.length === 0) {
    await db.query(`CREATE OR REPLACE TEMP TABLE ${tableName} (${columnsSql})`);
    return;
  }
  let longest = 0;
  const lines = rows.map((row) => {
    const line = row.map(field).join(',');
    if (line.length > longest) longest = line.length;
    return line;
  });
  const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
  const file = appFile(`rows_${spec.table}_${++counter}.csv`);
  await db.registerFileBuffer(file, bytes);
  try {
    const struct = spec.columns.map(([n, t]) => `${stringLiteral(n)}: ${stringLiteral(t)}`).join(', ');
    await db.query(
      `CREATE OR REPLACE TEMP TABLE ${tableName} AS SELECT * FROM read_csv(${stringLiteral(file)}, header = false, delim = ',',
        quote = '"', escape = '"', auto_detect = false, parallel = false, columns = {${struct}},
        max_line_size = ${Math.max(2_097_152, longest * 4 + 1024)})`,
    );
  } finally {
    await db.dropFile(file);
  }
}
