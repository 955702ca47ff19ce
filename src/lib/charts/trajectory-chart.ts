/** Cohort trajectories: one line per cohort over months since mentoring started. */
import * as Plot from '@observablehq/plot';
import { OKABE_ITO } from './palette';
import { CHART_STYLE, LABEL_FONT_SIZE, textWidth } from './chart-style';
import { dodge } from './label-layout';
import type { DisclosureMark } from '../stats/disclosure';

export interface TrajectoryDatum {
  cohort: string;
  months: number;
  /** Null when hidden for privacy: the point is not drawn. */
  value: number | null;
  n: number;
  selected: boolean;
  /** The point in time cohorts share (trajectory.ts), for suppression across cohorts. */
  point?: string;
  disclosure?: DisclosureMark | null;
}

export interface TrajectoryOptions {
  width: number;
  factor: number;
  xLabel: string;
  yLabel: string;
  formatValue: (value: number) => string;
  /** Formats a count the way the tables do ("1.280" in Bahasa Indonesia). */
  formatCount?: (n: number) => string;
  anySelected: boolean;
  cohorts: readonly string[];
}

export function cohortColour(cohorts: readonly string[], cohort: string): string {
  return OKABE_ITO[Math.max(0, cohorts.indexOf(cohort)) % OKABE_ITO.length];
}

export function trajectoryChart(points: readonly TrajectoryDatum[], options: TrajectoryOptions): SVGSVGElement | HTMLElement {
  const count = options.formatCount ?? ((n: number) => String(n));
  const rows = points
    .filter((p): p is TrajectoryDatum & { value: number } => p.value != null)
    .map((p) => ({ ...p, v: p.value * options.factor, opacity: options.anySelected && !p.selected ? 0.25 : 1 }));
  const last = options.cohorts.map((c) => rows.filter((r) => r.cohort === c).at(-1)).filter((r) => r != null);
  const marginRight = Math.max(40, ...last.map((r) => textWidth(r.cohort, LABEL_FONT_SIZE) + 14));
  // Lines that end close together would put their labels on top of each other: the labels
  // are spread apart, at least a line of text, each as little as it can.
  const endLabels: Plot.RenderFunction = (index, scales, values, dimensions, context, next) => {
    const Y = values.y as unknown as number[];
    const spread = dodge(
      Array.from(index, (i) => Y[i]),
      LABEL_FONT_SIZE + 3,
      dimensions.marginTop + LABEL_FONT_SIZE / 2,
      dimensions.height - dimensions.marginBottom - LABEL_FONT_SIZE / 2,
    );
    const moved = Array.from(Y);
    index.forEach((i, k) => (moved[i] = spread[k]));
    return next!(index, scales, { ...values, y: moved } as unknown as typeof values, dimensions, context);
  };
  return Plot.plot({
    width: options.width,
    height: 300,
    marginRight,
    style: CHART_STYLE,
    x: { label: options.xLabel, grid: true, ticks: Math.max(2, Math.floor((options.width - marginRight - 40) / 60)) },
    y: { label: options.yLabel, grid: true, nice: true },
    color: { domain: [...options.cohorts], range: options.cohorts.map((c) => cohortColour(options.cohorts, c)) },
    marks: [
      Plot.ruleY([0], { stroke: '#999' }),
      Plot.line(rows, {
        x: 'months',
        y: 'v',
        z: 'cohort',
        stroke: 'cohort',
        strokeWidth: 2.5,
        strokeOpacity: (d: (typeof rows)[number]) => d.opacity,
      }),
      Plot.dot(rows, {
        x: 'months',
        y: 'v',
        fill: 'cohort',
        r: 3.5,
        fillOpacity: (d: (typeof rows)[number]) => d.opacity,
        title: (d: (typeof rows)[number]) => `${d.cohort} · ${options.formatValue(d.value)}${d.disclosure ? ' †' : ''} · n = ${count(d.n)}`,
      }),
      Plot.text(last, {
        x: 'months',
        y: 'v',
        text: 'cohort',
        fill: 'cohort',
        textAnchor: 'start',
        dx: 8,
        fontWeight: 'bold',
        fontSize: LABEL_FONT_SIZE,
        render: endLabels,
      }),
    ],
  });
}
