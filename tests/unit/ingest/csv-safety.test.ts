import { describe, it, expect } from 'vitest';
import Papa from 'papaparse';
import { neutraliseFormula, toCsv, type CsvRow } from '../../../src/lib/ingest/csv-safety';

describe('neutraliseFormula', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['=HYPERLINK("http://x","klik")', '\'=HYPERLINK("http://x","klik")'],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['-', "'-"],
    ['-12.5', '-12.5'],
    ['-1.5e3', '-1.5e3'],
    ['+62812345', '+62812345'],
    ['12', '12'],
    ['1-2', '1-2'],
    ['Kopi Rinjani', 'Kopi Rinjani'],
    ['', ''],
  ])('%j → %j', (cell, expected) => {
    expect(neutraliseFormula(cell)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('writes RFC 4180 with neutralised cells', () => {
    const rows: CsvRow[] = [
      { id: 'K1', name: 'Warung "Sri", Mataram', omzet: -12.5, ok: true, note: '=1+1' },
      new Map<string, string | number | null>([
        ['id', 'K2'],
        ['name', 'baris\ndua'],
        ['omzet', null],
      ]),
    ];
    expect(toCsv(rows, ['id', 'name', 'omzet', 'ok', 'note'])).toBe(
      'id,name,omzet,ok,note\r\n' + 'K1,"Warung ""Sri"", Mataram",-12.5,true,\'=1+1\r\n' + 'K2,"baris\ndua",,,\r\n',
    );
  });

  it('reads only own properties: a __proto__ or toString column is empty, not inherited', () => {
    const row = JSON.parse('{"__proto__": "x"}') as Record<string, string>;
    expect(toCsv([row, {}], ['__proto__', 'toString'], { newline: '\n' })).toBe('__proto__,toString\nx,\n,\n');
  });

  it('supports ; and a BOM for Excel, and round-trips through PapaParse', () => {
    const rows = [
      { a: '1;2', b: 'x"y' },
      { a: '', b: '-5' },
    ];
    const csv = toCsv(rows, ['a', 'b'], { delimiter: ';', bom: true });
    expect(csv.startsWith('\uFEFFa;b\r\n"1;2";"x""y"\r\n')).toBe(true);
    const back = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', newline: '\r\n', skipEmptyLines: true });
    expect(back.data).toEqual([
      ['a', 'b'],
      ['1;2', 'x"y'],
      ['', '-5'],
    ]);
  });

  it('writes non-finite numbers as empty and bigints in full', () => {
    expect(toCsv([{ a: Number.NaN, b: 12345678901234567890n }], ['a', 'b'], { newline: '\n' })).toBe('a,b\n,12345678901234567890\n');
  });
});
