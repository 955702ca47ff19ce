/**
 * Every measure the dashboard can show, defined once as data: adding a measure is adding
 * one entry here. A measure aggregates a per-unit value with one statistic.
 *
 * Units: `client` rows come from `client_fact` (one per client); `mentor_month` rows are
 * one per mentor per calendar month with `sessions` and `clients` counted from the
 * selected clients' sessions. Value expressions refer to the unit row as `f`.
 */
import { BOOLEAN_OUTCOMES, type BooleanOutcome } from './model';

export type Statistic = 'median' | 'mean' | 'rate';
export type Unit = 'client' | 'mentor_month';
/** percent: fraction shown as %; pp: difference of shares in percentage points. */
export type ValueFormat = 'percent' | 'pp' | 'number' | 'hours';

export interface MeasureDef {
  readonly key: string;
  readonly unit: Unit;
  readonly statistic: Statistic;
  /** SQL expression of the per-unit value (boolean for rates). Trusted: written here only. */
  readonly value: string;
  readonly format: ValueFormat;
  /**
   * How the measure unfolds over months since the start of mentoring:
   * `outcome` — the same value expression over `outcome_point` rows (each measurement);
   * `sessions` / `hours` — cumulative mentoring per client; null — not meaningful.
   */
  readonly trajectory: 'outcome' | 'sessions' | 'hours' | null;
  readonly label_id: string;
  readonly label_en: string;
  /** What the dataset must hold for the measure to mean anything (see coverage.ts). */
  readonly needs: readonly string[];
  /**
   * Which way is better, for targets and their status: `higher` for outcomes a programme
   * wants up, null for measures of how much mentoring happened (more is not better in itself).
   */
  readonly direction: 'higher' | 'lower' | null;
}

const BOOLEAN_LABELS: Record<BooleanOutcome, [string, string]> = {
  has_nib: ['memiliki NIB', 'holding an NIB'],
  has_halal: ['bersertifikat halal', 'halal-certified'],
  has_kur: ['mengakses KUR', 'with KUR credit'],
  keeps_books: ['melakukan pembukuan', 'keeping books'],
  sells_online: ['berjualan digital', 'selling online'],
};

export const MEASURES: readonly MeasureDef[] = [
  {
    key: 'revenue_growth_median',
    unit: 'client',
    statistic: 'median',
    value: 'f.revenue_growth',
    format: 'percent',
    trajectory: 'outcome',
    label_id: 'Pertumbuhan omzet (median)',
    label_en: 'Revenue growth (median)',
    needs: ['outcomes.monthly_revenue'],
    direction: 'higher',
  },
  {
    key: 'revenue_growth_mean',
    unit: 'client',
    statistic: 'mean',
    value: 'f.revenue_growth',
    format: 'percent',
    trajectory: 'outcome',
    label_id: 'Pertumbuhan omzet (rata-rata)',
    label_en: 'Revenue growth (mean)',
    needs: ['outcomes.monthly_revenue'],
    direction: 'higher',
  },
  {
    key: 'employment_change',
    unit: 'client',
    statistic: 'mean',
    value: 'f.employment_change',
    format: 'number',
    trajectory: 'outcome',
    label_id: 'Perubahan tenaga kerja (rata-rata orang)',
    label_en: 'Change in workers (mean, people)',
    needs: ['outcomes.employees'],
    direction: 'higher',
  },
  {
    key: 'naik_kelas_rate',
    unit: 'client',
    statistic: 'rate',
    value: 'f.naik_kelas',
    format: 'percent',
    trajectory: 'outcome',
    label_id: 'Naik kelas (skala usaha naik)',
    label_en: 'Moved up a size class (naik kelas)',
    needs: ['outcomes.size_class'],
    direction: 'higher',
  },
  ...BOOLEAN_OUTCOMES.flatMap((b): MeasureDef[] => [
    {
      key: `${b}_endline_rate`,
      unit: 'client',
      statistic: 'rate',
      value: `f.${b}_endline`,
      format: 'percent',
      trajectory: 'outcome',
      label_id: `Persentase ${BOOLEAN_LABELS[b][0]} di endline`,
      label_en: `Share ${BOOLEAN_LABELS[b][1]} at endline`,
      needs: [`outcomes.${b}`],
      direction: 'higher',
    },
    {
      key: `${b}_change`,
      unit: 'client',
      statistic: 'mean',
      value: `f.${b}_change`,
      format: 'pp',
      trajectory: 'outcome',
      label_id: `Perubahan persentase ${BOOLEAN_LABELS[b][0]} (baseline → endline)`,
      label_en: `Change in share ${BOOLEAN_LABELS[b][1]} (baseline → endline)`,
      needs: [`outcomes.${b}`],
      direction: 'higher',
    },
  ]),
  {
    key: 'sessions_per_client',
    unit: 'client',
    statistic: 'mean',
    value: 'f.sessions',
    format: 'number',
    trajectory: 'sessions',
    label_id: 'Sesi per klien',
    label_en: 'Sessions per client',
    needs: ['sessions'],
    direction: null,
  },
  {
    key: 'hours_per_client',
    unit: 'client',
    statistic: 'mean',
    value: 'f.hours',
    format: 'hours',
    trajectory: 'hours',
    label_id: 'Jam pendampingan per klien',
    label_en: 'Mentoring hours per client',
    needs: ['sessions.duration_hours'],
    direction: null,
  },
  {
    key: 'stage_completion_rate',
    unit: 'client',
    statistic: 'rate',
    value: 'f.completed_all_stages',
    format: 'percent',
    trajectory: null,
    label_id: 'Menuntaskan 4 tahap (observasi → pelaporan)',
    label_en: 'Completed all 4 stages (observation → reporting)',
    needs: ['sessions.stage'],
    direction: 'higher',
  },
  {
    key: 'mentor_sessions_per_month',
    unit: 'mentor_month',
    statistic: 'mean',
    value: 'f.sessions',
    format: 'number',
    trajectory: null,
    label_id: 'Beban kerja: sesi per pendamping per bulan',
    label_en: 'Workload: sessions per mentor per month',
    needs: ['sessions.mentor_id'],
    direction: null,
  },
  {
    key: 'mentor_clients_per_month',
    unit: 'mentor_month',
    statistic: 'mean',
    value: 'f.clients',
    format: 'number',
    trajectory: null,
    label_id: 'Beban kerja: klien per pendamping per bulan',
    label_en: 'Workload: clients per mentor per month',
    needs: ['sessions.mentor_id'],
    direction: null,
  },
];

export const MEASURE_KEYS = MEASURES.map((m) => m.key);

export function measureByKey(key: string): MeasureDef | undefined {
  return MEASURES.find((m) => m.key === key);
}
