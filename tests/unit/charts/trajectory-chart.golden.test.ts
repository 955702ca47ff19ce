// @vitest-environment jsdom
/** Golden files of the cohort trajectories (see golden.ts). */
import { describe, it } from 'vitest';
import { trajectoryChart, type TrajectoryDatum, type TrajectoryOptions } from '../../../src/lib/charts/trajectory-chart';
import { expectGolden } from './golden';
import { percent, thousands } from './format';

const cohorts = ['Angkatan 2022', 'Angkatan 2023', 'Angkatan 2024'];
/** Three cohorts; the two older ones end close together, so their end labels are moved apart. */
const values: Record<string, number[]> = {
  'Angkatan 2022': [0.05, 0.12, 0.19, 0.24, 0.27],
  'Angkatan 2023': [0.04, 0.1, 0.17, 0.26],
  'Angkatan 2024': [0.06, 0.09],
};
const points = (selected: string | null): TrajectoryDatum[] =>
  cohorts.flatMap((cohort) =>
    values[cohort].map((value, i) => ({ cohort, months: 6 * i, value, n: 400 - 60 * i, selected: cohort === selected })),
  );

const options = (width: number, anySelected: boolean): TrajectoryOptions => ({
  width,
  factor: 100,
  xLabel: 'Bulan sejak pendampingan dimulai',
  yLabel: 'Naik kelas (%)',
  formatValue: percent,
  formatCount: thousands,
  anySelected,
  cohorts,
});

describe('trajectoryChart golden files', () => {
  it('three cohorts, end labels apart', () => expectGolden('trajectory-chart', trajectoryChart(points(null), options(720, false))));
  it('one cohort selected, the others pale, narrow', () =>
    expectGolden('trajectory-chart-selected-narrow', trajectoryChart(points('Angkatan 2023'), options(390, true))));
});
