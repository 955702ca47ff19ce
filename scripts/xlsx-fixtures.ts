/**
 * Makes the spreadsheet fixtures in tests/fixtures/xlsx/ as an office suite writes them:
 * workbooks are built with the test helpers (write-excel-file), then opened and saved by
 * LibreOffice Calc — which computes and stores formula results, writes `<dimension>`,
 * empty cells under a merged range, `date1904="true"`, and real .xls (BIFF8) and .ods
 * files. The outputs are committed; run this only to change them:
 *
 *   apt-get install -y --no-install-recommends libreoffice-calc-nogui
 *   npx tsx scripts/xlsx-fixtures.ts
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cell } from 'write-excel-file/universal';
import { date1904Cell, dateCell, withTitles, xlsxBytes, type WorkbookSpec } from '../tests/helpers/xlsx';

const OUT = join(import.meta.dirname, '..', 'tests', 'fixtures', 'xlsx');

const EXPORT: WorkbookSpec = {
  sheets: [
    {
      name: 'Klien',
      rows: withTitles(
        [
          ['id_klien', 'nama_usaha', 'no_hp', 'jenis_klien', 'kode_wilayah', 'angkatan', 'program', 'tanggal_mulai'],
          [
            { value: 5203012345678901, type: Number },
            'Kopi Sembalun, "Bu Nur"',
            '081234567890',
            'umkm',
            5203,
            '2024-A',
            'pendamping_kumkm',
            dateCell('2024-03-11'),
          ],
          [
            '007',
            'Tenun Sukarara',
            '0819000111',
            'koperasi',
            5202,
            { type: 'Formula', value: '="2024-"&"B"' },
            'ppkl',
            { value: new Date(Date.UTC(2024, 8, 2, 9, 45)), type: Date, format: 'dd/mm/yyyy hh:mm' },
          ],
        ],
        'Laporan Pendampingan KUMKM Provinsi NTB',
        'Dinas Koperasi dan UKM, keadaan 30 November 2026',
      ),
    },
    {
      name: 'Sesi',
      rows: withTitles(
        [
          ['id_sesi', 'tanggal', 'id_pendamping', 'id_klien', 'fungsi', 'durasi_jam'],
          ['S0000001', dateCell('2024-03-14'), 'P001', '007', 'observe|advise', { type: 'Formula', value: '=0.1+0.2' }],
          ['S0000002', dateCell('2024-04-02', 'd mmmm yyyy'), 'P001', '007', 'educate|facilitate', 1.5],
          ['S0000003', dateCell('2024-12-31', 'yyyy-mm-dd'), 'P002', '007', 'report', { type: 'Formula', value: '=1/3' }],
        ],
        'Laporan Sesi Pendampingan',
        'Semester II 2024',
      ),
    },
    { name: 'Kosong', rows: [] },
    { name: 'Rahasia', hidden: true, rows: [['catatan internal'], ['jangan dimuat']] },
    {
      name: 'Hasil',
      rows: withTitles(
        [
          ['id_klien', 'pengukuran', 'tanggal_pengukuran', 'omzet_bulanan', 'tenaga_kerja', 'punya_nib', 'penjualan_digital'],
          ['007', 'baseline', dateCell('2024-09-02'), { value: 12500000, type: Number, format: '#,##0' }, 3, true, false],
          [
            '007',
            'endline',
            dateCell('2025-09-01'),
            { type: 'Formula', value: '=D4*1.2' } as Cell,
            { type: 'Formula', value: '=E4+1' } as Cell,
            true,
            true,
          ],
        ],
        'Laporan Hasil Pengukuran',
        'Baseline dan endline',
      ),
    },
  ],
};

const DATES_1904: WorkbookSpec = {
  date1904: true,
  sheets: [
    {
      name: 'Sesi',
      rows: [
        ['id_sesi', 'tanggal'],
        ['S1', date1904Cell('2024-03-14')],
        ['S2', date1904Cell('1999-12-31', 'yyyy-mm-dd')],
      ],
    },
  ],
};

const work = mkdtempSync(join(tmpdir(), 'xlsx-fixtures-'));
try {
  writeFileSync(join(work, 'ekspor.xlsx'), await xlsxBytes(EXPORT));
  writeFileSync(join(work, 'tanggal-1904.xlsx'), await xlsxBytes(DATES_1904));
  const convert = (to: string, outDir: string, ...files: string[]) =>
    execFileSync(
      'soffice',
      ['--headless', '--calc', `-env:UserInstallation=file://${join(work, 'profile')}`, '--convert-to', to, '--outdir', outDir, ...files],
      { stdio: 'inherit' },
    );
  const saved = join(work, 'saved');
  convert('xlsx:Calc MS Excel 2007 XML', saved, join(work, 'ekspor.xlsx'), join(work, 'tanggal-1904.xlsx'));
  convert('xls:MS Excel 97', saved, join(work, 'ekspor.xlsx'));
  convert('ods:calc8', saved, join(work, 'ekspor.xlsx'));
  for (const [from, to] of [
    ['ekspor.xlsx', 'libreoffice-ekspor.xlsx'],
    ['tanggal-1904.xlsx', 'libreoffice-tanggal-1904.xlsx'],
    ['ekspor.xls', 'libreoffice-ekspor.xls'],
    ['ekspor.ods', 'libreoffice-ekspor.ods'],
  ]) {
    copyFileSync(join(saved, from), join(OUT, to));
    console.log(`wrote ${join(OUT, to)}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
