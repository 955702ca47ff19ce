/** An example targets file: the header and one row of each kind (whole programme, a year, a region). */
import type { Target } from '../ingest/targets-file';

export const TARGETS_FILE_COLUMNS = ['indicator', 'target', 'period', 'region_code', 'cohort', 'programme'] as const;

export const EXAMPLE_TARGETS: readonly Target[] = [
  { indicator: 'naik_kelas_rate', target: 0.3, period: null, region_code: null, cohort: null, programme: null },
  { indicator: 'has_nib_endline_rate', target: 0.8, period: null, region_code: null, cohort: null, programme: null },
  { indicator: 'revenue_growth_median', target: 0.15, period: null, region_code: null, cohort: null, programme: null },
  { indicator: 'has_nib_endline_rate', target: 0.85, period: 2025, region_code: null, cohort: null, programme: null },
  { indicator: 'naik_kelas_rate', target: 0.3, period: null, region_code: '5201', cohort: null, programme: null },
];

/** Rows of a targets file (shares written as percentages, as evaluators write them). */
export function targetsFileRows(targets: readonly Target[], percent: (t: Target) => boolean): Record<string, string>[] {
  return targets.map((t) => ({
    indicator: t.indicator,
    target: percent(t) ? `${Math.round(t.target * 1e6) / 1e4}%` : String(t.target),
    period: t.period === null ? '' : String(t.period),
    region_code: t.region_code ?? '',
    cohort: t.cohort ?? '',
    programme: t.programme ?? '',
  }));
}
