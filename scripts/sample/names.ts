/**
 * Plausible (invented) Indonesian person names with Sasak (Lombok), Samawa (Sumbawa,
 * Sumbawa Barat) and Mbojo (Bima, Dompu) flavour, plus fake mobile numbers.
 */
import { regionByCode } from '../../src/lib/domain/regions';
import type { Rng } from './prng';

type Culture = 'sasak' | 'samawa' | 'mbojo';
type Gender = 'L' | 'P';

interface NamePool {
  readonly first: Readonly<Record<Gender, readonly string[]>>;
  readonly last: readonly string[];
  /** Title-like first words (Lalu, Baiq, Dea) and how often they appear. */
  readonly prefix: Readonly<Record<Gender, readonly string[]>>;
  readonly prefixChance: number;
}

const POOLS: Readonly<Record<Culture, NamePool>> = {
  sasak: {
    first: {
      L: [
        'Muhammad',
        'Ahmad',
        'Zainul',
        'Hamdani',
        'Sahnan',
        'Rusdi',
        'Baharudin',
        'Supardi',
        'Mahsun',
        'Ahyar',
        'Murdi',
        'Saprudin',
        'Zulkifli',
        'Fathurrahman',
        'Hairul',
        'Amrullah',
        'Jumadil',
        'Sahabudin',
        'Mustiadi',
        'Rizal',
        'Husnul',
        'Khairul',
        'Syamsul',
        'Nasrudin',
      ],
      P: [
        'Siti',
        'Nurhayati',
        'Rahmawati',
        'Sri Wahyuni',
        'Rohani',
        'Hairunnisa',
        'Nurul',
        'Mariani',
        'Sumiati',
        'Halimah',
        'Rabiatul',
        'Aminah',
        'Fitriani',
        'Hidayati',
        'Sapinah',
        'Muslimah',
        'Isnaini',
        'Nurjanah',
        'Zuhriah',
        'Yuliana',
        'Mahnun',
        'Rukmini',
      ],
    },
    last: [
      'Hadi',
      'Fauzi',
      'Hidayat',
      'Wirajaya',
      'Azhar',
      'Rahman',
      'Maulana',
      'Irawan',
      'Saputra',
      'Hamdi',
      'Wathoni',
      'Ardi',
      'Aini',
      'Zohri',
      'Mujahid',
      'Safitri',
      'Anwar',
      'Jayadi',
      'Hakim',
      'Kurniawan',
    ],
    prefix: { L: ['Lalu', 'H.', 'Amaq'], P: ['Baiq', 'Hj.', 'Inaq'] },
    prefixChance: 0.3,
  },
  samawa: {
    first: {
      L: [
        'Syamsul',
        'Abdul',
        'Muhammad',
        'Hasan',
        'Zainuddin',
        'Arif',
        'Junaidi',
        'Ismail',
        'Sudirman',
        'Salahuddin',
        'Rusli',
        'Mustakim',
        'Hamzah',
        'Jamaluddin',
        'Sahril',
        'Agus',
      ],
      P: [
        'Nurjannah',
        'Hartini',
        'Sri Mulyani',
        'Rabiah',
        'Fatimah',
        'Juwita',
        'Suryani',
        'Nurlela',
        'Hasanah',
        'Rosmiati',
        'Marlina',
        'Sumarni',
        'Dewi',
        'Rahmi',
      ],
    },
    last: [
      'Bahri',
      'Hakim',
      'Yamin',
      'Basri',
      'Rahman',
      'Syafrudin',
      'Mahmud',
      'Saleh',
      'Jayadi',
      'Ikhsan',
      'Kurnia',
      'Haris',
      'Apriani',
      'Sari',
    ],
    prefix: { L: ['Dea', 'H.'], P: ['Hj.'] },
    prefixChance: 0.15,
  },
  mbojo: {
    first: {
      L: [
        'Syarifuddin',
        'Ahmad',
        'Nurdin',
        'Jaidun',
        'Abdul',
        'Ikhsan',
        'Taufik',
        'Muhammad',
        'Syahbudin',
        'Ilham',
        'Amirullah',
        'Fahrurrozi',
        'Arifin',
        'Sukardin',
        'Mukhtar',
      ],
      P: [
        'Nurmi',
        'Siti',
        'Kartini',
        'Nurhasanah',
        'Sumarni',
        'Rostina',
        'Maryam',
        'Jubaidah',
        'Nurbaya',
        'Rukayah',
        'Hadijah',
        'Salmah',
        'Nurul',
        'Ramlah',
      ],
    },
    last: [
      'Rasyid',
      'Saleh',
      'Yani',
      'Hamid',
      'Idris',
      'Amin',
      'Jafar',
      'Usman',
      'Hasan',
      'Ahmad',
      'Ibrahim',
      'Ningsih',
      'Wahyuni',
      'Hidayah',
    ],
    prefix: { L: ['H.'], P: ['Hj.'] },
    prefixChance: 0.1,
  },
};

/** Balinese names, common in Kota Mataram and Lombok Barat. */
const BALINESE: Readonly<Record<Gender, readonly string[]>> = {
  L: ['I Wayan', 'I Made', 'I Nyoman', 'I Ketut', 'I Gede', 'I Komang'],
  P: ['Ni Wayan', 'Ni Made', 'Ni Nyoman', 'Ni Ketut', 'Ni Luh', 'Ni Komang'],
};
const BALINESE_LAST = ['Sudarma', 'Suarta', 'Artawan', 'Sukadana', 'Ayu Lestari', 'Sari', 'Wirawan', 'Juliantari', 'Suwitra', 'Astiti'];

function cultureOf(regionCode: string): Culture {
  if (regionByCode(regionCode)?.island === 'lombok') return 'sasak';
  return regionCode === '5204' || regionCode === '5207' ? 'samawa' : 'mbojo';
}

export function personName(rng: Rng, regionCode: string, gender: Gender): string {
  if ((regionCode === '5271' || regionCode === '5201') && rng.chance(0.08)) {
    return `${rng.pick(BALINESE[gender])} ${rng.pick(BALINESE_LAST)}`;
  }
  const pool = POOLS[cultureOf(regionCode)];
  const parts: string[] = [];
  if (rng.chance(pool.prefixChance)) parts.push(rng.pick(pool.prefix[gender]));
  parts.push(rng.pick(pool.first[gender]));
  if (rng.chance(0.8)) parts.push(rng.pick(pool.last));
  return parts.join(' ');
}

/** A short form used in business names: "Bu Nur", "Pak Hasan". */
export function nickname(rng: Rng, fullName: string, gender: Gender): string {
  const words = fullName
    .split(' ')
    .filter((w) => !/^(Lalu|Baiq|Dea|Amaq|Inaq|H\.|Hj\.|I|Ni|Wayan|Made|Nyoman|Ketut|Gede|Komang|Luh|Muhammad|Siti|Abdul)$/.test(w));
  const word = words.length > 0 ? words[0] : fullName.split(' ').slice(-1)[0];
  const short = word.length > 6 && rng.chance(0.5) ? word.slice(0, 3) : word;
  return `${gender === 'P' ? 'Bu' : 'Pak'} ${short}`;
}

const PHONE_PREFIXES = [
  '0812',
  '0813',
  '0821',
  '0822',
  '0823',
  '0852',
  '0853',
  '0817',
  '0818',
  '0819',
  '0859',
  '0877',
  '0878',
  '0895',
  '0896',
  '0857',
];

/** A fake Indonesian mobile number, 12 digits. */
export function phoneNumber(rng: Rng): string {
  let digits = rng.pick(PHONE_PREFIXES);
  for (let i = 0; i < 8; i++) digits += String(rng.int(0, 9));
  return digits;
}
