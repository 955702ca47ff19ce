/**
 * Reads the regression fixtures (tests/fixtures/regression) and builds exactly the designs
 * that reference.py builds, so the TypeScript fit and the statsmodels reference see the
 * same matrix.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DesignMatrix } from '../../src/lib/stats/regression';

const DIR = fileURLToPath(new URL('../fixtures/regression/', import.meta.url));

export interface ReferenceCoefficient {
  estimate: number;
  se: number;
  t: number;
  p: number;
  low: number;
  high: number;
}

export interface ReferenceFit {
  columns: string[];
  dropped: string[];
  n: number;
  clusters: number;
  rank: number;
  df_resid: number;
  df_inference: number;
  rsquared: number;
  coefficients: Record<string, ReferenceCoefficient | null>;
}

export const reference = JSON.parse(readFileSync(`${DIR}reference.json`, 'utf8')) as {
  clustered: ReferenceFit;
  simulated: ReferenceFit;
};

function readCsv(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(`${DIR}${name}`, 'utf8').trim().split('\n');
  const keys = (header as string).split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(keys.map((k, i) => [k, cells[i] as string]));
  });
}

export interface Dataset {
  design: DesignMatrix;
  y: Float64Array;
  cluster: Int32Array;
}

function build(
  rows: Record<string, string>[],
  columns: readonly string[],
  cell: (row: Record<string, string>, column: string) => number,
): Dataset {
  const p = columns.length;
  const values = new Float64Array(rows.length * p);
  rows.forEach((row, i) => columns.forEach((c, j) => (values[i * p + j] = cell(row, c))));
  return {
    design: { values, rows: rows.length, columns },
    y: Float64Array.from(rows, (r) => Number(r.y)),
    cluster: Int32Array.from(rows, (r) => Number(r.mentor)),
  };
}

export function clusteredDataset(): Dataset {
  return build(readCsv('clustered.csv'), reference.clustered.columns, (row, c) => {
    const region = row.region as string;
    switch (c) {
      case 'intercept':
        return 1;
      case 'region_B':
        return region === 'B' ? 1 : 0;
      case 'region_C':
        return region === 'C' ? 1 : 0;
      case 'island_sumbawa':
        return region === 'B' || region === 'C' ? 1 : 0;
      default:
        return Number(row[c]);
    }
  });
}

export function simulatedDataset(): Dataset {
  return build(readCsv('simulated.csv'), reference.simulated.columns, (row, c) => {
    if (c === 'intercept') return 1;
    if (c.startsWith('region_')) return Number(row.region) === Number(c.slice(7)) ? 1 : 0;
    return Number(row[c]);
  });
}
