/** Workbook cells → canonical CSV text: numbers, dates, booleans, text. */
import { describe, expect, it } from 'vitest';
import { cellText, dateText, numberText, plainDecimal } from '../../../src/lib/ingest/xlsx-cells';

describe('numberText: what Excel wrote in <v>, as plain decimal text', () => {
  it.each([
    ['12500000', '12500000'],
    ['0', '0'],
    ['-0', '0'],
    ['+7', '7'],
    ['2.5', '2.5'],
    ['-1.25', '-1.25'],
    // =0.1+0.2: Excel stores the double and writes its round-trip text; 15 digits is what Excel shows.
    ['0.30000000000000004', '0.3'],
    ['1.1000000000000001', '1.1'],
    ['12500000.000000002', '12500000'],
    // 16-digit ids written by another program are kept digit for digit…
    ['3201234567890123', '3201234567890123'],
    ['12345678901234567890', '12345678901234567890'],
    // …and the 15-digit truncation Excel itself applies on typing is what it stored.
    ['3201234567890120', '3201234567890120'],
    // exponents go
    ['1E-3', '0.001'],
    ['1.5E+20', '150000000000000000000'],
    ['1.23456789012345E+15', '1234567890123450'],
    ['1E-20', '0.00000000000000000001'],
    ['2.0E+1', '20'],
  ])('%s → %s', (raw, text) => {
    expect(numberText(raw)).toBe(text);
  });

  it('keeps text that is not a number as it is', () => {
    expect(numberText('#N/A')).toBe('#N/A');
    expect(numberText('')).toBe('');
  });

  it('plainDecimal never writes an exponent', () => {
    for (const x of [1e21, 1.5e-7, 123456789.123, -9.87654321e-12, Number.MAX_SAFE_INTEGER + 2]) {
      const text = plainDecimal(x);
      expect(text).toMatch(/^-?\d+(\.\d+)?$/);
      expect(Number(text) / x).toBeCloseTo(1, 12);
    }
  });
});

describe('dateText: date cells as ISO dates', () => {
  const utc = (...p: [number, number, number, number?, number?, number?, number?]) => new Date(Date.UTC(...p));
  it('a date, and a date-time keeps its date', () => {
    expect(dateText(utc(2024, 2, 4), false)).toBe('2024-03-04');
    expect(dateText(utc(2024, 2, 4, 15, 29, 59, 999), false)).toBe('2024-03-04');
    expect(dateText(utc(2026, 10, 22, 23, 59, 59), false)).toBe('2026-11-22');
  });
  it('a serial a hair before midnight (formula arithmetic) is the next day, not the day before', () => {
    // 45355 − 1e-11: the library floors the millisecond to 23:59:59.999 of 3 March.
    expect(dateText(utc(2024, 2, 3, 23, 59, 59, 999), false)).toBe('2024-03-04');
  });
  it('a time of day alone (serial below 1) is hh:mm or hh:mm:ss, in both date systems', () => {
    expect(dateText(utc(1899, 11, 30, 13, 30), false)).toBe('13:30');
    expect(dateText(utc(1899, 11, 30, 8, 5, 9), false)).toBe('08:05:09');
    expect(dateText(utc(1904, 0, 1, 13, 30), true)).toBe('13:30');
    // 1904-01-01 is an ordinary day in the 1900 system
    expect(dateText(utc(1904, 0, 1), false)).toBe('1904-01-01');
  });
});

describe('cellText', () => {
  it('text, booleans, numbers, dates, empty', () => {
    expect(cellText('0812345678', false)).toBe('0812345678');
    expect(cellText(true, false)).toBe('true');
    expect(cellText(false, false)).toBe('false');
    expect(cellText({ number: '1.5' }, false)).toBe('1.5');
    expect(cellText(new Date(Date.UTC(2025, 0, 31)), true)).toBe('2025-01-31');
    expect(cellText(null, false)).toBe('');
  });
});
