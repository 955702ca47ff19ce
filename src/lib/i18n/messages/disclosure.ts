/** Small groups kept private: the threshold, the words shown instead of a hidden value, the notes. */
export const id = {
  'disclosure.small': '< {k} klien',
  'disclosure.complement': 'tersembunyi',
  'disclosure.threshold': 'Ambang kerahasiaan (klien)',
  'disclosure.hidden':
    'Kerahasiaan: kelompok dengan kurang dari {k} klien hanya menampilkan n, tanpa nilai (“< {k} klien”); bila nilainya dapat dihitung dari total dan kelompok lain, satu kelompok lagi ikut disembunyikan (“tersembunyi”).',
  'disclosure.shared': 'Tampilan ini dibuka dari tautan bersama.',
  'disclosure.marked':
    '† Kelompok dengan kurang dari {k} klien (dan pelengkapnya bila nilainya dapat dihitung dari total) tampil di sini untuk Anda, tetapi disembunyikan di tautan bersama, laporan cetak, dan setiap ekspor.',
  'disclosure.points': 'Titik yang disembunyikan: {points}.',
  'disclosure.point': '{cohort}, bulan ke-{months}: {text}, n = {n}',
  'disclosure.kpi': 'n = {n}: disembunyikan (< {k} klien)',
  'exports.col.suppressed': 'Disembunyikan (kerahasiaan)',
};

export const en: Record<keyof typeof id, string> = {
  'disclosure.small': '< {k} clients',
  'disclosure.complement': 'hidden',
  'disclosure.threshold': 'Privacy threshold (clients)',
  'disclosure.hidden':
    'Privacy: groups of fewer than {k} clients show their n but not their value (“< {k} clients”); where a value could be worked out from the total and the other groups, one more group is hidden too (“hidden”).',
  'disclosure.shared': 'This view was opened from a shared link.',
  'disclosure.marked':
    '† Groups of fewer than {k} clients (and their complement where the total would give them away) are shown to you here, but hidden in shared links, printed reports and every export.',
  'disclosure.points': 'Points hidden: {points}.',
  'disclosure.point': '{cohort}, month {months}: {text}, n = {n}',
  'disclosure.kpi': 'n = {n}: hidden (< {k} clients)',
  'exports.col.suppressed': 'Hidden (privacy)',
};
