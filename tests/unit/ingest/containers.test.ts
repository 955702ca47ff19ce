/** Telling ZIP and OLE containers apart: .xlsx, .ods, old .xls, a password-protected .xlsx. */
import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { oleDirectoryNames, sniffContainer, zipEntryNames } from '../../../src/lib/ingest/containers';
import { decodeBytes } from '../../../src/lib/ingest/encoding';
import { encryptedXlsxBytes, odsBytes, oleBytes, xlsBytes, xlsxBytes } from '../../helpers/xlsx';

describe('sniffContainer', () => {
  it('an .xlsx: a ZIP holding xl/workbook.xml', async () => {
    const bytes = await xlsxBytes({ sheets: [{ name: 'A', rows: [['x']] }] });
    expect(sniffContainer(bytes)).toBe('xlsx');
    expect(zipEntryNames(bytes)).toContain('xl/workbook.xml');
  });

  it('an .ods: its first entry is the uncompressed mimetype', () => {
    expect(sniffContainer(odsBytes())).toBe('ods');
    const text = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }], 'content.xml': strToU8('<x/>') });
    expect(sniffContainer(text)).toBe('odf_other');
  });

  it('another ZIP, and a ZIP cut short before its directory', () => {
    const zip = zipSync({ 'a.txt': strToU8('hello'), 'b.txt': strToU8('world') });
    expect(sniffContainer(zip)).toBe('zip');
    // The head of a large .xlsx: no central directory, but the local headers name the parts.
    const head = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/big.bin': new Uint8Array(4000).fill(7) }, { level: 0 }).subarray(
      0,
      200,
    );
    expect(sniffContainer(head)).toBe('xlsx');
  });

  it('OLE files by their directory: .xls, encrypted .xlsx, anything else', () => {
    expect(oleDirectoryNames(xlsBytes())).toEqual([
      'Root Entry',
      'Workbook',
      '\u0005SummaryInformation',
      '\u0005DocumentSummaryInformation',
    ]);
    expect(sniffContainer(xlsBytes())).toBe('xls');
    expect(sniffContainer(encryptedXlsxBytes())).toBe('encrypted_ooxml');
    expect(sniffContainer(oleBytes(['WordDocument']))).toBe('ole');
    // Only the OLE magic (what a renamed file's first bytes show): no directory to read.
    expect(sniffContainer(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('ole');
  });

  it('text is no container', () => {
    expect(sniffContainer(strToU8('client_id;nama\nK1;Sri\n'))).toBe(null);
    expect(sniffContainer(new Uint8Array(0))).toBe(null);
  });
});

describe('decodeBytes names the office file', () => {
  it.each([
    ['.ods', 'ods', odsBytes],
    ['password-protected .xlsx', 'password_protected', () => encryptedXlsxBytes()],
    ['.xls', 'xls', () => xlsBytes()],
    ['a .doc (other OLE)', 'xls', () => oleBytes(['WordDocument'])],
    ['another ZIP', 'zip_or_xlsx', () => zipSync({ 'a.txt': strToU8('x') })],
  ])('%s → %s', (_label, reason, make) => {
    const r = decodeBytes(make());
    expect(!r.ok && r.reason).toBe(reason);
  });
});
