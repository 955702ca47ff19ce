/**
 * Dose–response: the outcome of the counted clients by how many sessions of one function
 * they had, in fixed bins (0, 1–2, 3–5, 6–10, 11+), each with its n and a 95 % interval —
 * the chart an evaluator reads for "more of it, more gain?". It is the raw picture (no
 * adjustment); the regression above it is the adjusted one, and the two are read together.
 *
 * Per bin, on the scale the page shows:
 * - revenue growth: the median of endline / baseline − 1 with the exact bootstrap interval of
 *   the median (a median, because growth ratios are skewed);
 * - employment change: the mean with a bootstrap interval of the mean;
 * - yes/no outcomes: the share with a Wilson interval (for the ANCOVA outcomes the share at
 *   endline, with the baseline share of the same clients beside it, no interval).
 * Bins with fewer clients than the minimum n are marked `small`: drawn pale, never described.
 */
import { bootstrapInterval, median, wilsonInterval, type BootstrapMethod } from '../stats/intervals';
import type { FindingsData } from '../query/findings-data';
import type { FindingsOutcome } from './outcomes';
import type { AnalysisSample } from './sample';

export interface DoseBinDef {
  label: string;
  min: number;
  max: number;
}

export const DOSE_BINS: readonly DoseBinDef[] = [
  { label: '0', min: 0, max: 0 },
  { label: '1–2', min: 1, max: 2 },
  { label: '3–5', min: 3, max: 5 },
  { label: '6–10', min: 6, max: 10 },
  { label: '11+', min: 11, max: Number.POSITIVE_INFINITY },
];

export type DoseStatistic = 'median' | 'mean' | 'share';

export interface DoseBin extends DoseBinDef {
  n: number;
  /** Fraction for growth and shares (0.25 = 25 %), people for employment; null when n = 0. */
  value: number | null;
  low: number | null;
  high: number | null;
  method: BootstrapMethod | 'wilson' | null;
  /** ANCOVA outcomes: the share holding the status at baseline, same clients. */
  baselineShare: number | null;
  small: boolean;
}

export interface DoseResponse {
  function: string;
  statistic: DoseStatistic;
  bins: DoseBin[];
}

export function doseStatistic(outcome: FindingsOutcome): DoseStatistic {
  return outcome.scale === 'log_ratio' ? 'median' : outcome.scale === 'difference' ? 'mean' : 'share';
}

function binOf(sessions: number): number {
  for (let b = DOSE_BINS.length - 1; b >= 0; b--) if (sessions >= (DOSE_BINS[b] as DoseBinDef).min) return b;
  return 0;
}

export function doseResponse(
  data: FindingsData,
  sample: AnalysisSample,
  outcome: FindingsOutcome,
  functionIndex: number,
  minN: number,
): DoseResponse {
  const sessions = data.sessions[functionIndex];
  const fn = data.functions[functionIndex];
  if (!sessions || !fn) throw new RangeError(`no function at ${functionIndex}`);
  const statistic = doseStatistic(outcome);
  const values: number[][] = DOSE_BINS.map(() => []);
  const baseline: number[][] = DOSE_BINS.map(() => []);
  sample.rows.forEach((client, r) => {
    const b = binOf(sessions[client] as number);
    const y = sample.y[r] as number;
    // Growth is shown as endline / baseline − 1, back from the log ratio the model uses.
    (values[b] as number[]).push(statistic === 'median' ? Math.expm1(y) : y);
    if (sample.baselineStatus) (baseline[b] as number[]).push(sample.baselineStatus[r] as number);
  });
  const bins = DOSE_BINS.map((def, b): DoseBin => {
    const v = values[b] as number[];
    const n = v.length;
    const common = { ...def, n, small: n < minN, baselineShare: null as number | null };
    if (n === 0) return { ...common, value: null, low: null, high: null, method: null };
    if (statistic === 'share') {
      const successes = v.reduce((s, x) => s + x, 0);
      const w = wilsonInterval(successes, n)!;
      const base = baseline[b] as number[];
      return {
        ...common,
        value: successes / n,
        low: w.low,
        high: w.high,
        method: 'wilson',
        baselineShare: base.length ? base.reduce((s, x) => s + x, 0) / base.length : null,
      };
    }
    const interval = bootstrapInterval(v, statistic)!;
    const value = statistic === 'median' ? median(v)! : v.reduce((s, x) => s + x, 0) / n;
    return { ...common, value, low: interval.low, high: interval.high, method: interval.method };
  });
  return { function: fn.key, statistic, bins };
}
