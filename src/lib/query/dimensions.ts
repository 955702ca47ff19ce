/**
 * Every dimension results can be grouped or filtered by, defined once as data. Each gives
 * the SQL expression of its group value for each unit (see measures.ts). Exposure
 * dimensions are special: a client belongs to every mentor function (or support area) it
 * had at least k sessions of — exposed and not-exposed clients side by side (group-query.ts).
 */

/** Where an exposure dimension's per-client session counts live (dense: zeros included). */
export interface ExposureSource {
  /** Model table: client_key, the group column, its order key, sessions. */
  readonly table: 'client_function_sessions' | 'client_area_sessions';
  readonly column: string;
  readonly order: string;
  /** Counts depend on the function framework (a crosswalk maps tasks to functions). */
  readonly byFramework: boolean;
}

export interface DimensionDef {
  readonly key: string;
  readonly label_id: string;
  readonly label_en: string;
  /** Group expression over a `client_fact` row `f`; for `mentor_month` rows see `mentorMonth`. */
  readonly client: string | null;
  /** Group expression over a mentor-month row `f`; null when the dimension does not apply. */
  readonly mentorMonth: string | null;
  /** What the dataset must hold for the groups to be more than one "unknown" (see coverage.ts). */
  readonly needs: readonly string[];
  /** For exposure dimensions (function, support area): where the session counts live. */
  readonly exposure?: ExposureSource;
  /** Groups follow time (month, cohort): shown in their own order, never ranked by value. */
  readonly ordered?: boolean;
  /** Groups are years: each is compared with the year before ("better than last year?"). */
  readonly yearly?: boolean;
}

/**
 * Owner's age at enrolment in bands (GESI: youth under 25, older owners 55 and over); codes
 * sort in age order. Unknown when the birth year is missing or implausible (model.ts).
 */
export const AGE_BANDS = ['00-24', '25-34', '35-44', '45-54', '55-plus'] as const;
const AGE_BAND_SQL = `CASE WHEN f.owner_age IS NULL THEN NULL WHEN f.owner_age < 25 THEN '00-24' WHEN f.owner_age < 35 THEN '25-34'
  WHEN f.owner_age < 45 THEN '35-44' WHEN f.owner_age < 55 THEN '45-54' ELSE '55-plus' END`;

export const DIMENSIONS: readonly DimensionDef[] = [
  {
    key: 'function',
    label_id: 'Fungsi pendamping',
    label_en: 'Mentor function',
    client: null,
    mentorMonth: null,
    needs: ['sessions.functions'],
    exposure: { table: 'client_function_sessions', column: '"function"', order: 'fn_key', byFramework: true },
  },
  {
    key: 'support_area',
    label_id: 'Bidang layanan',
    label_en: 'Area of support',
    client: null,
    mentorMonth: null,
    needs: ['sessions.support_area'],
    exposure: { table: 'client_area_sessions', column: 'area', order: 'area_key', byFramework: false },
  },
  {
    key: 'region',
    label_id: 'Kabupaten/kota',
    label_en: 'Regency/city',
    client: 'f.region_code',
    mentorMonth: 'f.region_code',
    needs: ['clients.region_code'],
  },
  { key: 'island', label_id: 'Pulau', label_en: 'Island', client: 'f.island', mentorMonth: 'f.island', needs: ['clients.region_code'] },
  {
    key: 'cohort',
    label_id: 'Angkatan (kohort)',
    label_en: 'Cohort',
    client: 'f.cohort',
    mentorMonth: null,
    needs: ['clients.cohort'],
    ordered: true,
  },
  {
    key: 'programme',
    label_id: 'Program',
    label_en: 'Programme',
    client: 'f.programme',
    mentorMonth: 'f.programme',
    needs: ['clients.programme'],
  },
  { key: 'sector', label_id: 'Sektor', label_en: 'Sector', client: 'f.sector', mentorMonth: null, needs: ['clients.sector'] },
  {
    key: 'mentor',
    label_id: 'Pendamping',
    label_en: 'Mentor',
    client: 'f.main_mentor_id',
    mentorMonth: 'f.mentor_id',
    needs: ['sessions.mentor_id'],
  },
  {
    key: 'entity_type',
    label_id: 'Jenis klien',
    label_en: 'Entity type',
    client: 'f.entity_type',
    mentorMonth: null,
    needs: ['clients.entity_type'],
  },
  {
    key: 'owner_gender',
    label_id: 'Jenis kelamin pemilik',
    label_en: 'Owner gender',
    client: "CASE WHEN f.entity_type = 'koperasi' THEN 'koperasi' ELSE f.owner_gender END",
    mentorMonth: null,
    needs: ['clients.owner_gender'],
  },
  {
    key: 'age_band',
    label_id: 'Kelompok umur pemilik',
    label_en: 'Owner age band',
    client: AGE_BAND_SQL,
    mentorMonth: null,
    needs: ['clients.owner_birth_year', 'clients.enrolled_on'],
    ordered: true,
  },
  {
    key: 'owner_disability',
    label_id: 'Disabilitas pemilik',
    label_en: 'Owner disability',
    client: "CASE f.owner_disability WHEN true THEN 'yes' WHEN false THEN 'no' END",
    mentorMonth: null,
    needs: ['clients.owner_disability'],
  },
  {
    key: 'year',
    label_id: 'Tahun mulai didampingi',
    label_en: 'Year mentoring started',
    client: 'f.enrolled_year',
    mentorMonth: 'left(f.month, 4)',
    needs: ['clients.enrolled_on'],
    ordered: true,
    yearly: true,
  },
  {
    key: 'endline_year',
    label_id: 'Tahun pengukuran endline',
    label_en: 'Year of the endline measurement',
    client: 'f.endline_year',
    mentorMonth: null,
    needs: ['outcomes.measured_on'],
    ordered: true,
    yearly: true,
  },
  {
    key: 'month',
    label_id: 'Bulan',
    label_en: 'Month',
    client: 'f.enrolled_month',
    mentorMonth: 'f.month',
    needs: ['clients.enrolled_on'],
    ordered: true,
  },
];

export const DIMENSION_KEYS = DIMENSIONS.map((d) => d.key);

export function dimensionByKey(key: string): DimensionDef | undefined {
  return DIMENSIONS.find((d) => d.key === key);
}

/** Whether the dimension groups clients by exposure (≥ k sessions of a function or area). */
export function isExposureDimension(key: string | null | undefined): boolean {
  return key != null && dimensionByKey(key)?.exposure != null;
}

/** Whether groups of the dimension are years, each compared with the year before. */
export function isYearlyDimension(key: string | null | undefined): boolean {
  return key != null && dimensionByKey(key)?.yearly === true;
}
