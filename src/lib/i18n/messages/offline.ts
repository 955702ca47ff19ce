/** Offline use, installing, updates and the engine's first download. */
export const id = {
  'engine.download': 'Mengunduh mesin analisis (DuckDB): {loaded} dari {total}',
  'engine.download.short': 'Mengunduh mesin analisis: {percent}',
  'engine.left.seconds': 'sekitar {n} detik lagi',
  'engine.left.minutes': 'sekitar {n} menit lagi',
  'engine.left.few': 'beberapa detik lagi',
  'engine.once': 'Hanya pada kunjungan pertama: setelah itu mesin tersimpan di perangkat ini.',
  'update.available': 'Versi baru Dampingan tersedia.',
  'update.reload': 'Muat ulang',
  'update.reloading': 'Memuat versi baru…',
  'update.later': 'Nanti',
  'offline.stored':
    'Tersimpan di perangkat ini: Dampingan juga bisa dibuka tanpa internet, dengan data contoh dan data unggahan yang tersimpan.',
} as const;

export const en: Record<keyof typeof id, string> = {
  'engine.download': 'Downloading the analysis engine (DuckDB): {loaded} of {total}',
  'engine.download.short': 'Downloading the analysis engine: {percent}',
  'engine.left.seconds': 'about {n} s left',
  'engine.left.minutes': 'about {n} min left',
  'engine.left.few': 'a few seconds left',
  'engine.once': 'Only on the first visit: afterwards the engine is kept on this device.',
  'update.available': 'A new version of Dampingan is available.',
  'update.reload': 'Reload',
  'update.reloading': 'Loading the new version…',
  'update.later': 'Later',
  'offline.stored': 'Stored on this device: Dampingan also opens without internet, with the sample and stored uploads.',
};
