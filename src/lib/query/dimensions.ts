/**
 * Every dimension results can be grouped or filtered by, defined once as data. Each gives
 * the SQL expression of its group value for each unit (see measures.ts); `function` is
 * special: a client belongs to every function it is exposed to (see group-query.ts).
 */
export interface DimensionDef {
  readonly key: string;
  readonly label_id: string;
  readonly label_en: string;
  /** Group expression over a `client_fact` row `f`; for `mentor_month` rows see `mentorMonth`. */
  readonly client: string | null;
  /** Group expression over a mentor-month row `f`; null when the dimension does not apply. */
  readonly mentorMonth: string | null;
}

export const DIMENSIONS: readonly DimensionDef[] = [
  { key: 'function', label_id: 'Fungsi pendamping', label_en: 'Mentor function', client: null, mentorMonth: null },
  { key: 'region', label_id: 'Kabupaten/kota', label_en: 'Regency/city', client: 'f.region_code', mentorMonth: 'f.region_code' },
  { key: 'island', label_id: 'Pulau', label_en: 'Island', client: 'f.island', mentorMonth: 'f.island' },
  { key: 'cohort', label_id: 'Angkatan (kohort)', label_en: 'Cohort', client: 'f.cohort', mentorMonth: null },
  { key: 'programme', label_id: 'Program', label_en: 'Programme', client: 'f.programme', mentorMonth: 'f.programme' },
  { key: 'sector', label_id: 'Sektor', label_en: 'Sector', client: 'f.sector', mentorMonth: null },
  { key: 'mentor', label_id: 'Pendamping', label_en: 'Mentor', client: 'f.main_mentor_id', mentorMonth: 'f.mentor_id' },
  { key: 'entity_type', label_id: 'Jenis klien', label_en: 'Entity type', client: 'f.entity_type', mentorMonth: null },
  { key: 'owner_gender', label_id: 'Jenis kelamin pemilik', label_en: 'Owner gender', client: 'f.owner_gender', mentorMonth: null },
  { key: 'month', label_id: 'Bulan', label_en: 'Month', client: 'f.enrolled_month', mentorMonth: 'f.month' },
];

export const DIMENSION_KEYS = DIMENSIONS.map((d) => d.key);

export function dimensionByKey(key: string): DimensionDef | undefined {
  return DIMENSIONS.find((d) => d.key === key);
}
