/**
 * A targets file: one row per target, recognised by its header (an `indicator` and a
 * `target` column, in English or Indonesian) and read into validated targets.
 *
 *   indicator,target,period,region_code,cohort,programme
 *   naik_kelas_rate,60%,,,,
 *   Memiliki NIB di endline,0.8,2025,5201,,
 *
 * - `indicator`: a measure key or its label in either language (case, accents and
 *   punctuation ignored).
 * - `target`: a number in the measure's own unit. For measures shown in % (shares,
 *   growth, changes in percentage points) `60%` and `60` mean 60 % and `0.6` means 60 %:
 *   a plain number between −1 and 1 is a fraction, anything larger a percentage. Decimal
 *   comma or dot, as in data files.
 * - `period` (a year), `region_code` (code or name of a kabupaten/kota), `cohort`,
 *   `programme`: optional; a row with all four empty is the whole-programme target.
 *
 * Rows that cannot be used are reported (unknown indicator or region, a target that is
 * not a number, a year that is not one, the same target twice) and left out; the rest load.
 */
import { MEASURES, type MeasureDef } from '../query/measures';
import { foldText } from './normalize-common';
import { normalizeNumber } from './normalize-number';
import { normalizeRegion } from './normalize-region';

export type TargetColumn = 'indicator' | 'target' | 'period' | 'region_code' | 'cohort' | 'programme';

export interface Target {
  /** Measure key. */
  readonly indicator: string;
  /** In the measure's unit; shares and other % measures as fractions (0.6 = 60 %). */
  readonly target: number;
  readonly period: number | null;
  readonly region_code: string | null;
  readonly cohort: string | null;
  readonly programme: string | null;
}

export type TargetProblemCode =
  | 'unknown_indicator'
  | 'missing_indicator'
  | 'bad_target'
  | 'missing_target'
  | 'bad_period'
  | 'unknown_region'
  | 'duplicate'
  | 'conflicting_duplicate';

export interface TargetProblem {
  readonly code: TargetProblemCode;
  /** 1-based line in the file (the header is line 1 when it is the first line). */
  readonly line: number;
  /** The cell as written. */
  readonly value: string;
}

export interface TargetsRead {
  readonly targets: Target[];
  readonly problems: TargetProblem[];
  /** Data rows read (blank rows not counted). */
  readonly rows: number;
}

/** Spellings of each column's name, folded (see `foldText`). */
const COLUMN_NAMES: Record<TargetColumn, readonly string[]> = {
  indicator: ['indicator', 'indikator', 'measure', 'ukuran', 'indicator key', 'kode indikator'],
  target: ['target', 'sasaran', 'target value', 'nilai target'],
  period: ['period', 'periode', 'year', 'tahun'],
  region_code: ['region code', 'region', 'kode wilayah', 'wilayah', 'kabupaten kota', 'kabupaten', 'kode kabupaten'],
  cohort: ['cohort', 'kohort', 'angkatan'],
  programme: ['programme', 'program', 'program name'],
};

/** Which target column each header cell is (null for columns the format does not have). */
export function targetColumns(header: readonly string[]): (TargetColumn | null)[] {
  const seen = new Set<TargetColumn>();
  return header.map((name) => {
    const folded = foldText(name);
    const column = (Object.keys(COLUMN_NAMES) as TargetColumn[]).find((c) => COLUMN_NAMES[c].includes(folded)) ?? null;
    if (column === null || seen.has(column)) return null;
    seen.add(column);
    return column;
  });
}

/** A header is a targets file's when it names both an indicator and a target column. */
export function isTargetsHeader(header: readonly string[]): boolean {
  const columns = targetColumns(header);
  return columns.includes('indicator') && columns.includes('target');
}

/** Measures by folded key and folded label in both languages. */
const MEASURE_NAMES: ReadonlyMap<string, MeasureDef> = new Map(
  MEASURES.flatMap((m) => [m.key, m.label_id, m.label_en].map((name): [string, MeasureDef] => [foldText(name), m])),
);

export function indicatorByName(raw: string): MeasureDef | null {
  return MEASURE_NAMES.get(foldText(raw)) ?? null;
}

/** Measures whose values are fractions shown as % (shares, growth, changes in percentage points). */
export function isPercentMeasure(measure: MeasureDef): boolean {
  return measure.format === 'percent' || measure.format === 'pp';
}

/** The target as a number in the measure's unit, or null when the cell is not a number. */
export function readTargetValue(raw: string, measure: MeasureDef): number | null {
  const text = raw.trim();
  const percentSign = /%\s*$/.test(text);
  const number = normalizeNumber(percentSign ? text.replace(/%\s*$/, '') : text);
  if (!number.ok || number.value === null) return null;
  if (!isPercentMeasure(measure)) return percentSign ? null : number.value;
  return percentSign || Math.abs(number.value) > 1 ? number.value / 100 : number.value;
}

const YEAR = /^(19|20|21)\d{2}$/;

function text(cell: string | undefined): string | null {
  const trimmed = (cell ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

/** The key that makes two rows the same target (indicator and where it applies). */
export function targetKey(t: Pick<Target, 'indicator' | 'period' | 'region_code' | 'cohort' | 'programme'>): string {
  return [t.indicator, t.period ?? '', t.region_code ?? '', t.cohort ?? '', t.programme ?? ''].join('\u0000');
}

/**
 * Reads a targets table. `rows` are the data rows as raw cells in header order; `lines`
 * their line numbers (defaults to header on line 1, one row per line).
 */
export function readTargets(header: readonly string[], rows: readonly (readonly string[])[], lines?: readonly number[]): TargetsRead {
  const columns = targetColumns(header);
  const at = (row: readonly string[], column: TargetColumn) => {
    const i = columns.indexOf(column);
    return i < 0 ? null : text(row[i]);
  };
  const targets: Target[] = [];
  const problems: TargetProblem[] = [];
  const byKey = new Map<string, Target>();
  let read = 0;
  rows.forEach((row, index) => {
    if (row.every((cell) => cell.trim() === '')) return;
    read += 1;
    const line = lines?.[index] ?? index + 2;
    const problem = (code: TargetProblemCode, value: string | null) => problems.push({ code, line, value: value ?? '' });

    const indicatorCell = at(row, 'indicator');
    const targetCell = at(row, 'target');
    if (indicatorCell === null) return problem('missing_indicator', null);
    const measure = indicatorByName(indicatorCell);
    if (!measure) return problem('unknown_indicator', indicatorCell);
    if (targetCell === null) return problem('missing_target', null);
    const value = readTargetValue(targetCell, measure);
    if (value === null) return problem('bad_target', targetCell);

    const periodCell = at(row, 'period');
    if (periodCell !== null && !YEAR.test(periodCell)) return problem('bad_period', periodCell);
    const regionCell = at(row, 'region_code');
    const region = regionCell === null ? null : normalizeRegion(regionCell);
    if (region && (!region.ok || region.value === null)) return problem('unknown_region', regionCell);

    const target: Target = {
      indicator: measure.key,
      target: value,
      period: periodCell === null ? null : Number(periodCell),
      region_code: region?.ok ? region.value : null,
      cohort: at(row, 'cohort'),
      programme: at(row, 'programme'),
    };
    const key = targetKey(target);
    const earlier = byKey.get(key);
    if (earlier) return problem(earlier.target === target.target ? 'duplicate' : 'conflicting_duplicate', indicatorCell);
    byKey.set(key, target);
    targets.push(target);
  });
  return { targets, problems, rows: read };
}
