/** The framed chart: one SVG that carries its title, subtitle, legend, data, date and "Dampingan". */
import { describe, expect, it } from 'vitest';
import { frameFigure, textWidth, wrapText, type FigureTexts } from '../../../src/lib/export/figure';

const chart = {
  markup:
    '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="300" viewBox="0 0 640 300"><rect data-probe="bar" width="10" height="10"/></svg>',
  width: 640,
  height: 300,
};
const ramp = {
  markup: '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="50"><g data-probe="ramp"/></svg>',
  width: 240,
  height: 50,
};

const texts: FigureTexts = {
  lang: 'id',
  title: 'Naik kelas menurut angkatan',
  subtitle: ['Ukuran: Naik kelas (skala usaha naik)', 'Kabupaten/kota: Lombok Barat, Kota Mataram'],
  legend: [
    { label: 'Terpapar', colour: '#0072B2' },
    { label: 'Tidak terpapar', colour: '#E69F00' },
  ],
  notes: ['Garis tipis = selang kepercayaan 95%.'],
  dataName: 'Data contoh bawaan',
  fingerprint: '0123456789abcdef',
  date: '1 Des 2026',
  link: 'http://127.0.0.1/explore/?m=naik_kelas_rate&d=cohort',
};

/** The text of every <text> element, in order. */
const textsOf = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
  );

describe('frameFigure', () => {
  const framed = frameFigure([chart, ramp], texts);

  it('carries title, subtitle, legend, notes, data name and fingerprint, date, link and Dampingan', () => {
    const lines = textsOf(framed.svg);
    expect(lines).toContain('Dampingan');
    expect(lines).toContain(texts.title);
    expect(lines).toContain(texts.subtitle[0]);
    expect(lines).toContain(texts.subtitle[1]);
    expect(lines).toContain('Terpapar');
    expect(lines).toContain('Tidak terpapar');
    expect(framed.svg).toContain('fill="#0072B2"');
    expect(framed.svg).toContain('fill="#E69F00"');
    expect(lines).toContain(texts.notes![0]);
    expect(lines).toContain('Data: Data contoh bawaan (sidik data 0123456789abcdef)');
    expect(lines).toContain('Dibuat 1 Des 2026 · Dampingan');
    expect(lines.join('')).toContain(texts.link);
    expect(framed.svg).toContain('<title>Naik kelas menurut angkatan</title>');
  });

  it('holds every chart part, below the texts, in order', () => {
    expect(framed.svg.indexOf('data-probe="bar"')).toBeGreaterThan(framed.svg.indexOf('data-part="legend"'));
    expect(framed.svg.indexOf('data-probe="ramp"')).toBeGreaterThan(framed.svg.indexOf('data-probe="bar"'));
    expect(framed.svg.indexOf('data-part="source"')).toBeGreaterThan(framed.svg.indexOf('data-probe="ramp"'));
  });

  it('is as wide as the chart plus margins and tall enough for everything', () => {
    expect(framed.width).toBe(640 + 48);
    expect(framed.height).toBeGreaterThan(300 + 50 + 24 * 2 + 18 * 2);
    expect(framed.svg).toMatch(
      new RegExp(`<svg [^>]*width="${framed.width}" height="${framed.height}" viewBox="0 0 ${framed.width} ${framed.height}"`),
    );
    // No request when opened anywhere: no external font, image or stylesheet.
    expect(framed.svg).not.toMatch(/@import|@font-face|href="http|url\(/);
  });

  it('speaks the language it is given', () => {
    const en = textsOf(frameFigure([chart], { ...texts, lang: 'en', dataName: 'Built-in sample data', date: '1 Dec 2026' }).svg);
    expect(en).toContain('Data: Built-in sample data (fingerprint 0123456789abcdef)');
    expect(en).toContain('Created 1 Dec 2026 · Dampingan');
  });

  it('escapes text and wraps long lines', () => {
    const long =
      'Fungsi pendamping (salah satu): Edukasi, Fasilitator, Membimbing, Menasehati, Mengoreksi, Memediasi, Advokasi, Supervisi, Evaluasi dan refleksi';
    const f = frameFigure([{ ...chart, width: 300 }], { ...texts, title: 'A < B & "C"', subtitle: [long], legend: [] });
    expect(f.svg).toContain('A &lt; B &amp; &quot;C&quot;');
    expect(textsOf(f.svg)).toContain('A < B & "C"');
    const subtitleLines = textsOf(f.svg).filter((l) => long.includes(l));
    expect(subtitleLines.length).toBeGreaterThan(1);
    expect(subtitleLines.join(' ')).toBe(long);
    expect(f.width).toBe(560);
  });
});

describe('wrapText', () => {
  it('keeps lines within the width and cuts words longer than a line', () => {
    const lines = wrapText(`kata ${'x'.repeat(80)} akhir`, 200, 12);
    for (const line of lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(200);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join('').replace(/ /g, '')).toBe(`kata${'x'.repeat(80)}akhir`);
  });
});
