/**
 * Saving what the evaluator sees: the chart's drawn SVGs (`chartParts`, framed with their
 * texts by figure.ts), an SVG drawn to PNG, data as formula-safe CSV, a Blob as a
 * download.
 */
import { toCsv, type CsvRow } from '../ingest/csv-safety';
import type { ChartPart } from './figure';

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Draws SVG text of the given size onto a white canvas at `scale` × and encodes it as PNG. */
export async function svgMarkupToPng(markup: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('Canvas 2D is not available');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Size a drawn SVG was drawn for: its width and height attributes (Plot sets them), else its box. */
function naturalSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const attr = (name: string, fallback: number) => {
    const value = Number.parseFloat(svg.getAttribute(name) ?? '');
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return { width: attr('width', box.width), height: attr('height', box.height) };
}

/**
 * The chart's drawn SVGs under `root`, outermost only, in document order (a map and its
 * colour ramp are two), each serialised at its natural size: the page's CSS (max-width,
 * height: auto) does not travel, so each part is pinned to the size it was drawn for.
 */
export function chartParts(root: Element): ChartPart[] {
  const svgs = [...root.querySelectorAll('svg')].filter((svg) => !svg.parentElement?.closest('svg')) as SVGSVGElement[];
  return svgs.flatMap((svg) => {
    const { width, height } = naturalSize(svg);
    if (width < 1 || height < 1) return [];
    const copy = svg.cloneNode(true) as SVGSVGElement;
    // No `xmlns` attribute: the serializer declares the SVG namespace itself (setting it too
    // gives two declarations in some serializers, which is not well-formed XML).
    copy.setAttribute('width', String(width));
    copy.setAttribute('height', String(height));
    if (!copy.hasAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
    copy.setAttribute('style', `width:${width}px;height:${height}px;max-width:none;overflow:visible;background:#fff`);
    return [{ markup: new XMLSerializer().serializeToString(copy), width, height }];
  });
}

export function downloadCsv(rows: Iterable<CsvRow>, columns: readonly string[], filename: string): void {
  // A byte-order mark lets spreadsheet programs open UTF-8 (accents, "–") correctly.
  downloadBlob(new Blob(['\uFEFF', toCsv(rows, columns)], { type: 'text/csv;charset=utf-8' }), filename);
}
