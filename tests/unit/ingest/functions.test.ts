import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCrosswalk } from '../../../src/lib/domain/frameworks';
import { findColumn } from '../../../src/lib/domain/schema';
import { buildFunctionIndex, normalizeCell, normalizeFunctions, type Normalized } from '../../../src/lib/ingest/normalize';

// The crosswalk is data: read once here and passed in, as the browser code does.
const crosswalk = parseCrosswalk(readFileSync(path.resolve(process.cwd(), 'data/mentor-functions.csv'), 'utf8'));
const index = buildFunctionIndex(crosswalk);

function summary<T>(r: Normalized<T>): T | string {
  return r.ok ? r.value : `!${r.reason}`;
}

const CASES: [raw: string, framework: string | undefined, expected: string[] | string | null][] = [
  ['Fasilitator', undefined, ['facilitate']],
  ['memfasilitasi', undefined, ['facilitate']],
  ['facilitating', undefined, ['facilitate']],
  ['facilitate', undefined, ['facilitate']],
  ['FASILITASI', undefined, ['facilitate']],
  ['Observasi awal', undefined, ['observe']],
  ['penjajakan kebutuhan', undefined, ['observe']],
  ['Evaluasi dan refleksi', undefined, ['evaluate']], // ` dan ` inside a name is not a separator
  ['Menyusun laporan', undefined, ['report']],
  ['report writing', undefined, ['report']],
  ['Membimbing; Mengoreksi', undefined, ['guide', 'correct']],
  ['advise|guide', undefined, ['guide', 'advise']], // official order
  ['Mediator dan Advokasi', undefined, ['mediate', 'advocate']],
  ['edukasi + supervisi', undefined, ['educate', 'supervise']],
  ['nasihat / koreksi', undefined, ['correct', 'advise']],
  ['Fasilitator & Pendidik', undefined, ['facilitate', 'educate']],
  ['bimbingan,bimbingan', undefined, ['guide']],
  ['OBSERVE | GUIDE', undefined, ['observe', 'guide']],
  // Names of other frameworks map to their official tasks.
  ['penjangkauan', undefined, ['observe']],
  ['pemungkinan', undefined, ['observe', 'facilitate']],
  ['dinamisator', undefined, ['guide', 'correct', 'supervise', 'evaluate']],
  ['komunikator', undefined, ['advise', 'advocate', 'educate', 'report']],
  ['pialang sosial', undefined, ['facilitate']],
  ['makelar kasus', undefined, ['observe']],
  ['Menopang', undefined, ['supervise', 'evaluate']],
  ['trust building', undefined, ['mediate', 'evaluate']],
  ['Administrasi, laporan dan basis data', undefined, ['report']], // a label with separators in it
  ['membangun kepercayaan dan penjangkauan', undefined, ['observe', 'mediate', 'evaluate']],
  // A name two frameworks give different meanings needs the framework.
  ['empowering', undefined, '!ambiguous_function'],
  ['empowering', 'wiryasaputra', ['facilitate', 'educate']],
  ['empowering', 'suharto_functions', ['correct', 'educate']],
  ['menyanyi', undefined, '!unknown_function'],
  ['membimbing, menyanyi', undefined, '!unknown_function'],
  ['', undefined, null],
  ['-', undefined, null],
];

describe('normalizeFunctions (crosswalk from data/mentor-functions.csv)', () => {
  it.each(CASES)('%j (framework %s) → %j', (raw, framework, expected) => {
    expect(summary(normalizeFunctions(raw, index, { framework }))).toEqual(expected);
  });

  it('names the unknown part', () => {
    expect(normalizeFunctions('membimbing, menyanyi', index)).toEqual({ ok: false, reason: 'unknown_function', detail: 'menyanyi' });
  });

  it('normalizeCell uses the index for the sessions.functions column', () => {
    const col = findColumn('sessions', 'functions');
    if (!col) throw new Error('sessions.functions missing');
    expect(summary(normalizeCell(col, 'Fasilitator, Edukasi', { functionIndex: index }))).toEqual(['facilitate', 'educate']);
  });

  it('a pathological cell with thousands of pieces stays fast enough to finish', () => {
    const cell = Array.from({ length: 5000 }, () => 'membimbing').join(', ');
    expect(summary(normalizeFunctions(cell, index))).toEqual(['guide']);
  });
});
