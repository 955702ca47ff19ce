/**
 * Which physical line of the file each row DuckDB loaded came from, stored compactly.
 *
 * DuckDB appends a batch's rows in file order but skips blank records and the records
 * its reader rejects, and a record with a quoted newline spans several lines. So the
 * line of row `g` (its 0-based position in the raw table) is `g + offset`, where the
 * offset only changes at those events: a list of runs `{ ord, off }` (from ordinal `ord`
 * on, add `off`) holds the whole mapping, usually in one or two entries.
 */
import type { ScanStats } from './record-scanner';

export interface LineRun {
  /** First global row ordinal the run applies to. */
  readonly ord: number;
  /** line = ordinal + off. */
  readonly off: number;
}

export interface BatchLines {
  /** Physical line of the batch's first record. */
  readonly firstLine: number;
  readonly stats: Pick<ScanStats, 'records' | 'blank' | 'multiline'>;
}

/** Physical line of a batch's record (1-based record index within the batch). */
export function recordLine(batch: BatchLines, record: number): number {
  let extra = 0;
  for (const [r, lines] of batch.stats.multiline) {
    if (r >= record) break;
    extra += lines;
  }
  return batch.firstLine - 1 + record + extra;
}

/**
 * Runs for one batch whose first loaded row has global ordinal `base`, given the records
 * DuckDB rejected (1-based indexes within the batch). Returns the runs and how many rows
 * DuckDB must have loaded (a check on the count it reports).
 */
export function batchLineRuns(batch: BatchLines, rejected: readonly number[], base: number): { runs: LineRun[]; rows: number } {
  const skip = new Set<number>([...batch.stats.blank, ...rejected]);
  const extraAt = new Map<number, number>(batch.stats.multiline);
  const events = [...new Set<number>([...skip, ...extraAt.keys()])].sort((a, b) => a - b);
  const runs: LineRun[] = [];
  const push = (ord: number, off: number): void => addRun(runs, { ord, off });
  let k = 0; // rows emitted so far in this batch
  let r = 1; // next record
  let extra = 0; // extra physical lines of multi-line records before record r
  // Rows k.. come from records r..: line = firstLine - 1 + record + extra.
  const offNow = (): number => batch.firstLine - 1 + r + extra - k - base;
  for (const e of events) {
    if (e > batch.stats.records) break;
    if (e > r) {
      push(base + k, offNow());
      k += e - r;
      r = e;
    }
    if (!skip.has(e)) {
      push(base + k, offNow());
      k++;
    }
    extra += extraAt.get(e) ?? 0;
    r = e + 1;
  }
  if (r <= batch.stats.records) {
    push(base + k, offNow());
    k += batch.stats.records - r + 1;
  }
  return { runs, rows: k };
}

/** Joins runs of consecutive batches, dropping entries that do not change the offset. */
export function appendRuns(into: LineRun[], more: readonly LineRun[]): void {
  for (const run of more) addRun(into, run);
}

/** Adds a run; a run at the same ordinal as the last one replaces it (no row used it). */
function addRun(runs: LineRun[], run: LineRun): void {
  let last = runs[runs.length - 1];
  if (last && last.ord === run.ord) {
    runs.pop();
    last = runs[runs.length - 1];
  }
  if (last && last.off === run.off) return;
  runs.push(run);
}

/** Line of a global ordinal (for tests and small lookups; SQL uses an ASOF join). */
export function lineOf(runs: readonly LineRun[], ord: number): number {
  let lo = 0;
  let hi = runs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid].ord <= ord) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found === -1) throw new Error(`no line run covers row ${ord}`);
  return ord + runs[found].off;
}
