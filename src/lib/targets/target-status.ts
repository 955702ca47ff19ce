/**
 * Whether a target is met, judged with the actual's 95 % interval rather than its point
 * estimate, so that a status never claims more than the data can say:
 *
 * - higher is better: `met` when the interval's lower end reaches the target (low ≥ target),
 *   `not-met` when its upper end stays below it (high < target), `unclear` otherwise;
 * - lower is better: the mirror image (`met` when high ≤ target, `not-met` when low > target);
 * - `no-data` when no client in the target's group has a value.
 *
 * A measure of mentoring delivered (sessions, hours, workload: no better direction of its
 * own) is read as a minimum to reach, like "higher is better".
 */
export type TargetStatus = 'met' | 'not-met' | 'unclear' | 'no-data';

export type TargetDirection = 'higher' | 'lower';

export interface ActualWithInterval {
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

export function targetDirection(direction: 'higher' | 'lower' | null): TargetDirection {
  return direction ?? 'higher';
}

export function targetStatus(actual: ActualWithInterval, target: number, direction: TargetDirection): TargetStatus {
  if (actual.value === null) return 'no-data';
  // A group of one value (or all values equal) has an interval of width 0: the value itself.
  const low = actual.low ?? actual.value;
  const high = actual.high ?? actual.value;
  if (direction === 'higher') {
    if (low >= target) return 'met';
    if (high < target) return 'not-met';
    return 'unclear';
  }
  if (high <= target) return 'met';
  if (low > target) return 'not-met';
  return 'unclear';
}
