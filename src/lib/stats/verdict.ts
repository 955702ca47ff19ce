/**
 * The words of a finding, decided by its interval only (so what the page says and what it
 * draws can never disagree): "higher" / "lower" when the interval lies strictly on one side of
 * zero, "unclear" when it contains or touches zero ("no clear difference", never "no
 * difference"), and "not-enough-data" when too few units carry the comparison for any
 * statement (the interval is then not shown as evidence at all).
 */
import type { Interval } from './intervals';

export type FindingVerdict = 'higher' | 'lower' | 'unclear' | 'not-enough-data';

/**
 * `counts`: the units behind the comparison, e.g. [clients exposed, clients not exposed] or
 * [mentors using the function]; every one must reach `minimum`. A null interval (the term was
 * aliased and has no estimate) is also not enough data. An interval touching 0 exactly is
 * 'unclear' (Holm-compatible intervals touch 0 exactly when p̃ = α, which Holm does not reject).
 */
export function verdict(interval: Interval | null, counts: readonly number[], minimum: number): FindingVerdict {
  if (!(minimum >= 0)) throw new RangeError(`minimum must be ≥ 0, got ${minimum}`);
  for (const c of counts) if (!(c >= 0)) throw new RangeError(`counts must be ≥ 0, got ${c}`);
  if (interval === null || counts.some((c) => c < minimum)) return 'not-enough-data';
  const { low, high } = interval;
  if (Number.isNaN(low) || Number.isNaN(high) || low > high) {
    throw new RangeError(`interval must have low ≤ high, got [${low}, ${high}]`);
  }
  if (low > 0) return 'higher';
  if (high < 0) return 'lower';
  return 'unclear';
}
