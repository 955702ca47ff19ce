// @vitest-environment jsdom
/** Golden files of the Explore page's main chart, one per layout (see golden.ts). */
import { describe, it } from 'vitest';
import { measureChart, type ChartDatum, type MeasureChartOptions } from '../../../src/lib/charts/measure-chart';
import { EXPOSURE_COLOURS } from '../../../src/lib/charts/palette';
import { expectGolden } from './golden';
import { percent, thousands } from './format';

const datum = (d: Partial<ChartDatum> & Pick<ChartDatum, 'key' | 'label' | 'n' | 'value'>): ChartDatum => ({
  seriesKey: null,
  seriesLabel: null,
  low: null,
  high: null,
  small: false,
  selected: false,
  ...d,
});

/** Four regions: one under the minimum n (pale, ⚠), one with no interval. */
const single: ChartDatum[] = [
  datum({ key: '5201', label: 'Lombok Barat', n: 412, value: 0.281, low: 0.239, high: 0.326 }),
  datum({ key: '5203', label: 'Lombok Timur', n: 655, value: 0.342, low: 0.306, high: 0.379 }),
  datum({ key: '5207', label: 'Sumbawa Barat', n: 18, value: 0.5, low: 0.29, high: 0.71, small: true }),
  datum({ key: '5271', label: 'Kota Mataram', n: 230, value: 0.196 }),
];

/** Three regions split by exposure to a mentor function. */
const EXPOSED = 'Terpapar';
const NOT_EXPOSED = 'Tidak terpapar';
const series: ChartDatum[] = [
  ['5201', 'Lombok Barat', 0.312, 0.251, 0.379, 190, 0.255, 0.203, 0.314, 222],
  ['5204', 'Sumbawa', 0.402, 0.338, 0.469, 201, 0.298, 0.241, 0.361, 187],
  ['5272', 'Kota Bima', 0.45, 0.23, 0.68, 20, 0.21, 0.12, 0.34, 58],
].flatMap(([key, label, v1, lo1, hi1, n1, v2, lo2, hi2, n2]) => [
  datum({
    key: key as string,
    label: label as string,
    seriesKey: 'true',
    seriesLabel: EXPOSED,
    value: v1 as number,
    low: lo1 as number,
    high: hi1 as number,
    n: n1 as number,
    small: (n1 as number) < 30,
  }),
  datum({
    key: key as string,
    label: label as string,
    seriesKey: 'false',
    seriesLabel: NOT_EXPOSED,
    value: v2 as number,
    low: lo2 as number,
    high: hi2 as number,
    n: n2 as number,
  }),
]);

/** Three cohorts (panels) of two regions each; one group selected. */
const facet: ChartDatum[] = ['2022', '2023', '2024'].flatMap((cohort, i) => [
  datum({
    key: '5202',
    label: 'Lombok Tengah',
    seriesKey: cohort,
    seriesLabel: `Angkatan ${cohort}`,
    n: 120 + 10 * i,
    value: 0.2 + 0.05 * i,
    low: 0.15 + 0.05 * i,
    high: 0.26 + 0.05 * i,
    selected: true,
  }),
  datum({
    key: '5205',
    label: 'Dompu',
    seriesKey: cohort,
    seriesLabel: `Angkatan ${cohort}`,
    n: 40 - 12 * i,
    value: 0.3 - 0.04 * i,
    low: 0.2 - 0.04 * i,
    high: 0.41 - 0.04 * i,
    small: 40 - 12 * i < 30,
  }),
]);

function options(
  layout: MeasureChartOptions['layout'],
  chartType: MeasureChartOptions['chartType'],
  width: number,
  anySelected = false,
): MeasureChartOptions {
  return {
    width,
    layout,
    chartType,
    xLabel: 'Naik kelas (%)',
    factor: 100,
    formatValue: percent,
    formatCount: thousands,
    seriesColours:
      layout === 'series'
        ? new Map([
            [EXPOSED, EXPOSURE_COLOURS.exposed],
            [NOT_EXPOSED, EXPOSURE_COLOURS.notExposed],
          ])
        : undefined,
    anySelected,
    ariaLabel: 'Naik kelas menurut kabupaten/kota',
    describe: (d) => `${d.label}${d.seriesLabel ? ` · ${d.seriesLabel}` : ''}: ${percent(d.value)}, n = ${d.n}`,
    onActivate: () => {},
  };
}

describe('measureChart golden files', () => {
  it('single, bars, wide', () => expectGolden('measure-chart-single-bar-wide', measureChart(single, options('single', 'bar', 720))));
  it('single, bars, narrow', () => expectGolden('measure-chart-single-bar-narrow', measureChart(single, options('single', 'bar', 390))));
  it('single, dots, wide', () => expectGolden('measure-chart-single-dot-wide', measureChart(single, options('single', 'dot', 720))));
  it('series, bars, wide', () => expectGolden('measure-chart-series-bar-wide', measureChart(series, options('series', 'bar', 720))));
  it('series, dots, narrow', () => expectGolden('measure-chart-series-dot-narrow', measureChart(series, options('series', 'dot', 390))));
  it('facet, bars, wide (two columns), one group selected', () =>
    expectGolden('measure-chart-facet-bar-wide', measureChart(facet, options('facet', 'bar', 800, true))));
  it('facet, dots, narrow, one group selected', () =>
    expectGolden('measure-chart-facet-dot-narrow', measureChart(facet, options('facet', 'dot', 390, true))));
});
