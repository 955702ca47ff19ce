/**
 * The tables behind each chart, as the exports write them — defined once, so a card's
 * downloads, the report's workbook and the Findings workbook hold the same columns. Each
 * column's machine name is the header the standard CSV has always had; its label is the
 * header in the UI language; its kind says how each export writes the value. Pure.
 *
 * Every export hides small groups, whatever the page shows: a row, region or point marked
 * for privacy (charts/disclosure-view.ts) is written with its n and no value, interval or
 * difference, and says why in a column of its own.
 */
import { rowsDifferenceBasis, type ExploreRow } from '../charts/explore-rows';
import {
  hideDoseBins,
  hideExploreRows,
  hideGroupBars,
  hideMapData,
  hideTrajectory,
  disclosureText,
  kpiSuppression,
  type KpiKey,
} from '../charts/disclosure-view';
import type { MapDatum } from '../charts/ntb-map';
import type { TrajectoryDatum } from '../charts/trajectory-chart';
import type { GroupBar } from '../charts/group-bars';
import type { OverviewKpis } from '../query/overview';
import type { MeasureDef, ValueFormat } from '../query/measures';
import type { FindingsResult } from '../findings/analyse';
import type { DoseResponse } from '../findings/dose';
import { unitLabel } from '../findings/format';
import type { UserQueryResult } from '../query/user-sql';
import { missingNeed, type Coverage } from '../query/coverage';
import { translate, type Lang, type MessageKey } from '../i18n/messages';
import { kindOfDuckDbType, type ExportColumn, type ExportKind, type ExportTable } from './table';

type T = (key: MessageKey, values?: Record<string, string | number>) => string;
const tr =
  (lang: Lang): T =>
  (key, values) =>
    translate(lang, key, values);

/** The export kind of a measure's values. */
export function kindOfFormat(format: ValueFormat): ExportKind {
  return format === 'percent' ? 'percent' : format === 'pp' ? 'pp' : format === 'hours' ? 'hours' : 'number';
}

/** The kind of a difference of two values of a measure (shares differ in percentage points). */
function differenceKind(format: ValueFormat): ExportKind {
  return format === 'percent' ? 'pp' : kindOfFormat(format);
}

const col = (key: string, label: string, kind: ExportKind, digits?: number): ExportColumn => ({
  key,
  label,
  kind,
  ...(digits === undefined ? {} : { digits }),
});

/** Explore's main chart: one row per group (and subgroup), as the table under the chart. */
export function mainChartTable(
  rows: readonly ExploreRow[],
  measure: MeasureDef,
  title: string,
  seriesTitle: string | null,
  lang: Lang,
): ExportTable {
  const t = tr(lang);
  const kind = kindOfFormat(measure.format);
  const diff = differenceKind(measure.format);
  // Exposed − not exposed for an exposure dimension; each year − the year before for years.
  const byYear = rowsDifferenceBasis(rows) === 'previous_year';
  const diffKey = byYear ? 'change_vs_previous_year' : 'diff_vs_not_exposed';
  const hidden = hideExploreRows(rows);
  return {
    sheet: t('exports.sheet.main'),
    title,
    columns: [
      col('group', t('exports.col.groupCode'), 'text'),
      col('group_label', t('explore.col.group'), 'text'),
      col('series', t('exports.col.seriesCode'), 'text'),
      col('series_label', seriesTitle ?? t('explore.col.series'), 'text'),
      col('exposed', t('exports.col.exposed'), 'boolean'),
      col('n', t('explore.col.n'), 'integer'),
      col('value', t('explore.col.value'), kind),
      col('ci95_low', t('explore.col.low'), kind),
      col('ci95_high', t('explore.col.high'), kind),
      col('interval_method', t('exports.col.method'), 'text'),
      col('small_group', t('exports.col.small'), 'boolean'),
      col(diffKey, t(byYear ? 'exports.col.diffYear' : 'exports.col.diff'), diff),
      col('diff_ci95_low', t('exports.col.diffLow'), diff),
      col('diff_ci95_high', t('exports.col.diffHigh'), diff),
      col('suppressed', t('exports.col.suppressed'), 'text'),
    ],
    rows: hidden.map((r) => ({
      group: r.key,
      group_label: r.label,
      series: r.seriesKey,
      series_label: r.seriesLabel,
      exposed: r.exposed,
      n: r.n,
      value: r.value,
      ci95_low: r.low,
      ci95_high: r.high,
      interval_method: r.intervalMethod,
      small_group: r.small,
      [diffKey]: r.diff,
      diff_ci95_low: r.diffLow,
      diff_ci95_high: r.diffHigh,
      suppressed: r.disclosure?.text ?? null,
    })),
  };
}

/** The map: every kabupaten/kota with its n and value. */
export function mapTable(data: readonly MapDatum[], measure: MeasureDef, title: string, lang: Lang): ExportTable {
  const t = tr(lang);
  const kind = kindOfFormat(measure.format);
  return {
    sheet: t('exports.sheet.map'),
    title,
    columns: [
      col('region_code', t('exports.col.regionCode'), 'text'),
      col('region', t('exports.col.region'), 'text'),
      col('n', t('explore.col.n'), 'integer'),
      col('value', t('explore.col.value'), kind),
      col('suppressed', t('exports.col.suppressed'), 'text'),
    ],
    rows: hideMapData(data).map((d) => ({
      region_code: d.code,
      region: d.name,
      n: d.n,
      value: d.value,
      suppressed: d.disclosure?.text ?? null,
    })),
  };
}

/** Cohort trajectories: the measure per cohort by months since mentoring started. */
export function trajectoryTable(points: readonly TrajectoryDatum[], measure: MeasureDef, title: string, lang: Lang): ExportTable {
  const t = tr(lang);
  const kind = kindOfFormat(measure.format);
  return {
    sheet: t('exports.sheet.trajectory'),
    title,
    columns: [
      col('cohort', t('trajectory.cohort'), 'text'),
      col('months', t('trajectory.months'), 'number', 1),
      col('n', t('explore.col.n'), 'integer'),
      col('value', t('explore.col.value'), kind),
      col('suppressed', t('exports.col.suppressed'), 'text'),
    ],
    rows: hideTrajectory(points).map((p) => ({
      cohort: p.cohort,
      months: p.months,
      n: p.n,
      value: p.value,
      suppressed: p.disclosure?.text ?? null,
    })),
  };
}

/**
 * The headline numbers in one row, each beside its n; a number the data cannot give is
 * empty, and so is one that describes fewer than `disclosureK` clients (its n stays).
 */
export function kpiTable(kpis: OverviewKpis, coverage: Coverage | null, lang: Lang, disclosureK: number): ExportTable {
  const t = tr(lang);
  const has = (needs: string[]) => missingNeed(needs, coverage) === null;
  const unless = <V>(needs: string[], value: V) => (has(needs) ? value : null);
  const suppressed = kpiSuppression(kpis, disclosureK);
  const shown = <V>(key: KpiKey, value: V) => (suppressed.has(key) ? null : value);
  return {
    sheet: t('exports.sheet.kpis'),
    title: t('report.kpis'),
    columns: [
      col('clients', t('kpi.clients'), 'integer'),
      col('mentors', t('kpi.mentors'), 'integer'),
      col('sessions', t('kpi.sessions'), 'integer'),
      col('median_revenue_growth', t('kpi.growth'), 'percent'),
      col('revenue_growth_n', `${t('kpi.growth')}: n`, 'integer'),
      col('naik_kelas_rate', t('kpi.naikKelas'), 'percent'),
      col('naik_kelas_n', `${t('kpi.naikKelas')}: n`, 'integer'),
      col('nib_endline_rate', t('kpi.nib'), 'percent'),
      col('nib_endline_n', `${t('kpi.nib')}: n`, 'integer'),
    ],
    rows: [
      {
        clients: unless(['clients'], kpis.clients),
        mentors: unless(['sessions.mentor_id'], shown('mentors', kpis.mentors)),
        sessions: unless(['sessions'], shown('sessions', kpis.sessions)),
        median_revenue_growth: unless(['outcomes.monthly_revenue'], shown('growth', kpis.median_revenue_growth)),
        revenue_growth_n: unless(['outcomes.monthly_revenue'], kpis.revenue_growth_n),
        naik_kelas_rate: unless(['outcomes.size_class'], shown('naik-kelas', kpis.naik_kelas_rate)),
        naik_kelas_n: unless(['outcomes.size_class'], kpis.naik_kelas_n),
        nib_endline_rate: unless(['outcomes.has_nib'], shown('nib', kpis.nib_endline_rate)),
        nib_endline_n: unless(['outcomes.has_nib'], kpis.nib_endline_n),
      },
    ],
  };
}

/** Why a group is hidden: too few clients, or the complement of one that is. */
const hiddenText = (lang: Lang, n: number, k: number) => disclosureText(lang, n < k ? 'primary' : 'secondary', k);

/** The Overview's group charts: median revenue growth per group with its interval (small groups hidden). */
export function groupBarsTable(groups: readonly GroupBar[], title: string, lang: Lang, disclosureK: number): ExportTable {
  const t = tr(lang);
  const hidden = hideGroupBars(groups, disclosureK);
  return {
    sheet: t('exports.sheet.groups'),
    title,
    columns: [
      col('group', t('exports.col.groupCode'), 'text'),
      col('group_label', t('table.group'), 'text'),
      col('n', t('table.n'), 'integer'),
      col('value', t('table.median'), 'percent'),
      col('ci95_low', t('explore.col.low'), 'percent'),
      col('ci95_high', t('explore.col.high'), 'percent'),
      col('suppressed', t('exports.col.suppressed'), 'text'),
    ],
    rows: hidden.map((g, i) => ({
      group: g.key,
      group_label: g.label,
      n: g.n,
      value: g.value,
      ci95_low: g.low ?? null,
      ci95_high: g.high ?? null,
      suppressed: g.value == null && groups[i].value != null ? hiddenText(lang, g.n, disclosureK) : null,
    })),
  };
}

const withUnit = (label: string, unit: string) => `${label} (${unit})`;

/** Findings: each function's raw and adjusted association, in the outcome's unit. */
export function effectsTable(result: FindingsResult, title: string, lang: Lang): ExportTable {
  const t = tr(lang);
  const unit = unitLabel(lang, result.unit);
  const number = (key: string, label: string) => col(key, withUnit(label, unit), 'number', 2);
  return {
    sheet: t('exports.sheet.effects'),
    title,
    columns: [
      col('function', t('exports.col.functionCode'), 'text'),
      col('label', t('findings.col.function'), 'text'),
      col('status', t('exports.col.status'), 'text'),
      col('clients_reached', t('findings.col.reached'), 'integer'),
      number('raw_estimate', t('findings.col.raw')),
      number('raw_low', t('exports.col.rawLow')),
      number('raw_high', t('exports.col.rawHigh')),
      col('raw_verdict', t('exports.col.rawVerdict'), 'text'),
      number('adjusted_estimate', t('findings.col.adjusted')),
      number('adjusted_low', t('exports.col.adjLow')),
      number('adjusted_high', t('exports.col.adjHigh')),
      number('adjusted_low_95_unadjusted', t('exports.col.adjLow95')),
      number('adjusted_high_95_unadjusted', t('exports.col.adjHigh95')),
      col('adjusted_p', t('exports.col.p'), 'number', 4),
      col('adjusted_p_holm', t('exports.col.pHolm'), 'number', 4),
      col('verdict', t('exports.col.verdict'), 'text'),
      col('unit', t('exports.col.unit'), 'text'),
    ],
    rows: result.effects.map((e) => ({
      function: e.key,
      label: lang === 'en' ? e.label_en : e.label_id,
      status: e.status,
      clients_reached: e.reached,
      raw_estimate: e.raw?.estimate ?? null,
      raw_low: e.raw?.low ?? null,
      raw_high: e.raw?.high ?? null,
      raw_verdict: e.raw?.verdict ?? null,
      adjusted_estimate: e.adjusted?.estimate ?? null,
      adjusted_low: e.adjusted?.low ?? null,
      adjusted_high: e.adjusted?.high ?? null,
      adjusted_low_95_unadjusted: e.adjusted?.low95 ?? null,
      adjusted_high_95_unadjusted: e.adjusted?.high95 ?? null,
      adjusted_p: e.adjusted?.model.p ?? null,
      adjusted_p_holm: e.adjusted?.model.pAdjusted ?? null,
      verdict: e.verdict,
      unit: result.unit,
    })),
  };
}

/** Dose–response: the outcome by bins of sessions of a function, for one function or all of them (small bins hidden). */
export function doseTable(
  doses: readonly DoseResponse[],
  functionLabel: (key: string) => string,
  title: string,
  lang: Lang,
  disclosureK: number,
): ExportTable {
  const t = tr(lang);
  const shownDoses = hideDoseBins(doses, disclosureK);
  const fraction = doses.every((d) => d.statistic !== 'mean');
  const kind: ExportKind = fraction ? 'percent' : 'number';
  return {
    sheet: t('exports.sheet.dose'),
    title,
    columns: [
      col('function', t('exports.col.functionCode'), 'text'),
      col('function_label', t('findings.col.function'), 'text'),
      col('sessions', t('findings.dose.col.bin'), 'text'),
      col('n', t('findings.dose.col.n'), 'integer'),
      col('value', t('findings.dose.col.value'), kind, 2),
      col('ci95_low', t('findings.dose.col.low'), kind, 2),
      col('ci95_high', t('findings.dose.col.high'), kind, 2),
      col('statistic', t('exports.col.statistic'), 'text'),
      col('baseline_share', t('findings.dose.col.baseline'), 'percent'),
      col('small_group', t('exports.col.small'), 'boolean'),
      col('suppressed', t('exports.col.suppressed'), 'text'),
    ],
    rows: shownDoses.flatMap((dose, d) =>
      dose.bins.map((b, i) => ({
        function: dose.function,
        function_label: functionLabel(dose.function),
        sessions: b.label,
        n: b.n,
        value: b.value,
        ci95_low: b.low,
        ci95_high: b.high,
        statistic: dose.statistic,
        baseline_share: b.baselineShare,
        small_group: b.small,
        suppressed: b.value == null && doses[d].bins[i].value != null ? hiddenText(lang, b.n, disclosureK) : null,
      })),
    ),
  };
}

/** Who is counted: attrition by exposure to each function, its difference and the worst-case bounds. */
export function attritionTable(result: FindingsResult, functionLabel: (key: string) => string, title: string, lang: Lang): ExportTable {
  const t = tr(lang);
  const unit = unitLabel(lang, result.attrition.unit);
  return {
    sheet: t('exports.sheet.attrition'),
    title,
    columns: [
      col('function', t('exports.col.functionCode'), 'text'),
      col('function_label', t('findings.col.function'), 'text'),
      col('exposed_selected', t('exports.col.exposedSelected'), 'integer'),
      col('exposed_counted', t('exports.col.exposedCounted'), 'integer'),
      col('exposed_attrition', t('findings.attrition.col.exposed'), 'percent'),
      col('not_exposed_selected', t('exports.col.notExposedSelected'), 'integer'),
      col('not_exposed_counted', t('exports.col.notExposedCounted'), 'integer'),
      col('not_exposed_attrition', t('findings.attrition.col.notExposed'), 'percent'),
      col('attrition_difference', t('findings.attrition.col.difference').replace(/\s*\(pp\)$/, ''), 'pp'),
      col('attrition_difference_low', t('exports.col.diffLow'), 'pp'),
      col('attrition_difference_high', t('exports.col.diffHigh'), 'pp'),
      col('attrition_differs', t('exports.col.flag'), 'boolean'),
      col('small_group', t('exports.col.small'), 'boolean'),
      col('observed_difference', withUnit(t('findings.attrition.col.observed'), unit), 'number', 2),
      col('bound_low', withUnit(t('exports.col.boundLow'), unit), 'number', 2),
      col('bound_high', withUnit(t('exports.col.boundHigh'), unit), 'number', 2),
      col('bound_method', t('exports.col.method'), 'text'),
    ],
    rows: result.attrition.rows.map((r) => ({
      function: r.function,
      function_label: functionLabel(r.function),
      exposed_selected: r.exposed.selected,
      exposed_counted: r.exposed.counted,
      exposed_attrition: r.small ? null : r.exposed.share,
      not_exposed_selected: r.notExposed.selected,
      not_exposed_counted: r.notExposed.counted,
      not_exposed_attrition: r.small ? null : r.notExposed.share,
      attrition_difference: r.difference?.estimate ?? null,
      attrition_difference_low: r.difference?.low ?? null,
      attrition_difference_high: r.difference?.high ?? null,
      attrition_differs: r.differs,
      small_group: r.small,
      observed_difference: r.observed,
      bound_low: r.bound?.low ?? null,
      bound_high: r.bound?.high ?? null,
      bound_method: result.attrition.method,
    })),
  };
}

/** An SQL result: the query's own column names, kinds from DuckDB's types. */
export function queryResultTable(result: Pick<UserQueryResult, 'columns' | 'rows'>, lang: Lang): ExportTable {
  const t = tr(lang);
  return {
    sheet: t('exports.sheet.query'),
    title: t('exports.sheet.query'),
    keepEmptyColumns: true,
    columns: result.columns.map((c) => ({ key: c.key, name: c.name, label: c.name, kind: kindOfDuckDbType(c.type) })),
    rows: result.rows.map((r) =>
      Object.fromEntries(
        result.columns.map((c) => {
          const v = r[c.key];
          return [
            c.key,
            v === null || v === undefined || ['string', 'number', 'boolean', 'bigint'].includes(typeof v)
              ? (v as string | number | boolean | bigint | null | undefined)
              : String(v),
          ];
        }),
      ),
    ),
  };
}

const BOOLEAN_WORDS: Record<string, [string, string]> = {
  has_nib: ['memiliki NIB', 'holding an NIB'],
  has_halal: ['bersertifikat halal', 'halal-certified'],
  has_kur: ['mengakses KUR', 'with KUR credit'],
  keeps_books: ['melakukan pembukuan', 'keeping books'],
  sells_online: ['berjualan digital', 'selling online'],
};

/** What a measure's value is per client (or mentor-month), from its value expression. */
function valueDefinition(measure: MeasureDef, lang: Lang): string | null {
  const t = tr(lang);
  const field = measure.value.replace(/^f\./, '');
  const bool = /^(\w+?)_(endline|change)$/.exec(field);
  if (bool && BOOLEAN_WORDS[bool[1]]) {
    const what = BOOLEAN_WORDS[bool[1]][lang === 'en' ? 1 : 0];
    return t(bool[2] === 'endline' ? 'exports.def.endline' : 'exports.def.change', { what });
  }
  if (measure.unit === 'mentor_month') return t(field === 'clients' ? 'exports.def.mentor_clients' : 'exports.def.mentor_sessions');
  const known: Record<string, MessageKey> = {
    revenue_growth: 'exports.def.revenue_growth',
    employment_change: 'exports.def.employment_change',
    naik_kelas: 'exports.def.naik_kelas',
    sessions: 'exports.def.sessions',
    hours: 'exports.def.hours',
    completed_all_stages: 'exports.def.completed_all_stages',
  };
  return known[field] ? t(known[field]) : null;
}

/** "Naik kelas: persentase klien — skala usaha … Selang 95%: Wilson." */
export function measureDefinition(measure: MeasureDef, lang: Lang): string {
  const t = tr(lang);
  const label = lang === 'en' ? measure.label_en : measure.label_id;
  const statistic = measure.unit === 'mentor_month' ? t('exports.def.mentorMonth') : t(`exports.def.${measure.statistic}`);
  const value = valueDefinition(measure, lang);
  const interval = t('exports.def.interval', { method: t(`exports.def.interval.${measure.statistic}`) });
  return `${label}: ${statistic}${value ? ` — ${value}` : ''}. ${interval}`;
}
