import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mendParseXml } from '../../../scripts/vite/read-excel-file-chunks.mjs';

/** The library's XML module as Vite serves it to the app and to these tests (mended). */
const library = dirname(createRequire(import.meta.url).resolve('read-excel-file/package.json'));
const parseXmlPath = join(library, 'modules/xml/parseXml.js');

type ParseXml = (
  xml: string,
  state: object,
  onOpenTag: () => void,
  onCloseTag: () => void,
  onText: () => void,
  onProgress: (end: boolean) => void,
) => Promise<void>;

describe("read-excel-file's chunked sheet parse, mended", () => {
  it('replaces the time-sized recursive chunks with fixed ones, and refuses a module it does not know', () => {
    const source = readFileSync(parseXmlPath, 'utf8');
    const mended = mendParseXml(source);
    expect(mended).not.toBe(source);
    expect(mended).toContain('var size = 1048576');
    expect(mended).not.toContain('parseXmlInChunks(parser, xml, onProgress);');
    expect(() => mendParseXml('export default function parseXml() {}')).toThrow(/not the 9\.3\.17 module/);
  });

  it('parses in 1 MB chunks even when every callback is slow (the unmended loop halves its chunks until the stack overflows)', async () => {
    const { default: parseXml } = (await import(/* @vite-ignore */ parseXmlPath)) as { default: ParseXml };
    const cell = '<c r="A1" t="s"><v>0</v></c>';
    const rows = Array.from({ length: 40_000 }, (_, i) => `<row r="${i + 1}">${cell.repeat(3)}</row>`).join('');
    const xml = `<worksheet><sheetData>${rows}</sheetData></worksheet>`;
    expect(xml.length).toBeGreaterThan(3 * 1048576);
    let opened = 0;
    const progress: boolean[] = [];
    await parseXml(
      xml,
      {},
      () => (opened += 1),
      () => {},
      () => {},
      (end) => {
        progress.push(end);
        const until = Date.now() + 10; // slower than the library's 7 ms budget per chunk
        while (Date.now() < until);
      },
    );
    const chunks = Math.ceil(xml.length / 1048576);
    expect(progress).toEqual([...Array<boolean>(chunks - 1).fill(false), true]);
    expect(opened).toBe(2 + 40_000 * 7); // worksheet, sheetData; per row: the row and 3 × (c, v)
  });
});
