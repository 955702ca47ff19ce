/**
 * The tables and series colours under Explore's charts, defined once: the Explore cards
 * and the printed report show the same columns and the same colours for the same view.
 */
import type { Column } from './table-column';
import { formatDecimal, formatInteger, formatMeasure } from '../i18n/format';
import { translate, type Lang } from '../i18n/messages';
import type { ValueFormat } from '../query/measures';
import type { DifferenceBasis, ExploreRow } from './explore-rows';
import type { MapDatum } from './ntb-map';
import { EXPOSURE_COLOURS, OKABE_ITO } from './palette';
import type { TrajectoryDatum } from './trajectory-chart';
import { disclosedValue } from './disclosure-view';

/** The format of a difference of two values of a measure: shares differ in percentage points. */
export function differenceFormat(format: ValueFormat): ValueFormat {
  return format === 'percent' ? 'pp' : format;
}

/** "+12,3 pp (+5,1 – +19,0)": a difference with its 95 % interval, or '' when there is none. */
export function differenceText(lang: Lang, format: ValueFormat, r: Pick<ExploreRow, 'diff' | 'diffLow' | 'diffHigh'>): string {
  if (r.diff == null) return '';
  const f = (v: number | null) => formatMeasure(lang, differenceFormat(format), v);
  return r.diffLow == null || r.diffHigh == null ? f(r.diff) : `${f(r.diff)} (${f(r.diffLow)} – ${f(r.diffHigh)})`;
}

export function exploreRowColumns(
  lang: Lang,
  format: ValueFormat,
  seriesTitle: string | null,
  difference: DifferenceBasis | null = null,
): Column<ExploreRow>[] {
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  const fmt = (v: number | null) => formatMeasure(lang, format, v);
  return [
    { key: 'label', label: t('explore.col.group') },
    ...(seriesTitle ? [{ key: 'seriesLabel', label: seriesTitle }] : []),
    { key: 'n', label: t('explore.col.n'), numeric: true, format: (r: ExploreRow) => formatInteger(lang, r.n) },
    {
      key: 'value',
      label: t('explore.col.value'),
      numeric: true,
      format: (r: ExploreRow) => disclosedValue(fmt(r.value), r.value, r.disclosure),
    },
    { key: 'low', label: t('explore.col.low'), numeric: true, format: (r: ExploreRow) => fmt(r.low) },
    { key: 'high', label: t('explore.col.high'), numeric: true, format: (r: ExploreRow) => fmt(r.high) },
    ...(difference
      ? [
          {
            key: 'diff',
            label: t(difference === 'previous_year' ? 'explore.col.diffYear' : 'explore.col.diff'),
            numeric: true,
            format: (r: ExploreRow) => differenceText(lang, format, r),
          },
        ]
      : []),
    {
      key: 'small',
      label: t('explore.col.note'),
      format: (r: ExploreRow) => (r.small ? `⚠ ${t('explore.small')}` : r.rank ? `#${r.rank}` : ''),
    },
  ];
}

export const exploreRowKey = (r: ExploreRow): string => `${r.key}|${r.seriesKey ?? ''}|${r.exposed ?? ''}`;

export function mapColumns(lang: Lang, format: ValueFormat): Column<MapDatum>[] {
  return [
    { key: 'name', label: translate(lang, 'explore.col.group') },
    { key: 'n', label: translate(lang, 'explore.col.n'), numeric: true, format: (r: MapDatum) => formatInteger(lang, r.n) },
    {
      key: 'value',
      label: translate(lang, 'explore.col.value'),
      numeric: true,
      format: (r: MapDatum) => disclosedValue(formatMeasure(lang, format, r.value), r.value, r.disclosure),
    },
    {
      key: 'low',
      label: translate(lang, 'explore.col.low'),
      numeric: true,
      format: (r: MapDatum) => formatMeasure(lang, format, r.low ?? null),
    },
    {
      key: 'high',
      label: translate(lang, 'explore.col.high'),
      numeric: true,
      format: (r: MapDatum) => formatMeasure(lang, format, r.high ?? null),
    },
  ];
}

/**
 * A region's accessible name on the map: its name, value, 95 % interval and n
 * ("Lombok Barat: 31,5% (95%: 27,0% – 35,2%), n = 150").
 */
export function mapRegionName(lang: Lang, format: ValueFormat, d: MapDatum): string {
  const f = (v: number | null | undefined) => formatMeasure(lang, format, v ?? null);
  const interval = d.low != null && d.high != null ? ` (95%: ${f(d.low)} – ${f(d.high)})` : '';
  return d.value == null
    ? `${d.name}: ${d.disclosure?.text ?? translate(lang, 'map.noData')}, n = ${formatInteger(lang, d.n)}`
    : `${d.name}: ${disclosedValue(f(d.value), d.value, d.disclosure)}${interval}, n = ${formatInteger(lang, d.n)}`;
}

export function trajectoryColumns(lang: Lang, format: ValueFormat): Column<TrajectoryDatum>[] {
  return [
    { key: 'cohort', label: translate(lang, 'trajectory.cohort') },
    {
      key: 'months',
      label: translate(lang, 'trajectory.months'),
      numeric: true,
      format: (r: TrajectoryDatum) => formatDecimal(lang, r.months, 1),
    },
    { key: 'n', label: translate(lang, 'explore.col.n'), numeric: true, format: (r: TrajectoryDatum) => formatInteger(lang, r.n) },
    {
      key: 'value',
      label: translate(lang, 'explore.col.value'),
      numeric: true,
      format: (r: TrajectoryDatum) => disclosedValue(formatMeasure(lang, format, r.value), r.value, r.disclosure),
    },
  ];
}

/**
 * Colour of each series of the chart, by its label, for rows in chart order: exposed and
 * not exposed always get their two colours, other series Okabe–Ito in order of appearance.
 */
export function seriesColourMap(plotted: readonly ExploreRow[]): Map<string, string> {
  const labels = [...new Set(plotted.map((r) => r.seriesLabel ?? ''))].filter(Boolean);
  return new Map(
    labels.map((s, i) => {
      const row = plotted.find((r) => r.seriesLabel === s);
      if (row?.seriesKey === 'exposed') return [s, EXPOSURE_COLOURS.exposed];
      if (row?.seriesKey === 'not_exposed') return [s, EXPOSURE_COLOURS.notExposed];
      return [s, OKABE_ITO[i % OKABE_ITO.length]];
    }),
  );
}
