/**
 * The Explore page's main chart: one value per group with its 95% interval and its `n`,
 * as bars or dots. Groups under the minimum n are pale and marked. Each group's row is a
 * button (click, Enter or Space) that toggles a filter on its group: a transparent band the
 * width of the chart and at least 24 px tall, over the bar or dot, so a short bar or a small
 * dot is as easy to hit as a long one.
 *
 * Wide, group labels sit left of the bars. Narrow (a phone), each group's label sits on a
 * line of its own above its bars, and the bars get the whole width.
 */
import * as Plot from '@observablehq/plot';
import { OKABE_ITO } from './palette';
import { CHART_STYLE, COMPACT_WIDTH, LABEL_FONT_SIZE, MIN_TARGET, textWidth } from './chart-style';

export interface ChartDatum {
  /** Group value (dimension 1). */
  key: string;
  label: string;
  /** Second split: exposure, or dimension 2. */
  seriesKey: string | null;
  seriesLabel: string | null;
  n: number;
  value: number;
  low: number | null;
  high: number | null;
  small: boolean;
  selected: boolean;
  /**
   * Set when the value is hidden for privacy ("< 5 klien"): no bar, dot or interval is drawn,
   * the text says this and the group's n.
   */
  hiddenText?: string | null;
  /** The value is shown to the evaluator but hidden in shared links, reports and exports (†). */
  marked?: boolean;
}

export interface MeasureChartOptions {
  width: number;
  xLabel: string;
  /** Multiply values for display (fractions → %). */
  factor: number;
  formatValue: (value: number) => string;
  /** Formats a count the way the tables do ("1.280" in Bahasa Indonesia). */
  formatCount?: (n: number) => string;
  /** single: one row per group; series: grouped rows, colour = series; facet: one panel per series. */
  layout: 'single' | 'series' | 'facet';
  chartType: 'bar' | 'dot';
  /** Colours per series label, in legend order. */
  seriesColours?: ReadonlyMap<string, string>;
  anySelected: boolean;
  ariaLabel: string;
  describe: (d: ChartDatum) => string;
  onActivate: (d: ChartDatum) => void;
  /** A reference line: the measure's whole-programme target (unscaled) and its words. */
  target?: { value: number; label: string } | null;
}

/** The target's reference line: a dark red that reads on white and is not a series colour. */
const TARGET_COLOUR = '#a4161a';

type Row = ChartDatum & { v: number; lo: number | null; hi: number | null; text: string; opacity: number; band: string };

/** The key that finds a group's button again after the chart is drawn anew (focus is kept on it). */
export function focusKey(d: Pick<ChartDatum, 'key' | 'seriesKey'>): string {
  return `${d.key}|${d.seriesKey ?? ''}`;
}

/** Makes every rendered element of a mark a keyboard-reachable button for its datum. */
function clickable(rows: Row[], options: MeasureChartOptions): Plot.RenderFunction {
  return function (index, scales, values, dimensions, context, next) {
    const g = next!(index, scales, values, dimensions, context) as SVGGElement;
    g.setAttribute('class', 'mark-buttons');
    const elements = g.querySelectorAll(':scope > rect');
    elements.forEach((el, j) => {
      const datum = rows[index[j]];
      if (!datum) return;
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'button');
      el.setAttribute('aria-pressed', String(datum.selected));
      el.setAttribute('aria-label', options.describe(datum));
      el.setAttribute('data-key', datum.key);
      el.setAttribute('data-focus-key', focusKey(datum));
      (el as SVGElement).style.cursor = 'pointer';
      el.addEventListener('click', () => options.onActivate(datum));
      el.addEventListener('keydown', (event) => {
        const key = (event as KeyboardEvent).key;
        if (key === 'Enter' || key === ' ') {
          event.preventDefault();
          options.onActivate(datum);
        }
      });
    });
    return g;
  };
}

/** Bands of the narrow layout: a title band per group (its label), then its value bands. */
const TITLE = '\u0000title';
const bandOf = (group: string, series: string) => `${group}\u0001${series}`;

export function measureChart(data: readonly ChartDatum[], options: MeasureChartOptions): SVGSVGElement | HTMLElement {
  const count = options.formatCount ?? ((n: number) => String(n));
  const layout = options.layout;
  const compact = options.width < COMPACT_WIDTH;
  const rows: Row[] = data.map((d) => ({
    ...d,
    v: d.value * options.factor,
    lo: d.low == null ? null : d.low * options.factor,
    hi: d.high == null ? null : d.high * options.factor,
    text: d.hiddenText
      ? `${d.hiddenText}  n = ${count(d.n)}`
      : layout === 'facet'
        ? `n = ${count(d.n)}${d.small ? ' ⚠' : ''}${d.marked ? ' †' : ''}`
        : `${options.formatValue(d.value)}${d.marked ? ' †' : ''}  n = ${count(d.n)}${d.small ? ' ⚠' : ''}`,
    opacity: options.anySelected && !d.selected ? 0.3 : d.small ? 0.45 : 1,
    band: layout === 'series' ? bandOf(d.label, d.seriesLabel ?? '') : bandOf(d.label, ''),
  }));
  const labels = [...new Set(rows.map((r) => r.label))];
  const series = [...new Set(rows.map((r) => r.seriesLabel ?? ''))];
  const colours = options.seriesColours ?? new Map(series.map((s, i) => [s, OKABE_ITO[i % OKABE_ITO.length]]));

  // series: one facet row per group, a coloured row per series inside it (legend in HTML).
  // facet: small multiples, one panel per series, wrapped into columns that fit the width.
  const panelNames = layout === 'facet' ? series : [];
  const columns = layout === 'facet' ? Math.max(1, Math.min(panelNames.length, Math.floor(options.width / 360))) : 1;
  const panelOf = (d: Row) => panelNames.indexOf(d.seriesLabel ?? '');
  const fx = layout === 'facet' ? (d: Row) => panelOf(d) % columns : undefined;
  const panelRows = layout === 'facet' ? Math.ceil(panelNames.length / columns) : 1;
  // Every band is tall enough for a 24 px target, with a 1 px inset above and below.
  const rowHeight = MIN_TARGET + 4;

  // Wide: y = the group (or the series within a group's facet row); narrow: one y band per
  // group title and per value row, in one column (no facet rows).
  const wideY = layout === 'series' ? 'seriesLabel' : 'label';
  const y = compact ? 'band' : wideY;
  const fy = compact
    ? layout === 'facet'
      ? (d: Row) => Math.floor(panelOf(d) / columns)
      : undefined
    : layout === 'series'
      ? 'label'
      : layout === 'facet'
        ? (d: Row) => Math.floor(panelOf(d) / columns)
        : undefined;
  const compactDomain = labels.flatMap((l) => [
    bandOf(l, TITLE),
    ...(layout === 'series' ? series.map((s) => bandOf(l, s)) : [bandOf(l, '')]),
  ]);
  const bandsPerPanel = compact ? compactDomain.length : layout === 'series' ? series.length : labels.length;
  const facetRows = compact ? panelRows : layout === 'series' ? labels.length : panelRows;
  const facetGap = layout === 'single' || compact ? (layout === 'facet' ? 28 : 0) : layout === 'series' ? 10 : 28;
  const titles = compact ? labels.map((l) => ({ label: l, band: bandOf(l, TITLE) })) : [];

  const longest = Math.max(...rows.map((r) => r.label.length), 6);
  const marginLeft = compact ? 4 : Math.min(240, Math.ceil(longest * 12 * 0.62) + 12);
  const longestText = Math.max(...rows.map((r) => textWidth(r.text)), 40);
  const marginRight = layout === 'facet' ? 16 : Math.min(compact ? 130 : 180, longestText + 14);
  const fill = layout === 'series' ? (d: Row) => colours.get(d.seriesLabel ?? '') ?? OKABE_ITO[0] : () => OKABE_ITO[0];

  const common = { y, fx, fy, fillOpacity: (d: Row) => d.opacity, pointerEvents: 'none' };
  // A hidden value draws nothing but its text: no bar, dot or interval to read it from.
  const drawn = rows.filter((r) => !r.hiddenText);
  const valueMark =
    options.chartType === 'bar'
      ? Plot.barX(drawn, { ...common, x: 'v', fill, insetTop: 2, insetBottom: 2 } as Plot.BarXOptions)
      : Plot.dot(drawn, { ...common, x: 'v', fill, r: 6, stroke: 'white' } as Plot.DotOptions);
  // The buttons: a transparent band across the chart's width per group (and series), on top.
  const targetX = options.target ? options.target.value * options.factor : null;
  const extent = [...rows.flatMap((r) => [r.v, r.lo ?? r.v, r.hi ?? r.v]), targetX ?? 0].filter(Number.isFinite);
  const left = Math.min(0, ...extent);
  const right = Math.max(0, ...extent);
  const hitMark = Plot.barX(rows, {
    x1: () => left,
    x2: () => right,
    y,
    fx,
    fy,
    fill: 'transparent',
    title: (d: Row) => options.describe(d),
    render: clickable(rows, options),
  } as Plot.BarXOptions);
  const panelTitles = panelNames.map((name, i) => ({ name, fx: i % columns, fy: Math.floor(i / columns) }));
  const withInterval = drawn.filter((r) => r.lo != null && r.hi != null);
  const interval = { y, fx, fy, stroke: '#222', strokeOpacity: (d: Row) => d.opacity, pointerEvents: 'none' };
  // Numbers that travel with the chart (tests, exports): the tick count follows the width.
  const plotWidth = (options.width - marginLeft - marginRight) / columns;

  const svg = Plot.plot({
    width: options.width,
    height: facetRows * (bandsPerPanel * rowHeight + facetGap) + 56,
    marginLeft,
    marginRight,
    marginTop: layout === 'facet' ? 30 : 20,
    style: CHART_STYLE,
    ariaLabel: options.ariaLabel,
    x: { label: options.xLabel, grid: true, nice: true, ticks: Math.max(2, Math.floor(plotWidth / 70)) },
    y: {
      label: null,
      domain: compact ? compactDomain : layout === 'series' ? series : labels,
      axis: compact || layout === 'series' ? null : 'left',
      padding: 0,
      tickFormat: (l: string) => (l.length > 38 ? `${l.slice(0, 37)}…` : l),
    },
    fx: fx ? { axis: null } : undefined,
    fy:
      fy === 'label'
        ? {
            label: null,
            domain: labels,
            axis: 'left',
            padding: 0.12,
            tickFormat: (l: string) => (l.length > 38 ? `${l.slice(0, 37)}…` : l),
          }
        : fy
          ? { axis: null }
          : undefined,
    facet: fy || fx ? { marginLeft, marginTop: layout === 'facet' ? 24 : 4 } : undefined,
    marks: [
      Plot.ruleX([0], { stroke: '#555' }),
      // The words are beside the chart (a label here would repeat in every facet).
      ...(targetX !== null && options.target
        ? [Plot.ruleX([targetX], { stroke: TARGET_COLOUR, strokeWidth: 1.5, strokeDasharray: '5 3', ariaLabel: options.target.label })]
        : []),
      valueMark,
      Plot.ruleY(withInterval, { ...interval, x1: 'lo', x2: 'hi', strokeWidth: 1.5 }),
      Plot.tickX(withInterval, { ...interval, x: 'lo', inset: 6 }),
      Plot.tickX(withInterval, { ...interval, x: 'hi', inset: 6 }),
      Plot.text(rows, {
        // Past the interval's end, so the whisker never runs through the label.
        x: (d: Row) => Math.max(d.v, d.hi ?? d.v, 0),
        y,
        fx,
        fy,
        text: 'text',
        textAnchor: 'start',
        dx: 8,
        fill: '#222',
        fontSize: LABEL_FONT_SIZE,
        pointerEvents: 'none',
      }),
      compact
        ? // The group's label on its own line, across the whole width (cut with … if longer).
          Plot.text(titles, {
            y: 'band',
            frameAnchor: 'left',
            dy: 3,
            text: 'label',
            textAnchor: 'start',
            fontWeight: 600,
            fill: '#1d2624',
            stroke: 'white',
            strokeWidth: 3,
            paintOrder: 'stroke',
            lineWidth: (options.width / columns - marginLeft - 8) / 12,
            textOverflow: 'ellipsis',
            pointerEvents: 'none',
          })
        : null,
      layout === 'facet'
        ? Plot.text(panelTitles, { fx: 'fx', fy: 'fy', text: 'name', frameAnchor: 'top-left', dy: -16, fontWeight: 'bold', fontSize: 13 })
        : null,
      hitMark,
    ],
  });
  return svg;
}
