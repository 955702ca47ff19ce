/**
 * A horizontal bar chart of one value per group with its 95 % interval as a whisker, each
 * group labelled with its `n`. Groups keep a stable order (the caller's: functions in the
 * framework's order, regions by code): ranking by point value would put a group of n = 78
 * above groups whose intervals it overlaps. Groups below the minimum n are drawn pale.
 */
import * as Plot from '@observablehq/plot';
import { CHART_STYLE, COMPACT_WIDTH, LABEL_FONT_SIZE, textWidth } from './chart-style';

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
  /** Formats a count the way the table does ("1.280" in Bahasa Indonesia). */
  formatCount?: (n: number) => string;
  ariaLabel: string;
}

/** Orders groups: reliable groups by value (largest first), then small or empty groups. */
export function rankGroups(groups: readonly GroupBar[], minN: number): GroupBar[] {
  const reliable = groups.filter((g) => g.value != null && g.n >= minN).sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const rest = groups.filter((g) => !(g.value != null && g.n >= minN));
  return [...reliable, ...rest];
}

export function groupBarsPlot(groups: readonly GroupBar[], options: GroupBarsOptions): SVGSVGElement | HTMLElement {
  const count = options.formatCount ?? ((n: number) => String(n));
  const compact = options.width < COMPACT_WIDTH;
  const ranked = groups.map((g) => ({
    ...g,
    pct: g.value == null ? 0 : g.value * 100,
    lowPct: g.low == null ? null : g.low * 100,
    highPct: g.high == null ? null : g.high * 100,
    small: g.n < options.minN,
    text: g.value == null ? `n = ${count(g.n)}` : `${options.formatValue(g.value)}  (n = ${count(g.n)})`,
    // Narrow: each group is a title band (its label) above a value band.
    band: compact ? `${g.label}\u0001v` : g.label,
    titleBand: `${g.label}\u0001t`,
  }));
  const whiskers = ranked.filter((g) => g.lowPct != null && g.highPct != null);
  const longestLabel = Math.max(...ranked.map((g) => g.label.length), 8);
  const domain = compact ? ranked.flatMap((g) => [g.titleBand, g.band]) : ranked.map((g) => g.label);
  const rowHeight = compact ? 24 : 28;
  const marginLeft = compact ? 4 : Math.min(260, Math.ceil(longestLabel * 12 * 0.62) + 12);
  const marginRight = Math.min(150, Math.max(...ranked.map((g) => textWidth(g.text)), 40) + 12);
  return Plot.plot({
    width: options.width,
    height: rowHeight * domain.length + 50,
    marginLeft,
    marginRight,
    style: CHART_STYLE,
    ariaLabel: options.ariaLabel,
    x: { label: options.xLabel, grid: true, nice: true, ticks: Math.max(2, Math.floor((options.width - marginLeft - marginRight) / 70)) },
    y: { label: null, domain, padding: compact ? 0.1 : 0.15, axis: compact ? null : 'left' },
    marks: [
      Plot.barX(ranked, {
        x: 'pct',
        y: 'band',
        fill: (d: { small: boolean }) => (d.small ? '#b9c9c4' : '#0f7a66'),
        title: 'text',
      }),
      Plot.ruleX([0], { stroke: '#333' }),
      Plot.ruleY(whiskers, { y: 'band', x1: 'lowPct', x2: 'highPct', stroke: '#222', strokeWidth: 1.5 }),
      Plot.tickX(whiskers, { y: 'band', x: 'lowPct', stroke: '#222', inset: compact ? 5 : 8 }),
      Plot.tickX(whiskers, { y: 'band', x: 'highPct', stroke: '#222', inset: compact ? 5 : 8 }),
      Plot.text(ranked, {
        x: (d: { pct: number; highPct: number | null }) => Math.max(d.pct, d.highPct ?? d.pct),
        y: 'band',
        text: 'text',
        textAnchor: 'start',
        dx: 6,
        fill: '#222',
        fontSize: LABEL_FONT_SIZE,
      }),
      compact
        ? Plot.text(ranked, {
            y: 'titleBand',
            frameAnchor: 'left',
            dy: 3,
            text: 'label',
            textAnchor: 'start',
            fontWeight: 600,
            fill: '#1d2624',
            stroke: 'white',
            strokeWidth: 3,
            paintOrder: 'stroke',
            lineWidth: (options.width - 12) / 12,
            textOverflow: 'ellipsis',
          })
        : null,
    ],
  });
}
