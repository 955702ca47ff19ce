/** Human labels for the codes stored in the data, in both UI languages. */
import type { Lang } from './messages';
import { regionByCode } from '../domain/regions';

type Labels = Record<string, [id: string, en: string]>;

const PROGRAMME: Labels = {
  pendamping_kumkm: ['Pendamping KUMKM', 'Pendamping KUMKM (mentors)'],
  ppkl: ['PPKL', 'PPKL (cooperative extension)'],
  bds: ['BDS', 'BDS (business development services)'],
  konsultan_plut: ['Konsultan PLUT', 'PLUT consultants'],
};
const ISLAND: Labels = { lombok: ['Lombok', 'Lombok'], sumbawa: ['Sumbawa', 'Sumbawa'] };
const ENTITY: Labels = { umkm: ['UMKM', 'MSME'], koperasi: ['Koperasi', 'Cooperative'] };
const GENDER: Labels = {
  L: ['Laki-laki', 'Men'],
  P: ['Perempuan', 'Women'],
  // A cooperative has no owner: its own group, not "missing".
  koperasi: ['Koperasi (tidak berlaku)', 'Cooperative (not applicable)'],
};
const AGE_BAND: Labels = {
  '00-24': ['< 25 tahun', 'Under 25'],
  '25-34': ['25–34 tahun', '25–34'],
  '35-44': ['35–44 tahun', '35–44'],
  '45-54': ['45–54 tahun', '45–54'],
  '55-plus': ['55 tahun ke atas', '55 and over'],
};
const DISABILITY: Labels = { yes: ['Penyandang disabilitas', 'With a disability'], no: ['Tanpa disabilitas', 'Without a disability'] };
const SUPPORT_AREA: Labels = {
  kelembagaan: ['Kelembagaan', 'Institutions'],
  sdm: ['SDM', 'Human resources'],
  produksi: ['Produksi', 'Production'],
  pembiayaan: ['Pembiayaan', 'Financing'],
  pemasaran: ['Pemasaran', 'Marketing'],
  teknologi_informasi: ['Teknologi informasi', 'IT / digital'],
  jaringan_kerja_sama: ['Jaringan kerja sama', 'Networks and partnerships'],
};
const SECTOR: Labels = {
  kuliner: ['Kuliner', 'Food and drink'],
  fesyen: ['Fesyen', 'Fashion'],
  kerajinan: ['Kerajinan', 'Crafts'],
  pertanian: ['Pertanian', 'Agriculture'],
  perikanan: ['Perikanan', 'Fisheries'],
  peternakan: ['Peternakan', 'Livestock'],
  perdagangan: ['Perdagangan', 'Trade'],
  jasa: ['Jasa', 'Services'],
  pariwisata: ['Pariwisata', 'Tourism'],
};
export const EXPOSURE: Labels = { true: ['Terpapar', 'Exposed'], false: ['Tidak terpapar', 'Not exposed'] };

const BY_DIMENSION: Record<string, Labels> = {
  programme: PROGRAMME,
  island: ISLAND,
  entity_type: ENTITY,
  owner_gender: GENDER,
  age_band: AGE_BAND,
  owner_disability: DISABILITY,
  sector: SECTOR,
  support_area: SUPPORT_AREA,
};

const MISSING: [string, string] = ['(tidak diketahui)', '(unknown)'];

/**
 * Label of one group value of a dimension. Function labels come from the crosswalk data,
 * so the caller passes them in.
 */
export function groupLabel(
  dimension: string,
  value: string | null,
  lang: Lang,
  functionLabels?: ReadonlyMap<string, [string, string]>,
): string {
  const pick = (pair: [string, string]) => (lang === 'en' ? pair[1] : pair[0]);
  if (value == null || value === '') return pick(MISSING);
  if (dimension === 'region') return regionByCode(value)?.name ?? value;
  if (dimension === 'function') {
    const pair = functionLabels?.get(value);
    return pair ? pick(pair) : value;
  }
  const pair = BY_DIMENSION[dimension]?.[value];
  return pair ? pick(pair) : value;
}
