import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeBytes, decodeWindows1252, looksMisdecoded } from '../../../src/lib/ingest/encoding';

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];
const utf16le = (s: string): number[] => [...s].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]);
const utf16be = (s: string): number[] => [...s].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]);

type Expected = { text: string; encoding: string; suspicious?: boolean; warnings?: string[] } | { reason: string };

/** [what, bytes, expected] */
const CASES: [string, number[], Expected][] = [
  ['zero bytes', [], { reason: 'empty_file' }],
  ['UTF-8 BOM only', [0xef, 0xbb, 0xbf], { reason: 'empty_file' }],
  ['whitespace only', ascii('  \r\n\t\n'), { reason: 'empty_file' }],
  ['plain ASCII', ascii('a;b\n1;2\n'), { text: 'a;b\n1;2\n', encoding: 'utf-8' }],
  ['UTF-8 with accents', utf8('nama\nCafé Rinjani'), { text: 'nama\nCafé Rinjani', encoding: 'utf-8' }],
  ['UTF-8 BOM is stripped', [0xef, 0xbb, 0xbf, ...ascii('id,nama')], { text: 'id,nama', encoding: 'utf-8-bom' }],
  ['UTF-16LE with BOM', [0xff, 0xfe, ...utf16le('a\tb\r\nJosé\t1')], { text: 'a\tb\r\nJosé\t1', encoding: 'utf-16le' }],
  ['UTF-16BE with BOM', [0xfe, 0xff, ...utf16be('a;b\n€;1')], { text: 'a;b\n€;1', encoding: 'utf-16be' }],
  [
    'UTF-16LE without BOM',
    utf16le('id;nama\n1;Sri\n'),
    { text: 'id;nama\n1;Sri\n', encoding: 'utf-16le', warnings: ['utf16_without_bom'] },
  ],
  [
    'UTF-16BE without BOM',
    utf16be('id;nama\n1;Sri\n'),
    { text: 'id;nama\n1;Sri\n', encoding: 'utf-16be', warnings: ['utf16_without_bom'] },
  ],
  // Windows-1252 is not Latin-1: 0x80–0x9F are € “ ” ‘ ’ – — …
  [
    'Windows-1252 curly quotes, euro, dashes',
    [
      ...ascii('Harga '),
      0x80,
      ...ascii(' 5.000, '),
      0x93,
      ...ascii('Kopi'),
      0x94,
      ...ascii(' '),
      0x91,
      ...ascii('Rinjani'),
      0x92,
      ...ascii(' '),
      0x96,
      ...ascii(' enak '),
      0x97,
      ...ascii(' ya'),
      0x85,
    ],
    { text: 'Harga € 5.000, “Kopi” ‘Rinjani’ – enak — ya…', encoding: 'windows-1252' },
  ],
  ['Windows-1252 accented Latin letters', [...ascii('Caf'), 0xe9, ...ascii(',Jos'), 0xe9], { text: 'Café,José', encoding: 'windows-1252' }],
  [
    'Windows-1252 Š Ž Ÿ ™ among ASCII',
    [0x8a, ...ascii('koda '), 0x8e, ...ascii('ilina '), 0x9f, ...ascii(' Merek'), 0x99],
    { text: 'Škoda Žilina Ÿ Merek™', encoding: 'windows-1252' },
  ],
  [
    'one NUL byte is removed',
    [...ascii('a|b\nval'), 0, ...ascii('2|x')],
    { text: 'a|b\nval2|x', encoding: 'utf-8', warnings: ['nul_bytes_removed'] },
  ],
  ['xlsx / zip', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], { reason: 'zip_or_xlsx' }],
  ['empty zip', [0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0], { reason: 'zip_or_xlsx' }],
  ['old xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0], { reason: 'xls' }],
  ['PDF', ascii('%PDF-1.7\n%âãÏÓ'), { reason: 'pdf' }],
  ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], { reason: 'image' }],
  ['JPEG', [0xff, 0xd8, 0xff, 0xe0, 0, 16], { reason: 'image' }],
  ['GIF', ascii('GIF89a'), { reason: 'image' }],
  ['WebP', [...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBPVP8 ')], { reason: 'image' }],
  ['gzip', [0x1f, 0x8b, 0x08, 0x00], { reason: 'gzip' }],
  ['NUL-heavy binary', [0, 0, 0, 1, 2, 3, 0, 0, 0x41, 0, 0, 0, 5, 6, 0, 0x42, 0, 0, 0, 0], { reason: 'binary' }],
  [
    'UTF-8 BOM then non-UTF-8 bytes',
    [0xef, 0xbb, 0xbf, ...ascii('Caf'), 0xe9],
    { text: 'Café', encoding: 'windows-1252', suspicious: true, warnings: ['possibly_wrong_encoding'] },
  ],
];

describe('decodeBytes', () => {
  it.each(CASES)('%s', (_what, bytes, expected) => {
    const r = decodeBytes(new Uint8Array(bytes));
    if ('reason' in expected) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toBe(expected.reason);
      return;
    }
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.text).toBe(expected.text);
    expect(r.encoding).toBe(expected.encoding);
    expect(r.suspicious).toBe(expected.suspicious ?? false);
    expect(r.warnings).toEqual(expected.warnings ?? []);
  });

  it('flags Shift_JIS read as Windows-1252 as suspicious (mojibake is not refused, it is flagged)', () => {
    const bytes = readFileSync(path.resolve(process.cwd(), 'tests/fixtures/ingest/shift-jis.csv'));
    const r = decodeBytes(new Uint8Array(bytes));
    expect(r.ok && r.encoding).toBe('windows-1252');
    expect(r.ok && r.suspicious).toBe(true);
    expect(r.ok && r.warnings).toEqual(['possibly_wrong_encoding']);
  });

  it('keeps line endings as they are', () => {
    const r = decodeBytes(new Uint8Array(ascii('a\r\nb\rc\n')));
    expect(r.ok && r.text).toBe('a\r\nb\rc\n');
  });
});

describe('decodeWindows1252', () => {
  it('maps all 32 bytes 0x80–0x9F as the WHATWG table does', () => {
    const bytes = new Uint8Array(Array.from({ length: 32 }, (_, i) => 0x80 + i));
    expect(decodeWindows1252(bytes)).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ');
  });

  it('is Latin-1 elsewhere, and handles inputs longer than one chunk', () => {
    const bytes = new Uint8Array(20_000).map((_, i) => (i % 2 === 0 ? 0x41 : 0xe9));
    const text = decodeWindows1252(bytes);
    expect(text.length).toBe(20_000);
    expect(text.slice(0, 4)).toBe('AéAé');
    expect(text.slice(-2)).toBe('Aé');
  });
});

describe('looksMisdecoded', () => {
  it.each([
    ['plain Indonesian with curly quotes', false, [...ascii('Kopi '), 0x93, ...ascii('Rinjani'), 0x94]],
    ['Latin-1 names', false, [...ascii('Jos'), 0xe9, ...ascii(' M'), 0xfc, ...ascii('ller')]],
    ['a byte undefined in Windows-1252', true, [...ascii('abc'), 0x81, ...ascii('def')]],
    ['a run of four high bytes', true, [...ascii('a'), 0xe4, 0xb8, 0xad, 0xe6, ...ascii('b')]],
    ['mostly high bytes', true, [0xe4, ...ascii('a'), 0xb8, ...ascii('b'), 0xad, ...ascii('c'), 0xe6]],
  ] as [string, boolean, number[]][])('%s → %s', (_what, expected, bytes) => {
    expect(looksMisdecoded(new Uint8Array(bytes))).toBe(expected);
  });
});
