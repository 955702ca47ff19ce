/**
 * What the Explore page and the report view show for one view and its query results:
 * titles, notes, chart rows with intervals, map and trajectory data, the filters in words.
 * Pure: the two pages share it, so a printed report shows exactly what Explore showed.
 */
import type { ExploreResults } from '../query/explore';
import type { GroupRow } from '../query/group-query';
import type { TrajectoryPoint } from '../query/trajectory';
import { effectiveDimensions } from '../query/explore';
import { dimensionByKey, isExposureDimension } from '../query/dimensions';
import { measureByKey, type MeasureDef } from '../query/measures';
import { EXPOSURE, groupLabel } from '../i18n/labels';
import { FRAMEWORKS } from '../domain/frameworks';
import { REGIONS } from '../domain/regions';
import { translate, type Lang } from '../i18n/messages';
import { formatDate } from '../i18n/format';
import type { ViewState } from '../query/view';
import { missingNeed, type Coverage } from '../query/coverage';
import { unavailableText, unknownDimensionText } from '../i18n/needs';
import { exploreLayout, groupInterval, toExploreRows, unreachableGroups, type ChartLayout, type ExploreRow } from './explore-rows';
import type { MapDatum } from './ntb-map';
import type { TrajectoryDatum } from './trajectory-chart';
import { discloseExploreRows, discloseMapData, discloseTrajectory, type Disclosure } from './disclosure-view';
import { DISCLOSURE_DEFAULT } from '../stats/disclosure';

/** The evaluator's own view: every value shown, small groups marked. */
export const OWN_VIEW: Disclosure = { k: DISCLOSURE_DEFAULT, mode: 'mark' };

export interface ExplorePresentation {
  measure: MeasureDef;
  /** Why the measure cannot be shown for this data (what it needs), or null. */
  unavailable: string | null;
  /** Why months since the start cannot be counted for this data, or null. */
  trajectoryUnavailable: string | null;
  measureLabel: string;
  title: string;
  dimension: string;
  dimension2: string | null;
  layout: ChartLayout;
  rows: ExploreRow[];
  notes: string[];
  seriesTitle: string | null;
  mapTitle: string;
  mapData: MapDatum[];
  trajectoryTitle: string;
  trajectory: TrajectoryDatum[] | null;
  /** The privacy rule in words, with the threshold: on every page that hides, and in every export. */
  disclosureNote: string;
  /** In the evaluator's own view, when something shown here is hidden elsewhere: what the † means. */
  markNote: string | null;
}

export function dimensionLabel(key: string | null, lang: Lang): string {
  const d = key ? dimensionByKey(key) : null;
  return d ? (lang === 'en' ? d.label_en : d.label_id) : '';
}

export function frameworkLabel(key: string, lang: Lang): string {
  const f = FRAMEWORKS.find((x) => x.key === key);
  return f ? (lang === 'en' ? f.label_en : f.label_id) : key;
}

/** The filters as sentences ("Kabupaten/kota: Sumbawa Barat, Kota Mataram"). */
export function filtersInWords(view: ViewState, lang: Lang, fnLabels: ReadonlyMap<string, [string, string]>): string[] {
  const all = view.filters.match === 'all';
  const lines = Object.entries(view.filters.values).map(([dim, values]) => {
    // Several functions or areas ticked: exposed to any of them, or to all of them.
    const match =
      isExposureDimension(dim) && values.length > 1 ? ` (${translate(lang, all ? 'explore.match.all' : 'explore.match.any')})` : '';
    return `${dimensionLabel(dim, lang)}${match}: ${values.map((v) => groupLabel(dim, v, lang, fnLabels)).join(', ')}`;
  });
  if (view.filters.dateFrom || view.filters.dateTo) {
    const from = view.filters.dateFrom ? formatDate(lang, view.filters.dateFrom) : '…';
    const to = view.filters.dateTo ? formatDate(lang, view.filters.dateTo) : '…';
    lines.push(`${translate(lang, 'explore.filters.dates')}: ${from} – ${to}`);
  }
  if (Object.keys(view.filters.values).includes('function')) {
    lines.push(translate(lang, 'explore.rule', { k: view.minSessions, framework: frameworkLabel(view.framework, lang) }));
  }
  if (Object.keys(view.filters.values).includes('support_area')) lines.push(translate(lang, 'explore.rule.area', { k: view.minSessions }));
  return lines;
}

/** The rows last made, and what they were made from. */
let lastRows: { groups: readonly GroupRow[]; fnLabels: ReadonlyMap<string, [string, string]>; key: string; rows: ExploreRow[] } | null =
  null;

/**
 * The main chart's rows, the same array as last time when nothing they show has changed:
 * a click that changes only what another chart shows (a region on the map, a new dimension
 * not answered yet) then redraws nothing here while the new results are on their way.
 */
function rowsOf(
  results: ExploreResults,
  view: ViewState,
  lang: Lang,
  fnLabels: ReadonlyMap<string, [string, string]>,
  disclosure: Disclosure,
  make: () => ExploreRow[],
): ExploreRow[] {
  const key = JSON.stringify([
    disclosure.k,
    disclosure.mode,
    view.measure,
    view.secondMode,
    view.minN,
    view.filters.values[results.dimension] ?? [],
    results.dimension,
    results.dimension2,
    lang,
  ]);
  if (lastRows && lastRows.groups === results.groups && lastRows.fnLabels === fnLabels && lastRows.key === key) return lastRows.rows;
  const rows = make();
  lastRows = { groups: results.groups, fnLabels, key, rows };
  return rows;
}

export function presentExplore(
  results: ExploreResults,
  view: ViewState,
  lang: Lang,
  fnLabels: ReadonlyMap<string, [string, string]>,
  /** What the data holds (query/coverage.ts); null when unknown (then nothing is marked missing). */
  coverage: Coverage | null = null,
  /** Small groups: marked (the evaluator's own view) or hidden (a shared link, the report). */
  disclosure: Disclosure = OWN_VIEW,
): ExplorePresentation {
  const t = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) => translate(lang, key, values);
  const measure = measureByKey(view.measure)!;
  const measureLabel = lang === 'en' ? measure.label_en : measure.label_id;
  const dims = effectiveDimensions(view);
  const label = (dimension: string, value: string | null) => groupLabel(dimension, value, lang, fnLabels);
  const exposureDimension = [dims.dimension, dims.dimension2].find((d) => isExposureDimension(d)) ?? null;
  const usesFunction = exposureDimension !== null;
  const rows = rowsOf(results, view, lang, fnLabels, disclosure, () =>
    discloseExploreRows(
      toExploreRows(results.groups, {
        measure,
        dimension: results.dimension,
        dimension2: results.dimension2,
        secondMode: view.secondMode,
        minN: view.minN,
        selected: view.filters.values[results.dimension] ?? [],
        label,
        exposureLabel: (exposed) => (lang === 'en' ? EXPOSURE[String(exposed)][1] : EXPOSURE[String(exposed)][0]),
      }),
      results,
      disclosure,
      lang,
    ),
  );
  const missingMeasure = missingNeed(measure.needs, coverage);
  // Months since the start of mentoring need the start date, and the date of what is counted.
  const missingTrajectory = missingNeed(
    ['clients.enrolled_on', 'clients.cohort', measure.trajectory === 'outcome' ? 'outcomes.measured_on' : 'sessions.session_date'],
    coverage,
  );
  const unknownDimensions = [dims.dimension, dims.dimension2].flatMap((key) => {
    const def = key ? dimensionByKey(key) : undefined;
    const missing = def ? missingNeed(def.needs, coverage) : null;
    return missing && missing !== missingMeasure ? [unknownDimensionText(lang, missing)] : [];
  });
  // Functions (or areas) no client reaches under the rule: named once, not drawn.
  const unreachable = exposureDimension ? unreachableGroups(results.groups, exposureDimension) : [];
  const notes = [
    ...unknownDimensions,
    exposureDimension === 'function' ? t('explore.rule', { k: view.minSessions, framework: frameworkLabel(view.framework, lang) }) : null,
    exposureDimension === 'support_area' ? t('explore.rule.area', { k: view.minSessions }) : null,
    unreachable.length > 0
      ? t('explore.unreachable', { k: view.minSessions, groups: unreachable.map((g) => label(exposureDimension!, g)).join(', ') })
      : null,
    usesFunction && dims.dimension2 ? t('explore.rule.secondDim') : null,
    measure.unit === 'mentor_month' ? t('explore.unit.mentorMonth') : null,
    dims.replaced === 'workload' ? t('explore.notApplicable') : null,
    dims.replaced === 'two-exposures' ? t('explore.twoExposures') : null,
    t('explore.association'),
  ].filter((n): n is string => n != null);
  const mapData = mapDataOf(results.regions, view.filters.values.region ?? [], measure, disclosure, lang);
  const trajectory = trajectoryDataOf(results.trajectory, view.filters.values.cohort ?? [], disclosure, lang);
  // Title, layout and series follow the results shown (the view's until the next results come).
  return {
    measure,
    unavailable: missingMeasure ? unavailableText(lang, missingMeasure) : null,
    trajectoryUnavailable: missingTrajectory ? unavailableText(lang, missingTrajectory) : null,
    measureLabel,
    title: t('explore.chart.title', {
      measure: measureLabel,
      dimension: results.dimension2
        ? `${dimensionLabel(results.dimension, lang)} × ${dimensionLabel(results.dimension2, lang)}`
        : dimensionLabel(results.dimension, lang),
    }),
    dimension: results.dimension,
    dimension2: results.dimension2,
    layout: exploreLayout({ dimension: results.dimension, dimension2: results.dimension2, secondMode: view.secondMode }),
    rows,
    notes,
    seriesTitle:
      isExposureDimension(results.dimension) && !results.dimension2
        ? t('explore.col.series')
        : results.dimension2
          ? dimensionLabel(results.dimension2, lang)
          : null,
    mapTitle: t('map.title', { measure: measureLabel }),
    mapData,
    trajectoryTitle: t('trajectory.title', { measure: measureLabel }),
    trajectory,
    disclosureNote: t('disclosure.hidden', { k: disclosure.k }),
    markNote:
      disclosure.mode === 'mark' && [...rows, ...mapData, ...(trajectory ?? [])].some((d) => d.disclosure)
        ? t('disclosure.marked', { k: disclosure.k })
        : null,
  };
}

/** The map's data: every region with its group's n, value and 95 % interval (with `measure`), and whether it is selected. */
export function mapDataOf(
  regions: readonly GroupRow[],
  selectedRegions: readonly string[],
  measure?: MeasureDef,
  disclosure: Disclosure = OWN_VIEW,
  lang: Lang = 'id',
): MapDatum[] {
  const data = REGIONS.map((r) => {
    const row = regions.find((g) => g.group === r.code);
    const ci = row && measure ? groupInterval(row, measure, `region|${r.code}`) : { low: null, high: null };
    return {
      code: r.code,
      name: r.name,
      n: row?.n ?? 0,
      value: row?.value ?? null,
      low: ci.low,
      high: ci.high,
      selected: selectedRegions.includes(r.code),
    };
  });
  return discloseMapData(data, disclosure, lang);
}

/** The trajectory chart's points (cohorts with a value), and whether each cohort is selected. */
export function trajectoryDataOf(
  points: readonly TrajectoryPoint[] | null,
  selectedCohorts: readonly string[],
  disclosure: Disclosure = OWN_VIEW,
  lang: Lang = 'id',
): TrajectoryDatum[] | null {
  if (!points) return null;
  const data = points
    .filter((p) => p.cohort != null && p.value != null)
    .map((p) => ({
      cohort: p.cohort!,
      months: p.months,
      value: p.value!,
      n: p.n,
      point: p.point,
      selected: selectedCohorts.includes(p.cohort!),
    }));
  return discloseTrajectory(data, disclosure, lang);
}
