/**
 * A content fingerprint of the loaded dataset that does not depend on how the files were
 * written: per canonical table, the row count and the XOR of DuckDB's `hash()` of every
 * row's canonical (typed, normalised) columns — order-free, so a re-export with `;`,
 * decimal commas, Indonesian dates or Windows-1252 gives the same fingerprint as the
 * original. The four table digests are folded into 16 hex digits with FNV-1a.
 *
 * Columns added to the format later (`ColumnDef.late`: the owner's birth year and
 * disability) are hashed only in rows where one of them holds a value: a row without them
 * hashes exactly as before they existed, so every dataset loaded before keeps its
 * fingerprint (stored uploads reopen, share links still match).
 *
 * `hash()` is DuckDB's own; the fingerprint is stable for one engine version (the one the
 * site ships) and is an identity for a link, not a security feature.
 */
import type { Database } from '../query/database';
import { FORMAT_VERSION, TABLES, TABLE_NAMES, baseColumnNames, lateColumnNames, type TableName } from '../domain/schema';
import { ident } from '../query/sql';

/** The SQL that digests one canonical table (`source` defaults to the table itself). */
export function tableDigestSql(table: TableName, source: string = table): string {
  const names = TABLES[table].columns.map((c) => c.name);
  const list = (subset: readonly string[]) => subset.map((n) => ident(n, names)).join(', ');
  const late = lateColumnNames(table);
  const base = `hash(${list(baseColumnNames(table))})`;
  const row =
    late.length === 0
      ? base
      : `CASE WHEN ${late.map((n) => `${ident(n, names)} IS NULL`).join(' AND ')} THEN ${base} ELSE hash(${list(names)}) END`;
  return `SELECT count(*)::BIGINT AS n, coalesce(to_hex(bit_xor(${row})), '0') AS x FROM ${source}`;
}

function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) h = BigInt.asUintN(64, (h ^ BigInt(b)) * prime);
  return h.toString(16).padStart(16, '0');
}

export async function datasetFingerprint(db: Database, source: (table: TableName) => string = (t) => t): Promise<string> {
  const parts: string[] = [`v${FORMAT_VERSION}`];
  for (const table of TABLE_NAMES) {
    const [row] = await db.query<{ n: number; x: string }>(tableDigestSql(table, source(table)));
    parts.push(`${table}:${row.n}:${row.x}`);
  }
  return fnv1a64(parts.join('|'));
}
