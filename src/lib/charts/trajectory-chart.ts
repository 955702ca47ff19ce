/** Cohort trajectories: one line per cohort over months since mentoring started. */
import * as Plot from '@observablehq/plot';
import { OKABE_ITO } from './palette';

export interface TrajectoryDatum {
  cohort: string;
  months: number;
  value: number;
  n: number;
  selected: boolean;
}

export interface TrajectoryOptions {
  width: number;
  factor: number;
  xLabel: string;
  yLabel: string;
  formatValue: (value: number) => string;
  anySelected: boolean;
  cohorts: readonly string[];
}

export function cohortColour(cohorts: readonly string[], cohort: string): string {
  return OKABE_ITO[Math.max(0, cohorts.indexOf(cohort)) % OKABE_ITO.length];
}

export function trajectoryChart(points: readonly TrajectoryDatum[], options: TrajectoryOptions): SVGSVGElement | HTMLElement {
  const rows = points.map((p) => ({ ...p, v: p.value * options.factor, opacity: options.anySelected && !p.selected ? 0.25 : 1 }));
  const last = options.cohorts.map((c) => rows.filter((r) => r.cohort === c).at(-1)).filter((r) => r != null);
  return Plot.plot({
    width: options.width,
    height: 300,
    marginRight: 70,
    x: { label: options.xLabel, grid: true },
    y: { label: options.yLabel, grid: true, nice: true },
    color: { domain: [...options.cohorts], range: options.cohorts.map((c) => cohortColour(options.cohorts, c)) },
    marks: [
      Plot.ruleY([0], { stroke: '#999' }),
      Plot.line(rows, { x: 'months', y: 'v', z: 'cohort', stroke: 'cohort', strokeWidth: 2.5, strokeOpacity: (d: (typeof rows)[number]) => d.opacity }),
      Plot.dot(rows, {
        x: 'months',
        y: 'v',
        fill: 'cohort',
        r: 3.5,
        fillOpacity: (d: (typeof rows)[number]) => d.opacity,
        title: (d: (typeof rows)[number]) => `${d.cohort} · ${options.formatValue(d.value)} · n = ${d.n}`,
      }),
      Plot.text(last, { x: 'months', y: 'v', text: 'cohort', fill: 'cohort', textAnchor: 'start', dx: 8, fontWeight: 'bold' }),
    ],
  });
}
