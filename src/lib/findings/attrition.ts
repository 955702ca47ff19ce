/**
 * Attrition by function: of the selected clients exposed to a function (≥ k sessions, the
 * view's rule) and of those not exposed, how many are not counted for the outcome (no
 * endline, no revenue, a missing value …), whether that differs between the two groups, and
 * how far the raw exposed − not-exposed difference could move if the missing clients had
 * the worst or best outcomes the data allow.
 *
 * - Whether attrition differs: Newcombe's 95 % interval of the difference of the two
 *   attrition shares excludes zero.
 * - Yes/no outcomes: Manski's worst-case bounds (Horowitz & Manski 2000) — every missing
 *   client of one group scored 0 and of the other 1, and the reverse. No assumption at all,
 *   hence wide: the width is the sum of the two attrition shares.
 * - Revenue growth and employment change have no natural worst value, so Lee's (2009)
 *   trimming bounds: the group that kept more of its clients is trimmed by the excess share
 *   (q_more − q_less) / q_more from the top, then from the bottom, of its observed outcomes.
 *   They assume that being exposed only ever makes a client more (or only less) likely to
 *   be measured. Revenue growth is bounded on the log scale and shown as exp(d) − 1.
 * Groups under the minimum n get counts only: no shares compared, no bounds.
 */
import { newcombeDifference, type DifferenceInterval } from '../stats/differences';
import type { FindingsData } from '../query/findings-data';
import type { FindingsOutcome, OutcomeUnit } from './outcomes';
import type { AnalysisSample } from './sample';

export interface GroupAttrition {
  selected: number;
  counted: number;
  /** Share of the selected not counted; null for an empty group. */
  share: number | null;
}

export interface AttritionRow {
  function: string;
  exposed: GroupAttrition;
  notExposed: GroupAttrition;
  /** A group (selected or counted) is under the minimum n: nothing below is computed. */
  small: boolean;
  /** Exposed − not-exposed attrition share with Newcombe's 95 % interval (fractions). */
  difference: DifferenceInterval | null;
  /** The interval of `difference` excludes zero. */
  differs: boolean;
  /** Raw exposed − not-exposed difference among counted clients, in the outcome's unit. */
  observed: number | null;
  /** Worst-case bounds of that difference, in the outcome's unit. */
  bound: { low: number; high: number } | null;
}

export interface AttritionTable {
  method: 'manski' | 'lee';
  /** Unit of `observed` and `bound`: percent (revenue), pp (yes/no) or people. */
  unit: OutcomeUnit;
  rows: AttritionRow[];
}

/** Lee bounds of mean(a) − mean(b) when group a kept the larger share (qa ≥ qb). */
function leeTrimmed(values: Float64Array, keepShare: number): { low: number; high: number } {
  const sorted = Float64Array.from(values).sort();
  const keep = Math.max(1, Math.round(sorted.length * keepShare));
  let lowSum = 0;
  let highSum = 0;
  for (let i = 0; i < keep; i++) {
    lowSum += sorted[i] as number;
    highSum += sorted[sorted.length - 1 - i] as number;
  }
  return { low: lowSum / keep, high: highSum / keep };
}

const mean = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;

/** Lee's bounds of mean(exposed) − mean(not exposed) on the model scale. */
export function leeBounds(
  exposed: Float64Array,
  exposedSelected: number,
  other: Float64Array,
  otherSelected: number,
): { low: number; high: number } {
  const q1 = exposed.length / exposedSelected;
  const q0 = other.length / otherSelected;
  if (q1 >= q0) {
    const trimmed = leeTrimmed(exposed, q0 / q1);
    const m0 = mean(other);
    return { low: trimmed.low - m0, high: trimmed.high - m0 };
  }
  const trimmed = leeTrimmed(other, q1 / q0);
  const m1 = mean(exposed);
  return { low: m1 - trimmed.high, high: m1 - trimmed.low };
}

/** Manski's worst-case bounds of share(exposed) − share(not exposed), every selected client counted in its group. */
export function manskiBounds(
  successes1: number,
  counted1: number,
  selected1: number,
  successes0: number,
  counted0: number,
  selected0: number,
): { low: number; high: number } {
  const missing1 = selected1 - counted1;
  const missing0 = selected0 - counted0;
  return {
    low: successes1 / selected1 - (successes0 + missing0) / selected0,
    high: (successes1 + missing1) / selected1 - successes0 / selected0,
  };
}

export function attritionTable(
  data: FindingsData,
  sample: AnalysisSample,
  outcome: FindingsOutcome,
  minSessions: number,
  minN: number,
): AttritionTable {
  const binary = outcome.scale === 'binary' || outcome.scale === 'binary_ancova';
  const toUnit = (d: number) => (outcome.scale === 'log_ratio' ? Math.expm1(d) * 100 : binary ? d * 100 : d);
  const yOf = new Float64Array(data.clients).fill(Number.NaN);
  sample.rows.forEach((client, r) => (yOf[client] = sample.y[r] as number));

  const rows = data.functions.map((fn, j): AttritionRow => {
    const sessions = data.sessions[j] as Float64Array;
    const y1: number[] = [];
    const y0: number[] = [];
    let selected1 = 0;
    let selected0 = 0;
    for (let i = 0; i < data.clients; i++) {
      const exposed = (sessions[i] as number) >= minSessions;
      if (exposed) selected1++;
      else selected0++;
      const y = yOf[i] as number;
      if (!Number.isNaN(y)) (exposed ? y1 : y0).push(y);
    }
    const group = (selected: number, counted: number): GroupAttrition => ({
      selected,
      counted,
      share: selected ? (selected - counted) / selected : null,
    });
    const exposed = group(selected1, y1.length);
    const notExposed = group(selected0, y0.length);
    const small = Math.min(selected1, selected0, y1.length, y0.length) < minN;
    if (small) return { function: fn.key, exposed, notExposed, small, difference: null, differs: false, observed: null, bound: null };
    const difference = newcombeDifference(selected1 - y1.length, selected1, selected0 - y0.length, selected0);
    const a = Float64Array.from(y1);
    const b = Float64Array.from(y0);
    let bound: { low: number; high: number };
    if (binary) {
      const s1 = a.reduce((s, x) => s + x, 0);
      const s0 = b.reduce((s, x) => s + x, 0);
      bound = manskiBounds(s1, a.length, selected1, s0, b.length, selected0);
    } else {
      bound = leeBounds(a, selected1, b, selected0);
    }
    return {
      function: fn.key,
      exposed,
      notExposed,
      small,
      difference,
      differs: difference !== null && (difference.low > 0 || difference.high < 0),
      observed: toUnit(mean(a) - mean(b)),
      bound: { low: toUnit(bound.low), high: toUnit(bound.high) },
    };
  });
  return { method: binary ? 'manski' : 'lee', unit: outcome.unit, rows };
}
