/**
 * Sectors, business types and business / cooperative names, with NTB place names.
 */
import type { SECTORS } from '../../src/lib/domain/schema';
import type { Rng } from './prng';

export type Sector = (typeof SECTORS)[number];

/** Share of UMKM clients per sector. */
export const SECTOR_WEIGHTS: Readonly<Record<Sector, number>> = {
  kuliner: 30,
  kerajinan: 14,
  pertanian: 13,
  perdagangan: 10,
  fesyen: 8,
  perikanan: 8,
  peternakan: 7,
  jasa: 6,
  pariwisata: 4,
};

/** Revenue multiplier per sector (relative to the median). */
export const SECTOR_REVENUE: Readonly<Record<Sector, number>> = {
  kuliner: 0.9,
  kerajinan: 0.85,
  pertanian: 1.05,
  perdagangan: 1.45,
  fesyen: 0.9,
  perikanan: 1.1,
  peternakan: 1.15,
  jasa: 0.8,
  pariwisata: 1.2,
};

export interface BusinessType {
  readonly type: string;
  /** Product word used in names ("Kopi" in "Kopi Sembalun Bu Nur"). */
  readonly product: string;
  /** Only in these regions, when set. */
  readonly regions?: readonly string[];
  /** A place name that belongs in the business name, e.g. Banyumulek. */
  readonly place?: string;
}

const SUMBAWA_ISLAND = ['5204', '5205', '5206', '5207', '5272'];

export const BUSINESS_TYPES: Readonly<Record<Sector, readonly BusinessType[]>> = {
  kuliner: [
    { type: 'Keripik pisang', product: 'Keripik' },
    { type: 'Warung makan', product: 'Warung' },
    { type: 'Ayam taliwang', product: 'Ayam Taliwang' },
    { type: 'Sate rembiga', product: 'Sate Rembiga', regions: ['5271', '5201'] },
    { type: 'Plecing kangkung', product: 'Plecing' },
    { type: 'Kue tradisional', product: 'Jajan' },
    { type: 'Dodol rumput laut', product: 'Dodol' },
    { type: 'Abon ikan', product: 'Abon' },
    { type: 'Sambal khas Lombok', product: 'Sambal', regions: ['5201', '5202', '5203', '5208', '5271'] },
    { type: 'Kopi bubuk', product: 'Kopi' },
    { type: 'Nasi balap puyung', product: 'Nasi Puyung', regions: ['5202'] },
    { type: 'Susu kuda liar olahan', product: 'Susu Kuda', regions: SUMBAWA_ISLAND },
    { type: 'Kerupuk ikan', product: 'Kerupuk' },
    { type: 'Minuman jahe', product: 'Jahe' },
    { type: 'Bakso', product: 'Bakso' },
  ],
  fesyen: [
    { type: 'Konveksi pakaian', product: 'Konveksi' },
    { type: 'Jahit busana muslim', product: 'Busana' },
    { type: 'Batik Sasambo', product: 'Batik Sasambo' },
    { type: 'Kaos sablon', product: 'Kaos' },
    { type: 'Tas dan dompet tenun', product: 'Tas Tenun' },
  ],
  kerajinan: [
    { type: 'Tenun ikat', product: 'Tenun' },
    { type: 'Tenun songket', product: 'Songket', regions: ['5202'], place: 'Sukarara' },
    { type: 'Gerabah Banyumulek', product: 'Gerabah', regions: ['5201'], place: 'Banyumulek' },
    { type: 'Gerabah Penujak', product: 'Gerabah', regions: ['5202'], place: 'Penujak' },
    { type: 'Anyaman ketak', product: 'Ketak', regions: ['5201', '5203', '5208'] },
    { type: 'Kerajinan mutiara', product: 'Mutiara', regions: ['5271', '5201'] },
    { type: 'Kerajinan cukli', product: 'Cukli', regions: ['5271'] },
    { type: 'Anyaman bambu', product: 'Anyaman' },
    { type: 'Ukiran kayu', product: 'Ukiran' },
    { type: 'Tenun tembe nggoli', product: 'Tenun Nggoli', regions: ['5206', '5272', '5205'] },
    { type: 'Kain tenun kre alang', product: 'Kre Alang', regions: ['5204', '5207'] },
  ],
  pertanian: [
    { type: 'Kopi robusta', product: 'Kopi' },
    { type: 'Kopi arabika', product: 'Kopi', regions: ['5203'], place: 'Sembalun' },
    { type: 'Madu hutan', product: 'Madu', regions: SUMBAWA_ISLAND },
    { type: 'Madu trigona', product: 'Madu Trigona', regions: ['5208', '5201', '5203'] },
    { type: 'Jagung pipil', product: 'Jagung' },
    { type: 'Bawang merah', product: 'Bawang', regions: ['5206', '5272', '5205'] },
    { type: 'Sayur hidroponik', product: 'Hidroponik' },
    { type: 'Kacang mete', product: 'Mete' },
    { type: 'Vanili', product: 'Vanili' },
    { type: 'Stroberi', product: 'Stroberi', regions: ['5203'], place: 'Sembalun' },
  ],
  perikanan: [
    { type: 'Rumput laut', product: 'Rumput Laut' },
    { type: 'Ikan asin', product: 'Ikan Asin' },
    { type: 'Budidaya lele', product: 'Lele' },
    { type: 'Terasi', product: 'Terasi' },
    { type: 'Budidaya udang vaname', product: 'Udang' },
    { type: 'Pindang ikan', product: 'Pindang' },
    { type: 'Budidaya lobster', product: 'Lobster', regions: ['5203', '5202'] },
  ],
  peternakan: [
    { type: 'Susu kuda liar', product: 'Susu Kuda', regions: SUMBAWA_ISLAND },
    { type: 'Penggemukan sapi bali', product: 'Sapi' },
    { type: 'Ternak kambing', product: 'Kambing' },
    { type: 'Ayam kampung', product: 'Ayam Kampung' },
    { type: 'Telur bebek', product: 'Telur' },
    { type: 'Madu Sumbawa', product: 'Madu', regions: ['5204', '5207'], place: 'Sumbawa' },
  ],
  perdagangan: [
    { type: 'Toko kelontong', product: 'Toko' },
    { type: 'Grosir sembako', product: 'Grosir' },
    { type: 'Counter pulsa', product: 'Pulsa' },
    { type: 'Toko bangunan', product: 'Toko Bangunan' },
    { type: 'Jual beli hasil bumi', product: 'Hasil Bumi' },
    { type: 'Oleh-oleh khas NTB', product: 'Oleh-oleh' },
  ],
  jasa: [
    { type: 'Bengkel motor', product: 'Bengkel' },
    { type: 'Laundry', product: 'Laundry' },
    { type: 'Salon kecantikan', product: 'Salon' },
    { type: 'Percetakan', product: 'Percetakan' },
    { type: 'Servis HP', product: 'Servis HP' },
  ],
  pariwisata: [
    { type: 'Homestay', product: 'Homestay' },
    { type: 'Pemandu wisata', product: 'Tour' },
    { type: 'Sewa motor', product: 'Rental' },
    { type: 'Paket trekking Rinjani', product: 'Trekking', regions: ['5203', '5208'] },
    { type: 'Penginapan Gili', product: 'Bungalow', regions: ['5208'], place: 'Gili Trawangan' },
    { type: 'Wisata selancar', product: 'Surf', regions: ['5202', '5207', '5205'] },
  ],
};

/** Villages, districts and landmarks per region, used in business names. */
export const PLACES: Readonly<Record<string, readonly string[]>> = {
  '5201': ['Banyumulek', 'Gerung', 'Narmada', 'Lingsar', 'Sekotong', 'Lembar', 'Kuripan', 'Batulayar', 'Kediri'],
  '5202': ['Sukarara', 'Praya', 'Mandalika', 'Sade', 'Jonggat', 'Pujut', 'Penujak', 'Batukliang', 'Kopang'],
  '5203': ['Sembalun', 'Selong', 'Masbagik', 'Pringgasela', 'Tetebatu', 'Aikmel', 'Labuhan Haji', 'Sakra', 'Keruak'],
  '5204': ['Samawa', 'Moyo', 'Alas', 'Utan', 'Empang', 'Lape', 'Plampang', 'Sumbawa'],
  '5205': ['Dompu', 'Kempo', 'Kilo', 'Pekat', 'Woja', 'Manggelewa', 'Lakey'],
  '5206': ['Sape', 'Wawo', 'Donggo', 'Bolo', 'Woha', 'Monta', 'Sanggar', 'Wera'],
  '5207': ['Taliwang', 'Maluk', 'Sekongkang', 'Jereweh', 'Seteluk', 'Brang Rea', 'Poto Tano'],
  '5208': ['Tanjung', 'Gangga', 'Bayan', 'Kayangan', 'Pemenang', 'Senaru', 'Gili'],
  '5271': ['Ampenan', 'Cakranegara', 'Sekarbela', 'Selaparang', 'Pagesangan', 'Karang Jasi', 'Sandubaya', 'Mataram'],
  '5272': ['Raba', 'Rasanae', 'Asakota', 'Mpunda', 'Paruga', 'Mbojo'],
};

const ISLAND_ICONS: Readonly<Record<string, readonly string[]>> = {
  lombok: ['Rinjani', 'Sasak', 'Mandalika', 'Segara Anak', 'Gumi Sasak', 'Lombok'],
  sumbawa: ['Tambora', 'Samawa', 'Mbojo', 'Sabalong', 'Moyo', 'Sumbawa'],
};

const GOOD_WORDS = [
  'Maju',
  'Jaya',
  'Sejahtera',
  'Makmur',
  'Mandiri',
  'Sentosa',
  'Berkah',
  'Barokah',
  'Lestari',
  'Abadi',
  'Harapan',
  'Sinar',
  'Cahaya',
  'Bintang',
  'Karya',
  'Sumber Rezeki',
  'Putri',
  'Indah',
  'Baru',
  'Bersama',
];

export function pickSector(rng: Rng): Sector {
  const sectors = Object.keys(SECTOR_WEIGHTS) as Sector[];
  return rng.weighted(
    sectors,
    sectors.map((s) => SECTOR_WEIGHTS[s]),
  );
}

export function pickBusinessType(rng: Rng, sector: Sector, regionCode: string): BusinessType {
  const options = BUSINESS_TYPES[sector].filter((t) => !t.regions || t.regions.includes(regionCode));
  // Region-specific products are favoured where they exist: that is what the place is known for.
  return rng.weighted(
    options,
    options.map((t) => (t.regions ? 2.5 : 1)),
  );
}

/** "UD Sinar Rinjani", "Kopi Sembalun Bu Nur", "Tenun Sukarara", "Madu Sumbawa Pak Hasan". */
export function businessName(rng: Rng, type: BusinessType, regionCode: string, island: string, ownerNick: string): string {
  const place = type.place ?? rng.pick(PLACES[regionCode]);
  const icon = rng.pick(ISLAND_ICONS[island]);
  switch (rng.weightedIndex([3, 3, 2, 2, 1.5, 1])) {
    case 0:
      return `${type.product} ${place} ${ownerNick}`;
    case 1:
      return `${type.product} ${place}`;
    case 2:
      return `UD ${rng.pick(GOOD_WORDS)} ${icon}`;
    case 3:
      return `${type.product} ${ownerNick}`;
    case 4: {
      const first = rng.pick(GOOD_WORDS);
      return `${type.product} ${first} ${rng.pick(GOOD_WORDS.filter((w) => w !== first))}`;
    }
    default:
      return `CV ${icon} ${rng.pick(GOOD_WORDS)}`;
  }
}

interface KoperasiKind {
  readonly prefix: string;
  readonly sector: Sector;
  readonly type: string;
}

const KOPERASI_KINDS: readonly KoperasiKind[] = [
  { prefix: 'Koperasi Serba Usaha', sector: 'perdagangan', type: 'Unit toko dan simpan pinjam anggota' },
  { prefix: 'Koperasi Produsen', sector: 'kerajinan', type: 'Pemasaran kerajinan anggota' },
  { prefix: 'Koperasi Tani', sector: 'pertanian', type: 'Pemasaran hasil tani anggota' },
  { prefix: 'Koperasi Nelayan', sector: 'perikanan', type: 'Pengumpulan dan penjualan ikan anggota' },
  { prefix: 'Koperasi Peternak', sector: 'peternakan', type: 'Penggemukan dan pemasaran sapi anggota' },
  { prefix: 'Koperasi Wanita', sector: 'kuliner', type: 'Olahan pangan anggota' },
  { prefix: 'Koperasi Konsumen', sector: 'perdagangan', type: 'Toko sembako anggota' },
  { prefix: 'Koperasi Jasa', sector: 'jasa', type: 'Jasa angkutan dan sewa alat' },
  { prefix: 'Koperasi Pariwisata', sector: 'pariwisata', type: 'Pengelolaan desa wisata' },
  { prefix: 'Koperasi Rumput Laut', sector: 'perikanan', type: 'Budidaya dan pengeringan rumput laut' },
];

const KOPERASI_WORDS = [
  'Maju Bersama',
  'Sejahtera',
  'Karya Mandiri',
  'Harapan Baru',
  'Bina Usaha',
  'Tunas Harapan',
  'Gotong Royong',
  'Berkah Bersama',
  'Mitra Usaha',
  'Sasambo Jaya',
  'Wanita Tani Mandiri',
  'Amanah',
  'Usaha Bersama',
  'Sumber Makmur',
];
const KOPERASI_ISLAND_WORDS: Readonly<Record<string, readonly string[]>> = {
  lombok: ['Sinar Rinjani', 'Segara Anak', 'Bunga Tanjung', 'Gumi Sasak', 'Patuh Karya'],
  sumbawa: ['Tambora Makmur', 'Samawa Mandiri', 'Mbojo Bersatu', 'Sabalong Samalewa', 'Nggahi Rawi'],
};

export interface KoperasiProfile {
  readonly name: string;
  readonly sector: Sector;
  readonly businessType: string;
}

export function koperasiProfile(rng: Rng, regionCode: string, island: string): KoperasiProfile {
  const kind = rng.weighted(KOPERASI_KINDS, [4, 2, 3, 1.5, 1.5, 2, 1.5, 1, 0.7, 0.8]);
  const base = rng.chance(0.3) ? rng.pick(KOPERASI_ISLAND_WORDS[island]) : rng.pick(KOPERASI_WORDS);
  const words = rng.chance(0.35) ? `${base} ${rng.pick(PLACES[regionCode])}` : base;
  return { name: `${kind.prefix} ${words}`, sector: kind.sector, businessType: kind.type };
}
