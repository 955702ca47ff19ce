/** A file the evaluator chose, with what recognition made of it and the mapping to use. */
import type { TableName } from '$lib/domain/schema';
import { TABLES, TABLE_NAMES } from '$lib/domain/schema';
import type { ColumnMapping } from '$lib/ingest/header-match';
import type { InspectResult } from '$lib/upload/inspect';

export type PendingStatus = 'ready' | 'review' | 'error';

export interface PendingFile {
  readonly key: string;
  readonly file: File;
  readonly inspection: InspectResult;
  readonly table: TableName | null;
  readonly mapping: ColumnMapping;
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

export function missingTables(pending: readonly PendingFile[]): TableName[] {
  const have = new Set(pending.flatMap((p) => (p.inspection.ok && p.table ? [p.table] : [])));
  return TABLE_NAMES.filter((t) => !have.has(t));
}
