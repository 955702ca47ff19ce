/** The Explore cards and the printed report share these tables and colours. */
import { describe, expect, it } from 'vitest';
import type { ExploreRow } from '../../../src/lib/charts/explore-rows';
import { exploreRowColumns, exploreRowKey, seriesColourMap } from '../../../src/lib/charts/explore-tables';
import { EXPOSURE_COLOURS, OKABE_ITO } from '../../../src/lib/charts/palette';

const row = (over: Partial<ExploreRow>): ExploreRow => ({
  key: 'k',
  label: 'K',
  seriesKey: null,
  seriesLabel: null,
  n: 12,
  value: 0.25,
  low: 0.2,
  high: 0.3,
  intervalMethod: 'wilson',
  small: false,
  selected: false,
  exposed: null,
  plotted: true,
  rank: null,
  diff: null,
  diffLow: null,
  diffHigh: null,
  disclosure: null,
  ...over,
});

describe('explore tables', () => {
  it('colours exposure series by meaning and other series in order of appearance', () => {
    const exposure = seriesColourMap([
      row({ seriesKey: 'not_exposed', seriesLabel: 'Not exposed' }),
      row({ seriesKey: 'exposed', seriesLabel: 'Exposed' }),
    ]);
    expect([...exposure]).toEqual([
      ['Not exposed', EXPOSURE_COLOURS.notExposed],
      ['Exposed', EXPOSURE_COLOURS.exposed],
    ]);
    const regions = seriesColourMap([
      row({ seriesKey: '5201', seriesLabel: 'Lombok Barat' }),
      row({ seriesKey: '5202', seriesLabel: 'Lombok Tengah' }),
      row({ seriesKey: '5201', seriesLabel: 'Lombok Barat' }),
    ]);
    expect([...regions]).toEqual([
      ['Lombok Barat', OKABE_ITO[0]],
      ['Lombok Tengah', OKABE_ITO[1]],
    ]);
  });

  it('formats the value columns in the measure’s format and marks small groups and ranks', () => {
    const columns = exploreRowColumns('id', 'percent', 'Subkelompok');
    expect(columns.map((c) => c.key)).toEqual(['label', 'seriesLabel', 'n', 'value', 'low', 'high', 'small']);
    const cell = (key: string, r: ExploreRow) => columns.find((c) => c.key === key)!.format!(r);
    expect(cell('value', row({ value: 0.284 }))).toBe('28,4%');
    expect(cell('n', row({ n: 1500 }))).toBe('1.500');
    expect(cell('small', row({ small: true }))).toMatch(/^⚠/);
    expect(cell('small', row({ rank: 2 }))).toBe('#2');
    expect(exploreRowColumns('en', 'number', null).map((c) => c.key)).not.toContain('seriesLabel');
    expect(exploreRowKey(row({ key: 'educate', seriesKey: 'exposed', exposed: true }))).toBe('educate|exposed|true');
  });
});
