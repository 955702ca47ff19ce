/** Short Indonesian session notes, by stage and area. No names: notes are free text. */
import type { Stage, SUPPORT_AREAS } from '../../src/lib/domain/schema';
import type { Rng } from './prng';

type SupportArea = (typeof SUPPORT_AREAS)[number];

const BY_STAGE: Readonly<Partial<Record<Stage, readonly string[]>>> = {
  observasi_awal: [
    'Penjajakan kebutuhan, klien belum punya pembukuan',
    'Kunjungan pertama ke tempat usaha',
    'Klien ingin naik kelas, produk sudah laku di pasar desa',
    'Profil usaha diisi bersama, foto lokasi diambil',
  ],
  evaluasi_refleksi: [
    'Refleksi bersama: omzet naik, target berikutnya kemasan',
    'Evaluasi rencana aksi, sebagian belum jalan',
    'Klien menilai pendampingan bermanfaat',
  ],
  pelaporan: ['Laporan akhir pendampingan diserahkan', 'Laporan disusun, dokumentasi lengkap'],
};

const BY_AREA: Readonly<Record<SupportArea, readonly string[]>> = {
  kelembagaan: ['Bantu daftar NIB lewat OSS', 'Struktur organisasi dirapikan', 'Persiapan izin PIRT'],
  sdm: ['Pelatihan pencatatan untuk karyawan', 'Pembagian tugas karyawan dibahas'],
  produksi: ['Kemasan perlu diperbaiki', 'Standar produksi, kebersihan dapur dicek', 'Uji resep baru bersama klien'],
  pembiayaan: [
    'Pengajuan KUR ke bank, berkas belum lengkap',
    'Latihan menghitung HPP dan harga jual',
    'Pisahkan uang usaha dan uang rumah tangga',
  ],
  pemasaran: ['Diskusi harga jual', 'Produk dititip di toko oleh-oleh', 'Ikut bazar UMKM di kabupaten'],
  teknologi_informasi: [
    'Foto produk untuk marketplace',
    'Buat akun toko online',
    'Belajar promosi lewat media sosial',
    'Pasang QRIS untuk pembayaran',
  ],
  jaringan_kerja_sama: ['Dikenalkan ke pembeli dari hotel', 'Kerja sama dengan BUMDes dibahas', 'Temu mitra di PLUT'],
};

const KOPERASI_NOTES = [
  'Persiapan rapat anggota tahunan (RAT)',
  'Administrasi simpanan anggota dirapikan',
  'Pengurus dilatih menyusun laporan keuangan',
];

const GENERAL = [
  'Klien sibuk panen, sesi dipersingkat',
  'Sesi dipindah karena hujan',
  'Tindak lanjut sesi sebelumnya',
  'Klien minta "pendampingan rutin" tiap minggu',
];

export function noteFor(rng: Rng, stage: Stage, area: SupportArea, entityType: string): string {
  const byStage = BY_STAGE[stage];
  if (byStage && rng.chance(0.6)) return rng.pick(byStage);
  if (entityType === 'koperasi' && rng.chance(0.3)) return rng.pick(KOPERASI_NOTES);
  if (rng.chance(0.15)) return rng.pick(GENERAL);
  return rng.pick(BY_AREA[area]);
}
