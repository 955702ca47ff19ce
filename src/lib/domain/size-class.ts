/**
 * MSME size classes of PP 7/2021, by business capital (modal usaha, excluding land and
 * buildings) or by annual sales. A business is put in the higher of the two classes the
 * criteria give; "naik kelas" means a higher class at endline than at baseline.
 */
import type { SizeClass } from './schema';

const MILIAR = 1_000_000_000;

/** Upper bounds (inclusive) per class, in rupiah; above the last bound is 'besar'. */
export const CAPITAL_BOUNDS: readonly [SizeClass, number][] = [
  ['mikro', 1 * MILIAR],
  ['kecil', 5 * MILIAR],
  ['menengah', 10 * MILIAR],
];
export const ANNUAL_SALES_BOUNDS: readonly [SizeClass, number][] = [
  ['mikro', 2 * MILIAR],
  ['kecil', 15 * MILIAR],
  ['menengah', 50 * MILIAR],
];

const ORDER: readonly SizeClass[] = ['mikro', 'kecil', 'menengah', 'besar'];

function classBy(bounds: readonly [SizeClass, number][], amount: number): SizeClass {
  for (const [sizeClass, upper] of bounds) if (amount <= upper) return sizeClass;
  return 'besar';
}

export function classifySize(annualSales: number | null, capital: number | null): SizeClass | null {
  const byCapital = capital == null ? null : classBy(CAPITAL_BOUNDS, capital);
  const bySales = annualSales == null ? null : classBy(ANNUAL_SALES_BOUNDS, annualSales);
  if (byCapital == null) return bySales;
  if (bySales == null) return byCapital;
  return ORDER.indexOf(byCapital) >= ORDER.indexOf(bySales) ? byCapital : bySales;
}
