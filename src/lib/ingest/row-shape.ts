/**
 * Cheap judgements about one record, used to find the header, skip title rows and drop a
 * totals row: is it blank, how many cells are filled, does it look like data.
 */
import { normalizeDate } from './normalize-date';
import { normalizeMoney, normalizeNumber } from './normalize-number';

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

export function filledCount(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) if (c.trim() !== '') n++;
  return n;
}

/** A number, an amount or a date: the kind of cell data rows have and headers do not. */
export function isTypedCell(cell: string): boolean {
  const c = cell.trim();
  if (c === '' || !/\d/.test(c)) return false;
  const asNumber = normalizeNumber(c, 'dot');
  if (asNumber.ok && asNumber.value !== null) return true;
  const asMoney = normalizeMoney(c, 'comma');
  if (asMoney.ok && asMoney.value !== null) return true;
  const asDate = normalizeDate(c);
  return asDate.ok && asDate.value !== null;
}

function isDateCell(cell: string): boolean {
  const c = cell.trim();
  if (!/\d/.test(c) || /^\d+$/.test(c)) return false;
  const r = normalizeDate(c);
  return r.ok && r.value !== null;
}

/**
 * Looks like a data row rather than a header: it has a full date in a cell (column names
 * are never dates), or at least one number and numbers make up a third of its cells.
 */
export function looksLikeData(cells: readonly string[]): boolean {
  let typed = 0;
  let filled = 0;
  for (const c of cells) {
    if (c.trim() === '') continue;
    if (isDateCell(c)) return true;
    filled++;
    if (isTypedCell(c)) typed++;
  }
  return typed >= 1 && typed * 3 >= filled;
}

/**
 * A title or note line above a table of `width` columns: too few filled cells for a
 * header (Excel pads title rows with delimiters, so field counts alone do not tell), or
 * fewer fields than the next non-blank record (`some notes` / `more notes,…` above
 * `number,text,date`).
 */
export function looksLikeTitle(cells: readonly string[], width: number, next: readonly string[] | undefined): boolean {
  if (isBlankRow(cells)) return false;
  if (width > 1 && filledCount(cells) < Math.max(2, Math.ceil(width / 2))) return true;
  return next !== undefined && cells.length < next.length;
}

/** Labels of a totals row in the first cells: `Total`, `Jumlah`, `Grand total`, `Jml` … */
const TOTALS_LABEL = /^(?:grand\s*total|sub\s*total|total|totals|jumlah|jml|jumlah\s+total|total\s+keseluruhan)\b/i;

/** A spreadsheet totals row: its first filled cell (within the first two) is a totals label. */
export function isTotalsRow(cells: readonly string[]): boolean {
  for (const c of cells.slice(0, 2)) {
    const t = c.trim();
    if (t === '') continue;
    return TOTALS_LABEL.test(t);
  }
  return false;
}
