/**
 * A chart that stands alone once forwarded: the drawn chart (one or more SVGs, e.g. a map
 * and its colour ramp) framed by its title, a subtitle (the measure and the filters in
 * words), the legend, notes, the data's name and fingerprint, the date and "Dampingan" —
 * one SVG document, in the UI language. The PNG is this SVG drawn on a canvas.
 *
 * Pure (strings in, string out): the page serialises the chart's SVG and measures it;
 * this module lays out the texts around it. No fonts or images are referenced, so the file
 * makes no request wherever it is opened (and the page's CSP holds). SVG has no line
 * wrapping, so text is wrapped here by an estimate of each character's width.
 */
import { translate, type Lang } from '../i18n/messages';

export interface LegendItem {
  readonly label: string;
  readonly colour: string;
}

/** One drawn SVG of the chart, serialised, with its size in CSS pixels. */
export interface ChartPart {
  readonly markup: string;
  readonly width: number;
  readonly height: number;
}

export interface FigureTexts {
  readonly lang: Lang;
  readonly title: string;
  /** Lines under the title: the measure, then the filters in words. */
  readonly subtitle: readonly string[];
  readonly legend?: readonly LegendItem[];
  /** Lines under the chart: how to read it (intervals, small groups, rules). */
  readonly notes?: readonly string[];
  /** The data's name as people know it ("Data contoh bawaan", an upload's name). */
  readonly dataName: string;
  readonly fingerprint?: string | null;
  /** The date, already formatted for the language. */
  readonly date: string;
  /** The link that brings the view back. */
  readonly link?: string | null;
}

export interface FramedFigure {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

export const APP_NAME = 'Dampingan';

const PAD = 24;
const MIN_WIDTH = 560;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif";
const TEXT = '#1d2b28';
const MUTED = '#4f5d59';
const ACCENT = '#0b6e5c';

interface TextStyle {
  readonly size: number;
  readonly lineHeight: number;
  readonly weight?: 'bold';
  readonly fill: string;
}
const BRAND: TextStyle = { size: 12, lineHeight: 18, weight: 'bold', fill: ACCENT };
const TITLE: TextStyle = { size: 18, lineHeight: 24, weight: 'bold', fill: TEXT };
const SUBTITLE: TextStyle = { size: 13, lineHeight: 18, fill: MUTED };
const LEGEND: TextStyle = { size: 12, lineHeight: 20, fill: TEXT };
const SMALL: TextStyle = { size: 11, lineHeight: 15, fill: MUTED };

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Estimated advance of a character in ems, on the wide side (DejaVu Sans, the face Linux
 * falls back to, is wider than Segoe UI or Roboto): a line that fits here fits everywhere.
 */
function charWidth(c: string): number {
  if (/[iljI.,:;'|!]/.test(c)) return 0.3;
  if (/[ftr()[\]\s]/.test(c)) return 0.4;
  if (/[mwMW%@—]/.test(c)) return 0.95;
  if (/[A-Z]/.test(c)) return 0.74;
  if (/[0-9]/.test(c)) return 0.64;
  return 0.62;
}

/** Estimated width of a line of text, in pixels. */
export function textWidth(text: string, size: number, bold = false): number {
  let ems = 0;
  for (const c of text) ems += charWidth(c);
  return ems * size * (bold ? 1.1 : 1);
}

/** Words of `text` in lines no wider than `width`; a word longer than a line is cut. */
export function wrapText(text: string, width: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => textWidth(s, size, bold) <= width;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (!fits(line)) {
      // A long link or code: cut it where it stops fitting.
      let cut = line.length - 1;
      while (cut > 1 && !fits(line.slice(0, cut))) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

function textLine(text: string, x: number, top: number, style: TextStyle, anchor: 'start' | 'end' = 'start'): string {
  const baseline = top + Math.round(style.lineHeight * 0.75);
  const weight = style.weight ? ` font-weight="${style.weight}"` : '';
  const end = anchor === 'end' ? ' text-anchor="end"' : '';
  return `<text x="${x}" y="${baseline}" font-size="${style.size}"${weight}${end} fill="${style.fill}">${escapeXml(text)}</text>`;
}

/** Lays out the legend's swatches and labels in rows; returns the markup and its height. */
function legendRows(items: readonly LegendItem[], x: number, top: number, width: number): { markup: string; height: number } {
  const swatch = 12;
  const parts: string[] = [];
  let cx = x;
  let row = 0;
  for (const item of items) {
    const w = swatch + 6 + textWidth(item.label, LEGEND.size) + 18;
    if (cx > x && cx + w - 18 > x + width) {
      row++;
      cx = x;
    }
    const y = top + row * LEGEND.lineHeight;
    parts.push(
      `<rect x="${cx}" y="${y + (LEGEND.lineHeight - swatch) / 2}" width="${swatch}" height="${swatch}" rx="2" fill="${escapeXml(item.colour)}"/>`,
      textLine(item.label, cx + swatch + 6, y, LEGEND),
    );
    cx += w;
  }
  return { markup: `<g data-part="legend">${parts.join('')}</g>`, height: items.length ? (row + 1) * LEGEND.lineHeight : 0 };
}

/** The data line of the footer: "Data: <name> (sidik data <fingerprint>)". */
export function dataLine(texts: Pick<FigureTexts, 'lang' | 'dataName' | 'fingerprint'>): string {
  const fp = texts.fingerprint ? ` (${translate(texts.lang, 'report.fingerprint')} ${texts.fingerprint})` : '';
  return `${translate(texts.lang, 'report.data')}: ${texts.dataName}${fp}`;
}

/** The framed figure: the chart parts stacked under the texts, the source under the chart. */
export function frameFigure(parts: readonly ChartPart[], texts: FigureTexts): FramedFigure {
  const chartWidth = Math.max(0, ...parts.map((p) => Math.ceil(p.width)));
  const width = Math.max(MIN_WIDTH, chartWidth + 2 * PAD);
  const inner = width - 2 * PAD;
  const out: string[] = [];
  let y = PAD;

  const block = (lines: readonly string[], style: TextStyle, part: string) => {
    const wrapped = lines.flatMap((l) => wrapText(l, inner, style.size, style.weight === 'bold'));
    if (wrapped.length === 0) return;
    out.push(`<g data-part="${part}">${wrapped.map((l, i) => textLine(l, PAD, y + i * style.lineHeight, style)).join('')}</g>`);
    y += wrapped.length * style.lineHeight;
  };

  out.push(
    `<g data-part="brand">${textLine(APP_NAME, PAD, y, BRAND)}${textLine(texts.date, width - PAD, y, { ...BRAND, weight: undefined, fill: MUTED }, 'end')}</g>`,
  );
  y += BRAND.lineHeight + 2;
  block([texts.title], TITLE, 'title');
  y += 2;
  block(texts.subtitle, SUBTITLE, 'subtitle');
  if (texts.legend && texts.legend.length > 0) {
    y += 6;
    const legend = legendRows(texts.legend, PAD, y, inner);
    out.push(legend.markup);
    y += legend.height;
  }
  y += 10;
  for (const part of parts) {
    out.push(`<g data-part="chart" transform="translate(${PAD},${y})">${part.markup}</g>`);
    y += Math.ceil(part.height) + 6;
  }
  y += 4;
  if (texts.notes && texts.notes.length > 0) {
    block(texts.notes, SMALL, 'notes');
    y += 6;
  }
  out.push(`<line x1="${PAD}" x2="${width - PAD}" y1="${y}" y2="${y}" stroke="#d5dedb"/>`);
  y += 6;
  const created = `${translate(texts.lang, 'report.date')} ${texts.date} · ${APP_NAME}`;
  block([dataLine(texts), created, ...(texts.link ? [texts.link] : [])], SMALL, 'source');
  const height = Math.ceil(y + PAD - 6);

  const title = escapeXml(texts.title);
  const svg =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="${FONT}" lang="${texts.lang}" role="img" aria-label="${title}">` +
    `<title>${title}</title>` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    out.join('') +
    `</svg>`;
  return { svg, width, height };
}
