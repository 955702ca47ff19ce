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
  /**
   * An upload must have it: the ids and keys, and what makes a row meaningful (a session
   * needs a client and a date; an outcome row a client and which measurement it is).
   * Everything else may be absent: it loads as missing values.
   */
  readonly required: boolean;
  /**
   * Part of the table's signature in a complete export: recognising a file's table weighs
   * these (a clients file is known by its region, cohort, sector … even though only the
   * client id is required).
   */
  readonly core: boolean;
  /** Made up on load when an upload lacks it (a session log without session ids). */
  readonly generated?: boolean;
  /** Allowed codes for `enum` and `enum_list` columns. */
  readonly values?: readonly string[];
  /** Personal data: stays in the browser, never travels in a link or a report. */
  readonly personal?: boolean;
  /**
   * Added to format v1 after its first release: a canonical file may lack it (older
   * exports, stored CSV copies, published datasets load it as missing), the canonical
   * export leaves it out while it holds no value, and the content fingerprint hashes it
   * only in rows where it holds one — so data without it keeps its fingerprint.
   */
  readonly late?: boolean;
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

/**
 * Tables an upload stages in the main catalog before its commit renames them into place
 * (`stg_clients` …): never part of a dataset, so the SQL page does not list them.
 */
export const STAGING_PREFIX = 'stg_';

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

/** `need`: 'required' in every upload, 'core' to a complete export (recognition), or 'optional'. */
type Need = 'required' | 'core' | 'optional';

const col = (
  name: string,
  kind: ColumnKind,
  need: Need,
  description: string,
  aliases: readonly string[] = [],
  extra: Partial<Pick<ColumnDef, 'values' | 'personal' | 'generated' | 'late'>> = {},
): ColumnDef => ({ name, kind, required: need === 'required', core: need !== 'optional', description, aliases, ...extra });

export const TABLES: Record<TableName, TableDef> = {
  clients: {
    name: 'clients',
    key: ['client_id'],
    description: 'One row per mentored business or cooperative (klien).',
    columns: [
      col('client_id', 'id', 'required', 'Client id, unique.', ['id_klien', 'kode_klien', 'id_umkm', 'id']),
      col('client_name', 'text', 'optional', 'Business or cooperative name.', ['nama_klien', 'nama_usaha', 'nama_umkm', 'nama_koperasi'], {
        personal: true,
      }),
      col('owner_name', 'text', 'optional', 'Owner or chair.', ['nama_pemilik', 'pemilik', 'nama_ketua'], { personal: true }),
      col('phone', 'text', 'optional', 'Phone number.', ['telepon', 'no_hp', 'nomor_hp', 'hp', 'no_telp'], { personal: true }),
      col('entity_type', 'enum', 'core', 'umkm or koperasi.', ['jenis_entitas', 'jenis_usaha_badan', 'jenis_klien', 'bentuk_usaha'], {
        values: ENTITY_TYPES,
      }),
      col(
        'owner_gender',
        'enum',
        'optional',
        'L (laki-laki) or P (perempuan); empty for cooperatives.',
        ['jenis_kelamin', 'jk', 'gender', 'jenis_kelamin_pemilik'],
        { values: GENDERS },
      ),
      col('region_code', 'region', 'core', 'BPS code of the kabupaten/kota (5201–5208, 5271, 5272).', [
        'kode_wilayah',
        'kabupaten_kota',
        'kab_kota',
        'kabupaten',
        'wilayah',
        'region',
      ]),
      col('cohort', 'id', 'core', 'Training batch (angkatan diklat), e.g. 2024-A.', ['angkatan', 'kohort', 'angkatan_diklat', 'batch']),
      col('programme', 'enum', 'core', 'Mentoring programme the client is enrolled in.', ['program', 'program_pendampingan'], {
        values: PROGRAMMES,
      }),
      col('sector', 'enum', 'core', 'Business sector.', ['sektor', 'sektor_usaha', 'bidang_usaha'], { values: SECTORS }),
      col('business_type', 'text', 'optional', 'What the business makes or does.', ['jenis_usaha', 'usaha', 'produk']),
      col('enrolled_on', 'date', 'core', 'Start of mentoring.', ['tanggal_mulai', 'tgl_mulai', 'mulai_pendampingan', 'start_date']),
      col(
        'owner_birth_year',
        'integer',
        'optional',
        'Year the owner (or a cooperative’s chair) was born, e.g. 1985.',
        ['tahun_lahir_pemilik', 'tahun_lahir', 'thn_lahir', 'birth_year', 'year_of_birth'],
        { late: true },
      ),
      col(
        'owner_disability',
        'boolean',
        'optional',
        'Whether the owner has a disability (the Washington Group short set’s summary).',
        ['penyandang_disabilitas', 'disabilitas', 'disabilitas_pemilik', 'difabel', 'disability'],
        { late: true },
      ),
    ],
  },
  mentors: {
    name: 'mentors',
    key: ['mentor_id'],
    description: 'One row per mentor (pendamping, PPKL, BDS provider or PLUT consultant).',
    columns: [
      col('mentor_id', 'id', 'required', 'Mentor id, unique.', ['id_pendamping', 'kode_pendamping', 'id_mentor']),
      col('mentor_name', 'text', 'optional', 'Mentor name.', ['nama_pendamping', 'nama_mentor', 'nama'], { personal: true }),
      col('programme', 'enum', 'core', 'Programme the mentor works for.', ['program', 'program_pendampingan'], { values: PROGRAMMES }),
      col('region_code', 'region', 'core', 'BPS code of the kabupaten/kota the mentor covers.', [
        'kode_wilayah',
        'kabupaten_kota',
        'kab_kota',
        'wilayah_tugas',
        'region',
      ]),
      col('gender', 'enum', 'optional', 'L or P.', ['jenis_kelamin', 'jk'], { values: GENDERS }),
      col('phone', 'text', 'optional', 'Phone number.', ['telepon', 'no_hp', 'nomor_hp'], { personal: true }),
      col('active_since', 'date', 'optional', 'First day as a mentor.', ['aktif_sejak', 'tanggal_bergabung']),
    ],
  },
  sessions: {
    name: 'sessions',
    key: ['session_id'],
    description: 'One row per mentoring session (one client, one mentor, one day).',
    columns: [
      col(
        'session_id',
        'id',
        'core',
        'Session id, unique; made up from the file and row when an upload has none.',
        ['id_sesi', 'kode_sesi', 'no_sesi'],
        { generated: true },
      ),
      col('session_date', 'date', 'required', 'Day of the session.', [
        'tanggal',
        'tanggal_sesi',
        'tgl',
        'tgl_kegiatan',
        'tanggal_kegiatan',
        'tanggal_kunjungan',
        'tgl_kunjungan',
        'tanggal_pendampingan',
        'date',
      ]),
      col('mentor_id', 'id', 'core', 'Mentor (mentors.mentor_id).', ['id_pendamping', 'kode_pendamping', 'id_mentor']),
      col('client_id', 'id', 'required', 'Client (clients.client_id).', ['id_klien', 'kode_klien', 'id_umkm']),
      col('stage', 'enum', 'core', 'Stage of the mentoring process.', ['tahap', 'tahapan'], { values: STAGES }),
      col(
        'functions',
        'enum_list',
        'core',
        'Mentor functions performed (official task codes), separated by |.',
        ['fungsi', 'fungsi_pendamping', 'tugas', 'tugas_pendamping', 'kegiatan'],
        { values: OFFICIAL_FUNCTIONS },
      ),
      col('support_area', 'enum', 'core', 'Area of support (bidang layanan PLUT).', ['bidang_layanan', 'bidang', 'area_dukungan'], {
        values: SUPPORT_AREAS,
      }),
      col('support_form', 'enum', 'core', 'Form of non-financial support.', ['bentuk_dukungan', 'bentuk_layanan', 'jenis_layanan'], {
        values: SUPPORT_FORMS,
      }),
      col('mode', 'enum', 'optional', 'In person, online or by phone.', ['moda', 'metode', 'cara'], { values: SESSION_MODES }),
      col('duration_hours', 'decimal', 'optional', 'Length of the session in hours.', ['durasi_jam', 'durasi', 'lama_jam', 'jam']),
      col('notes', 'text', 'optional', 'Free-text notes.', ['catatan', 'keterangan'], { personal: true }),
    ],
  },
  outcomes: {
    name: 'outcomes',
    key: ['client_id', 'measurement'],
    description: 'One row per client per measurement (baseline, midline, endline).',
    columns: [
      col('client_id', 'id', 'required', 'Client (clients.client_id).', ['id_klien', 'kode_klien', 'id_umkm']),
      col('measurement', 'enum', 'required', 'baseline, midline or endline.', ['pengukuran', 'tahap_pengukuran', 'jenis_pengukuran'], {
        values: MEASUREMENTS,
      }),
      col('measured_on', 'date', 'core', 'Day of the measurement.', ['tanggal_pengukuran', 'tanggal', 'tgl_ukur']),
      col('monthly_revenue', 'money', 'optional', 'Monthly revenue (omzet per bulan) in rupiah.', [
        'omzet_bulanan',
        'omzet_per_bulan',
        'omzet',
        'omset',
        'pendapatan_bulanan',
      ]),
      col('assets', 'money', 'optional', 'Business capital excluding land and buildings (modal usaha) in rupiah.', [
        'aset',
        'modal_usaha',
        'modal',
        'total_aset',
      ]),
      col('employees', 'integer', 'optional', 'Workers, owner included.', [
        'tenaga_kerja',
        'jumlah_karyawan',
        'karyawan',
        'jumlah_tenaga_kerja',
      ]),
      col('size_class', 'enum', 'optional', 'Size class per PP 7/2021.', ['skala_usaha', 'kelas_usaha', 'skala'], { values: SIZE_CLASSES }),
      col('has_nib', 'boolean', 'optional', 'Holds an NIB business number.', ['punya_nib', 'nib', 'memiliki_nib']),
      col('has_halal', 'boolean', 'optional', 'Holds a halal certificate.', ['sertifikat_halal', 'halal', 'punya_halal']),
      col('has_kur', 'boolean', 'optional', 'Has KUR credit.', ['akses_kur', 'kur', 'punya_kur']),
      col('keeps_books', 'boolean', 'optional', 'Keeps business books.', ['pembukuan', 'punya_pembukuan', 'melakukan_pembukuan']),
      col('sells_online', 'boolean', 'optional', 'Sells digitally (marketplace, social media).', [
        'penjualan_digital',
        'jualan_online',
        'digital',
      ]),
      col('market_reach', 'enum', 'optional', 'Widest market served.', ['jangkauan_pasar', 'pasar'], { values: MARKET_REACH }),
      col('still_operating', 'boolean', 'optional', 'Business still operating.', ['masih_beroperasi', 'beroperasi', 'aktif']),
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

/** Owners' birth years before this are taken for typing errors (flagged on upload, age unknown). */
export const EARLIEST_BIRTH_YEAR = 1900;

/** Separator of values inside an `enum_list` cell in the canonical CSV. */
export const LIST_SEPARATOR = '|';

export function columnNames(table: TableName): string[] {
  return TABLES[table].columns.map((c) => c.name);
}

/** The columns of the table's first release of format v1: what every canonical file holds. */
export function baseColumnNames(table: TableName): string[] {
  return TABLES[table].columns.filter((c) => !c.late).map((c) => c.name);
}

/** The columns added later (`ColumnDef.late`): a canonical file may lack them. */
export function lateColumnNames(table: TableName): string[] {
  return TABLES[table].columns.filter((c) => c.late).map((c) => c.name);
}

export function findColumn(table: TableName, name: string): ColumnDef | undefined {
  return TABLES[table].columns.find((c) => c.name === name);
}

/** Size classes ordered from small to large, for "naik kelas" comparisons. */
export function sizeRank(sizeClass: SizeClass): number {
  return SIZE_CLASSES.indexOf(sizeClass);
}
