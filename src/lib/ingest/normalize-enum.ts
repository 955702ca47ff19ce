/**
 * Enum cells → the schema's codes. A value matches a code when both fold to the same
 * `compactKey` (case, spaces, punctuation and accents ignored: `Evaluasi & Refleksi`,
 * `evaluasi-refleksi` → evaluasi_refleksi; `Konsultan PLUT` → konsultan_plut), or when it
 * is one of the synonyms below. The codes themselves come from `schema.ts`; the synonym
 * lists only point at them (a unit test checks every target is a real code).
 */
import { GENDERS, LIST_SEPARATOR, type ColumnDef } from '../domain/schema';
import { compactKey, fail, ok, preCheck, type Normalized } from './normalize-common';
import { normalizeGender } from './normalize-gender';

/** Synonyms per schema column name: code → other spellings seen in exports. */
export const ENUM_SYNONYMS: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>> = new Map(
  Object.entries({
    entity_type: {
      umkm: ['UMK', 'UKM', 'usaha mikro', 'usaha kecil', 'MSME', 'SME', 'usaha'],
      koperasi: ['KSP', 'KSU', 'KSPPS', 'KSPS', 'kop', 'koperasi simpan pinjam', 'koperasi serba usaha', 'cooperative', 'co-op'],
    },
    programme: {
      pendamping_kumkm: ['pendamping', 'pendamping UMKM', 'pendamping KUKM', 'pendamping koperasi dan UMKM'],
      ppkl: ['petugas penyuluh koperasi lapangan', 'penyuluh koperasi', 'penyuluh'],
      bds: ['business development services', 'business development service', 'BDS provider', 'BDSP', 'penyedia BDS'],
      konsultan_plut: ['PLUT', 'PLUT KUMKM', 'konsultan', 'konsultan PLUT KUMKM', 'pusat layanan usaha terpadu'],
    },
    sector: {
      kuliner: ['makanan', 'minuman', 'makanan dan minuman', 'makanan & minuman', 'mamin', 'food', 'food and beverage', 'culinary'],
      fesyen: ['fashion', 'fesyen', 'busana', 'pakaian', 'tenun'],
      kerajinan: ['kriya', 'handicraft', 'craft', 'crafts'],
      pertanian: ['agriculture', 'tani', 'perkebunan'],
      perikanan: ['fisheries', 'fishery', 'nelayan', 'budidaya ikan'],
      peternakan: ['livestock', 'ternak'],
      perdagangan: ['trade', 'dagang', 'retail', 'toko', 'warung'],
      jasa: ['services', 'service', 'layanan'],
      pariwisata: ['tourism', 'wisata'],
    },
    stage: {
      observasi_awal: ['observasi', 'observation', 'penjajakan', 'penjajakan kebutuhan', 'needs assessment', 'asesmen awal'],
      pendampingan: ['mentoring', 'pembimbingan', 'bimbingan'],
      evaluasi_refleksi: ['evaluasi', 'refleksi', 'evaluasi dan refleksi', 'evaluation', 'evaluation and reflection'],
      pelaporan: ['laporan', 'reporting', 'report'],
    },
    support_area: {
      kelembagaan: ['organisasi', 'kelembagaan dan organisasi', 'institutional', 'institutions', 'organisation', 'organization'],
      sdm: ['sumber daya manusia', 'human resources', 'HR', 'SDM'],
      produksi: ['production', 'produksi dan kualitas'],
      pembiayaan: ['keuangan', 'financing', 'finance', 'permodalan', 'akses pembiayaan'],
      pemasaran: ['marketing', 'pasar'],
      teknologi_informasi: ['TI', 'IT', 'digital', 'digitalisasi', 'information technology', 'teknologi'],
      jaringan_kerja_sama: ['jaringan kerjasama', 'jaringan', 'kemitraan', 'networking', 'partnership', 'kerja sama', 'kerjasama'],
    },
    support_form: {
      mentoring: ['pendampingan', 'monitoring', 'pendampingan usaha', 'monitoring usaha', 'pendampingan dan monitoring'],
      konsultasi: ['consultation', 'konsultasi usaha', 'consulting'],
      pelatihan: ['training', 'diklat', 'pelatihan usaha', 'bimtek', 'bimbingan teknis', 'workshop'],
      jejaring: ['networking', 'jaringan', 'temu bisnis', 'business matching', 'kemitraan'],
      akses_pasar: ['market access', 'akses pemasaran', 'pameran', 'expo'],
    },
    mode: {
      tatap_muka: ['offline', 'langsung', 'luring', 'kunjungan', 'kunjungan lapangan', 'in person', 'face to face', 'visit'],
      daring: ['online', 'virtual', 'zoom', 'video call', 'google meet'],
      telepon: ['telp', 'telpon', 'phone', 'telephone', 'phone call'],
    },
    measurement: {
      baseline: ['awal', 'data awal', 'pengukuran awal', 'base line'],
      midline: ['tengah', 'pertengahan', 'pengukuran tengah', 'mid line'],
      endline: ['akhir', 'pengukuran akhir', 'end line'],
    },
    size_class: {
      mikro: ['usaha mikro', 'micro'],
      kecil: ['usaha kecil', 'small'],
      menengah: ['usaha menengah', 'medium'],
      besar: ['usaha besar', 'large'],
    },
    market_reach: {
      lokal: ['local', 'desa', 'kecamatan', 'lokal desa'],
      kabupaten: ['kab kota', 'kabupaten kota', 'regency', 'district'],
      provinsi: ['province', 'provincial', 'regional', 'NTB'],
      nasional: ['national', 'indonesia', 'antar provinsi'],
      ekspor: ['export', 'internasional', 'international', 'luar negeri', 'global'],
    },
  }).map(([column, byCode]) => [column, new Map(Object.entries(byCode))] as const),
);

export type EnumMatcher = (raw: string | null | undefined) => Normalized<string | null>;

/** A matcher for one set of codes and their synonyms. Throws on a synonym claimed by two codes. */
export function buildEnumMatcher(values: readonly string[], synonyms: ReadonlyMap<string, readonly string[]> = new Map()): EnumMatcher {
  const byKey = new Map<string, string>();
  const claim = (spelling: string, code: string): void => {
    const key = compactKey(spelling);
    const existing = byKey.get(key);
    if (existing !== undefined && existing !== code) {
      throw new Error(`enum spelling "${spelling}" is claimed by ${existing} and ${code}`);
    }
    byKey.set(key, code);
  };
  for (const v of values) claim(v, v);
  for (const [code, spellings] of synonyms) {
    if (!values.includes(code)) throw new Error(`enum synonym target "${code}" is not one of ${values.join(', ')}`);
    for (const s of spellings) claim(s, code);
  }
  return (raw) => {
    const pre = preCheck(raw);
    if ('done' in pre) return pre.done;
    const code = byKey.get(compactKey(pre.text));
    return code === undefined ? fail('unknown_value', pre.text) : ok(code);
  };
}

const matcherCache = new WeakMap<ColumnDef, EnumMatcher>();

/** The matcher for a schema enum column (gender columns use `normalizeGender`). */
export function enumMatcherFor(column: ColumnDef): EnumMatcher {
  const cached = matcherCache.get(column);
  if (cached) return cached;
  const values = column.values ?? [];
  const matcher: EnumMatcher =
    column.values === GENDERS ? (raw) => normalizeGender(raw) : buildEnumMatcher(values, ENUM_SYNONYMS.get(column.name));
  matcherCache.set(column, matcher);
  return matcher;
}

export function normalizeEnum(raw: string | null | undefined, column: ColumnDef): Normalized<string | null> {
  return enumMatcherFor(column)(raw);
}

/** Separators accepted between codes of an `enum_list` cell besides the canonical `|`. */
const LIST_SEPARATORS = /\s*[|;,/+\n]\s*/;

/** An `enum_list` cell → codes, deduplicated, in the schema's order. */
export function normalizeEnumList(raw: string | null | undefined, column: ColumnDef): Normalized<string[] | null> {
  const pre = preCheck(raw);
  if ('done' in pre) return pre.done;
  const match = enumMatcherFor(column);
  const found = new Set<string>();
  const pieces = pre.text.split(pre.text.includes(LIST_SEPARATOR) ? LIST_SEPARATOR : LIST_SEPARATORS);
  for (const piece of pieces) {
    if (piece.trim() === '') continue;
    const r = match(piece);
    if (!r.ok) return r;
    if (r.value !== null) found.add(r.value);
  }
  if (found.size === 0) return ok(null);
  return ok((column.values ?? []).filter((v) => found.has(v)));
}
