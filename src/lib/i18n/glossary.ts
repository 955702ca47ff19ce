/**
 * Words that need a line of explanation, in Bahasa Indonesia and English: shown by the ⓘ
 * beside a term where it first appears on a page (Term.svelte). One sentence or two, in
 * the words of someone explaining to a colleague, not a textbook.
 */
import type { Lang } from './messages';

interface Entry {
  term: string;
  text: string;
}

export const GLOSSARY = {
  exposed: {
    id: {
      term: 'terpapar',
      text: 'Klien dihitung "terpapar" suatu fungsi pendamping bila minimal k sesinya menjalankan fungsi itu (k bisa diatur; bawaannya 3). Klien lain dihitung tidak terpapar.',
    },
    en: {
      term: 'exposed',
      text: 'A client counts as "exposed" to a mentor function when at least k of its sessions performed it (k can be set; 3 by default). Other clients count as not exposed.',
    },
  },
  n: {
    id: { term: 'n', text: 'Banyaknya klien (atau satuan lain) yang dihitung dalam angka itu. Makin kecil n, makin tidak pasti angkanya.' },
    en: { term: 'n', text: 'How many clients (or other units) a number is computed from. The smaller n, the less certain the number.' },
  },
  baseline: {
    id: {
      term: 'baseline / endline',
      text: 'Pengukuran usaha klien di awal pendampingan (baseline) dan di akhir (endline); midline di tengahnya. Pertumbuhan dan perubahan dihitung dari baseline ke endline.',
    },
    en: {
      term: 'baseline / endline',
      text: "Measurements of the client's business at the start of mentoring (baseline) and at its end (endline); midline in between. Growth and change run from baseline to endline.",
    },
  },
  nib: {
    id: {
      term: 'NIB',
      text: 'Nomor Induk Berusaha: izin usaha dasar dari sistem OSS. Memilikinya adalah langkah pertama usaha menjadi formal.',
    },
    en: {
      term: 'NIB',
      text: "Nomor Induk Berusaha, the basic business licence number issued through the government's OSS system: the first step to a formal business.",
    },
  },
  kur: {
    id: { term: 'KUR', text: 'Kredit Usaha Rakyat: kredit bank dengan bunga disubsidi pemerintah untuk usaha mikro, kecil dan menengah.' },
    en: {
      term: 'KUR',
      text: 'Kredit Usaha Rakyat: bank credit for micro, small and medium enterprises with interest subsidised by the government.',
    },
  },
  naikKelas: {
    id: {
      term: 'naik kelas',
      text: 'Usaha pindah ke kelas ukuran yang lebih tinggi (mikro → kecil → menengah → besar, menurut PP 7/2021) antara baseline dan endline.',
    },
    en: {
      term: 'naik kelas',
      text: '"Moving up a class": the business moved to a larger size class (micro → small → medium → large, as PP 7/2021 defines them) between baseline and endline.',
    },
  },
  fingerprint: {
    id: {
      term: 'sidik isi',
      text: 'Kode pendek yang dihitung dari isi data. Data yang sama selalu memberi sidik yang sama, jadi dua orang dapat memastikan mereka melihat data yang sama.',
    },
    en: {
      term: 'fingerprint',
      text: "A short code computed from the data's contents. The same data always gives the same fingerprint, so two people can check that they are looking at the same data.",
    },
  },
  opfs: {
    id: {
      term: 'OPFS',
      text: 'Tempat penyimpanan berkas di dalam peramban ini (Origin Private File System). Data yang diunggah disimpan di sana, tidak dikirim ke mana pun.',
    },
    en: {
      term: 'OPFS',
      text: 'File storage inside this browser (the Origin Private File System). Uploaded data is kept there and sent nowhere.',
    },
  },
  ci: {
    id: {
      term: 'selang kepercayaan',
      text: 'Rentang nilai yang masuk akal untuk angka sebenarnya. Selang 95% yang lebar berarti angkanya belum pasti; dua kelompok yang selangnya bertumpuk bisa jadi tidak berbeda.',
    },
    en: {
      term: 'confidence interval',
      text: 'The range of values the true figure plausibly lies in. A wide 95% interval means an uncertain number; groups whose intervals overlap may not really differ.',
    },
  },
  bootstrap: {
    id: {
      term: 'bootstrap',
      text: 'Cara menghitung selang kepercayaan dengan menarik ulang klien dari data itu sendiri berkali-kali dan melihat seberapa banyak angkanya berubah.',
    },
    en: {
      term: 'bootstrap',
      text: 'A way to compute an interval by redrawing clients from the data itself many times and seeing how much the number moves.',
    },
  },
  wilson: {
    id: {
      term: 'Wilson',
      text: 'Rumus selang kepercayaan untuk persentase (misalnya bagian klien yang memiliki NIB) yang tetap baik untuk kelompok kecil dan persentase mendekati 0% atau 100%.',
    },
    en: {
      term: 'Wilson',
      text: 'A formula for the interval of a share (such as the share of clients holding an NIB) that stays sound for small groups and shares near 0% or 100%.',
    },
  },
  holm: {
    id: {
      term: 'Holm',
      text: 'Koreksi karena banyak fungsi diuji sekaligus: tanpa koreksi, satu di antara sebelas fungsi mudah tampak "berbeda" hanya karena kebetulan.',
    },
    en: {
      term: 'Holm',
      text: 'A correction for testing many functions at once: without it, one of eleven functions easily looks "different" by chance alone.',
    },
  },
  adjusted: {
    id: {
      term: 'penyesuaian',
      text: 'Angka yang disesuaikan membandingkan klien yang serupa: fungsi pendamping lain, wilayah, angkatan, sektor, program, jenis klien dan omzet awal dibuat setara. Angka mentah tidak.',
    },
    en: {
      term: 'adjustment',
      text: 'An adjusted figure compares similar clients: the other mentor functions, region, cohort, sector, programme, entity type and starting revenue are held equal. A raw figure does not.',
    },
  },
  pp: {
    id: { term: 'pp', text: 'Poin persentase: selisih dua persentase. Dari 40% ke 45% adalah +5 pp (bukan +5%).' },
    en: { term: 'pp', text: 'Percentage points: the difference of two percentages. From 40% to 45% is +5 pp (not +5%).' },
  },
  median: {
    id: {
      term: 'median',
      text: 'Nilai tengah: separuh klien di atasnya, separuh di bawahnya. Tidak terseret oleh beberapa klien dengan angka sangat besar.',
    },
    en: {
      term: 'median',
      text: 'The middle value: half the clients are above it, half below. A few clients with huge numbers do not drag it.',
    },
  },
} as const satisfies Record<string, Record<Lang, Entry>>;

export type GlossaryKey = keyof typeof GLOSSARY;

export function glossaryEntry(key: GlossaryKey, lang: Lang): Entry {
  return GLOSSARY[key][lang];
}
