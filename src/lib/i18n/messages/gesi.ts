/** Disaggregation by owner gender (GESI) on the Overview and in the report. */
export const id = {
  'gesi.title': 'Menurut gender pemilik (GESI)',
  'gesi.summary': 'Tabel semua indikator menurut gender pemilik usaha, dengan selisih usaha milik perempuan − laki-laki',
  'gesi.intro':
    'Setiap indikator untuk usaha milik perempuan, milik laki-laki, koperasi (tidak punya pemilik perorangan: tidak berlaku) dan usaha yang gender pemiliknya tidak tercatat. Di bawah tiap nilai: interval 95 % dan n. Selisih perempuan − laki-laki adalah keterkaitan, bukan bukti sebab-akibat.',
  'gesi.indicator': 'Indikator',
  'gesi.group.P': 'Milik perempuan',
  'gesi.group.L': 'Milik laki-laki',
  'gesi.group.koperasi': 'Koperasi (tidak berlaku)',
  'gesi.group.unknown': 'Tidak diketahui',
  'gesi.gap': 'Selisih perempuan − laki-laki (95 %)',
  'gesi.clients': 'Klien',
  'gesi.loading': 'Menghitung tabel GESI…',
  'gesi.byAge': 'Menurut kelompok umur pemilik (saat mulai didampingi)',
  'gesi.byDisability': 'Menurut disabilitas pemilik',
  'gesi.disabilityIntro':
    'Disabilitas menurut ringkasan Washington Group Short Set yang dicatat dalam ekspor. Selisih dengan − tanpa disabilitas adalah keterkaitan, bukan bukti sebab-akibat.',
  'gesi.gapDisability': 'Selisih dengan − tanpa disabilitas (95 %)',
};

export const en: Record<keyof typeof id, string> = {
  'gesi.title': 'By owner gender (GESI)',
  'gesi.summary': 'Every indicator by the business owner’s gender, with the women − men gap',
  'gesi.intro':
    'Each indicator for women-owned and men-owned businesses, cooperatives (no individual owner: not applicable) and businesses whose owner’s gender is not recorded. Under each value: its 95 % interval and n. The women − men gap is an association, not proof of cause.',
  'gesi.indicator': 'Indicator',
  'gesi.group.P': 'Women-owned',
  'gesi.group.L': 'Men-owned',
  'gesi.group.koperasi': 'Cooperative (not applicable)',
  'gesi.group.unknown': 'Unknown',
  'gesi.gap': 'Gap women − men (95 %)',
  'gesi.clients': 'Clients',
  'gesi.loading': 'Computing the GESI table…',
  'gesi.byAge': 'By owner age band (at the start of mentoring)',
  'gesi.byDisability': 'By owner disability',
  'gesi.disabilityIntro':
    'Disability as the Washington Group Short Set’s summary recorded in the export. The gap with − without a disability is an association, not proof of cause.',
  'gesi.gapDisability': 'Gap with − without a disability (95 %)',
};
