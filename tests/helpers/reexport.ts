/**
 * The built-in sample re-exported the way an Indonesian office's spreadsheet would write
 * it: Windows-1252, `;` delimiter, CRLF, a report-title row above an Indonesian header,
 * decimal commas, `Rp 2.500.000`, `22 Agustus 2024` and `22/08/2024`, region names and
 * codes in several spellings (`Kab. Lombok Timur`, `LOTIM`, `52.03`), `Ya/Tidak` and
 * `Y/T`, `Laki-laki/Perempuan`, function names instead of codes (`Fasilitator, Edukasi`).
 * Normalised, it is the sample again: same KPIs, same fingerprint.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { REGIONS } from '../../src/lib/domain/regions';
import { TABLE_NAMES, type TableName } from '../../src/lib/domain/schema';
import { SAMPLE_DIR } from './sample-db';

export const REEXPORT_FILE_NAMES: Record<TableName, string> = {
  clients: 'data-klien.csv',
  mentors: 'data-pendamping.csv',
  sessions: 'data-sesi.csv',
  outcomes: 'data-hasil.csv',
};

const HEADERS: Record<TableName, Record<string, string>> = {
  clients: {
    client_id: 'ID Klien',
    client_name: 'Nama Usaha',
    owner_name: 'Nama Pemilik',
    phone: 'No. HP',
    entity_type: 'Jenis Entitas',
    owner_gender: 'Jenis Kelamin',
    region_code: 'Kabupaten/Kota',
    cohort: 'Angkatan',
    programme: 'Program',
    sector: 'Sektor',
    business_type: 'Jenis Usaha',
    enrolled_on: 'Tanggal Mulai',
  },
  mentors: {
    mentor_id: 'ID Pendamping',
    mentor_name: 'Nama Pendamping',
    programme: 'Program',
    region_code: 'Kabupaten/Kota',
    gender: 'JK',
    phone: 'Telepon',
    active_since: 'Aktif Sejak',
  },
  sessions: {
    session_id: 'ID Sesi',
    session_date: 'Tanggal',
    mentor_id: 'ID Pendamping',
    client_id: 'ID Klien',
    stage: 'Tahap',
    functions: 'Fungsi Pendamping',
    support_area: 'Bidang Layanan',
    support_form: 'Bentuk Dukungan',
    mode: 'Moda',
    duration_hours: 'Durasi (jam)',
    notes: 'Catatan',
  },
  outcomes: {
    client_id: 'ID Klien',
    measurement: 'Pengukuran',
    measured_on: 'Tanggal Pengukuran',
    monthly_revenue: 'Omzet per bulan (Rp)',
    assets: 'Modal Usaha (Rp)',
    employees: 'Tenaga Kerja',
    size_class: 'Skala Usaha',
    has_nib: 'Punya NIB',
    has_halal: 'Sertifikat Halal',
    has_kur: 'Akses KUR',
    keeps_books: 'Pembukuan',
    sells_online: 'Jualan Online',
    market_reach: 'Jangkauan Pasar',
    still_operating: 'Masih Beroperasi',
  },
};

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const FUNCTION_NAMES: Record<string, string> = {
  observe: 'Observasi awal',
  guide: 'Membimbing',
  correct: 'Mengoreksi',
  advise: 'Menasehati',
  mediate: 'Memediasi',
  advocate: 'Advokasi',
  facilitate: 'Fasilitator',
  educate: 'Edukasi',
  supervise: 'Supervisi',
  evaluate: 'Evaluasi dan refleksi',
  report: 'Menyusun laporan',
};
const WORDS: Record<string, string> = {
  umkm: 'UMKM',
  koperasi: 'Koperasi',
  pendamping_kumkm: 'Pendamping KUMKM',
  ppkl: 'PPKL',
  bds: 'BDS',
  konsultan_plut: 'Konsultan PLUT',
  observasi_awal: 'Observasi Awal',
  pendampingan: 'Pendampingan',
  evaluasi_refleksi: 'Evaluasi & Refleksi',
  pelaporan: 'Pelaporan',
  teknologi_informasi: 'Teknologi Informasi',
  jaringan_kerja_sama: 'Jaringan Kerja Sama',
  sdm: 'SDM',
  akses_pasar: 'Akses Pasar',
  tatap_muka: 'Tatap Muka',
  daring: 'Daring',
  telepon: 'Telepon',
  baseline: 'Awal',
  midline: 'Tengah',
  endline: 'Akhir',
};

const title = (s: string): string => WORDS[s] ?? s.charAt(0).toUpperCase() + s.slice(1);

function dateLong(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

function dateSlashed(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function region(code: string, i: number): string {
  const r = REGIONS.find((x) => x.code === code);
  if (!r) return code;
  const kab = r.kind === 'kabupaten';
  const variants = [
    kab ? `Kab. ${r.name}` : r.name,
    `${code.slice(0, 2)}.${code.slice(2)}`,
    r.aliases.find((a) => /^[A-Z]+$/.test(a)) ?? r.name.toUpperCase(),
  ];
  return variants[i % variants.length];
}

/** `1234567` → `Rp 1.234.567`. */
function rupiah(value: string): string {
  if (value === '') return '';
  return `Rp ${Number(value).toLocaleString('de-DE')}`;
}

function yesNo(value: string, i: number): string {
  if (value === '') return '';
  const yes = value === 'true';
  return i % 4 === 0 ? (yes ? 'Y' : 'T') : yes ? 'Ya' : 'Tidak';
}

function convert(table: TableName, column: string, value: string, i: number): string {
  if (value === '') return '';
  switch (`${table}.${column}`) {
    case 'clients.enrolled_on':
    case 'sessions.session_date':
      return dateLong(value);
    case 'mentors.active_since':
    case 'outcomes.measured_on':
      return dateSlashed(value);
    case 'clients.region_code':
    case 'mentors.region_code':
      return region(value, i);
    case 'clients.owner_gender':
      return value === 'L' ? 'Laki-laki' : 'Perempuan';
    case 'sessions.functions':
      return value
        .split('|')
        .map((f) => FUNCTION_NAMES[f])
        .join(', ');
    case 'sessions.duration_hours':
      return value.replace('.', ',');
    case 'outcomes.monthly_revenue':
    case 'outcomes.assets':
      return rupiah(value);
    case 'outcomes.has_nib':
    case 'outcomes.has_halal':
    case 'outcomes.has_kur':
    case 'outcomes.keeps_books':
    case 'outcomes.sells_online':
    case 'outcomes.still_operating':
      return yesNo(value, i);
    case 'clients.entity_type':
    case 'clients.programme':
    case 'clients.sector':
    case 'mentors.programme':
    case 'sessions.stage':
    case 'sessions.support_area':
    case 'sessions.support_form':
    case 'sessions.mode':
    case 'outcomes.measurement':
    case 'outcomes.size_class':
    case 'outcomes.market_reach':
      return title(value);
    default:
      return value;
  }
}

const EXTRA_1252: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
};

export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = ch.charCodeAt(0);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out[i] = code;
    else if (EXTRA_1252[ch] !== undefined) out[i] = EXTRA_1252[ch];
    else throw new Error(`not in Windows-1252: ${ch}`);
  }
  return out;
}

function cell(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export interface ReexportOptions {
  /** Canonical columns to write, in this order (default: all). */
  readonly columns?: readonly string[];
  /** Report-title rows above the header (default 1). */
  readonly titleRows?: number;
  /** A leading row-number column `No`, as spreadsheets add. */
  readonly numbered?: boolean;
  /** Header names instead of the usual Indonesian ones. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** One table of the sample, re-exported (bytes). */
export function reexportTable(table: TableName, sampleDir = SAMPLE_DIR, options: ReexportOptions = {}): Uint8Array {
  const text = readFileSync(join(sampleDir, `${table}.csv`), 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true, skipEmptyLines: true });
  const columns = options.columns ?? parsed.meta.fields ?? [];
  const header = (c: string) => options.headers?.[c] ?? HEADERS[table][c] ?? c;
  const titles = [
    `Laporan pendampingan – Dinas Koperasi & UKM NTB “${table}”;;;`,
    'Provinsi Nusa Tenggara Barat;;;',
    `Dicetak: 30 November 2026;;;`,
  ].slice(0, options.titleRows ?? 1);
  const lines = [
    ...titles,
    [...(options.numbered ? ['No'] : []), ...columns.map((c) => cell(header(c)))].join(';'),
    ...parsed.data.map((row, i) =>
      [...(options.numbered ? [String(i + 1)] : []), ...columns.map((c) => cell(convert(table, c, row[c] ?? '', i)))].join(';'),
    ),
  ];
  return encodeWindows1252(lines.join('\r\n') + '\r\n');
}

/**
 * A typical provincial export, as measured: a client list (`;`, Windows-1252, three title
 * rows, `No;ID Klien;Nama Usaha;Kabupaten/Kota;Angkatan Diklat;Sektor Usaha;Jenis Kelamin
 * Pemilik` — no programme, entity type or start date), a session log and an outcome sheet,
 * and no mentor list. Returns the paths written.
 */
export function writeProvincialExport(outDir: string, sampleDir = SAMPLE_DIR): string[] {
  mkdirSync(outDir, { recursive: true });
  const clients = reexportTable('clients', sampleDir, {
    columns: ['client_id', 'client_name', 'region_code', 'cohort', 'sector', 'owner_gender'],
    titleRows: 3,
    numbered: true,
    headers: { cohort: 'Angkatan Diklat', sector: 'Sektor Usaha', owner_gender: 'Jenis Kelamin Pemilik' },
  });
  const files: [string, Uint8Array][] = [
    ['daftar-klien.csv', clients],
    ['log-sesi.csv', reexportTable('sessions', sampleDir)],
    ['hasil-pengukuran.csv', reexportTable('outcomes', sampleDir)],
  ];
  return files.map(([name, bytes]) => {
    const path = join(outDir, name);
    writeFileSync(path, bytes);
    return path;
  });
}

/** All four tables, re-exported. */
export function reexportSample(sampleDir = SAMPLE_DIR): Record<TableName, Uint8Array> {
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, reexportTable(t, sampleDir)])) as Record<TableName, Uint8Array>;
}

/** Writes the re-exported files into `outDir` and returns their paths. */
export function writeReexport(outDir: string, sampleDir = SAMPLE_DIR): string[] {
  mkdirSync(outDir, { recursive: true });
  const files = reexportSample(sampleDir);
  return TABLE_NAMES.map((t) => {
    const path = join(outDir, REEXPORT_FILE_NAMES[t]);
    writeFileSync(path, files[t]);
    return path;
  });
}
