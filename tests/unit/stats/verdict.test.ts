import { describe, expect, it } from 'vitest';
import { differenceVerdict } from '../../../src/lib/stats/intervals';

describe('differenceVerdict', () => {
  it('separated intervals are higher / lower, anything sharing a point overlaps', () => {
    expect(differenceVerdict({ low: 5, high: 6 }, { low: 1, high: 4 })).toBe('higher');
    expect(differenceVerdict({ low: 1, high: 4 }, { low: 5, high: 6 })).toBe('lower');
    expect(differenceVerdict({ low: 1, high: 5 }, { low: 4, high: 6 })).toBe('overlap');
    expect(differenceVerdict({ low: 1, high: 5 }, { low: 5, high: 6 })).toBe('overlap'); // touching
    expect(differenceVerdict({ low: 0, high: 10 }, { low: 4, high: 6 })).toBe('overlap'); // nested
    expect(differenceVerdict({ low: 3, high: 3 }, { low: 3, high: 3 })).toBe('overlap');
    expect(differenceVerdict({ low: 3, high: 3 }, { low: 2, high: 2 })).toBe('higher');
  });

  it('is antisymmetric', () => {
    const a = { low: 0.4, high: 0.5 };
    const b = { low: 0.1, high: 0.2 };
    expect(differenceVerdict(a, b)).toBe('higher');
    expect(differenceVerdict(b, a)).toBe('lower');
  });

  it('rejects malformed intervals', () => {
    expect(() => differenceVerdict({ low: 2, high: 1 }, { low: 0, high: 1 })).toThrow(RangeError);
    expect(() => differenceVerdict({ low: 0, high: 1 }, { low: Number.NaN, high: 1 })).toThrow(RangeError);
  });
});
