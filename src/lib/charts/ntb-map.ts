/**
 * A choropleth of the 10 kabupaten/kota of NTB. Boundaries: static/geo/ntb-kabupaten.geojson
 * (cahyadsn/wilayah_boundaries, MIT). Each region is a keyboard-reachable button that
 * toggles a filter on it. The map shows the whole province or one island (Lombok, where
 * five regions share a small island, or Sumbawa).
 *
 * A region drawn smaller than a 24 px target (Kota Mataram, Kota Bima at most widths) gets a
 * round marker button of 24 px at its centre, labelled like the region; its own outline
 * still answers a click but leaves the keyboard and screen readers to the marker. Labels
 * (name and value) never overlap: each goes on its region if there is room, else beside it
 * with a leader line, else it is left out and named in `data-dropped-labels` on the map
 * (the page says where to read it).
 */
import * as Plot from '@observablehq/plot';
import { SEQUENTIAL_SCHEME } from './palette';
import { CHART_FONT_SIZE, LABEL_FONT_SIZE, MIN_TARGET, textWidth } from './chart-style';

/** A marker's diameter in SVG units: a little over the 24 px target, so a map scaled down by a
 * pixel or two in its box still offers 24 px on screen. */
const MARKER_SIZE = MIN_TARGET + 4;
import type { DisclosureMark } from '../stats/disclosure';
import { nearestPoint, placeLabels, type Box, type LabelRequest } from './label-layout';

export interface RegionFeature {
  type: 'Feature';
  properties: { kode_bps: string; nama_singkat: string; lat_centroid: number; lng_centroid: number };
  geometry: unknown;
}
export interface RegionCollection {
  type: 'FeatureCollection';
  features: RegionFeature[];
}

export interface MapDatum {
  code: string;
  name: string;
  value: number | null;
  /** 95 % interval of the value; null when unknown. */
  low?: number | null;
  high?: number | null;
  n: number;
  selected: boolean;
  /** Suppressed for privacy (charts/disclosure-view.ts): its value, when hidden, is null. */
  disclosure?: DisclosureMark | null;
}

export type MapZoom = 'all' | 'lombok' | 'sumbawa';
export const MAP_ZOOMS: readonly MapZoom[] = ['lombok', 'sumbawa', 'all'];

/** Regions of each island by BPS code (Lombok: 52.01–03, 52.08, 52.71; Sumbawa the rest). */
const LOMBOK = new Set(['5201', '5202', '5203', '5208', '5271']);
export function regionsShown(zoom: MapZoom, code: string): boolean {
  return zoom === 'all' || (zoom === 'lombok') === LOMBOK.has(code);
}

export interface MapOptions {
  width: number;
  factor: number;
  legendLabel: string;
  formatValue: (value: number) => string;
  describe: (d: MapDatum) => string;
  onActivate: (code: string) => void;
  zoom?: MapZoom;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The key that finds a region's button again after the map is drawn anew. */
export const regionFocusKey = (code: string) => `region:${code}`;

/**
 * Draws which regions are selected onto a drawn map (outline, dimming, aria-pressed):
 * a click on a region changes only this, so the map is not projected and drawn again.
 */
export function applyMapSelection(root: Element, selected: ReadonlySet<string>): void {
  const any = selected.size > 0;
  root.querySelectorAll('path[data-region]').forEach((el) => {
    const on = selected.has(el.getAttribute('data-region') ?? '');
    el.setAttribute('stroke', on ? '#000' : '#fff');
    el.setAttribute('stroke-width', on ? '2.5' : '0.8');
    el.setAttribute('fill-opacity', any && !on ? '0.45' : '1');
    el.setAttribute('aria-pressed', String(on));
  });
  root.querySelectorAll('[data-marker-region]').forEach((el) => {
    const on = selected.has(el.getAttribute('data-marker-region') ?? '');
    el.setAttribute('stroke-width', on ? '3' : '1.5');
    el.setAttribute('aria-pressed', String(on));
  });
}

function makeButton(el: Element, d: MapDatum, options: MapOptions): void {
  el.setAttribute('tabindex', '0');
  el.setAttribute('role', 'button');
  el.setAttribute('aria-label', options.describe(d));
  el.setAttribute('data-focus-key', regionFocusKey(d.code));
  (el as SVGElement).style.cursor = 'pointer';
  el.addEventListener('click', () => options.onActivate(d.code));
  el.addEventListener('keydown', (event) => {
    const key = (event as KeyboardEvent).key;
    if (key === 'Enter' || key === ' ') {
      event.preventDefault();
      options.onActivate(d.code);
    }
  });
}

/** The map with the values of `data`; selection is drawn by `applyMapSelection`. */
export function ntbMap(geo: RegionCollection, data: readonly MapDatum[], options: MapOptions): SVGSVGElement | HTMLElement {
  const zoom = options.zoom ?? 'all';
  const byCode = new Map(data.map((d) => [d.code, d]));
  const features = geo.features.filter((f) => regionsShown(zoom, f.properties.kode_bps));
  const shown: RegionCollection = { type: 'FeatureCollection', features };
  const rows = features.map((feature) => {
    const d = byCode.get(feature.properties.kode_bps);
    return { feature, datum: d, v: d?.value == null ? null : d.value * options.factor };
  });
  type MapRow = (typeof rows)[number];
  // Lombok is about as tall as it is wide; the province and Sumbawa are long and low. A
  // little more height than the land needs leaves room for labels beside small regions.
  const aspect = zoom === 'lombok' ? 0.85 : zoom === 'sumbawa' ? 0.5 : 0.42;
  const height = Math.max(200, Math.round(options.width * aspect));

  const drawRegions: Plot.RenderFunction = (index, scales, values, dimensions, context, next) => {
    const paths = next!(index, scales, values, dimensions, context) as SVGGElement;
    const path = context.path();
    const doc = paths.ownerDocument;
    const root = doc.createElementNS(SVG_NS, 'g');
    root.appendChild(paths);
    const markers = doc.createElementNS(SVG_NS, 'g');
    const labelLayer = doc.createElementNS(SVG_NS, 'g');
    labelLayer.setAttribute('aria-hidden', 'true');
    labelLayer.setAttribute('pointer-events', 'none');
    labelLayer.setAttribute('font-size', String(LABEL_FONT_SIZE));

    const obstacles: Box[] = [];
    const requests: (LabelRequest & { lines: [string, string]; area: number })[] = [];
    paths.querySelectorAll(':scope > path').forEach((el, j) => {
      const row = rows[index[j]] as MapRow | undefined;
      if (!row) return;
      const [[x0, y0], [x1, y1]] = path.bounds(row.feature as never);
      let [cx, cy] = path.centroid(row.feature as never);
      if (!Number.isFinite(cx) || !Number.isFinite(cy)) [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
      const d = row.datum;
      if (!d) return;
      el.setAttribute('data-region', d.code);
      const small = x1 - x0 < MARKER_SIZE || y1 - y0 < MARKER_SIZE;
      if (small) {
        // The outline still answers the pointer; the marker is the target and the button.
        el.setAttribute('role', 'button');
        el.setAttribute('tabindex', '-1');
        el.setAttribute('aria-hidden', 'true');
        (el as SVGElement).style.cursor = 'pointer';
        el.addEventListener('click', () => options.onActivate(d.code));
        const marker = doc.createElementNS(SVG_NS, 'circle');
        marker.setAttribute('cx', String(cx));
        marker.setAttribute('cy', String(cy));
        marker.setAttribute('r', String(MARKER_SIZE / 2));
        marker.setAttribute('fill', 'rgba(255,255,255,0.35)');
        marker.setAttribute('stroke', '#111');
        marker.setAttribute('stroke-width', '1.5');
        marker.setAttribute('data-marker-region', d.code);
        makeButton(marker, d, options);
        markers.appendChild(marker);
        obstacles.push({ x0: cx - MARKER_SIZE / 2, y0: cy - MARKER_SIZE / 2, x1: cx + MARKER_SIZE / 2, y1: cy + MARKER_SIZE / 2 });
      } else makeButton(el, d, options);
      const lines: [string, string] = [
        row.feature.properties.nama_singkat,
        d.value == null ? (d.disclosure?.text ?? '–') : `${options.formatValue(d.value)}${d.disclosure ? ' †' : ''}`,
      ];
      const width = Math.max(...lines.map((l) => textWidth(l, LABEL_FONT_SIZE))) + 4;
      requests.push({ id: d.code, x: cx, y: cy, width, height: LABEL_FONT_SIZE * 2 + 4, lines, area: (x1 - x0) * (y1 - y0) });
    });

    // Larger regions first: they have room at their centre; small ones move out beside them.
    requests.sort((a, b) => b.area - a.area);
    const bounds = { x0: 2, y0: 2, x1: dimensions.width - 2, y1: dimensions.height - 2 };
    const { placed, dropped } = placeLabels(requests, bounds, obstacles);
    for (const p of placed) {
      const r = requests.find((q) => q.id === p.id)!;
      if (p.displaced) {
        const [ex, ey] = nearestPoint(p.box, p.anchorX, p.anchorY);
        const line = doc.createElementNS(SVG_NS, 'line');
        line.setAttribute('x1', String(p.anchorX));
        line.setAttribute('y1', String(p.anchorY));
        line.setAttribute('x2', String(ex));
        line.setAttribute('y2', String(ey));
        line.setAttribute('stroke', '#333');
        line.setAttribute('stroke-width', '1');
        labelLayer.appendChild(line);
      }
      const text = doc.createElementNS(SVG_NS, 'text');
      text.setAttribute('text-anchor', 'middle');
      text.setAttribute('fill', '#111');
      text.setAttribute('stroke', 'white');
      text.setAttribute('stroke-width', '3');
      text.setAttribute('paint-order', 'stroke');
      text.setAttribute('data-label-region', p.id);
      r.lines.forEach((content, k) => {
        const span = doc.createElementNS(SVG_NS, 'tspan');
        span.setAttribute('x', String(p.x));
        span.setAttribute('y', String(p.box.y0 + 2 + LABEL_FONT_SIZE * (k + 0.85)));
        if (k === 0) span.setAttribute('font-weight', '600');
        span.textContent = content;
        text.appendChild(span);
      });
      labelLayer.appendChild(text);
    }
    root.appendChild(labelLayer);
    root.appendChild(markers);
    root.setAttribute('data-dropped-labels', dropped.join(' '));
    return root;
  };

  return Plot.plot({
    width: options.width,
    height,
    style: { fontSize: `${CHART_FONT_SIZE}px` },
    projection: { type: 'mercator', domain: shown as never, inset: 14 },
    color: {
      type: 'linear',
      scheme: SEQUENTIAL_SCHEME,
      legend: true,
      label: options.legendLabel,
      unknown: '#d9d9d9',
      // The legend is a figure of its own: its type is set here (Plot draws it at 10 px).
      style: { fontSize: `${CHART_FONT_SIZE}px` },
    } as Plot.ScaleOptions,
    marks: [
      Plot.geo(rows, {
        geometry: (r: MapRow) => r.feature,
        fill: (r: MapRow) => r.v,
        stroke: '#fff',
        strokeWidth: 0.8,
        title: (r: MapRow) => (r.datum ? options.describe(r.datum) : r.feature.properties.nama_singkat),
        render: drawRegions,
      }),
    ],
    ariaLabel: options.legendLabel,
  });
}
