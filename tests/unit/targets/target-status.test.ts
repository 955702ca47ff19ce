import { describe, expect, it } from 'vitest';
import { targetDirection, targetStatus } from '../../../src/lib/targets/target-status';

const actual = (value: number | null, low: number | null, high: number | null) => ({ value, low, high });

describe('target status from the 95 % interval', () => {
  it('higher is better: met when the lower end reaches the target, not met when the upper end stays below', () => {
    expect(targetStatus(actual(0.7, 0.6, 0.8), 0.6, 'higher')).toBe('met'); // lower end exactly on the target
    expect(targetStatus(actual(0.7, 0.5999, 0.8), 0.6, 'higher')).toBe('unclear');
    expect(targetStatus(actual(0.5, 0.4, 0.5999), 0.6, 'higher')).toBe('not-met');
    expect(targetStatus(actual(0.5, 0.4, 0.6), 0.6, 'higher')).toBe('unclear'); // upper end on the target: not below it
    expect(targetStatus(actual(0.65, 0.55, 0.75), 0.6, 'higher')).toBe('unclear'); // point above, interval across
  });

  it('lower is better: the mirror image', () => {
    expect(targetStatus(actual(0.1, 0.05, 0.2), 0.2, 'lower')).toBe('met'); // upper end exactly on the target
    expect(targetStatus(actual(0.1, 0.05, 0.2001), 0.2, 'lower')).toBe('unclear');
    expect(targetStatus(actual(0.3, 0.2001, 0.4), 0.2, 'lower')).toBe('not-met');
    expect(targetStatus(actual(0.3, 0.2, 0.4), 0.2, 'lower')).toBe('unclear');
  });

  it('a value without an interval is its own interval; no value is no data', () => {
    expect(targetStatus(actual(0.6, null, null), 0.6, 'higher')).toBe('met');
    expect(targetStatus(actual(0.59, null, null), 0.6, 'higher')).toBe('not-met');
    expect(targetStatus(actual(null, null, null), 0.6, 'higher')).toBe('no-data');
  });

  it('a measure without a better direction is read as a minimum to reach', () => {
    expect(targetDirection(null)).toBe('higher');
    expect(targetDirection('lower')).toBe('lower');
  });
});
