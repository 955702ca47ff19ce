/**
 * Renders the column tables of export format v1 (from src/lib/domain/schema.ts) as
 * Markdown, for data/README.md. Print with `npx tsx scripts/sample/schema-doc.ts`;
 * a unit test checks the README still contains exactly this text.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { DUCKDB_TYPE, FORMAT_VERSION, TABLE_NAMES, TABLES, type ColumnDef } from '../../src/lib/domain/schema';

const escape = (text: string): string => text.replace(/\|/g, '\\|');

function typeOf(c: ColumnDef): string {
  return `${c.kind} (${DUCKDB_TYPE[c.kind]})`;
}

function allowed(c: ColumnDef): string {
  const codes = c.values?.map((v) => `\`${v}\``).join(', ');
  if (codes && c.kind === 'enum_list') return `one or more of ${codes}, separated by \`|\``;
  if (codes) return codes;
  switch (c.kind) {
    case 'region':
      return '4-digit BPS code';
    case 'date':
      return 'yyyy-mm-dd';
    case 'boolean':
      return '`true`, `false`';
    case 'money':
      return 'whole rupiah ≥ 0';
    case 'integer':
      return 'whole number';
    case 'decimal':
      return 'number, dot decimal';
    default:
      return '';
  }
}

export function schemaMarkdown(): string {
  const out: string[] = [`<!-- generated from src/lib/domain/schema.ts (format v${FORMAT_VERSION}) by scripts/sample/schema-doc.ts -->`];
  for (const name of TABLE_NAMES) {
    const table = TABLES[name];
    out.push('', `### \`${name}.csv\``, '', `${table.description} Key: ${table.key.map((k) => `\`${k}\``).join(' + ')}.`, '');
    out.push('| column | type | required in an upload | allowed values | meaning | also called (Indonesian first) | personal data |');
    out.push('|---|---|---|---|---|---|---|');
    for (const c of table.columns) {
      out.push(
        `| \`${c.name}\` | ${typeOf(c)} | ${c.required ? '**yes**' : c.core ? 'no (expected in a full export)' : 'no'} | ${escape(allowed(c))} | ${escape(c.description)} | ${c.aliases.map((a) => `\`${a}\``).join(', ')} | ${c.personal ? 'yes' : ''} |`,
      );
    }
  }
  out.push('', '<!-- end of generated tables -->');
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  console.log(schemaMarkdown());
}
