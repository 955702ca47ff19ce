/**
 * Who is counted for an outcome, and the outcome on the scale it is modelled on. Every
 * selected client is either counted or excluded for exactly one reason — the first that
 * applies, in this order — so the denominators on the page add up:
 *
 * 1. `no_baseline` — no baseline measurement;
 * 2. `no_endline` — no endline measurement (dropped out, or not yet measured);
 * 3. `no_sessions` — no mentoring session, hence no mentor to cluster by;
 * 4. the outcome's own gaps: revenue growth needs baseline revenue > 0
 *    (`baseline_revenue`) and endline revenue > 0 (`endline_revenue`: a log ratio has no
 *    value at 0, so a business that reports no revenue at endline cannot be placed on it);
 *    the others need the value at both ends (`outcome_missing`).
 */
import type { FindingsData } from '../query/findings-data';
import type { FindingsOutcome } from './outcomes';

export type ExclusionReason = 'no_baseline' | 'no_endline' | 'no_sessions' | 'baseline_revenue' | 'endline_revenue' | 'outcome_missing';

export const EXCLUSION_REASONS: readonly ExclusionReason[] = [
  'no_baseline',
  'no_endline',
  'no_sessions',
  'baseline_revenue',
  'endline_revenue',
  'outcome_missing',
];

export interface AnalysisSample {
  /** Indices (into the data's clients) of the clients counted, ascending. */
  rows: Int32Array;
  /** The outcome of each counted client on the model scale (see outcomes.ts). */
  y: Float64Array;
  /** For ANCOVA outcomes: the status at baseline (0/1) of each counted client; else null. */
  baselineStatus: Float64Array | null;
  /** Per client of the data: −1 when counted, else the index of its reason in EXCLUSION_REASONS. */
  reasonOf: Int8Array;
  /** Clients excluded for each reason, in EXCLUSION_REASONS order (zeros kept). */
  excluded: { reason: ExclusionReason; clients: number }[];
}

const known = (v: number) => !Number.isNaN(v);

/** The outcome value of client i on the model scale, or the reason it has none. */
function outcomeOf(data: FindingsData, outcome: FindingsOutcome, i: number): number | ExclusionReason {
  switch (outcome.scale) {
    case 'log_ratio': {
      const base = data.revenueBaseline[i] as number;
      const end = data.revenueEndline[i] as number;
      if (!(base > 0)) return 'baseline_revenue';
      if (!(end > 0)) return 'endline_revenue';
      return Math.log(end / base);
    }
    case 'difference': {
      const base = data.employeesBaseline[i] as number;
      const end = data.employeesEndline[i] as number;
      return known(base) && known(end) ? end - base : 'outcome_missing';
    }
    case 'binary': {
      const base = data.sizeRankBaseline[i] as number;
      const end = data.sizeRankEndline[i] as number;
      return known(base) && known(end) ? (end > base ? 1 : 0) : 'outcome_missing';
    }
    case 'binary_ancova': {
      const status = data.status[outcome.status!];
      const base = status.baseline[i] as number;
      const end = status.endline[i] as number;
      return known(base) && known(end) ? end : 'outcome_missing';
    }
  }
}

export function analysisSample(data: FindingsData, outcome: FindingsOutcome): AnalysisSample {
  const n = data.clients;
  const reasonOf = new Int8Array(n);
  const counts = new Array<number>(EXCLUSION_REASONS.length).fill(0);
  const rows: number[] = [];
  const y: number[] = [];
  const noMentor = data.mentor.levels.indexOf('');
  for (let i = 0; i < n; i++) {
    let reason: ExclusionReason | null = null;
    let value = Number.NaN;
    if (data.hasBaseline[i] !== 1) reason = 'no_baseline';
    else if (data.hasEndline[i] !== 1) reason = 'no_endline';
    else if (data.mentor.codes[i] === noMentor) reason = 'no_sessions';
    else {
      const v = outcomeOf(data, outcome, i);
      if (typeof v === 'string') reason = v;
      else value = v;
    }
    if (reason === null) {
      reasonOf[i] = -1;
      rows.push(i);
      y.push(value);
    } else {
      const r = EXCLUSION_REASONS.indexOf(reason);
      reasonOf[i] = r;
      counts[r] = (counts[r] as number) + 1;
    }
  }
  const rowIndex = Int32Array.from(rows);
  const baselineStatus =
    outcome.scale === 'binary_ancova' ? Float64Array.from(rowIndex, (i) => data.status[outcome.status!].baseline[i] as number) : null;
  return {
    rows: rowIndex,
    y: Float64Array.from(y),
    baselineStatus,
    reasonOf,
    excluded: EXCLUSION_REASONS.map((reason, r) => ({ reason, clients: counts[r] as number })),
  };
}
