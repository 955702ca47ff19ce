/**
 * The client-level outcomes the Findings page can model, as data: each names the scale it is
 * modelled on and the unit it is reported in. The `fo=` link parameter is checked against
 * this registry; nothing else of it reaches SQL.
 *
 * Scales (see README, "How findings are computed"):
 * - `log_ratio` — revenue growth as y = ln(endline / baseline monthly revenue), both > 0. A
 *   ratio of revenues is skewed and bounded below by −100 %; its logarithm is symmetric, and a
 *   coefficient b is reported back as exp(b) − 1, the relative change in revenue that goes with
 *   one more session (or with exposure).
 * - `difference` — employment change in people (endline − baseline workers).
 * - `binary` — naik kelas (0/1): a linear probability model, reported in percentage points.
 * - `binary_ancova` — NIB, halal, KUR, bookkeeping, online selling: y = the status at endline
 *   (0/1) with the status at baseline as a control (ANCOVA), not the change score
 *   (−1/0/1). The change score forces the baseline's coefficient to be exactly 1; for a yes/no
 *   status it is far from 1 (a client that already holds an NIB cannot gain one), and ANCOVA,
 *   which estimates it, has the smaller variance whenever baseline and endline are less than
 *   perfectly correlated (McKenzie 2012). Its coefficient is in percentage points of the share
 *   holding the status at endline among clients alike at baseline — the share the Overview
 *   and Explore show.
 */
import { BOOLEAN_OUTCOMES, type BooleanOutcome } from '../query/model';

export type OutcomeScale = 'log_ratio' | 'difference' | 'binary' | 'binary_ancova';
/** percent: exp(b) − 1 in %; pp: percentage points; people: workers. */
export type OutcomeUnit = 'percent' | 'pp' | 'people';

export interface FindingsOutcome {
  readonly key: string;
  readonly scale: OutcomeScale;
  readonly unit: OutcomeUnit;
  /** For `binary_ancova`: the yes/no status tracked. */
  readonly status: BooleanOutcome | null;
  readonly label_id: string;
  readonly label_en: string;
  /** The noun in "associated with higher …" / "berkaitan dengan … yang lebih tinggi". */
  readonly noun_id: string;
  readonly noun_en: string;
}

const STATUS_WORDS: Record<BooleanOutcome, [label_id: string, label_en: string, noun_id: string, noun_en: string]> = {
  has_nib: [
    'Memiliki NIB di endline',
    'Holding an NIB at endline',
    'peluang memiliki NIB di endline',
    'chances of holding an NIB at endline',
  ],
  has_halal: [
    'Bersertifikat halal di endline',
    'Halal-certified at endline',
    'peluang bersertifikat halal di endline',
    'chances of being halal-certified at endline',
  ],
  has_kur: [
    'Mengakses KUR di endline',
    'With KUR credit at endline',
    'peluang mengakses KUR di endline',
    'chances of having KUR credit at endline',
  ],
  keeps_books: [
    'Melakukan pembukuan di endline',
    'Keeping books at endline',
    'peluang melakukan pembukuan di endline',
    'chances of keeping books at endline',
  ],
  sells_online: [
    'Berjualan digital di endline',
    'Selling online at endline',
    'peluang berjualan digital di endline',
    'chances of selling online at endline',
  ],
};

export const FINDINGS_OUTCOMES: readonly FindingsOutcome[] = [
  {
    key: 'revenue_growth',
    scale: 'log_ratio',
    unit: 'percent',
    status: null,
    label_id: 'Pertumbuhan omzet',
    label_en: 'Revenue growth',
    noun_id: 'pertumbuhan omzet',
    noun_en: 'revenue growth',
  },
  {
    key: 'employment_change',
    scale: 'difference',
    unit: 'people',
    status: null,
    label_id: 'Perubahan tenaga kerja (orang)',
    label_en: 'Change in workers (people)',
    noun_id: 'pertambahan tenaga kerja',
    noun_en: 'growth in workers',
  },
  {
    key: 'naik_kelas',
    scale: 'binary',
    unit: 'pp',
    status: null,
    label_id: 'Naik kelas (skala usaha naik)',
    label_en: 'Moved up a size class (naik kelas)',
    noun_id: 'peluang naik kelas',
    noun_en: 'chances of moving up a size class (naik kelas)',
  },
  ...BOOLEAN_OUTCOMES.map((status): FindingsOutcome => {
    const [label_id, label_en, noun_id, noun_en] = STATUS_WORDS[status];
    return { key: status, scale: 'binary_ancova', unit: 'pp', status, label_id, label_en, noun_id, noun_en };
  }),
];

export const DEFAULT_OUTCOME = 'revenue_growth';

export function findingsOutcome(key: string): FindingsOutcome | undefined {
  return FINDINGS_OUTCOMES.find((o) => o.key === key);
}

export const isFindingsOutcome = (key: string): boolean => FINDINGS_OUTCOMES.some((o) => o.key === key);

/** What the dataset must hold for an outcome to be modelled (see query/coverage.ts). */
export function outcomeNeeds(key: string): string[] {
  const outcome = findingsOutcome(key);
  if (!outcome) return [];
  if (outcome.status) return [`outcomes.${outcome.status}`];
  if (outcome.scale === 'log_ratio') return ['outcomes.monthly_revenue'];
  if (outcome.scale === 'difference') return ['outcomes.employees'];
  return ['outcomes.size_class'];
}

/** The outcome a measure of Explore is about (revenue growth for measures of mentoring itself). */
export function outcomeForMeasure(measureKey: string): string {
  if (measureKey.startsWith('revenue_growth')) return 'revenue_growth';
  if (measureKey === 'employment_change' || measureKey === 'naik_kelas_rate')
    return measureKey === 'naik_kelas_rate' ? 'naik_kelas' : 'employment_change';
  const status = /^(has_nib|has_halal|has_kur|keeps_books|sells_online)_/.exec(measureKey)?.[1];
  return status && isFindingsOutcome(status) ? status : DEFAULT_OUTCOME;
}

/**
 * The measure whose indicator sheet defines an outcome's data: the share at endline for a
 * yes/no status, naik kelas and workers as they are, and median revenue growth for the
 * log revenue ratio (the same baseline and endline revenue, on another scale).
 */
export function measureForOutcome(outcomeKey: string): string {
  const outcome = findingsOutcome(outcomeKey);
  if (!outcome) return 'revenue_growth_median';
  if (outcome.status) return `${outcome.status}_endline_rate`;
  if (outcome.key === 'naik_kelas') return 'naik_kelas_rate';
  if (outcome.key === 'employment_change') return 'employment_change';
  return 'revenue_growth_median';
}
