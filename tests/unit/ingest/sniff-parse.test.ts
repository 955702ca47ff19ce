import { describe, it, expect } from 'vitest';
import { parseTable, type ParsedTable } from '../../../src/lib/ingest/parse';
import { readCsvBytes } from '../../../src/lib/ingest/read-table';
import { readRecords } from '../../../src/lib/ingest/records';
import { sniffCsv, type Sniffed } from '../../../src/lib/ingest/sniff';

function sniffed(text: string): Sniffed {
  const s = sniffCsv(text);
  if (!s.ok) throw new Error(`sniff failed: ${s.reason}`);
  return s;
}

function parsed(text: string): ParsedTable {
  const t = parseTable(text, sniffed(text));
  if (!t.ok) throw new Error(`parse failed: ${t.reason}`);
  return t;
}

describe('sniffCsv: delimiter', () => {
  it.each([
    ['comma', 'a,b,c\n1,2,3\n4,5,6\n', ','],
    ['semicolon', 'a;b;c\n1;2;3\n4;5;6\n', ';'],
    ['tab', 'a\tb\tc\n1\t2\t3\n', '\t'],
    ['pipe', 'a|b|c\n1|2|3\n', '|'],
    ['semicolon with decimal commas in every row', 'a;b\n1,5;2,5\n3,5;4,5\n', ';'],
    ['semicolon, decimal commas, no header (tie broken by numbers)', '1,5;2,5\n3,5;4,5\n', ';'],
    ['comma with quoted semicolons', 'a,b\n"x;y;z",1\n"p;q;r",2\n', ','],
    ['semicolon with quoted commas', 'nama;alamat\n"Warung A";"Jl. Pejanggik 1, Mataram"\n"Warung B";"Jl. Sriwijaya 2, Mataram"\n', ';'],
    ['quoted newlines', 'a;b\n"baris satu\nbaris dua";1\n"x";2\n', ';'],
    ['CRLF', 'a;b\r\n1;2\r\n3;4\r\n', ';'],
    ['old-Mac CR only', 'a;b\r1;2\r3;4\r', ';'],
    ['a single column', 'nama\nBudi\nSri\n', ','],
  ])('%s → %j', (_what, text, expected) => {
    expect(sniffed(text).delimiter).toBe(expected);
  });
});

describe('sniffCsv: header, title rows, comments, phantom column, decimal mark', () => {
  it('skips report titles and blank lines above the header (Excel pads them with delimiters)', () => {
    const s = sniffed('LAPORAN PENDAMPINGAN UMKM;;;\nTahun 2026;;;\n;;;\nid;nama;omzet;tanggal\nK1;Sri;Rp 1.000;22/11/2026\n');
    expect([s.headerIndex, s.dataStartIndex, s.leadingRowsSkipped]).toEqual([3, 4, 3]);
  });

  it('skips note lines narrower than the table', () => {
    const s = sniffed('some notes...\nmore notes,...\nnumber,text,date\n345.0,TEST4,2000-12-13\n');
    expect([s.headerIndex, s.dataStartIndex]).toEqual([2, 3]);
  });

  it('knows a file without header from its first row of numbers and dates', () => {
    const s = sniffed('123;TEST;22/11/2026\n456;TEST;23/11/2026\n');
    expect([s.headerIndex, s.dataStartIndex]).toEqual([null, 0]);
  });

  it('keeps a header that is narrower than its rows', () => {
    const s = sniffed('one,two,three\n1,2,3,4\n1,2,3,4\n');
    expect([s.headerIndex, s.dataStartIndex, s.width]).toEqual([0, 1, 4]);
  });

  it('treats # lines as comments', () => {
    const s = sniffed('# ekspor 2026\na;b\n# catatan\n1;2\n');
    expect([s.commentChar, s.delimiter, s.headerIndex]).toEqual(['#', ';', 0]);
  });

  it('does not treat # as a comment when #-lines are full rows', () => {
    const s = sniffed('kode;nama\n#1;Sri\n#2;Budi\n');
    expect(s.commentChar).toBeNull();
  });

  it('finds the phantom column of a trailing delimiter', () => {
    expect(sniffed('a;b;c;\n1;2;3;\n4;5;6;\n').trailingEmptyColumns).toBe(1);
    expect(sniffed('a;b;c\n1;2;3\n').trailingEmptyColumns).toBe(0);
  });

  it.each([
    ['comma proven by the cells', 'a;b\n1.234,5;2\n', 'comma', 'evidence'],
    ['dot proven by the cells', 'a,b\n"1,234.5",2\n', 'dot', 'evidence'],
    ['nothing proven, semicolon file → comma', 'a;b\n1;2\n', 'comma', 'delimiter_default'],
    ['nothing proven, comma file → dot', 'a,b\n1,2\n', 'dot', 'delimiter_default'],
    ['Rp amounts count as evidence', 'a,b\nRp 2.500.000,x\n', 'comma', 'evidence'],
  ])('decimal mark: %s', (_what, text, mark, basis) => {
    const s = sniffed(text);
    expect([s.decimalMark, s.decimalMarkBasis]).toEqual([mark, basis]);
  });

  it('records the decimal mark of each column', () => {
    const s = sniffed('rate,price,n\n1.5,"1.234,50",3\n2.25,"99,90",4\n');
    expect(s.columnDecimalMarks).toEqual(['dot', 'comma', null]);
  });

  it.each([
    ['', 'empty'],
    ['  \n\n', 'empty'],
    ['# hanya komentar\n# lagi\n', 'no_records'],
  ])('fails on %j with %s', (text, reason) => {
    expect(sniffCsv(text)).toEqual({ ok: false, reason });
  });
});

describe('parseTable', () => {
  it('drops a totals row and the notes after it, and blank rows', () => {
    const t = parsed('id;omzet\nK1;100\n\nK2;200\nJumlah;300\n;\nSumber: Dinas;\n');
    expect(t.rows).toEqual([
      ['K1', '100'],
      ['K2', '200'],
    ]);
    expect(t.dropped).toEqual({ leadingRows: 0, blankRows: 2, totalsRowLine: 5, footerRows: 1, trailingEmptyColumns: 0 });
  });

  it.each(['Total', 'TOTAL', 'Jumlah', 'Grand Total', 'Jml', 'Sub Total'])('recognises a %j row', (label) => {
    const t = parsed(`no;id;omzet\n1;K1;100\n2;K2;200\n${label};;300\n`);
    expect(t.rows.length).toBe(2);
  });

  it('keeps a row that merely mentions a total in the middle', () => {
    const t = parsed('nama;omzet\nTotal Jaya Abadi;100\nSri;200\n');
    expect(t.rows).toEqual([
      ['Total Jaya Abadi', '100'],
      ['Sri', '200'],
    ]);
  });

  it('pads short rows, cuts long ones, and says where', () => {
    const t = parsed('a,b,c\n1,2,3\n1,2\n1,2,3,4\n1,2,3,,\n');
    expect(t.rows).toEqual([
      ['1', '2', '3'],
      ['1', '2', ''],
      ['1', '2', '3'],
      ['1', '2', '3'],
    ]);
    expect(t.issues).toEqual([
      { code: 'too_few_fields', line: 3, expected: 3, actual: 2 },
      { code: 'too_many_fields', line: 4, expected: 3, actual: 4 },
    ]);
  });

  it('removes the phantom column of trailing delimiters everywhere', () => {
    const t = parsed('a;b;\n1;2;\n3;4;\n');
    expect([t.header, t.rows, t.dropped.trailingEmptyColumns]).toEqual([
      ['a', 'b'],
      [
        ['1', '2'],
        ['3', '4'],
      ],
      1,
    ]);
  });

  it('extends a header narrower than most rows', () => {
    const t = parsed('one,two,three\n1,2,3,4\n1,2,3,4\n');
    expect(t.header).toEqual(['one', 'two', 'three', '']);
    expect(t.issueCounts.get('header_narrower_than_rows')).toBe(1);
  });

  it('gives physical line numbers across comments and multi-line cells', () => {
    const t = parsed('# komentar\nid;catatan\nA;"baris\nkedua"\nB;x\n');
    expect(t.headerLine).toBe(2);
    expect(t.lines).toEqual([3, 5]);
  });

  it('fails on an unclosed quote, naming the line where it opens', () => {
    const text = 'id;nama\nK1;Sri\nK2;"Budi\nK3;Ani\n';
    expect(parseTable(text, sniffed(text))).toEqual({ ok: false, reason: 'unclosed_quote', line: 3 });
  });

  it('fails when there is a header but no data', () => {
    const text = 'id;nama\n';
    expect(parseTable(text, sniffed(text))).toEqual({ ok: false, reason: 'no_data_rows', header: ['id', 'nama'] });
  });

  it('keeps unescaped inner quotes literally, with an issue', () => {
    const t = parsed('1;"pedro "pdet" holanda"\n2;"x"\n');
    expect(t.rows[0]).toEqual(['1', 'pedro "pdet" holanda']);
    expect(t.issues).toEqual([{ code: 'malformed_quotes', line: 1 }]);
  });

  it('reads `, "quoted"` (space before the quote) as a quoted cell, with an issue', () => {
    const t = parsed('ID, Test\n1, "Test line 1"\n2, "Test "" line 2"\n');
    expect(t.header).toEqual(['ID', 'Test']);
    expect(t.rows).toEqual([
      ['1', 'Test line 1'],
      ['2', 'Test " line 2'],
    ]);
    expect(t.issueCounts.get('space_before_quote')).toBe(2);
  });

  it('known limitation: after a space, a quoted delimiter still splits the cell', () => {
    const t = parsed('ID, Test\n1, "a, b"\n2, "c"\n');
    expect(t.rows).toEqual([
      ['1', ' "a'],
      ['2', 'c'],
    ]);
    expect(t.issueCounts.get('too_many_fields')).toBe(1);
  });

  it('caps the issue list but counts every issue', () => {
    const text = `a,b\n${Array.from({ length: 50 }, () => '1').join('\n')}\n`;
    const t = parseTable(text, sniffed(text), { maxIssues: 10 });
    expect(t.ok && t.issues.length).toBe(10);
    expect(t.ok && t.issueCounts.get('too_few_fields')).toBe(50);
  });
});

describe('readRecords', () => {
  it('reports the physical line each record starts on', () => {
    const r = readRecords('a,b\n"x\ny",1\n\nz,2', { delimiter: ',', commentChar: null });
    expect(r.map((x) => [x.line, x.cells])).toEqual([
      [1, ['a', 'b']],
      [2, ['x\ny', '1']],
      [4, ['']],
      [5, ['z', '2']],
    ]);
    // The newline ending the last line is not an extra empty record.
    expect(readRecords('a\nb\n', { delimiter: ',', commentChar: null }).map((x) => x.cells)).toEqual([['a'], ['b']]);
  });
});

describe('readCsvBytes names the stage that failed', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it.each([
    ['', { ok: false, stage: 'decode', reason: 'empty_file' }],
    ['# hanya komentar\n', { ok: false, stage: 'sniff', reason: 'no_records', encoding: 'utf-8' }],
    ['id;nama\n', { ok: false, stage: 'parse', reason: 'no_data_rows', header: ['id', 'nama'] }],
    ['id;nama\nK1;"Sri\n', { ok: false, stage: 'parse', reason: 'unclosed_quote', line: 2 }],
  ])('%j → %j', (text, expected) => {
    expect(readCsvBytes(bytes(text))).toMatchObject(expected);
  });

  it('returns the decoded facts without the text', () => {
    const r = readCsvBytes(bytes('a;b\n1;2\n'));
    expect(r.ok && r.decoded).toEqual({ ok: true, encoding: 'utf-8', suspicious: false, warnings: [], nulBytesRemoved: 0 });
  });
});
