// @vitest-environment jsdom
/** Golden file of the Findings page's dose–response chart (see golden.ts). */
import { describe, it } from 'vitest';
import { doseChart, type DoseDatum } from '../../../src/lib/charts/dose-chart';
import { expectGolden } from './golden';
import { percent, thousands } from './format';

/** Sessions of one function in bins: one bin under the minimum n, one with no value. */
const bins: DoseDatum[] = [
  { label: '0', n: 1480, value: 0.214, low: 0.193, high: 0.236, small: false },
  { label: '1–2', n: 702, value: 0.263, low: 0.231, high: 0.297, small: false },
  { label: '3–5', n: 388, value: 0.318, low: 0.272, high: 0.367, small: false },
  { label: '6–10', n: 24, value: 0.375, low: 0.199, high: 0.575, small: true },
  { label: '11+', n: 0, value: null, low: null, high: null, small: true },
];

describe('doseChart golden file', () => {
  it('dots with intervals, n under each bin', () =>
    expectGolden(
      'dose-chart',
      doseChart(bins, {
        width: 640,
        factor: 100,
        xLabel: 'Sesi memfasilitasi',
        yLabel: 'Naik kelas (%)',
        formatValue: percent,
        formatCount: thousands,
        ariaLabel: 'Naik kelas menurut jumlah sesi memfasilitasi',
      }),
    ));
});
