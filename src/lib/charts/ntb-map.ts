/**
 * A choropleth of the 10 kabupaten/kota of NTB. Boundaries: static/geo/ntb-kabupaten.geojson
 * (cahyadsn/wilayah_boundaries, MIT). Each region is a keyboard-reachable button that
 * toggles a filter on it.
 */
import * as Plot from '@observablehq/plot';
import { SEQUENTIAL_SCHEME } from './palette';

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
  n: number;
  selected: boolean;
}

export interface MapOptions {
  width: number;
  factor: number;
  legendLabel: string;
  formatValue: (value: number) => string;
  describe: (d: MapDatum) => string;
  onActivate: (code: string) => void;
}

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
}

/** The map with the values of `data`; selection is drawn by `applyMapSelection`. */
export function ntbMap(geo: RegionCollection, data: readonly MapDatum[], options: MapOptions): SVGSVGElement | HTMLElement {
  const byCode = new Map(data.map((d) => [d.code, d]));
  const rows = geo.features.map((feature) => {
    const d = byCode.get(feature.properties.kode_bps);
    return { feature, datum: d, v: d?.value == null ? null : d.value * options.factor };
  });
  const height = Math.round(options.width * 0.42);

  const clickable: Plot.RenderFunction = (index, scales, values, dimensions, context, next) => {
    const g = next!(index, scales, values, dimensions, context) as SVGGElement;
    g.querySelectorAll(':scope > path').forEach((el, j) => {
      const row = rows[index[j]];
      if (!row?.datum) return;
      const d = row.datum;
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'button');
      el.setAttribute('aria-label', options.describe(d));
      el.setAttribute('data-region', d.code);
      (el as SVGElement).style.cursor = 'pointer';
      el.addEventListener('click', () => options.onActivate(d.code));
      el.addEventListener('keydown', (event) => {
        const key = (event as KeyboardEvent).key;
        if (key === 'Enter' || key === ' ') {
          event.preventDefault();
          options.onActivate(d.code);
        }
      });
    });
    return g;
  };

  return Plot.plot({
    width: options.width,
    height,
    projection: { type: 'mercator', domain: geo as never, inset: 10 },
    color: {
      type: 'linear',
      scheme: SEQUENTIAL_SCHEME,
      legend: true,
      label: options.legendLabel,
      unknown: '#d9d9d9',
    },
    marks: [
      Plot.geo(rows, {
        geometry: (r: (typeof rows)[number]) => r.feature,
        fill: (r: (typeof rows)[number]) => r.v,
        stroke: '#fff',
        strokeWidth: 0.8,
        title: (r: (typeof rows)[number]) => (r.datum ? options.describe(r.datum) : r.feature.properties.nama_singkat),
        render: clickable,
      }),
      Plot.text(rows, {
        x: (r: (typeof rows)[number]) => r.feature.properties.lng_centroid,
        y: (r: (typeof rows)[number]) => r.feature.properties.lat_centroid,
        text: (r: (typeof rows)[number]) =>
          `${r.feature.properties.nama_singkat}\n${r.datum?.value == null ? '–' : options.formatValue(r.datum.value)}`,
        fontSize: 10,
        fill: '#111',
        stroke: 'white',
        strokeWidth: 3,
        pointerEvents: 'none',
      } as Plot.TextOptions),
    ],
    ariaLabel: options.legendLabel,
  });
}
