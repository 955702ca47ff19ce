/**
 * What each column of the export format means and what an evaluator loses without it, in
 * Bahasa Indonesia and English, with one valid example value — the words of the data
 * dictionary and the example row of the templates (src/lib/export/template.ts).
 *
 * The columns themselves (names, kinds, required, allowed values, aliases, personal flag)
 * come from `schema.ts`; this module only adds words. Keys are `table.column`; a unit test
 * fails when a column of `schema.ts` has no entry here, or an entry names no column.
 */
import type { TableName } from './schema';

export interface ColumnDoc {
  /** Meaning, Bahasa Indonesia. */
  readonly id: string;
  /** Meaning, English. */
  readonly en: string;
  /** What is lost when an export lacks the column, Bahasa Indonesia. */
  readonly lostId: string;
  /** What is lost when an export lacks the column, English. */
  readonly lostEn: string;
  /** One valid value in the canonical CSV form (invented; '' leaves the cell empty). */
  readonly example: string;
}

export type ColumnKey = `${TableName}.${string}`;

/** The dictionary sheet of the .xlsx template; a workbook reader skips a sheet of this name. */
export const DICTIONARY_SHEET_NAME = 'Kamus data (Data dictionary)';

export const TABLE_DOCS: Record<TableName, { readonly id: string; readonly en: string }> = {
  clients: {
    id: 'Satu baris per usaha atau koperasi yang didampingi (klien).',
    en: 'One row per mentored business or cooperative (client).',
  },
  mentors: {
    id: 'Satu baris per pendamping (Pendamping KUMKM, PPKL, BDS atau konsultan PLUT).',
    en: 'One row per mentor (KUMKM mentor, PPKL, BDS provider or PLUT consultant).',
  },
  sessions: {
    id: 'Satu baris per sesi pendampingan (satu klien, satu pendamping, satu hari).',
    en: 'One row per mentoring session (one client, one mentor, one day).',
  },
  outcomes: {
    id: 'Satu baris per klien per pengukuran (awal, tengah, akhir).',
    en: 'One row per client per measurement (baseline, midline, endline).',
  },
};

export const COLUMN_DOCS: Record<ColumnKey, ColumnDoc> = {
  // ---- clients ----
  'clients.client_id': {
    id: 'Kode klien, unik per klien. Disimpan sebagai teks: nol di depan tetap.',
    en: 'Client id, unique per client. Kept as text: leading zeros stay.',
    lostId: 'Tanpa kode klien, sesi dan hasil pengukuran tidak dapat dihubungkan ke klien: tabel klien tidak dapat dimuat.',
    lostEn: 'Without a client id, sessions and outcomes cannot be linked to clients: the clients table cannot be loaded.',
    example: 'K00001',
  },
  'clients.client_name': {
    id: 'Nama usaha atau koperasi.',
    en: 'Name of the business or cooperative.',
    lostId: 'Klien hanya tampil dengan kodenya. Tidak ada analisis yang hilang.',
    lostEn: 'Clients show by their id only. No analysis is lost.',
    example: 'Kopi Sembalun Bu Nur',
  },
  'clients.owner_name': {
    id: 'Nama pemilik usaha atau ketua koperasi.',
    en: 'Name of the owner, or of the chair of a cooperative.',
    lostId: 'Nama pemilik tidak tampil di daftar klien. Tidak ada analisis yang hilang.',
    lostEn: 'Owner names do not show in client lists. No analysis is lost.',
    example: 'Nurhayati',
  },
  'clients.phone': {
    id: 'Nomor telepon atau HP klien.',
    en: 'Client phone number.',
    lostId: 'Nomor telepon tidak tampil di daftar klien. Tidak ada analisis yang hilang.',
    lostEn: 'Phone numbers do not show in client lists. No analysis is lost.',
    example: '081234567890',
  },
  'clients.entity_type': {
    id: 'Jenis klien: umkm (usaha mikro, kecil, menengah) atau koperasi.',
    en: 'Kind of client: umkm (micro, small or medium enterprise) or koperasi (cooperative).',
    lostId:
      'Dimensi "Jenis klien" tidak tersedia, dan koperasi tidak dapat dipisahkan dari UMKM (koperasi tidak punya jenis kelamin pemilik).',
    lostEn:
      'The "Entity type" dimension is unavailable, and cooperatives cannot be told from enterprises (cooperatives have no owner gender).',
    example: 'umkm',
  },
  'clients.owner_gender': {
    id: 'Jenis kelamin pemilik: L (laki-laki) atau P (perempuan); kosong untuk koperasi.',
    en: 'Owner gender: L (male) or P (female); empty for cooperatives.',
    lostId: 'Dimensi "Jenis kelamin pemilik" tidak tersedia: hasil terpilah gender (GESI) tidak dapat dilaporkan.',
    lostEn: 'The "Owner gender" dimension is unavailable: gender-disaggregated (GESI) results cannot be reported.',
    example: 'P',
  },
  'clients.region_code': {
    id: 'Kode BPS kabupaten/kota klien (5201–5208, 5271, 5272); nama wilayah juga dikenali.',
    en: 'BPS code of the client’s regency/city (5201–5208, 5271, 5272); region names are recognised too.',
    lostId: 'Dimensi "Kabupaten/kota" dan "Pulau" serta peta tidak tersedia.',
    lostEn: 'The "Regency/city" and "Island" dimensions and the map are unavailable.',
    example: '5203',
  },
  'clients.cohort': {
    id: 'Angkatan diklat klien, mis. 2024-A.',
    en: 'Training batch (cohort) of the client, e.g. 2024-A.',
    lostId: 'Dimensi "Angkatan (kohort)" dan perbandingan antarangkatan dari waktu ke waktu tidak tersedia.',
    lostEn: 'The "Cohort" dimension and the comparison of cohorts over time are unavailable.',
    example: '2024-A',
  },
  'clients.programme': {
    id: 'Program pendampingan yang diikuti klien: pendamping_kumkm, ppkl, bds atau konsultan_plut.',
    en: 'Mentoring programme the client is enrolled in: pendamping_kumkm, ppkl, bds or konsultan_plut.',
    lostId: 'Dimensi "Program" tidak tersedia untuk klien: program-program tidak dapat dibandingkan.',
    lostEn: 'The "Programme" dimension is unavailable for clients: programmes cannot be compared.',
    example: 'pendamping_kumkm',
  },
  'clients.sector': {
    id: 'Sektor usaha klien, mis. kuliner, kerajinan, pertanian.',
    en: 'Business sector of the client, e.g. kuliner (food), kerajinan (crafts), pertanian (farming).',
    lostId: 'Dimensi "Sektor" tidak tersedia.',
    lostEn: 'The "Sector" dimension is unavailable.',
    example: 'kuliner',
  },
  'clients.business_type': {
    id: 'Apa yang dibuat atau dikerjakan usaha itu, dengan kata-kata bebas.',
    en: 'What the business makes or does, in free words.',
    lostId: 'Keterangan usaha tidak tampil di daftar klien. Tidak ada analisis yang hilang.',
    lostEn: 'The business description does not show in client lists. No analysis is lost.',
    example: 'Kopi bubuk',
  },
  'clients.enrolled_on': {
    id: 'Tanggal mulai pendampingan klien.',
    en: 'Day the client’s mentoring started.',
    lostId:
      'Lama pendampingan (bulan sejak mulai) tidak dapat dihitung: lintasan angkatan dari waktu ke waktu dan dimensi "Bulan" untuk klien tidak tersedia.',
    lostEn:
      'Time in mentoring (months since the start) cannot be computed: cohort trajectories over time and the "Month" dimension for clients are unavailable.',
    example: '2024-03-11',
  },

  // ---- mentors ----
  'clients.owner_birth_year': {
    id: 'Tahun lahir pemilik (atau ketua koperasi), mis. 1985. Kolom tambahan: boleh tidak ada.',
    en: 'Year the owner (or the cooperative’s chair) was born, e.g. 1985. A later addition: it may be absent.',
    lostId: 'Dimensi "Kelompok umur pemilik" dan tabel GESI menurut kelompok umur tidak tersedia.',
    lostEn: 'The "Owner age band" dimension and the GESI table by age band are unavailable.',
    example: '1985',
  },
  'clients.owner_disability': {
    id: 'Apakah pemilik penyandang disabilitas (ringkasan Washington Group Short Set): true atau false. Kolom tambahan: boleh tidak ada.',
    en: 'Whether the owner has a disability (the Washington Group Short Set’s summary): true or false. A later addition: it may be absent.',
    lostId: 'Dimensi "Disabilitas pemilik" dan tabel GESI menurut disabilitas tidak tersedia.',
    lostEn: 'The "Owner disability" dimension and the GESI table by disability are unavailable.',
    example: 'false',
  },
  'mentors.mentor_id': {
    id: 'Kode pendamping, unik per pendamping.',
    en: 'Mentor id, unique per mentor.',
    lostId: 'Tanpa kode pendamping, sesi tidak dapat dihubungkan ke pendamping: tabel pendamping tidak dapat dimuat.',
    lostEn: 'Without a mentor id, sessions cannot be linked to mentors: the mentors table cannot be loaded.',
    example: 'P001',
  },
  'mentors.mentor_name': {
    id: 'Nama pendamping.',
    en: 'Mentor name.',
    lostId: 'Pendamping hanya tampil dengan kodenya. Tidak ada analisis yang hilang.',
    lostEn: 'Mentors show by their id only. No analysis is lost.',
    example: 'Lalu Ahmad',
  },
  'mentors.programme': {
    id: 'Program tempat pendamping bertugas.',
    en: 'Programme the mentor works for.',
    lostId: 'Beban kerja pendamping tidak dapat dipilah menurut program.',
    lostEn: 'Mentor workload cannot be broken down by programme.',
    example: 'pendamping_kumkm',
  },
  'mentors.region_code': {
    id: 'Kode BPS kabupaten/kota wilayah tugas pendamping.',
    en: 'BPS code of the regency/city the mentor covers.',
    lostId: 'Beban kerja pendamping tidak dapat dipilah menurut kabupaten/kota atau pulau.',
    lostEn: 'Mentor workload cannot be broken down by regency/city or island.',
    example: '5203',
  },
  'mentors.gender': {
    id: 'Jenis kelamin pendamping: L atau P.',
    en: 'Mentor gender: L (male) or P (female).',
    lostId: 'Pendamping tidak dapat dipilah menurut jenis kelamin.',
    lostEn: 'Mentors cannot be broken down by gender.',
    example: 'L',
  },
  'mentors.phone': {
    id: 'Nomor telepon atau HP pendamping.',
    en: 'Mentor phone number.',
    lostId: 'Nomor telepon tidak tampil di daftar pendamping. Tidak ada analisis yang hilang.',
    lostEn: 'Phone numbers do not show in mentor lists. No analysis is lost.',
    example: '081398765432',
  },
  'mentors.active_since': {
    id: 'Hari pertama bertugas sebagai pendamping.',
    en: 'First day as a mentor.',
    lostId: 'Pengalaman pendamping (lama bertugas) tidak diketahui.',
    lostEn: 'Mentor experience (time in the job) is unknown.',
    example: '2023-01-02',
  },

  // ---- sessions ----
  'sessions.session_id': {
    id: 'Kode sesi, unik per sesi.',
    en: 'Session id, unique per session.',
    lostId: 'Sesi yang tercatat dua kali tidak dapat dikenali sebagai ganda.',
    lostEn: 'A session recorded twice cannot be recognised as a duplicate.',
    example: 'S0000001',
  },
  'sessions.session_date': {
    id: 'Tanggal sesi.',
    en: 'Day of the session.',
    lostId: 'Sesi tidak dapat ditempatkan dalam waktu: beban kerja per bulan, lintasan sesi dan jam dari waktu ke waktu tidak tersedia.',
    lostEn: 'Sessions cannot be placed in time: workload per month and trajectories of sessions and hours over time are unavailable.',
    example: '2024-03-14',
  },
  'sessions.mentor_id': {
    id: 'Pendamping yang memimpin sesi (mentor_id di tabel pendamping).',
    en: 'Mentor who held the session (mentor_id in the mentors table).',
    lostId: 'Dimensi "Pendamping" dan beban kerja pendamping tidak tersedia; selang kepercayaan tidak dapat dikelompokkan per pendamping.',
    lostEn: 'The "Mentor" dimension and mentor workload are unavailable; confidence intervals cannot be clustered by mentor.',
    example: 'P001',
  },
  'sessions.client_id': {
    id: 'Klien yang didampingi (client_id di tabel klien).',
    en: 'Client mentored (client_id in the clients table).',
    lostId: 'Tanpa klien, sesi tidak berarti apa-apa: tabel sesi tidak dapat dimuat.',
    lostEn: 'Without the client, a session means nothing: the sessions table cannot be loaded.',
    example: 'K00001',
  },
  'sessions.stage': {
    id: 'Tahap pendampingan: observasi_awal, pendampingan, evaluasi_refleksi atau pelaporan.',
    en: 'Stage of the mentoring process: observasi_awal (observation), pendampingan (mentoring), evaluasi_refleksi (evaluation and reflection) or pelaporan (reporting).',
    lostId: 'Ukuran "Menuntaskan 4 tahap" tidak tersedia: tidak terlihat klien mana yang melewati semua tahap.',
    lostEn: 'The "Completed all 4 stages" measure is unavailable: which clients went through every stage cannot be seen.',
    example: 'observasi_awal',
  },
  'sessions.functions': {
    id: 'Fungsi pendamping yang dijalankan dalam sesi (kode tugas resmi), dipisah dengan |, mis. educate|facilitate.',
    en: 'Mentor functions performed in the session (official task codes), separated by |, e.g. educate|facilitate.',
    lostId:
      'Dimensi "Fungsi pendamping" tidak tersedia: pertanyaan utama — fungsi mana yang sejalan dengan hasil terbaik — tidak dapat dijawab.',
    lostEn:
      'The "Mentor function" dimension is unavailable: the main question — which functions go with the best outcomes — cannot be answered.',
    example: 'observe|advise',
  },
  'sessions.support_area': {
    id: 'Bidang layanan PLUT yang dikerjakan sesi, mis. pemasaran, pembiayaan, teknologi_informasi.',
    en: 'PLUT service area the session works in, e.g. pemasaran (marketing), pembiayaan (financing), teknologi_informasi (IT).',
    lostId: 'Sesi tidak dapat dipilah menurut bidang layanan (mis. penjualan digital setelah dukungan teknologi informasi).',
    lostEn: 'Sessions cannot be broken down by service area (e.g. online sales after IT support).',
    example: 'kelembagaan',
  },
  'sessions.support_form': {
    id: 'Bentuk dukungan nonfinansial: mentoring, konsultasi, pelatihan, jejaring atau akses_pasar.',
    en: 'Form of non-financial support: mentoring, konsultasi (consultation), pelatihan (training), jejaring (networking) or akses_pasar (market access).',
    lostId: 'Sesi tidak dapat dipilah menurut bentuk dukungan.',
    lostEn: 'Sessions cannot be broken down by form of support.',
    example: 'mentoring',
  },
  'sessions.mode': {
    id: 'Cara sesi berlangsung: tatap_muka, daring atau telepon.',
    en: 'How the session took place: tatap_muka (in person), daring (online) or telepon (by phone).',
    lostId: 'Sesi tidak dapat dipilah menurut cara (tatap muka, daring, telepon).',
    lostEn: 'Sessions cannot be broken down by mode (in person, online, by phone).',
    example: 'tatap_muka',
  },
  'sessions.duration_hours': {
    id: 'Lama sesi dalam jam, mis. 1.5.',
    en: 'Length of the session in hours, e.g. 1.5.',
    lostId: 'Ukuran "Jam pendampingan per klien" tidak tersedia; hanya jumlah sesi yang dihitung.',
    lostEn: 'The "Mentoring hours per client" measure is unavailable; only the number of sessions is counted.',
    example: '1.5',
  },
  'sessions.notes': {
    id: 'Catatan bebas tentang sesi.',
    en: 'Free-text notes on the session.',
    lostId: 'Catatan tidak tampil. Tidak ada analisis yang hilang.',
    lostEn: 'Notes do not show. No analysis is lost.',
    example: 'Penjajakan kebutuhan: pembukuan dan izin usaha',
  },

  // ---- outcomes ----
  'outcomes.client_id': {
    id: 'Klien yang diukur (client_id di tabel klien).',
    en: 'Client measured (client_id in the clients table).',
    lostId: 'Tanpa klien, pengukuran tidak berarti apa-apa: tabel hasil tidak dapat dimuat.',
    lostEn: 'Without the client, a measurement means nothing: the outcomes table cannot be loaded.',
    example: 'K00001',
  },
  'outcomes.measurement': {
    id: 'Pengukuran ke berapa: baseline (awal), midline (tengah) atau endline (akhir).',
    en: 'Which measurement: baseline, midline or endline.',
    lostId: 'Awal dan akhir tidak dapat dibedakan: pertumbuhan omzet, naik kelas dan perubahan lain tidak dapat dihitung.',
    lostEn: 'Baseline and endline cannot be told apart: revenue growth, naik kelas and every other change cannot be computed.',
    example: 'baseline',
  },
  'outcomes.measured_on': {
    id: 'Tanggal pengukuran.',
    en: 'Day of the measurement.',
    lostId:
      'Hasil tidak dapat ditempatkan pada bulan ke berapa sejak mulai pendampingan: lintasan hasil dari waktu ke waktu tidak tersedia.',
    lostEn: 'Outcomes cannot be placed at a month since the start of mentoring: outcome trajectories over time are unavailable.',
    example: '2024-03-11',
  },
  'outcomes.monthly_revenue': {
    id: 'Omzet per bulan dalam rupiah utuh.',
    en: 'Monthly revenue (omzet) in whole rupiah.',
    lostId: 'Ukuran "Pertumbuhan omzet" tidak tersedia.',
    lostEn: 'The "Revenue growth" measures are unavailable.',
    example: '12500000',
  },
  'outcomes.assets': {
    id: 'Modal usaha (tanpa tanah dan bangunan) dalam rupiah utuh.',
    en: 'Business capital excluding land and buildings (modal usaha) in whole rupiah.',
    lostId: 'Skala usaha menurut modal tidak dapat diperiksa; hanya kolom size_class yang dipakai untuk naik kelas.',
    lostEn: 'Size class by capital cannot be checked; only the size_class column is used for naik kelas.',
    example: '35000000',
  },
  'outcomes.employees': {
    id: 'Jumlah tenaga kerja, pemilik termasuk.',
    en: 'Number of workers, owner included.',
    lostId: 'Ukuran "Perubahan tenaga kerja" tidak tersedia.',
    lostEn: 'The "Change in workers" measure is unavailable.',
    example: '3',
  },
  'outcomes.size_class': {
    id: 'Skala usaha menurut PP 7/2021: mikro, kecil, menengah atau besar.',
    en: 'Size class per PP 7/2021: mikro, kecil, menengah or besar.',
    lostId: 'Ukuran "Naik kelas" tidak tersedia.',
    lostEn: 'The "Moved up a size class (naik kelas)" measure is unavailable.',
    example: 'mikro',
  },
  'outcomes.has_nib': {
    id: 'Memiliki NIB (Nomor Induk Berusaha): true atau false.',
    en: 'Holds an NIB business number: true or false.',
    lostId: 'Indikator formalisasi usaha (memiliki NIB) tidak tersedia.',
    lostEn: 'The business formalisation indicator (holding an NIB) is unavailable.',
    example: 'true',
  },
  'outcomes.has_halal': {
    id: 'Memiliki sertifikat halal: true atau false.',
    en: 'Holds a halal certificate: true or false.',
    lostId: 'Indikator sertifikat halal tidak tersedia.',
    lostEn: 'The halal certificate indicator is unavailable.',
    example: 'false',
  },
  'outcomes.has_kur': {
    id: 'Mendapat Kredit Usaha Rakyat (KUR): true atau false.',
    en: 'Has KUR (people’s business credit): true or false.',
    lostId: 'Indikator akses pembiayaan (KUR) tidak tersedia.',
    lostEn: 'The access to finance indicator (KUR) is unavailable.',
    example: 'false',
  },
  'outcomes.keeps_books': {
    id: 'Melakukan pembukuan usaha: true atau false.',
    en: 'Keeps business books: true or false.',
    lostId: 'Indikator pembukuan tidak tersedia.',
    lostEn: 'The bookkeeping indicator is unavailable.',
    example: 'false',
  },
  'outcomes.sells_online': {
    id: 'Berjualan secara digital (marketplace, media sosial): true atau false.',
    en: 'Sells digitally (marketplace, social media): true or false.',
    lostId: 'Indikator penjualan digital tidak tersedia.',
    lostEn: 'The online sales indicator is unavailable.',
    example: 'true',
  },
  'outcomes.market_reach': {
    id: 'Jangkauan pasar terluas: lokal, kabupaten, provinsi, nasional atau ekspor.',
    en: 'Widest market served: lokal (local), kabupaten (regency), provinsi (province), nasional (national) or ekspor (export).',
    lostId: 'Perluasan jangkauan pasar tidak dapat dilihat.',
    lostEn: 'Widening market reach cannot be seen.',
    example: 'lokal',
  },
  'outcomes.still_operating': {
    id: 'Usaha masih beroperasi saat diukur: true atau false.',
    en: 'The business was still operating when measured: true or false.',
    lostId: 'Usaha yang berhenti beroperasi tidak dapat dibedakan dari usaha yang tidak diukur.',
    lostEn: 'Businesses that stopped operating cannot be told from businesses that were not measured.',
    example: 'true',
  },
};

/** The words for one column, or undefined when the dictionary lacks it (a unit test forbids that). */
export function columnDoc(table: TableName, column: string): ColumnDoc | undefined {
  return (COLUMN_DOCS as Record<string, ColumnDoc | undefined>)[`${table}.${column}`];
}
