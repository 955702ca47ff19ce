// @vitest-environment jsdom
/**
 * Golden files of the NTB map at each zoom, with the site's own boundaries (see golden.ts).
 * Plot returns the map and its colour ramp in a <figure>: the golden files are .html.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  applyMapSelection,
  ntbMap,
  type MapDatum,
  type MapOptions,
  type MapZoom,
  type RegionCollection,
} from '../../../src/lib/charts/ntb-map';
import { REGIONS } from '../../../src/lib/domain/regions';
import { expectGolden, installCanvasStub } from './golden';
import { percent } from './format';

const geoFile = join(dirname(fileURLToPath(import.meta.url)), '../../../static/geo/ntb-kabupaten.geojson');
const geo = JSON.parse(readFileSync(geoFile, 'utf8')) as RegionCollection;

/** A value per region, Kota Bima without one (grey, "–"). */
const data: MapDatum[] = REGIONS.map((r, i) =>
  r.code === '5272'
    ? { code: r.code, name: r.name, value: null, n: 0, selected: false }
    : { code: r.code, name: r.name, value: 0.12 + 0.03 * i, low: 0.08 + 0.03 * i, high: 0.16 + 0.03 * i, n: 100 + 25 * i, selected: false },
);

const options = (zoom: MapZoom, width: number): MapOptions => ({
  width,
  zoom,
  factor: 100,
  legendLabel: 'Naik kelas (%)',
  formatValue: percent,
  describe: (d) => `${d.name}: ${d.value == null ? '–' : percent(d.value)}`,
  onActivate: () => {},
});

let restoreCanvas: () => void;
beforeAll(() => (restoreCanvas = installCanvasStub()));
afterAll(() => restoreCanvas());

describe('ntbMap golden files', () => {
  it('the province', () => expectGolden('ntb-map-all', ntbMap(geo, data, options('all', 720)) as Element));
  it('Lombok, narrow', () => expectGolden('ntb-map-lombok-narrow', ntbMap(geo, data, options('lombok', 390)) as Element));
  it('Sumbawa', () => expectGolden('ntb-map-sumbawa', ntbMap(geo, data, options('sumbawa', 720)) as Element));
  it('the province with two regions selected (a large one and one with a marker)', () => {
    const map = ntbMap(geo, data, options('all', 720));
    applyMapSelection(map, new Set(['5204', '5271']));
    expectGolden('ntb-map-all-selected', map);
  });
});
