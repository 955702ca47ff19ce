/**
 * Dose–response: the outcome by bins of sessions of one function, a dot and its 95 %
 * interval per bin, n under each bin; bins under the minimum n pale and marked ⚠.
 */
import * as Plot from '@observablehq/plot';
import { OKABE_ITO } from './palette';
import { CHART_STYLE, LABEL_FONT_SIZE } from './chart-style';

export interface DoseDatum {
  label: string;
  n: number;
  value: number | null;
  low: number | null;
  high: number | null;
  small: boolean;
}

export interface DoseChartOptions {
  width: number;
  /** Multiply values for display (fractions → %). */
  factor: number;
  xLabel: string;
  yLabel: string;
  formatValue: (value: number) => string;
  /** Formats a count the way the table does ("1.280" in Bahasa Indonesia). */
  formatCount?: (n: number) => string;
  ariaLabel: string;
}

export function doseChart(bins: readonly DoseDatum[], options: DoseChartOptions): SVGSVGElement | HTMLElement {
  const shown = bins
    .filter((b) => b.value !== null)
    .map((b) => ({
      ...b,
      v: (b.value as number) * options.factor,
      lo: b.low === null ? null : b.low * options.factor,
      hi: b.high === null ? null : b.high * options.factor,
      opacity: b.small ? 0.4 : 1,
    }));
  type Row = (typeof shown)[number];
  const count = options.formatCount ?? ((n: number) => String(n));
  const withInterval = shown.filter((b) => b.lo !== null && b.hi !== null);
  return Plot.plot({
    width: options.width,
    height: 300,
    marginBottom: 44,
    style: CHART_STYLE,
    ariaLabel: options.ariaLabel,
    x: { label: options.xLabel, domain: bins.map((b) => b.label), padding: 0.3 },
    y: { label: options.yLabel, grid: true, nice: true, zero: true },
    marks: [
      Plot.ruleY([0], { stroke: '#999' }),
      Plot.ruleX(withInterval, { x: 'label', y1: 'lo', y2: 'hi', stroke: '#222', strokeWidth: 1.5, strokeOpacity: (d: Row) => d.opacity }),
      Plot.dot(shown, {
        x: 'label',
        y: 'v',
        r: 6,
        fill: OKABE_ITO[0],
        fillOpacity: (d: Row) => d.opacity,
        stroke: 'white',
        title: (d: Row) => `${d.label}: ${options.formatValue(d.value as number)}, n = ${count(d.n)}${d.small ? ' ⚠' : ''}`,
      }),
      Plot.text(bins, {
        x: 'label',
        frameAnchor: 'bottom',
        dy: -6,
        text: (d: DoseDatum) => `n = ${count(d.n)}${d.small ? ' ⚠' : ''}`,
        fill: '#333',
        fontSize: LABEL_FONT_SIZE,
      }),
    ],
  });
}
