/**
 * Exposed − not exposed for each group of a single exposure dimension (functions, areas of
 * support): Newcombe for shares, the exact bootstrap of the difference of medians, Welch for
 * means. Kept with the result rows they came from, so a redraw, a language switch or Back
 * computes nothing; `differencesFor` fills that memory from elsewhere (a worker), and the
 * main chart's rows then find them there.
 */
import type { GroupRow } from '../query/group-query';
import type { Statistic } from '../query/measures';
import { medianDifferenceInterval, newcombeDifference, welchMeanDifference } from '../stats/differences';

export type Difference = { diff: number | null; diffLow: number | null; diffHigh: number | null };
export const NO_DIFFERENCE: Difference = { diff: null, diffLow: null, diffHigh: null };

/** One difference to compute: the exposed row of a group and the not-exposed row beside it. */
export interface DifferencePair {
  group: string;
  exposed: GroupRow;
  rest: GroupRow | undefined;
}

/** Exposed − not exposed for one group. */
export function difference(exposed: GroupRow, rest: GroupRow | undefined, statistic: Statistic): Difference {
  if (!rest || exposed.n === 0 || rest.n === 0) return NO_DIFFERENCE;
  if (statistic === 'rate') {
    const d = newcombeDifference(exposed.successes ?? 0, exposed.n, rest.successes ?? 0, rest.n);
    return d ? { diff: d.estimate, diffLow: d.low, diffHigh: d.high } : NO_DIFFERENCE;
  }
  if (!exposed.values || !rest.values) return NO_DIFFERENCE;
  const d =
    statistic === 'median' ? medianDifferenceInterval(exposed.values, rest.values) : welchMeanDifference(exposed.values, rest.values);
  return d ? { diff: d.estimate, diffLow: d.low, diffHigh: d.high } : NO_DIFFERENCE;
}

/** The pairs of a single exposure dimension's rows, one per group with exposed clients. */
export function differencePairs(groups: readonly GroupRow[]): DifferencePair[] {
  return groups
    .filter((g) => g.exposed === true)
    .map((g) => ({ group: g.group ?? '', exposed: g, rest: groups.find((r) => r.group === g.group && r.exposed === false) }));
}

const known = new WeakMap<readonly GroupRow[], Map<Statistic, Map<string, Difference>>>();

/** The differences already computed for these rows, or null. */
export function knownDifferences(groups: readonly GroupRow[], statistic: Statistic): Map<string, Difference> | null {
  return known.get(groups)?.get(statistic) ?? null;
}

/** Keeps differences computed elsewhere with the rows they belong to. */
export function rememberDifferences(groups: readonly GroupRow[], statistic: Statistic, differences: Map<string, Difference>): void {
  let byStatistic = known.get(groups);
  if (!byStatistic) known.set(groups, (byStatistic = new Map()));
  byStatistic.set(statistic, differences);
}

/** Every group's difference: remembered, or computed here and remembered. */
export function differencesFor(groups: readonly GroupRow[], statistic: Statistic): Map<string, Difference> {
  const remembered = knownDifferences(groups, statistic);
  if (remembered) return remembered;
  const out = new Map(differencePairs(groups).map((p) => [p.group, difference(p.exposed, p.rest, statistic)] as const));
  rememberDifferences(groups, statistic, out);
  return out;
}
