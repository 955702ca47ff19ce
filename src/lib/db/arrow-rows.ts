/** Turns an Arrow result into plain rows: BIGINT and HUGEINT become numbers (counts and
 * rupiah fit well inside 2^53), so UI and tests compare plain JavaScript values. */

interface ArrowLikeTable {
  toArray(): { toJSON(): Record<string, unknown> }[];
}

function plainValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  return value;
}

export function arrowToRows<T>(table: ArrowLikeTable): T[] {
  return table.toArray().map((row) => {
    const json = row.toJSON();
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(json)) out[key] = plainValue(json[key]);
    return out as T;
  });
}
