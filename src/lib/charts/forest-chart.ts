/**
 * The Findings page's forest plot: one row per mentor function, the adjusted association
 * (dark dot) above the raw one (light dot), each with its Holm-compatible interval, and a
 * line at zero. Functions that were not estimated keep their row, labelled, with no dot —
 * so the chart never hides that they exist.
 */
import * as Plot from '@observablehq/plot';
import { OKABE_ITO } from './palette';
import { CHART_STYLE, LABEL_FONT_SIZE } from './chart-style';

export interface ForestDatum {
  key: string;
  label: string;
  /** null: not estimated. */
  adjusted: { estimate: number; low: number; high: number } | null;
  raw: { estimate: number; low: number; high: number } | null;
  /** Shown in place of the dots when not estimated, and in tooltips. */
  note: string;
  describe: string;
}

export interface ForestOptions {
  width: number;
  xLabel: string;
  adjustedLabel: string;
  rawLabel: string;
  ariaLabel: string;
}

export const FOREST_COLOURS = { adjusted: OKABE_ITO[0], raw: OKABE_ITO[1] } as const;

interface Mark {
  label: string;
  series: 'adjusted' | 'raw';
  estimate: number;
  low: number;
  high: number;
  describe: string;
}

export function forestChart(data: readonly ForestDatum[], options: ForestOptions): SVGSVGElement | HTMLElement {
  const marks: Mark[] = [];
  for (const d of data) {
    if (d.adjusted) marks.push({ label: d.label, series: 'adjusted', ...d.adjusted, describe: d.describe });
    if (d.raw) marks.push({ label: d.label, series: 'raw', ...d.raw, describe: d.describe });
  }
  // An interval with an infinite or enormous end (a bootstrap with very few mentors; on
  // the % scale exp(b) − 1 can reach 10²⁶) is drawn to the edge of the chart, so one
  // unbounded function does not squash the others; the table gives the numbers.
  const estimates = marks.map((m) => m.estimate).filter(Number.isFinite);
  const halfWidths = marks
    .map((m) => (m.high - m.low) / 2)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const typical = Math.max(1e-9, ...estimates.map(Math.abs), halfWidths[Math.floor(halfWidths.length / 2)] ?? 0);
  const usable = (v: number) => Number.isFinite(v) && Math.abs(v) <= 6 * typical;
  const finite = [...estimates, ...marks.flatMap((m) => [m.low, m.high]).filter(usable)];
  const lo = Math.min(0, ...finite);
  const hi = Math.max(0, ...finite);
  const pad = (hi - lo || 1) * 0.08;
  const clamp = (v: number) => Math.min(hi + pad, Math.max(lo - pad, v));
  const rows = marks.map((m) => ({ ...m, low: clamp(m.low), high: clamp(m.high) }));
  const missing = data.filter((d) => !d.adjusted);
  const labels = data.map((d) => d.label);
  const longest = Math.max(6, ...labels.map((l) => l.length));
  // Adjusted just above the function's line, raw just below it.
  const series = (name: Mark['series'], dy: number) => {
    const data = rows.filter((m) => m.series === name);
    const stroke = FOREST_COLOURS[name];
    return [
      Plot.ruleY(data, { y: 'label', x1: 'low', x2: 'high', dy, stroke, strokeWidth: 2 }),
      Plot.dot(data, {
        y: 'label',
        x: 'estimate',
        dy,
        r: 4.5,
        fill: stroke,
        stroke: 'white',
        title: (m: Mark) => `${name === 'adjusted' ? options.adjustedLabel : options.rawLabel}: ${m.describe}`,
      }),
    ];
  };
  const compact = options.width < 520;

  return Plot.plot({
    width: options.width,
    height: labels.length * 34 + 50,
    marginLeft: Math.min(compact ? 130 : 240, Math.ceil(longest * 12 * 0.62) + 12),
    marginRight: 16,
    style: CHART_STYLE,
    ariaLabel: options.ariaLabel,
    x: {
      label: options.xLabel,
      grid: true,
      nice: true,
      domain: [lo - pad, hi + pad],
      ticks: Math.max(2, Math.floor((options.width - (compact ? 146 : 256)) / 70)),
    },
    y: { label: null, domain: labels, tickFormat: (l: string) => (compact && l.length > 17 ? `${l.slice(0, 16)}…` : l) },
    marks: [
      Plot.ruleX([0], { stroke: '#555' }),
      ...series('raw', 5),
      ...series('adjusted', -5),
      Plot.text(missing, { y: 'label', x: 0, text: 'note', textAnchor: 'start', dx: 6, fill: '#5b6b67', fontSize: LABEL_FONT_SIZE }),
    ],
  });
}
