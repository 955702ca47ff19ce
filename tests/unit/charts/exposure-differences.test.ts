/**
 * Exposed − not exposed per group, as the main chart's rows and the page's workers compute
 * it: one pair per group with exposed clients, each the statistic's interval, remembered
 * with the rows; where no worker exists (Node) preparing leaves the work to the rows.
 */
import { describe, expect, it } from 'vitest';
import type { GroupRow } from '../../../src/lib/query/group-query';
import { prepareDifferences } from '../../../src/lib/charts/differences-client';
import {
  difference,
  differencePairs,
  differencesFor,
  knownDifferences,
  rememberDifferences,
} from '../../../src/lib/charts/exposure-differences';
import { medianDifferenceInterval, welchMeanDifference } from '../../../src/lib/stats/differences';

const row = (group: string, exposed: boolean, values: number[]): GroupRow => ({
  group,
  group2: null,
  exposed,
  n: values.length,
  value: null,
  successes: null,
  values: Float64Array.from(values),
});

const groups: GroupRow[] = [
  row('educate', true, [0.1, 0.4, 0.2, 0.9, 0.3]),
  row('educate', false, [0.0, 0.1, -0.2, 0.05]),
  row('report', false, [0.2, 0.3]),
  row('advise', true, [0.5, 0.6, 0.7]),
];

describe('exposure differences', () => {
  it('pair each exposed row with the not-exposed row of its group', () => {
    expect(differencePairs(groups).map((p) => [p.group, p.rest?.exposed ?? null])).toEqual([
      ['educate', false],
      ['advise', null],
    ]);
  });

  it('give the statistic’s interval of exposed − not exposed, and none without both sides', () => {
    const median = medianDifferenceInterval(groups[0]!.values!, groups[1]!.values!)!;
    expect(difference(groups[0]!, groups[1], 'median')).toEqual({ diff: median.estimate, diffLow: median.low, diffHigh: median.high });
    const mean = welchMeanDifference(groups[0]!.values!, groups[1]!.values!)!;
    expect(difference(groups[0]!, groups[1], 'mean')).toEqual({ diff: mean.estimate, diffLow: mean.low, diffHigh: mean.high });
    expect(difference(groups[3]!, undefined, 'median')).toEqual({ diff: null, diffLow: null, diffHigh: null });
  });

  it('are remembered with the rows they came from, per statistic', () => {
    const rows = [...groups];
    expect(knownDifferences(rows, 'median')).toBeNull();
    const computed = differencesFor(rows, 'median');
    expect(differencesFor(rows, 'median')).toBe(computed);
    const fromElsewhere = new Map([['educate', { diff: 1, diffLow: 0, diffHigh: 2 }]]);
    rememberDifferences(rows, 'mean', fromElsewhere);
    expect(differencesFor(rows, 'mean')).toBe(fromElsewhere);
    expect(knownDifferences([...groups], 'median')).toBeNull();
  });

  it('are left to the rows where no worker exists', async () => {
    const rows = [...groups];
    await prepareDifferences(rows, { dimension: 'function', dimension2: null, statistic: 'median' });
    expect(knownDifferences(rows, 'median')).toBeNull();
  });
});
