import { describe, expect, it } from 'vitest';
import { isTargetsHeader, readTargets, readTargetValue, targetColumns } from '../../../src/lib/ingest/targets-file';
import { measureByKey } from '../../../src/lib/query/measures';

const HEADER = ['indicator', 'target', 'period', 'region_code', 'cohort', 'programme'];
const row = (indicator: string, target: string, period = '', region = '', cohort = '', programme = '') => [
  indicator,
  target,
  period,
  region,
  cohort,
  programme,
];

describe('recognising a targets file by its header', () => {
  it('takes English and Indonesian column names, in any order and case', () => {
    expect(isTargetsHeader(['indicator', 'target'])).toBe(true);
    expect(isTargetsHeader(['Tahun', 'Indikator', 'Sasaran', 'Kode Wilayah', 'Angkatan', 'Program'])).toBe(true);
    expect(targetColumns(['Tahun', 'Indikator', 'Sasaran', 'Kode Wilayah', 'Angkatan', 'Program'])).toEqual([
      'period',
      'indicator',
      'target',
      'region_code',
      'cohort',
      'programme',
    ]);
  });

  it('does not take a data file, or a file with only one of the two', () => {
    expect(isTargetsHeader(['client_id', 'region_code', 'cohort', 'programme', 'enrolled_on'])).toBe(false);
    expect(isTargetsHeader(['indicator', 'value'])).toBe(false);
    expect(isTargetsHeader(['target', 'period'])).toBe(false);
  });

  it('uses the first column of a name given twice', () => {
    expect(targetColumns(['indicator', 'target', 'target'])).toEqual(['indicator', 'target', null]);
  });
});

describe('reading a target value', () => {
  const share = measureByKey('naik_kelas_rate')!;
  const growth = measureByKey('revenue_growth_median')!;
  const change = measureByKey('has_nib_change')!;
  const sessions = measureByKey('sessions_per_client')!;

  it('reads shares written as a fraction, a percentage or with a percent sign', () => {
    for (const raw of ['0.6', '0,6', '60', '60%', '60 %', ' 60,0 % ']) expect(readTargetValue(raw, share)).toBeCloseTo(0.6, 12);
    expect(readTargetValue('1', share)).toBe(1);
    expect(readTargetValue('100', share)).toBe(1);
    expect(readTargetValue('0', share)).toBe(0);
  });

  it('reads other % measures the same way (growth, percentage points), negatives included', () => {
    expect(readTargetValue('15%', growth)).toBeCloseTo(0.15, 12);
    expect(readTargetValue('150%', growth)).toBeCloseTo(1.5, 12);
    expect(readTargetValue('150', growth)).toBeCloseTo(1.5, 12);
    expect(readTargetValue('10', change)).toBeCloseTo(0.1, 12);
    expect(readTargetValue('-0.05', change)).toBeCloseTo(-0.05, 12);
  });

  it('reads plain numbers as they are for counts, and refuses a percent sign there', () => {
    expect(readTargetValue('6', sessions)).toBe(6);
    expect(readTargetValue('7,5', sessions)).toBe(7.5);
    expect(readTargetValue('6%', sessions)).toBeNull();
  });

  it('refuses what is not a number', () => {
    for (const raw of ['', 'enam puluh', '#VALUE!', '60%%', '1.234.5']) expect(readTargetValue(raw, share)).toBeNull();
  });
});

describe('reading a targets table', () => {
  it('reads keys and labels in both languages, and the optional columns', () => {
    const read = readTargets(HEADER, [
      row('naik_kelas_rate', '60%'),
      row('Share holding an NIB at endline', '0,8', '2025'),
      row('persentase memiliki nib di endline', '85', '', 'Kota Mataram'),
      row('REVENUE GROWTH (MEDIAN)', '15', '', '5201', '2024-A', 'bds'),
    ]);
    expect(read.problems).toEqual([]);
    expect(read.rows).toBe(4);
    expect(read.targets).toEqual([
      { indicator: 'naik_kelas_rate', target: 0.6, period: null, region_code: null, cohort: null, programme: null },
      { indicator: 'has_nib_endline_rate', target: 0.8, period: 2025, region_code: null, cohort: null, programme: null },
      { indicator: 'has_nib_endline_rate', target: 0.85, period: null, region_code: '5271', cohort: null, programme: null },
      { indicator: 'revenue_growth_median', target: 0.15, period: null, region_code: '5201', cohort: '2024-A', programme: 'bds' },
    ]);
  });

  it('reports each unusable row with its line and leaves it out', () => {
    const read = readTargets(HEADER, [
      row('jumlah klien bahagia', '10'),
      row('', '10'),
      row('naik_kelas_rate', ''),
      row('naik_kelas_rate', 'tinggi'),
      row('naik_kelas_rate', '60', '25'),
      row('naik_kelas_rate', '60', '', 'Kabupaten Bali'),
      row('naik_kelas_rate', '50%', '', '5201'),
    ]);
    expect(read.problems).toEqual([
      { code: 'unknown_indicator', line: 2, value: 'jumlah klien bahagia' },
      { code: 'missing_indicator', line: 3, value: '' },
      { code: 'missing_target', line: 4, value: '' },
      { code: 'bad_target', line: 5, value: 'tinggi' },
      { code: 'bad_period', line: 6, value: '25' },
      { code: 'unknown_region', line: 7, value: 'Kabupaten Bali' },
    ]);
    expect(read.targets).toHaveLength(1);
  });

  it('reports the same target twice, and keeps the first when the values differ', () => {
    const read = readTargets(HEADER, [
      row('naik_kelas_rate', '60%'),
      row('Naik kelas (skala usaha naik)', '0.6'),
      row('naik_kelas_rate', '70%'),
      row('naik_kelas_rate', '70%', '2025'),
    ]);
    expect(read.problems.map((p) => [p.code, p.line])).toEqual([
      ['duplicate', 3],
      ['conflicting_duplicate', 4],
    ]);
    expect(read.targets.map((t) => [t.target, t.period])).toEqual([
      [0.6, null],
      [0.7, 2025],
    ]);
  });

  it('skips blank rows and uses the line numbers it is given', () => {
    const read = readTargets(
      ['Indikator', 'Sasaran'],
      [
        ['', ''],
        ['naik_kelas_rate', 'x'],
      ],
      [3, 9],
    );
    expect(read.rows).toBe(1);
    expect(read.problems).toEqual([{ code: 'bad_target', line: 9, value: 'x' }]);
  });
});
