// @vitest-environment jsdom
/**
 * Golden files of the exported figure: a drawn chart taken from the page as the export
 * buttons take it (`tidyChartAria` as PlotFigure applies it, then `chartParts`), framed with
 * its texts by `frameFigure` — one SVG document (see golden.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tidyChartAria } from '../../../src/lib/charts/chart-style';
import { chartParts } from '../../../src/lib/export/save';
import { measureChart, type ChartDatum } from '../../../src/lib/charts/measure-chart';
import { ntbMap, type MapDatum, type RegionCollection } from '../../../src/lib/charts/ntb-map';
import { EXPOSURE_COLOURS } from '../../../src/lib/charts/palette';
import { REGIONS } from '../../../src/lib/domain/regions';
import { frameFigure, type ChartPart, type FigureTexts } from '../../../src/lib/export/figure';
import { expectGolden, installCanvasStub, parseSvg } from './golden';
import { percent, thousands } from './format';

/** The chart's parts as the export buttons take them from the page: in a box, aria tidied. */
function parts(drawn: SVGSVGElement | HTMLElement): ChartPart[] {
  tidyChartAria(drawn);
  const box = document.createElement('div');
  box.append(drawn);
  const found = chartParts(box);
  // Each part is well-formed on its own: one namespace declaration, written by the serializer.
  for (const p of found) expect(p.markup.match(/ xmlns="/g)).toHaveLength(1);
  return found;
}

const identity = { lang: 'id', dataName: 'Data contoh bawaan', fingerprint: '0123456789abcdef', date: '1 Des 2026' } as const;

const EXPOSED = 'Terpapar';
const NOT_EXPOSED = 'Tidak terpapar';
const series: ChartDatum[] = [
  ['5201', 'Lombok Barat', 0.312, 0.251, 0.379, 190, 0.255, 0.203, 0.314, 222],
  ['5204', 'Sumbawa', 0.402, 0.338, 0.469, 201, 0.298, 0.241, 0.361, 187],
].flatMap(([key, label, v1, lo1, hi1, n1, v2, lo2, hi2, n2]) => [
  {
    key: key as string,
    label: label as string,
    seriesKey: 'true',
    seriesLabel: EXPOSED,
    n: n1 as number,
    value: v1 as number,
    low: lo1 as number,
    high: hi1 as number,
    small: false,
    selected: false,
  },
  {
    key: key as string,
    label: label as string,
    seriesKey: 'false',
    seriesLabel: NOT_EXPOSED,
    n: n2 as number,
    value: v2 as number,
    low: lo2 as number,
    high: hi2 as number,
    small: false,
    selected: false,
  },
]);

const geoFile = join(dirname(fileURLToPath(import.meta.url)), '../../../static/geo/ntb-kabupaten.geojson');
const geo = JSON.parse(readFileSync(geoFile, 'utf8')) as RegionCollection;
const mapData: MapDatum[] = REGIONS.map((r, i) => ({
  code: r.code,
  name: r.name,
  value: 0.12 + 0.03 * i,
  n: 100 + 25 * i,
  selected: false,
}));

let restoreCanvas: () => void;
beforeAll(() => (restoreCanvas = installCanvasStub()));
afterAll(() => restoreCanvas());

describe('frameFigure golden files', () => {
  it('the main chart by exposure, with its legend, notes and source', () => {
    const chart = measureChart(series, {
      width: 640,
      layout: 'series',
      chartType: 'bar',
      xLabel: 'Naik kelas (%)',
      factor: 100,
      formatValue: percent,
      formatCount: thousands,
      seriesColours: new Map([
        [EXPOSED, EXPOSURE_COLOURS.exposed],
        [NOT_EXPOSED, EXPOSURE_COLOURS.notExposed],
      ]),
      anySelected: false,
      ariaLabel: 'Naik kelas menurut kabupaten/kota dan paparan',
      describe: (d) => `${d.label} · ${d.seriesLabel}: ${percent(d.value)}`,
      onActivate: () => {},
    });
    const texts: FigureTexts = {
      ...identity,
      title: 'Naik kelas menurut kabupaten/kota dan paparan memfasilitasi',
      subtitle: ['Ukuran: Naik kelas (skala usaha naik)', 'Kabupaten/kota: Lombok Barat, Sumbawa'],
      legend: [
        { label: EXPOSED, colour: EXPOSURE_COLOURS.exposed },
        { label: NOT_EXPOSED, colour: EXPOSURE_COLOURS.notExposed },
      ],
      notes: ['Garis tipis = selang kepercayaan 95% (Wilson). Kelompok dengan n < 30 pucat dan ditandai ⚠.'],
      link: 'http://127.0.0.1/explore/?m=naik_kelas_rate&d=region&d2=exp_facilitate',
    };
    expectGolden('figure-measure-chart', parseSvg(frameFigure(parts(chart), texts).svg));
  });

  it('the map and its colour ramp: two parts', () => {
    const map = ntbMap(geo, mapData, {
      width: 640,
      factor: 100,
      legendLabel: 'Naik kelas (%)',
      formatValue: percent,
      describe: (d) => `${d.name}: ${d.value == null ? '–' : percent(d.value)}`,
      onActivate: () => {},
    });
    const texts: FigureTexts = {
      ...identity,
      title: 'Naik kelas menurut kabupaten/kota',
      subtitle: ['Ukuran: Naik kelas (skala usaha naik)'],
    };
    expectGolden('figure-ntb-map', parseSvg(frameFigure(parts(map), texts).svg));
  });
});
