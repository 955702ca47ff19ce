// @vitest-environment jsdom
/** Golden files of the Overview's bar chart of one value per group, wide and narrow (see golden.ts). */
import { describe, it } from 'vitest';
import { groupBarsPlot, type GroupBar, type GroupBarsOptions } from '../../../src/lib/charts/group-bars';
import { expectGolden } from './golden';
import { percent, thousands } from './format';

/** Median revenue growth by mentor function: one under the minimum n, one with no data, one with no interval. */
const groups: GroupBar[] = [
  { key: 'facilitate', label: 'Memfasilitasi', n: 1280, value: 0.182, low: 0.161, high: 0.204 },
  { key: 'educate', label: 'Mendidik', n: 964, value: 0.151, low: 0.127, high: 0.176 },
  { key: 'advise', label: 'Menasihati', n: 512, value: 0.093 },
  { key: 'mediate', label: 'Memediasi', n: 21, value: 0.24, low: 0.08, high: 0.41 },
  { key: 'advocate', label: 'Mengadvokasi', n: 0, value: null },
];

const options = (width: number): GroupBarsOptions => ({
  width,
  xLabel: 'Pertumbuhan omzet (median, %)',
  minN: 30,
  formatValue: percent,
  formatCount: thousands,
  ariaLabel: 'Pertumbuhan omzet menurut fungsi pendamping',
});

describe('groupBarsPlot golden files', () => {
  it('wide: labels left of the bars', () => expectGolden('group-bars-wide', groupBarsPlot(groups, options(720))));
  it('narrow: labels above the bars', () => expectGolden('group-bars-narrow', groupBarsPlot(groups, options(390))));
});
