/**
 * The page's side of the exports: who and when (the active data's name and fingerprint,
 * today's date, the link), the drawn chart, and the downloads. What goes into each file is
 * decided by the pure modules beside this one (figure.ts, locale-csv.ts, workbook.ts).
 * The figure's layout and the workbook (with its library) are imported when a button is
 * pressed, so a page carries only the CSV writers.
 */
import { chartParts, downloadBlob, svgMarkupToPng } from './save';
import { formatDate } from '../i18n/format';
import type { Lang } from '../i18n/messages';
import { dataset } from '../state/app';
import { datasetLabel } from '../state/dataset-label';
import type { FigureTexts, FramedFigure } from './figure';
import { localeCsv } from './locale-csv';
import { canonicalCsv, type ExportTable } from './table';
import type { AboutEntry, ExportIdentity } from './workbook';

/** Today as yyyy-mm-dd, in the evaluator's time zone. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** What every export of the current view says about where it came from. */
export function exportIdentity(lang: Lang, title: string, filters: readonly string[]): ExportIdentity {
  return {
    title,
    filters,
    dataName: datasetLabel(lang),
    fingerprint: dataset.fingerprint,
    date: formatDate(lang, todayIso()),
    link: typeof location === 'undefined' ? null : location.href,
  };
}

/** "dampingan-naik_kelas_rate-2026-12-01": a name that still says what and when once forwarded. */
export function datedName(base: string): string {
  return `${base}-${todayIso()}`;
}

const CSV_TYPE = 'text/csv;charset=utf-8';

export function downloadLocaleCsv(table: ExportTable, lang: Lang, base: string): void {
  downloadBlob(new Blob([localeCsv(table, lang)], { type: CSV_TYPE }), `${datedName(base)}-excel-${lang}.csv`);
}

export function downloadCanonicalCsv(table: ExportTable, base: string): void {
  downloadBlob(new Blob([canonicalCsv(table)], { type: CSV_TYPE }), `${datedName(base)}.csv`);
}

/** Writes the workbook (the spreadsheet library is loaded now, not with the page). */
export async function downloadWorkbook(
  tables: readonly ExportTable[],
  identity: ExportIdentity,
  extra: readonly AboutEntry[],
  lang: Lang,
  base: string,
): Promise<void> {
  const [{ workbookXlsx }, { exportWorkbook }] = await Promise.all([import('./workbook-xlsx'), import('./workbook')]);
  const blob = await workbookXlsx(exportWorkbook(tables, identity, extra, lang));
  downloadBlob(blob, `${datedName(base)}.xlsx`);
}

/** The chart under `root` framed with its texts; null when nothing is drawn. */
export async function framedChart(
  root: Element,
  texts: Omit<FigureTexts, 'dataName' | 'fingerprint' | 'date' | 'link'>,
  identity: ExportIdentity,
): Promise<FramedFigure | null> {
  const parts = chartParts(root);
  if (parts.length === 0) return null;
  const { frameFigure } = await import('./figure');
  return frameFigure(parts, {
    ...texts,
    dataName: identity.dataName,
    fingerprint: identity.fingerprint,
    date: identity.date,
    link: identity.link,
  });
}

export function downloadFigureSvg(figure: FramedFigure, base: string): void {
  downloadBlob(new Blob([figure.svg], { type: 'image/svg+xml;charset=utf-8' }), `${datedName(base)}.svg`);
}

/** The framed figure as a PNG at twice its size (sharp on phones and in documents). */
export async function downloadFigurePng(figure: FramedFigure, base: string): Promise<void> {
  downloadBlob(await svgMarkupToPng(figure.svg, figure.width, figure.height, 2), `${datedName(base)}.png`);
}
