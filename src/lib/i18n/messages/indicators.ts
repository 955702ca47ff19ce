/** Indicators page: the reference sheet of every measure. */
export const id = {
  'indicators.title': 'Definisi indikator',
  'indicators.intro':
    'Setiap ukuran di Dampingan dengan definisinya: apa yang dihitung, atas siapa, dari kolom mana, bagaimana nilai kosong diperlakukan, interval yang dipakai, dan arah yang lebih baik. Definisi ini berlaku untuk semua halaman, tautan dan laporan.',
  'indicators.contents': 'Daftar indikator',
  'indicators.definition': 'Definisi',
  'indicators.numerator': 'Pembilang / nilai per klien',
  'indicators.denominator': 'Penyebut / atas siapa',
  'indicators.unit': 'Satuan',
  'indicators.population': 'Siapa yang dihitung',
  'indicators.sources': 'Kolom sumber',
  'indicators.missing': 'Nilai kosong',
  'indicators.interval': 'Interval',
  'indicators.direction': 'Arah',
  'indicators.explore': 'Lihat di Jelajahi',
  'indicators.link': 'Definisi indikator: {name}',
};

export const en: Record<keyof typeof id, string> = {
  'indicators.title': 'Indicator definitions',
  'indicators.intro':
    'Every measure in Dampingan with its definition: what is counted, over whom, from which columns, how missing values are treated, the interval used, and which way is better. These definitions hold on every page, link and report.',
  'indicators.contents': 'Indicators',
  'indicators.definition': 'Definition',
  'indicators.numerator': 'Numerator / value per client',
  'indicators.denominator': 'Denominator / over whom',
  'indicators.unit': 'Unit',
  'indicators.population': 'Who counts',
  'indicators.sources': 'Source columns',
  'indicators.missing': 'Missing values',
  'indicators.interval': 'Interval',
  'indicators.direction': 'Direction',
  'indicators.explore': 'See in Explore',
  'indicators.link': 'Indicator definition: {name}',
};
