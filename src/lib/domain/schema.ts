/**
 * The canonical export format, version 1 — defined once.
 *
 * Four tables travel as CSV files (`clients.csv`, `mentors.csv`, `sessions.csv`,
 * `outcomes.csv`). This module is the single source of truth for their columns:
 * the sample generator writes them, the ingest layer recognises and validates them,
 * and the query layer builds its DuckDB tables from the SQL types declared here.
 * `data/README.md` documents the same format for people.
 */

export const FORMAT_VERSION = 1;

/** Logical column kinds; each maps to one DuckDB type. */
export type ColumnKind =
  | 'id' // text identifier, compared exactly
  | 'text' // free text (may be personal data)
  | 'enum' // one of `values`
  | 'enum_list' // one or more of `values`, separated by `|` in the canonical CSV
  | 'region' // BPS kabupaten/kota code, 4 digits, e.g. 5203
  | 'date' // ISO 8601 date, yyyy-mm-dd
  | 'integer'
  | 'decimal' // dot as decimal mark in the canonical CSV
  | 'money' // whole rupiah, no separators in the canonical CSV
  | 'boolean'; // true / false in the canonical CSV

export interface ColumnDef {
  /** Canonical column name (snake_case, English). */
  readonly name: string;
  readonly kind: ColumnKind;
  readonly required: boolean;
  /** Allowed codes for `enum` and `enum_list` columns. */
  readonly values?: readonly string[];
  /** Personal data: stays in the browser, never travels in a link or a report. */
  readonly personal?: boolean;
  /** Other names the column goes by in real exports (Indonesian first). */
  readonly aliases: readonly string[];
  readonly description: string;
}

export interface TableDef {
  readonly name: TableName;
  /** Columns that together identify a row. */
  readonly key: readonly string[];
  readonly columns: readonly ColumnDef[];
  readonly description: string;
}

export const TABLE_NAMES = ['clients', 'mentors', 'sessions', 'outcomes'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export const PROGRAMMES = ['pendamping_kumkm', 'ppkl', 'bds', 'konsultan_plut'] as const;
export const ENTITY_TYPES = ['umkm', 'koperasi'] as const;
export const GENDERS = ['L', 'P'] as const;
export const SECTORS = [
  'kuliner',
  'fesyen',
  'kerajinan',
  'pertanian',
  'perikanan',
  'peternakan',
  'perdagangan',
  'jasa',
  'pariwisata',
] as const;
export const STAGES = ['observasi_awal', 'pendampingan', 'evaluasi_refleksi', 'pelaporan'] as const;
export const OFFICIAL_FUNCTIONS = [
  'observe',
  'guide',
  'correct',
  'advise',
  'mediate',
  'advocate',
  'facilitate',
  'educate',
  'supervise',
  'evaluate',
  'report',
] as const;
export const SUPPORT_AREAS = [
  'kelembagaan',
  'sdm',
  'produksi',
  'pembiayaan',
  'pemasaran',
  'teknologi_informasi',
  'jaringan_kerja_sama',
] as const;
export const SUPPORT_FORMS = ['mentoring', 'konsultasi', 'pelatihan', 'jejaring', 'akses_pasar'] as const;
export const SESSION_MODES = ['tatap_muka', 'daring', 'telepon'] as const;
export const MEASUREMENTS = ['baseline', 'midline', 'endline'] as const;
export const SIZE_CLASSES = ['mikro', 'kecil', 'menengah', 'besar'] as const;
export const MARKET_REACH = ['lokal', 'kabupaten', 'provinsi', 'nasional', 'ekspor'] as const;

export type Programme = (typeof PROGRAMMES)[number];
export type Stage = (typeof STAGES)[number];
export type OfficialFunction = (typeof OFFICIAL_FUNCTIONS)[number];
export type SizeClass = (typeof SIZE_CLASSES)[number];
export type Measurement = (typeof MEASUREMENTS)[number];

const col = (
  name: string,
  kind: ColumnKind,
  required: boolean,
  description: string,
  aliases: readonly string[] = [],
  extra: Partial<Pick<ColumnDef, 'values' | 'personal'>> = {},
): ColumnDef => ({ name, kind, required, description, aliases, ...extra });

export const TABLES: Record<TableName, TableDef> = {
  clients: {
    name: 'clients',
    key: ['client_id'],
    description: 'One row per mentored business or cooperative (klien).',
    columns: [
      col('client_id', 'id', true, 'Client id, unique.', ['id_klien', 'kode_klien', 'id_umkm', 'id']),
      col('client_name', 'text', false, 'Business or cooperative name.', ['nama_klien', 'nama_usaha', 'nama_umkm', 'nama_koperasi'], { personal: true }),
      col('owner_name', 'text', false, 'Owner or chair.', ['nama_pemilik', 'pemilik', 'nama_ketua'], { personal: true }),
      col('phone', 'text', false, 'Phone number.', ['telepon', 'no_hp', 'nomor_hp', 'hp', 'no_telp'], { personal: true }),
      col('entity_type', 'enum', true, 'umkm or koperasi.', ['jenis_entitas', 'jenis_usaha_badan', 'jenis_klien', 'bentuk_usaha'], { values: ENTITY_TYPES }),
      col('owner_gender', 'enum', false, 'L (laki-laki) or P (perempuan); empty for cooperatives.', ['jenis_kelamin', 'jk', 'gender', 'jenis_kelamin_pemilik'], { values: GENDERS }),
      col('region_code', 'region', true, 'BPS code of the kabupaten/kota (5201–5208, 5271, 5272).', ['kode_wilayah', 'kabupaten_kota', 'kab_kota', 'kabupaten', 'wilayah', 'region']),
      col('cohort', 'id', true, 'Training batch (angkatan diklat), e.g. 2024-A.', ['angkatan', 'kohort', 'angkatan_diklat', 'batch']),
      col('programme', 'enum', true, 'Mentoring programme the client is enrolled in.', ['program', 'program_pendampingan'], { values: PROGRAMMES }),
      col('sector', 'enum', true, 'Business sector.', ['sektor', 'sektor_usaha', 'bidang_usaha'], { values: SECTORS }),
      col('business_type', 'text', false, 'What the business makes or does.', ['jenis_usaha', 'usaha', 'produk']),
      col('enrolled_on', 'date', true, 'Start of mentoring.', ['tanggal_mulai', 'tgl_mulai', 'mulai_pendampingan', 'start_date']),
    ],
  },
  mentors: {
    name: 'mentors',
    key: ['mentor_id'],
    description: 'One row per mentor (pendamping, PPKL, BDS provider or PLUT consultant).',
    columns: [
      col('mentor_id', 'id', true, 'Mentor id, unique.', ['id_pendamping', 'kode_pendamping', 'id_mentor']),
      col('mentor_name', 'text', false, 'Mentor name.', ['nama_pendamping', 'nama_mentor', 'nama'], { personal: true }),
      col('programme', 'enum', true, 'Programme the mentor works for.', ['program', 'program_pendampingan'], { values: PROGRAMMES }),
      col('region_code', 'region', true, 'BPS code of the kabupaten/kota the mentor covers.', ['kode_wilayah', 'kabupaten_kota', 'kab_kota', 'wilayah_tugas', 'region']),
      col('gender', 'enum', false, 'L or P.', ['jenis_kelamin', 'jk'], { values: GENDERS }),
      col('phone', 'text', false, 'Phone number.', ['telepon', 'no_hp', 'nomor_hp'], { personal: true }),
      col('active_since', 'date', false, 'First day as a mentor.', ['aktif_sejak', 'tanggal_bergabung']),
    ],
  },
  sessions: {
    name: 'sessions',
    key: ['session_id'],
    description: 'One row per mentoring session (one client, one mentor, one day).',
    columns: [
      col('session_id', 'id', true, 'Session id, unique.', ['id_sesi', 'kode_sesi', 'no_sesi']),
      col('session_date', 'date', true, 'Day of the session.', ['tanggal', 'tanggal_sesi', 'tgl', 'tgl_kegiatan', 'date']),
      col('mentor_id', 'id', true, 'Mentor (mentors.mentor_id).', ['id_pendamping', 'kode_pendamping', 'id_mentor']),
      col('client_id', 'id', true, 'Client (clients.client_id).', ['id_klien', 'kode_klien', 'id_umkm']),
      col('stage', 'enum', true, 'Stage of the mentoring process.', ['tahap', 'tahapan'], { values: STAGES }),
      col('functions', 'enum_list', true, 'Mentor functions performed (official task codes), separated by |.', ['fungsi', 'fungsi_pendamping', 'tugas', 'tugas_pendamping', 'kegiatan'], { values: OFFICIAL_FUNCTIONS }),
      col('support_area', 'enum', true, 'Area of support (bidang layanan PLUT).', ['bidang_layanan', 'bidang', 'area_dukungan'], { values: SUPPORT_AREAS }),
      col('support_form', 'enum', true, 'Form of non-financial support.', ['bentuk_dukungan', 'bentuk_layanan', 'jenis_layanan'], { values: SUPPORT_FORMS }),
      col('mode', 'enum', false, 'In person, online or by phone.', ['moda', 'metode', 'cara'], { values: SESSION_MODES }),
      col('duration_hours', 'decimal', false, 'Length of the session in hours.', ['durasi_jam', 'durasi', 'lama_jam', 'jam']),
      col('notes', 'text', false, 'Free-text notes.', ['catatan', 'keterangan'], { personal: true }),
    ],
  },
  outcomes: {
    name: 'outcomes',
    key: ['client_id', 'measurement'],
    description: 'One row per client per measurement (baseline, midline, endline).',
    columns: [
      col('client_id', 'id', true, 'Client (clients.client_id).', ['id_klien', 'kode_klien', 'id_umkm']),
      col('measurement', 'enum', true, 'baseline, midline or endline.', ['pengukuran', 'tahap_pengukuran', 'jenis_pengukuran'], { values: MEASUREMENTS }),
      col('measured_on', 'date', true, 'Day of the measurement.', ['tanggal_pengukuran', 'tanggal', 'tgl_ukur']),
      col('monthly_revenue', 'money', false, 'Monthly revenue (omzet per bulan) in rupiah.', ['omzet_bulanan', 'omzet_per_bulan', 'omzet', 'omset', 'pendapatan_bulanan']),
      col('assets', 'money', false, 'Business capital excluding land and buildings (modal usaha) in rupiah.', ['aset', 'modal_usaha', 'modal', 'total_aset']),
      col('employees', 'integer', false, 'Workers, owner included.', ['tenaga_kerja', 'jumlah_karyawan', 'karyawan', 'jumlah_tenaga_kerja']),
      col('size_class', 'enum', false, 'Size class per PP 7/2021.', ['skala_usaha', 'kelas_usaha', 'skala'], { values: SIZE_CLASSES }),
      col('has_nib', 'boolean', false, 'Holds an NIB business number.', ['punya_nib', 'nib', 'memiliki_nib']),
      col('has_halal', 'boolean', false, 'Holds a halal certificate.', ['sertifikat_halal', 'halal', 'punya_halal']),
      col('has_kur', 'boolean', false, 'Has KUR credit.', ['akses_kur', 'kur', 'punya_kur']),
      col('keeps_books', 'boolean', false, 'Keeps business books.', ['pembukuan', 'punya_pembukuan', 'melakukan_pembukuan']),
      col('sells_online', 'boolean', false, 'Sells digitally (marketplace, social media).', ['penjualan_digital', 'jualan_online', 'digital']),
      col('market_reach', 'enum', false, 'Widest market served.', ['jangkauan_pasar', 'pasar'], { values: MARKET_REACH }),
      col('still_operating', 'boolean', false, 'Business still operating.', ['masih_beroperasi', 'beroperasi', 'aktif']),
    ],
  },
};

/** DuckDB type of each logical kind. Lists are kept as text and split in SQL. */
export const DUCKDB_TYPE: Record<ColumnKind, string> = {
  id: 'VARCHAR',
  text: 'VARCHAR',
  enum: 'VARCHAR',
  enum_list: 'VARCHAR',
  region: 'VARCHAR',
  date: 'DATE',
  integer: 'INTEGER',
  decimal: 'DOUBLE',
  money: 'BIGINT',
  boolean: 'BOOLEAN',
};

/** Separator of values inside an `enum_list` cell in the canonical CSV. */
export const LIST_SEPARATOR = '|';

export function columnNames(table: TableName): string[] {
  return TABLES[table].columns.map((c) => c.name);
}

export function findColumn(table: TableName, name: string): ColumnDef | undefined {
  return TABLES[table].columns.find((c) => c.name === name);
}

/** Size classes ordered from small to large, for "naik kelas" comparisons. */
export function sizeRank(sizeClass: SizeClass): number {
  return SIZE_CLASSES.indexOf(sizeClass);
}
