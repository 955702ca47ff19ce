// @vitest-environment jsdom
/** Golden files of the Findings page's forest plot, wide and narrow (see golden.ts). */
import { describe, it } from 'vitest';
import { forestChart, type ForestDatum, type ForestOptions } from '../../../src/lib/charts/forest-chart';
import { expectGolden } from './golden';

const interval = (estimate: number, low: number, high: number) => ({ estimate, low, high });
/**
 * Six functions in percentage points: one not estimated (its row stays, with its note), one
 * whose interval is unbounded (drawn to the edge), one with an adjusted estimate only.
 */
const data: ForestDatum[] = [
  {
    key: 'facilitate',
    label: 'Memfasilitasi',
    adjusted: interval(6.1, 2.4, 9.8),
    raw: interval(8.3, 4.9, 11.7),
    note: '',
    describe: 'Memfasilitasi: +6,1 pp',
  },
  {
    key: 'educate',
    label: 'Mendidik',
    adjusted: interval(4.2, 0.6, 7.8),
    raw: interval(5.0, 1.8, 8.2),
    note: '',
    describe: 'Mendidik: +4,2 pp',
  },
  {
    key: 'advise',
    label: 'Menasihati',
    adjusted: interval(-0.8, -4.1, 2.5),
    raw: interval(1.9, -1.2, 5.0),
    note: '',
    describe: 'Menasihati: −0,8 pp',
  },
  {
    key: 'supervise',
    label: 'Mengawasi dan memantau usaha',
    adjusted: interval(1.2, -2.0, 4.4),
    raw: null,
    note: '',
    describe: 'Mengawasi: +1,2 pp',
  },
  {
    key: 'mediate',
    label: 'Memediasi',
    adjusted: interval(3.0, -20, Infinity),
    raw: interval(2.5, -9.5, 14.5),
    note: '',
    describe: 'Memediasi: +3,0 pp',
  },
  {
    key: 'advocate',
    label: 'Mengadvokasi',
    adjusted: null,
    raw: null,
    note: 'data tidak cukup',
    describe: 'Mengadvokasi: tidak diestimasi',
  },
];

const options = (width: number): ForestOptions => ({
  width,
  xLabel: 'Selisih naik kelas (pp)',
  adjustedLabel: 'Disesuaikan',
  rawLabel: 'Mentah',
  ariaLabel: 'Hubungan fungsi pendamping dengan naik kelas',
});

describe('forestChart golden files', () => {
  it('wide', () => expectGolden('forest-chart-wide', forestChart(data, options(720))));
  it('narrow: long labels cut', () => expectGolden('forest-chart-narrow', forestChart(data, options(390))));
});
