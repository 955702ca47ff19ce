/**
 * A horizontal bar chart of one value per group, each group labelled with its `n`.
 * Groups below the minimum n are drawn pale and left unranked (sorted last).
 */
import * as Plot from '@observablehq/plot';

export interface GroupBar {
  key: string;
  label: string;
  n: number;
  /** The value as a fraction (0.25 = 25%); null when the group has no data. */
  value: number | null;
}

export interface GroupBarsOptions {
  width: number;
  xLabel: string;
  minN: number;
  /** Formats a value for the label at the end of each bar. */
  formatValue: (value: number) => string;
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
  const ranked = rankGroups(groups, options.minN).map((g) => ({
    ...g,
    pct: g.value == null ? 0 : g.value * 100,
    small: g.n < options.minN,
    text: g.value == null ? `n = ${g.n}` : `${options.formatValue(g.value)}  (n = ${g.n})`,
  }));
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
      Plot.text(ranked, {
        x: 'pct',
        y: 'label',
        text: 'text',
        textAnchor: 'start',
        dx: 6,
        fill: '#222',
      }),
    ],
  });
}
