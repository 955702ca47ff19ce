/**
 * The canonical fast path's checks, as counts only: how many rows the general path would
 * reject, empty, skip or change — never which ones (that is the general path's job, which
 * the pipeline runs instead whenever a count is not zero).
 *
 * - rows flagged `_bad` while reading (`canonical-stage.ts`);
 * - ids that are no key (a session's client, a cohort): each distinct value through the
 *   general path's SQL expression, which must give it back unchanged;
 * - codes (enums, regions, function keys): each distinct value goes through the same TS
 *   normaliser as in the general path and must come back unchanged;
 * - a spreadsheet totals row among the last rows (the general path leaves it out);
 * - second rows with a key already seen;
 * - sessions and outcomes naming a client or mentor that is not loaded (same predicates as
 *   `checks.ts`, so the derived tables count as loaded).
 */
import type { Database } from '../query/database';
import { TABLES, type TableName } from '../domain/schema';
import { normalizeCell } from '../ingest/normalize';
import { isTotalsRow } from '../ingest/row-shape';
import { ident } from '../query/sql';
import { stagingTable } from './checks';
import { canonicalValue, nest, type NormaliseContext } from './normalise';
import { textSql } from './sql-values';
import type { StageInput } from './stage';

const CODE_KINDS = new Set(['enum', 'enum_list', 'region']);

/** Rows the general path would not load as they are, over the files' staged rows. */
export async function countValueFailures(
  db: Database,
  inputs: readonly (StageInput & { readonly index: number })[],
  ctx: NormaliseContext,
): Promise<number> {
  const tables = [...new Set(inputs.map((i) => i.table))];
  const flagged = await db.query<{ n: number }>(
    `SELECT count(*)::BIGINT AS n FROM (${tables.map((t) => `SELECT _bad FROM ${stagingTable(t)}`).join(' UNION ALL ')}) WHERE _bad`,
  );
  if ((flagged[0]?.n ?? 0) > 0) return flagged[0].n;
  let failures = 0;
  for (const table of tables) {
    const names = TABLES[table].columns.map((c) => c.name);
    for (const [k, def] of TABLES[table].columns.entries()) {
      if (def.kind !== 'id' || TABLES[table].key.includes(def.name)) continue;
      const q = ident(def.name, names);
      const text = textSql(q, `_x${k}_`, 'id');
      const [row] = await db.query<{ n: number }>(
        `SELECT count(*)::BIGINT AS n FROM ${nest(`(SELECT DISTINCT ${q} FROM ${stagingTable(table)} WHERE ${q} IS NOT NULL)`, [text])}
         WHERE ${text.value} IS DISTINCT FROM ${q}`,
      );
      if ((row?.n ?? 0) > 0) return row.n;
    }
    for (const def of TABLES[table].columns.filter((c) => CODE_KINDS.has(c.kind))) {
      const q = ident(def.name, names);
      const values = await db.query<{ raw: string }>(`SELECT DISTINCT ${q} AS raw FROM ${stagingTable(table)} WHERE ${q} IS NOT NULL`);
      for (const { raw } of values) {
        const r = normalizeCell(def, raw, { excelSerialDates: true, functionIndex: ctx.functionIndex });
        if (!r.ok || canonicalValue(r.value) !== raw) failures++;
      }
      if (failures > 0) return failures;
    }
  }
  for (const input of inputs) if (await endsWithTotalsRow(db, input)) return 1;
  return 0;
}

/** A totals label in the first two columns of one of the file's last rows. */
async function endsWithTotalsRow(db: Database, input: StageInput & { readonly index: number }): Promise<boolean> {
  const names = TABLES[input.table].columns.map((c) => c.name);
  const [first, second] = input.inspection.header.slice(0, 2).map((n) => ident(n, names));
  const last = await db.query<{ a: string | null; b: string | null }>(
    `SELECT ${first}::VARCHAR AS a, ${second}::VARCHAR AS b FROM ${stagingTable(input.table)}
     WHERE _file = ${input.index} ORDER BY _row DESC LIMIT 6`,
  );
  return last.some((r) => isTotalsRow([r.a ?? '', r.b ?? '']));
}

/** Rows whose key an earlier row already has. */
export async function countDuplicateKeys(db: Database, tables: readonly TableName[]): Promise<number> {
  if (tables.length === 0) return 0;
  const parts = tables.map((t) => {
    const names = TABLES[t].columns.map((c) => c.name);
    const key = TABLES[t].key.map((k) => ident(k, names)).join(', ');
    return `SELECT count(*) - count(DISTINCT (${key})) AS n FROM ${stagingTable(t)}`;
  });
  const [row] = await db.query<{ n: number }>(`SELECT sum(n)::BIGINT AS n FROM (${parts.join(' UNION ALL ')})`);
  return row?.n ?? 0;
}

/** Sessions and outcomes of clients or mentors that are not loaded. */
export async function countDanglingReferences(db: Database): Promise<number> {
  const clients = `(SELECT client_id FROM ${stagingTable('clients')})`;
  const [row] = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM ${stagingTable('sessions')} s
               WHERE s.client_id NOT IN ${clients} OR s.mentor_id NOT IN (SELECT mentor_id FROM ${stagingTable('mentors')}))
          + (SELECT count(*) FROM ${stagingTable('outcomes')} s WHERE s.client_id NOT IN ${clients}) AS n`,
  );
  return Number(row?.n ?? 0);
}
