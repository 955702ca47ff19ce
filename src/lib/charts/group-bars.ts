/**
 * A horizontal bar chart of one value per group with its 95 % interval as a whisker, each
 * group labelled with its `n`. Groups keep a stable order (the caller's: functions in the
 * framework's order, regions by code): ranking by point value would put a group of n = 78
 * above groups whose intervals it overlaps. Groups below the minimum n are drawn pale.
 */
import * as Plot from '@observablehq/plot';

export interface GroupBar {
  key: string;
  label: string;
  n: number;
  /** The value as a fraction (0.25 = 25%); null when the group has no data. */
  value: number | null;
  /** 95 % interval of the value (fractions); null when unknown. */
  low?: number | null;
  high?: number | null;
}

export interface GroupBarsOptions {
  width: number;
  xLabel: string;
  minN: number;
  /** Formats a value for the label at the end of each bar. */
  formatValue: (value: number) => string;
  /** Writes a count as the tables do (`1.280` in Indonesian); default: plain digits. */
  formatCount?: (n: number) => string;
  /** Called when a bar is activated (click or keyboard on its table row). */
  ariaLabel: string;
}

/** Orders groups: reliable groups by value (largest first), then small or empty groups. */
export function rankGroups(groups: readonly GroupBar[], minN: number): GroupBar[] {
  const reliable = groups.filter((g) => g.value != null && g.n >= minN).sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const rest = groups.filter((g) => !(g.value != null && g.n >= minN));
  return [...reliable, ...rest];
}

export function groupBarsPlot(groups: readonly GroupBar[], options: GroupBarsOptions): SVGSVGElement | HTMLElement {
  const ranked = groups.map((g) => ({
    ...g,
    pct: g.value == null ? 0 : g.value * 100,
    lowPct: g.low == null ? null : g.low * 100,
    highPct: g.high == null ? null : g.high * 100,
    small: g.n < options.minN,
    text: g.value == null ? `n = ${(options.formatCount ?? String)(g.n)}` : `${options.formatValue(g.value)}  (n = ${(options.formatCount ?? String)(g.n)})`,
  }));
  const whiskers = ranked.filter((g) => g.lowPct != null && g.highPct != null);
  const longestLabel = Math.max(...ranked.map((g) => g.label.length), 8);
  return Plot.plot({
    width: options.width,
    height: 28 * ranked.length + 50,
    marginLeft: Math.min(260, 7 * longestLabel + 12),
    marginRight: 130,
    ariaLabel: options.ariaLabel,
    x: { label: options.xLabel, grid: true, nice: true },
    y: { label: null, domain: ranked.map((g) => g.label) },
    marks: [
      Plot.barX(ranked, {
        x: 'pct',
        y: 'label',
        fill: (d: { small: boolean }) => (d.small ? '#b9c9c4' : '#0f7a66'),
        title: 'text',
      }),
      Plot.ruleX([0], { stroke: '#333' }),
      Plot.ruleY(whiskers, { y: 'label', x1: 'lowPct', x2: 'highPct', stroke: '#222', strokeWidth: 1.5 }),
      Plot.tickX(whiskers, { y: 'label', x: 'lowPct', stroke: '#222', inset: 8 }),
      Plot.tickX(whiskers, { y: 'label', x: 'highPct', stroke: '#222', inset: 8 }),
      Plot.text(ranked, {
        x: (d: { pct: number; highPct: number | null }) => Math.max(d.pct, d.highPct ?? d.pct),
        y: 'label',
        text: 'text',
        textAnchor: 'start',
        dx: 6,
        fill: '#222',
      }),
    ],
  });
}
