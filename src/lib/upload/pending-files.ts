/** A file the evaluator chose, with what recognition made of it and the mapping to use. */
import type { TableName } from '../domain/schema';
import { TABLES, TABLE_NAMES } from '../domain/schema';
import type { ColumnMapping, FlatPart } from '../ingest/header-match';
import type { InspectResult } from './inspect';

export type PendingStatus = 'ready' | 'review' | 'error';

export interface PendingFile {
  readonly key: string;
  readonly file: File;
  readonly inspection: InspectResult;
  readonly table: TableName | null;
  readonly mapping: ColumnMapping;
  /** A flat sheet's further tables (client and mentor details repeated on every row). */
  readonly parts: readonly FlatPart[];
  /** The evaluator confirmed the mapping on the mapping screen. */
  readonly confirmed: boolean;
}

export function statusOf(p: PendingFile): PendingStatus {
  if (!p.inspection.ok) return 'error';
  if (!p.table) return 'review';
  if (p.confirmed) return missingRequired(p.table, p.mapping).length ? 'review' : 'ready';
  return p.inspection.match.needsReview || missingRequired(p.table, p.mapping).length ? 'review' : 'ready';
}

export function missingRequired(table: TableName, mapping: ColumnMapping): string[] {
  const mapped = new Set(mapping.filter((m): m is string => m !== null));
  return TABLES[table].columns.filter((c) => c.required && !mapped.has(c.name)).map((c) => c.name);
}

/** Canonical columns chosen for more than one file column. */
export function doubled(mapping: ColumnMapping): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const m of mapping) {
    if (m === null) continue;
    if (seen.has(m)) twice.add(m);
    seen.add(m);
  }
  return [...twice];
}

/** What the set will do about a table it has no file for. */
export interface AbsentTable {
  readonly table: TableName;
  /** Made from the ids another table names, or simply empty. */
  readonly fate: 'derived' | 'empty';
  readonly from?: TableName;
}

/** Tables of the set (files and flat-sheet parts) that can be loaded. */
function tablesOf(pending: readonly PendingFile[]): Set<TableName> {
  return new Set(pending.flatMap((p) => (p.inspection.ok && p.table ? [p.table, ...p.parts.map((x) => x.table)] : [])));
}

/** The tables the set lacks and what loading will make of each (nothing blocks a load but a set with no clients at all). */
export function absentTables(pending: readonly PendingFile[]): AbsentTable[] {
  const have = tablesOf(pending);
  return TABLE_NAMES.filter((t) => !have.has(t)).map((table): AbsentTable => {
    if (table === 'mentors' && have.has('sessions')) return { table, fate: 'derived', from: 'sessions' };
    if (table === 'clients' && (have.has('sessions') || have.has('outcomes')))
      return { table, fate: 'derived', from: have.has('sessions') ? 'sessions' : 'outcomes' };
    return { table, fate: 'empty' };
  });
}

/** A set is a dataset when it has clients, or sessions or outcomes to take client ids from. */
export function hasClients(pending: readonly PendingFile[]): boolean {
  const have = tablesOf(pending);
  return have.has('clients') || have.has('sessions') || have.has('outcomes');
}

/** Optional columns of the table the file does not map (they load as missing values). */
export function absentOptional(table: TableName, mapping: ColumnMapping): string[] {
  const mapped = new Set(mapping.filter((m): m is string => m !== null));
  return TABLES[table].columns.filter((c) => !c.required && !mapped.has(c.name)).map((c) => c.name);
}
