/**
 * The Explore page's main chart: one value per group with its 95% interval and its `n`,
 * as bars or dots. Groups under the minimum n are pale and marked. Each bar or dot is a
 * button (click, Enter or Space) that toggles a filter on its group.
 */
import * as Plot from '@observablehq/plot';
import { OKABE_ITO } from './palette';

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
}

export interface MeasureChartOptions {
  width: number;
  xLabel: string;
  /** Multiply values for display (fractions → %). */
  factor: number;
  formatValue: (value: number) => string;
  /** Writes a count as the tables do (`1.280` in Indonesian); default: plain digits. */
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
}

type Row = ChartDatum & { v: number; lo: number | null; hi: number | null; text: string; opacity: number };

/** Makes every rendered element of a mark a keyboard-reachable button for its datum. */
function clickable(rows: Row[], options: MeasureChartOptions): Plot.RenderFunction {
  return function (index, scales, values, dimensions, context, next) {
    const g = next!(index, scales, values, dimensions, context) as SVGGElement;
    const elements = g.querySelectorAll(':scope > rect, :scope > circle');
    elements.forEach((el, j) => {
      const datum = rows[index[j]];
      if (!datum) return;
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'button');
      el.setAttribute('aria-pressed', String(datum.selected));
      el.setAttribute('aria-label', options.describe(datum));
      el.setAttribute('data-key', datum.key);
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

export function measureChart(data: readonly ChartDatum[], options: MeasureChartOptions): SVGSVGElement | HTMLElement {
  const rows: Row[] = data.map((d) => ({
    ...d,
    v: d.value * options.factor,
    lo: d.low == null ? null : d.low * options.factor,
    hi: d.high == null ? null : d.high * options.factor,
    text: `${options.formatValue(d.value)}  n = ${(options.formatCount ?? String)(d.n)}${d.small ? ' ⚠' : ''}`,
    opacity: options.anySelected && !d.selected ? 0.3 : d.small ? 0.45 : 1,
  }));
  const labels = [...new Set(rows.map((r) => r.label))];
  const series = [...new Set(rows.map((r) => r.seriesLabel ?? ''))];
  const colours = options.seriesColours ?? new Map(series.map((s, i) => [s, OKABE_ITO[i % OKABE_ITO.length]]));

  const layout = options.layout;
  // series: one facet row per group, a coloured row per series inside it (legend in HTML).
  // facet: small multiples, one panel per series, wrapped into columns that fit the width.
  const panelNames = layout === 'facet' ? series : [];
  const columns = layout === 'facet' ? Math.max(1, Math.min(panelNames.length, Math.floor(options.width / 360))) : 1;
  const panelOf = (d: Row) => panelNames.indexOf(d.seriesLabel ?? '');
  const y = layout === 'series' ? 'seriesLabel' : 'label';
  const fx = layout === 'facet' ? (d: Row) => panelOf(d) % columns : undefined;
  const fy = layout === 'series' ? 'label' : layout === 'facet' ? (d: Row) => Math.floor(panelOf(d) / columns) : undefined;
  const rowsPerPanel = layout === 'series' ? series.length : labels.length;
  const panelRows = layout === 'single' ? 1 : layout === 'series' ? labels.length : Math.ceil(panelNames.length / columns);
  const rowHeight = layout === 'single' ? 28 : 20;
  const longest = Math.max(...rows.map((r) => (layout === 'series' ? r.label : r.label).length), 6);
  const fill = layout === 'series' ? (d: Row) => colours.get(d.seriesLabel ?? '') ?? OKABE_ITO[0] : () => OKABE_ITO[0];

  const common = { y, fx, fy, fillOpacity: (d: Row) => d.opacity, title: (d: Row) => options.describe(d) };
  const valueMark =
    options.chartType === 'bar'
      ? Plot.barX(rows, { ...common, x: 'v', fill, render: clickable(rows, options) } as Plot.BarXOptions)
      : Plot.dot(rows, { ...common, x: 'v', fill, r: 6, stroke: 'white', render: clickable(rows, options) } as Plot.DotOptions);
  const panelTitles = panelNames.map((name, i) => ({ name, fx: i % columns, fy: Math.floor(i / columns) }));
  const withInterval = rows.filter((r) => r.lo != null && r.hi != null);

  const marginLeft = Math.min(240, 7 * longest + 16);
  return Plot.plot({
    width: options.width,
    height: panelRows * (rowsPerPanel * rowHeight + (layout === 'single' ? 0 : 24)) + 60,
    marginLeft,
    marginRight: layout === 'facet' ? 20 : 150,
    marginTop: layout === 'facet' ? 30 : 20,
    ariaLabel: options.ariaLabel,
    x: { label: options.xLabel, grid: true, nice: true },
    y: { label: null, domain: layout === 'series' ? series : labels, axis: layout === 'series' ? null : 'left' },
    fx: fx ? { axis: null } : undefined,
    fy: layout === 'series' ? { label: null, domain: labels, axis: 'left' } : layout === 'facet' ? { axis: null } : undefined,
    facet: layout !== 'single' ? { marginLeft, marginTop: layout === 'facet' ? 24 : 4 } : undefined,
    marks: [
      Plot.ruleX([0], { stroke: '#555' }),
      valueMark,
      // Decorations let clicks through to the bar or dot underneath.
      Plot.ruleY(withInterval, { x1: 'lo', x2: 'hi', y, fx, fy, stroke: '#222', strokeWidth: 1.5, strokeOpacity: (d: Row) => d.opacity, pointerEvents: 'none' }),
      Plot.tickX(withInterval, { x: 'lo', y, fx, fy, stroke: '#222', strokeOpacity: (d: Row) => d.opacity, pointerEvents: 'none' }),
      Plot.tickX(withInterval, { x: 'hi', y, fx, fy, stroke: '#222', strokeOpacity: (d: Row) => d.opacity, pointerEvents: 'none' }),
      layout === 'facet'
        ? Plot.text(rows, { x: 'v', y, fx, fy, text: (d: Row) => `n=${(options.formatCount ?? String)(d.n)}${d.small ? ' ⚠' : ''}`, textAnchor: 'start', dx: 4, dy: 0, fill: '#222', fontSize: 10, pointerEvents: 'none' })
        : Plot.text(rows, { x: (d: Row) => Math.max(d.v, d.hi ?? d.v, 0), y, fy, text: 'text', textAnchor: 'start', dx: 8, fill: '#222', fontSize: 11, pointerEvents: 'none' }),
      layout === 'facet'
        ? Plot.text(panelTitles, { fx: 'fx', fy: 'fy', text: 'name', frameAnchor: 'top-left', dy: -16, fontWeight: 'bold', fontSize: 12 })
        : null,
    ],
  });
}
