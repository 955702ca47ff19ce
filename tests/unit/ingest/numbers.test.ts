import { describe, it, expect } from 'vitest';
import {
  decimalMarkEvidence,
  detectDecimalMark,
  normalizeInteger,
  normalizeMoney,
  normalizeNumber,
  type DecimalMark,
  type Normalized,
} from '../../../src/lib/ingest/normalize';

/** A result as one comparable value: the value itself, or `!reason`. */
function summary<T>(r: Normalized<T>): T | string {
  return r.ok ? r.value : `!${r.reason}`;
}

type Row = [raw: string, hint: DecimalMark | null, expected: number | null | string];

const NUMBERS: Row[] = [
  ['1.234.567,89', null, 1234567.89],
  ['1,234,567.89', null, 1234567.89],
  ['1234567', null, 1234567],
  ['-1.234', 'comma', -1234],
  ['-1.234', 'dot', -1.234],
  ['-1.234', null, '!ambiguous_number'],
  ['1.234', 'comma', 1234],
  ['1.234', 'dot', 1.234],
  ['1,234', 'comma', 1.234],
  ['1,234', 'dot', 1234],
  ['1,234', null, '!ambiguous_number'],
  ['+1,53e4', null, 15300],
  ['1,53e4', null, 15300],
  ['-1.53e4', null, -15300],
  ['5.33015841993795E-06', null, 5.33015841993795e-6],
  ['(1.000)', 'comma', -1000],
  ['(1.500,50)', null, -1500.5],
  ['0,25', null, 0.25],
  ['0.234', null, 0.234], // a leading 0 cannot be a thousands group
  ['1,5', 'dot', 1.5], // one digit after the mark cannot be a thousands group
  ['12345,678', null, 12345.678], // more than 3 digits before: not grouping
  ['1 234 567', null, 1234567],
  ['1\u00a0234,5', null, 1234.5], // NBSP as thousands separator
  ['\u221212,5', null, -12.5], // Unicode minus sign
  [' 42 ', null, 42],
  ['1.23.4', null, '!not_a_number'],
  ['12,34,567', null, '!not_a_number'], // Indian lakh grouping is not accepted
  ['1.234,5.6', null, '!not_a_number'],
  ['12 34', null, '!not_a_number'],
  ['abc', null, '!not_a_number'],
  ['Rp 5.000', null, '!not_a_number'], // currency only in money columns
  ['', null, null],
  ['-', null, null],
  ['N/A', null, null],
  ['#DIV/0!', null, '!spreadsheet_error'],
];

describe('normalizeNumber', () => {
  it.each(NUMBERS)('%j (hint %s) → %j', (raw, hint, expected) => {
    expect(summary(normalizeNumber(raw, hint))).toEqual(expected);
  });
});

const INTEGERS: Row[] = [
  ['12', null, 12],
  ['1.234', null, 1234], // the only integer reading
  ['1.234.567', null, 1234567],
  ['3.0', null, 3],
  ['1,5', null, '!not_an_integer'],
  ['-7', null, -7],
  ['tujuh', null, '!not_a_number'],
  ['', null, null],
];

describe('normalizeInteger', () => {
  it.each(INTEGERS)('%j → %j', (raw, hint, expected) => {
    expect(summary(normalizeInteger(raw, hint))).toEqual(expected);
  });
});

const MONEY: Row[] = [
  ['Rp 2.500.000', null, 2_500_000],
  ['Rp2.500.000,-', null, 2_500_000],
  ['Rp 2.500.000,00', null, 2_500_000],
  ['Rp. 2.500.000', null, 2_500_000],
  ['IDR 2,500,000', null, 2_500_000],
  ['2.500.000 rupiah', null, 2_500_000],
  ['2,5 jt', null, 2_500_000],
  ['2.5jt', null, 2_500_000],
  ['500 rb', null, 500_000],
  ['500rb', null, 500_000],
  ['15 juta', null, 15_000_000],
  ['1,2 M', null, 1_200_000_000], // M = miliar, not million
  ['Rp 3 M', null, 3_000_000_000],
  ['2 miliar', null, 2_000_000_000],
  ['1.250 jt', 'comma', 1_250_000_000],
  ['1.250 jt', 'dot', 1_250_000],
  ['1.250 jt', null, '!ambiguous_number'],
  ['Rp 2.500', null, 2_500], // in rupiah a mark + 3 digits is always grouping
  ['2.500', 'dot', 2_500],
  ['Rp 1.234.567,89', null, 1_234_568], // whole rupiah
  ['-Rp 5.000', null, -5_000],
  ['Rp -5.000', null, -5_000],
  ['(Rp 5.000)', null, '!not_a_number'],
  ['0', null, 0],
  ['5 kg', null, '!not_a_number'],
  ['Rp', null, '!not_a_number'],
  ['-', null, null],
];

describe('normalizeMoney', () => {
  it.each(MONEY)('%j (hint %s) → %j', (raw, hint, expected) => {
    expect(summary(normalizeMoney(raw, hint))).toEqual(expected);
  });
});

describe('decimalMarkEvidence', () => {
  it.each([
    ['1.234.567,89', 'comma'],
    ['1,234.5', 'dot'],
    ['1.234.567', 'comma'], // repeated dot = grouping, so the decimal mark is the comma
    ['1,234,567', 'dot'],
    ['0,5', 'comma'],
    ['1,53e4', 'comma'],
    ['Rp 2.500.000', 'comma'],
    ['2,5 jt', 'comma'],
    ['1.234', null],
    ['2013', null],
    ['01-01-13', null],
    ['09.07.2013', null],
    ['Papua New Guinea', null],
  ] as [string, DecimalMark | null][])('%j → %s', (raw, expected) => {
    expect(decimalMarkEvidence(raw)).toBe(expected);
  });

  it('detectDecimalMark takes the majority of a column, null when nothing proves it', () => {
    expect(detectDecimalMark(['1,5', '2', '3,25', '1.234'])).toBe('comma');
    expect(detectDecimalMark(['1.5', '2', '300,000.25'])).toBe('dot');
    expect(detectDecimalMark(['1.234', '5.678', '12'])).toBeNull();
    expect(detectDecimalMark(['1,5', '1.5'])).toBeNull();
  });
});
