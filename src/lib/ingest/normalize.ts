/**
 * Cell normalisers, one module per kind of value, gathered here; `normalizeCell` picks the
 * right one for a schema column. Every normaliser returns `{ ok: true, value }` (null for
 * a missing value) or `{ ok: false, reason, detail? }` and never throws.
 */
import { OFFICIAL_FUNCTIONS, type ColumnDef } from '../domain/schema';
import { fail, type Normalized } from './normalize-common';
import { normalizeBoolean } from './normalize-boolean';
import { normalizeDate, type DateOrder } from './normalize-date';
import { normalizeEnum, normalizeEnumList } from './normalize-enum';
import { normalizeFunctions, type FunctionIndex } from './normalize-function';
import { normalizeId, normalizeText } from './normalize-id';
import { normalizeInteger, normalizeMoney, normalizeNumber, type DecimalMark } from './normalize-number';
import { normalizeRegion } from './normalize-region';

export * from './normalize-common';
export * from './normalize-number';
export * from './normalize-date';
export * from './normalize-boolean';
export * from './normalize-gender';
export * from './normalize-region';
export * from './normalize-function';
export * from './normalize-enum';
export * from './normalize-id';

/** What is known about the column as a whole (from sniffing or from all its values). */
export interface ColumnContext {
  /** Decimal mark of the column (`detectDecimalMark`), for `1.234`-like cells. */
  readonly decimalMark?: DecimalMark | null;
  /** Day/month order of the column (`detectDateOrder`). Default `dmy`. */
  readonly dateOrder?: DateOrder | 'unknown';
  /** Read 5-digit numbers in date columns as Excel serial days. Default true. */
  readonly excelSerialDates?: boolean;
  /** Crosswalk index for the `functions` column (`buildFunctionIndex`). */
  readonly functionIndex?: FunctionIndex;
  /** Framework the export names functions in, to resolve shared names. */
  readonly framework?: string;
}

export type CellValue = string | number | boolean | string[] | null;

/** Normalises one raw cell for a schema column. */
export function normalizeCell(column: ColumnDef, raw: string | null | undefined, ctx: ColumnContext = {}): Normalized<CellValue> {
  switch (column.kind) {
    case 'id':
      return normalizeId(raw);
    case 'text':
      return normalizeText(raw);
    case 'region':
      return normalizeRegion(raw);
    case 'date':
      return normalizeDate(raw, { order: ctx.dateOrder ?? 'dmy', excelSerial: ctx.excelSerialDates ?? true });
    case 'integer':
      return normalizeInteger(raw, ctx.decimalMark);
    case 'decimal':
      return normalizeNumber(raw, ctx.decimalMark);
    case 'money':
      return normalizeMoney(raw, ctx.decimalMark);
    case 'boolean':
      return normalizeBoolean(raw);
    case 'enum':
      return normalizeEnum(raw, column);
    case 'enum_list':
      if (column.values === OFFICIAL_FUNCTIONS && ctx.functionIndex) {
        return normalizeFunctions(raw, ctx.functionIndex, { framework: ctx.framework });
      }
      return normalizeEnumList(raw, column);
    default: {
      const unreachable: never = column.kind;
      return fail('unknown_value', String(unreachable));
    }
  }
}
