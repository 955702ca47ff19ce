import { describe, it, expect } from 'vitest';
import { detectDateOrder, excelSerialToIso, normalizeDate, type DateOptions, type Normalized } from '../../../src/lib/ingest/normalize';

function summary<T>(r: Normalized<T>): T | string {
  return r.ok ? r.value : `!${r.reason}`;
}

const DATES: [raw: string, options: DateOptions, expected: string | null][] = [
  ['2026-11-22', {}, '2026-11-22'],
  ['2026/11/22', {}, '2026-11-22'],
  ['22/11/2026', {}, '2026-11-22'],
  ['22-11-2026', {}, '2026-11-22'],
  ['22.11.2026', {}, '2026-11-22'],
  ['2/1/2026', {}, '2026-01-02'],
  ['22 Nov 2026', {}, '2026-11-22'],
  ['22 November 2026', {}, '2026-11-22'],
  ['22 Nopember 2026', {}, '2026-11-22'],
  ['22 Agustus 2026', {}, '2026-08-22'],
  ['22 Agu 2026', {}, '2026-08-22'],
  ['22 Agt 2026', {}, '2026-08-22'],
  ['22 Agu. 2026', {}, '2026-08-22'],
  ['22 Mei 2026', {}, '2026-05-22'],
  ['22 Okt 2026', {}, '2026-10-22'],
  ['22 Des 2026', {}, '2026-12-22'],
  ['2 Januari 2026', {}, '2026-01-02'],
  ['17 pebruari 2026', {}, '2026-02-17'],
  ['22-Nov-26', {}, '2026-11-22'],
  ['Senin, 22 November 2026', {}, '2026-11-22'],
  ["Jum'at, 20 November 2026", {}, '2026-11-20'],
  ['Dec 8, 2022', {}, '2022-12-08'],
  ['20261122', {}, '2026-11-22'],
  ['22/11/26', {}, '2026-11-22'],
  ['01/02/70', {}, '1970-02-01'], // two-digit years: 70–99 → 19xx
  ['01/02/69', {}, '2069-02-01'], // 00–69 → 20xx
  ['22/11/2026 14:30', {}, '2026-11-22'],
  ['09.07.2013 12:00:00', {}, '2013-07-09'],
  ['2026-11-22T08:00:00Z', {}, '2026-11-22'],
  ['1/2/2023, 12:33 PM', { order: 'mdy' }, '2023-01-02'],
  ['46348', { excelSerial: true }, '2026-11-22'],
  ['45658', { excelSerial: true }, '2025-01-01'],
  ['46348.75', { excelSerial: true }, '2026-11-22'], // time of day dropped
  ['46348', {}, '!not_a_date'], // serials only when the column is known to hold dates
  ['2026', { excelSerial: true }, '!not_a_date'], // a year alone is not a serial
  ['31/02/2026', {}, '!invalid_date'],
  ['29/02/2024', {}, '2024-02-29'],
  ['29/02/2026', {}, '!invalid_date'],
  ['2026-13-01', {}, '!invalid_date'],
  ['00/01/2026', {}, '!invalid_date'],
  ['20261340', {}, '!invalid_date'],
  ['11/22/2026', { order: 'mdy' }, '2026-11-22'],
  ['22/11/2026', { order: 'mdy' }, '!date_order_conflict'],
  ['11/22/2026', { order: 'dmy' }, '!date_order_conflict'],
  ['05/06/2026', { order: 'unknown' }, '!ambiguous_date'],
  ['05/05/2026', { order: 'unknown' }, '2026-05-05'], // both readings agree
  ['05/06/2026', { order: 'dmy' }, '2026-06-05'],
  ['05/06/2026', { order: 'mdy' }, '2026-05-06'],
  ['13/06/2026', { order: 'unknown' }, '2026-06-13'],
  ['22 Foo 2026', {}, '!not_a_date'],
  ['kemarin', {}, '!not_a_date'],
  ['22/11', {}, '!not_a_date'],
  ['', {}, null],
  ['-', {}, null],
];

describe('normalizeDate', () => {
  it.each(DATES)('%j %j → %j', (raw, options, expected) => {
    expect(summary(normalizeDate(raw, options))).toEqual(expected);
  });
});

describe('detectDateOrder', () => {
  it.each([
    ['a first part > 12 proves day-first', ['01/02/2026', '22/11/2026'], { order: 'dmy', basis: 'evidence' }],
    ['a second part > 12 proves month-first', ['01/02/2026', '11/22/2026'], { order: 'mdy', basis: 'evidence' }],
    ['nothing proves it: Indonesian day-first', ['01/02/2026', '2026-11-22', '22 Nov 2026'], { order: 'dmy', basis: 'default' }],
    ['both proven: conflict, day-first assumed', ['13/01/2026', '01/13/2026'], { order: 'dmy', basis: 'conflict' }],
    ['timestamps count too', ['13-12-2004 15:16:00', '01-01-2000 12:12:00'], { order: 'dmy', basis: 'evidence' }],
    ['no values', [], { order: 'dmy', basis: 'default' }],
  ] as const)('%s', (_what, values, expected) => {
    expect(detectDateOrder(values)).toEqual(expected);
  });

  it('the detected order resolves the ambiguous values of the same column', () => {
    const column = ['03/04/2026', '12/25/2026', '01/02/2026'];
    const { order } = detectDateOrder(column);
    expect(column.map((v) => summary(normalizeDate(v, { order })))).toEqual(['2026-03-04', '2026-12-25', '2026-01-02']);
  });
});

describe('excelSerialToIso', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [60, null], // Excel's 29 February 1900 never existed
    [61, '1900-03-01'],
    [46348, '2026-11-22'],
    [0, null],
  ] as [number, string | null][])('%d → %s', (serial, expected) => {
    expect(excelSerialToIso(serial)).toBe(expected);
  });
});
