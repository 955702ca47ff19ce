/**
 * Whether a set of upload parts may try the canonical fast path (`canonical-fast-path.ts`):
 * decided from the inspection alone, before a byte beyond the first megabyte is read.
 * A part qualifies when it is a file in the app's own canonical form as the canonical
 * export writes it — UTF-8 without BOM, comma, LF line endings, no title or comment rows,
 * a header that is exactly the table's canonical column names (any order; the late columns
 * of `ColumnDef.late` may be there or not, as in exports written before they existed) with
 * each file column mapped to its own name, dot decimals — and not a flat sheet's part. Value
 * overrides for its table rule it out (they change what a value means). Whether the
 * values are canonical too is checked while and after reading; any doubt falls back.
 */
import { TABLES, baseColumnNames, columnNames } from '../domain/schema';
import type { ValueOverrides } from './normalise';
import type { StageInput } from './stage';

export interface CanonicalCandidate extends StageInput {
  readonly flat?: boolean;
}

/** The decimal mark the normaliser would use for file column `fileColumn`. */
function decimalHint(input: StageInput, fileColumn: number): string {
  return input.inspection.columnDecimalMarks[fileColumn] ?? input.inspection.decimalMark;
}

function hasOverrides(overrides: ValueOverrides | undefined, input: StageInput): boolean {
  if (!overrides) return false;
  return TABLES[input.table].columns.some((c) => (overrides.get(`${input.table}.${c.name}`)?.size ?? 0) > 0);
}

export function isCanonicalPart(input: CanonicalCandidate, overrides?: ValueOverrides): boolean {
  const i = input.inspection;
  if (input.flat || hasOverrides(overrides, input)) return false;
  if (i.encoding !== 'utf-8' || i.delimiter !== ',' || i.crLineEndings || i.commentChar !== null) return false;
  if (!i.hasHeader || i.titleRows !== 0 || i.skipRecords !== 1) return false;
  const base = baseColumnNames(input.table);
  const known = new Set(columnNames(input.table));
  const width = i.header.length;
  if (i.width !== width || input.mapping.length !== width || new Set(i.header).size !== width) return false;
  if (!i.header.every((n) => known.has(n)) || !base.every((n) => i.header.includes(n))) return false;
  return i.header.every((name, k) => {
    if (input.mapping[k] !== name) return false;
    const kind = TABLES[input.table].columns.find((c) => c.name === name)?.kind;
    return kind !== 'decimal' || decimalHint(input, k) === 'dot';
  });
}

/** Every part qualifies (and there is at least one). */
export function isCanonicalSet(inputs: readonly CanonicalCandidate[], overrides?: ValueOverrides): boolean {
  return inputs.length > 0 && inputs.every((input) => isCanonicalPart(input, overrides));
}
