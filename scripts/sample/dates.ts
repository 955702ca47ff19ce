/** Dates as whole UTC day numbers (days since 1970-01-01), printed as ISO yyyy-mm-dd. */

const MS_PER_DAY = 86_400_000;

export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

const cache = new Map<number, string>();

/** ISO date of a day number; cached because the same few thousand days recur millions of times. */
export function isoDate(day: number): string {
  let s = cache.get(day);
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    cache.set(day, s);
  }
  return s;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}
