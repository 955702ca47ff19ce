/**
 * The report's workbook, written by the same code as the download button and opened with
 * read-excel-file: the sheet names, and every value against the table it came from — on
 * Explore's results for the sample, computed by the real engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import readXlsxFile from 'read-excel-file/node';
import { unzipSync, strFromU8 } from 'fflate';
import { openSampleDatabase } from '../../helpers/sample-db';
import { exploreResults } from '../../../src/lib/query/explore';
import { functionLabels } from '../../../src/lib/query/overview';
import { filtersInWords, presentExplore } from '../../../src/lib/charts/explore-presentation';
import { DEFAULT_VIEW, type ViewState } from '../../../src/lib/query/view';
import { kpiTable, mainChartTable, mapTable, measureDefinition, trajectoryTable } from '../../../src/lib/export/view-tables';
import { aboutSheetName, exportWorkbook, workbookHeader, type ExportIdentity } from '../../../src/lib/export/workbook';
import { workbookXlsx } from '../../../src/lib/export/workbook-xlsx';
import { forPeople, type ExportTable } from '../../../src/lib/export/table';
import type { Lang } from '../../../src/lib/i18n/messages';

const view: ViewState = {
  ...DEFAULT_VIEW,
  measure: 'naik_kelas_rate',
  dimension: 'function',
  filters: { values: { region: ['5201', '5271'] } },
};

let db: Awaited<ReturnType<typeof openSampleDatabase>>;
const tablesFor: Partial<Record<Lang, { tables: ExportTable[]; identity: ExportIdentity }>> = {};

async function build(lang: Lang) {
  const results = await exploreResults(db, view);
  const labels = await functionLabels(db, view.framework);
  const fnLabels = new Map(labels.map((l) => [l.key, [l.label_id, l.label_en] as [string, string]]));
  const shown = presentExplore(results, view, lang, fnLabels, null);
  const tables = [
    kpiTable(results.kpis, null, lang, 5),
    mainChartTable(shown.rows, shown.measure, shown.title, shown.seriesTitle, lang),
    mapTable(shown.mapData, shown.measure, shown.mapTitle, lang),
    trajectoryTable(shown.trajectory!, shown.measure, shown.trajectoryTitle, lang),
  ];
  const identity: ExportIdentity = {
    title: 'Laporan uji',
    filters: filtersInWords(view, lang, fnLabels),
    dataName: 'Data contoh bawaan',
    fingerprint: '0123456789abcdef',
    date: '1 Des 2026',
    link: 'http://127.0.0.1:4173/report/?m=naik_kelas_rate',
  };
  tablesFor[lang] = { tables, identity };
  const extra = [{ label: 'Definisi', value: measureDefinition(shown.measure, lang) }];
  const blob = await workbookXlsx(exportWorkbook(tables, identity, extra, lang));
  return new Uint8Array(await blob.arrayBuffer());
}

let idBytes: Uint8Array;
let enBytes: Uint8Array;

beforeAll(async () => {
  db = await openSampleDatabase();
  idBytes = await build('id');
  enBytes = await build('en');
});
afterAll(() => db?.close());

/** The value a cell of `column` should hold, read back: numbers as numbers (pp × 100), empty as null. */
function expected(value: unknown, kind: string): unknown {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number' && kind === 'pp') return value * 100;
  return value;
}

describe('the report workbook', () => {
  it('has the about sheet first, then one sheet per table, named in the UI language', async () => {
    const id = await readXlsxFile(Buffer.from(idBytes));
    expect(id.map((s) => s.sheet)).toEqual(['Tentang ekspor ini', 'Angka utama', 'Grafik utama', 'Peta', 'Lintasan angkatan']);
    const en = await readXlsxFile(Buffer.from(enBytes));
    expect(en.map((s) => s.sheet)).toEqual(['About this export', 'Headline numbers', 'Main chart', 'Map', 'Cohort trajectories']);
  });

  it('holds every value of every table, as numbers where they are numbers', async () => {
    const sheets = await readXlsxFile(Buffer.from(idBytes));
    const { tables } = tablesFor.id!;
    for (const whole of tables) {
      const table = forPeople(whole);
      const sheet = sheets.find((s) => s.sheet === table.sheet)!;
      const [header, ...rows] = sheet.data;
      expect(header).toEqual(table.columns.map((c) => workbookHeader(c, 'id')));
      expect(rows).toHaveLength(table.rows.length);
      rows.forEach((row, i) => {
        table.columns.forEach((c, j) => {
          const want = expected(table.rows[i][c.key], c.kind);
          if (typeof want === 'number') expect(row[j] as number).toBeCloseTo(want, 10);
          else expect(row[j]).toEqual(want);
        });
      });
    }
    // Spot checks against what the tables hold: shares are fractions, n are integers.
    const main = sheets.find((s) => s.sheet === 'Grafik utama')!.data;
    const n = main[0].indexOf('n');
    const value = main[0].indexOf('Nilai');
    expect(
      main.slice(1).every((r) => Number.isInteger(r[n]) && (r[value] === null || ((r[value] as number) >= 0 && (r[value] as number) <= 1))),
    ).toBe(true);
    const kpis = sheets.find((s) => s.sheet === 'Angka utama')!.data;
    expect(kpis[1][0]).toBe(tables[0].rows[0].clients);
  });

  it('says on its about sheet what it is, on which data, when, and where the view is', async () => {
    const about = (await readXlsxFile(Buffer.from(idBytes))).find((s) => s.sheet === aboutSheetName('id'))!.data;
    const text = about.map((r) => r.map((c) => (c === null ? '' : String(c))).join(' | '));
    const { identity } = tablesFor.id!;
    expect(text[0]).toBe('Hal | Isi');
    expect(text).toContain('Judul | Laporan uji');
    expect(text).toContain(`Saringan | ${identity.filters[0]}`);
    expect(identity.filters[0]).toMatch(/^Kabupaten\/kota: .*Lombok Barat.*Kota Mataram/);
    expect(text).toContain('Data | Data contoh bawaan');
    expect(text).toContain('Sidik data | 0123456789abcdef');
    expect(text).toContain('Dibuat | 1 Des 2026');
    expect(text.some((l) => l.startsWith('Definisi | Naik kelas'))).toBe(true);
    expect(text.some((l) => l.includes('Grafik utama: Naik kelas'))).toBe(true);
    expect(text.some((l) => l.startsWith('Aplikasi | Dampingan'))).toBe(true);
    expect(text).toContain(`Tautan ke tampilan ini | ${identity.link}`);
  });

  it('formats shares as percentages, counts with separators, and makes the header bold', () => {
    const files = unzipSync(idBytes);
    const styles = strFromU8(files['xl/styles.xml']);
    expect(styles).toContain('formatCode="0.0%"');
    expect(styles).toContain('formatCode="#,##0"');
    expect(styles).toContain('pp&quot;');
    expect(styles).toMatch(/<b\s*\/>/);
    // Frozen header row on the table sheets.
    expect(strFromU8(files['xl/worksheets/sheet3.xml'])).toMatch(/<pane [^>]*ySplit="1"/);
  });
});
