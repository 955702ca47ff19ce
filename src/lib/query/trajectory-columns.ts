/**
 * Explore's cohort trajectories of an outcome measure (trajectory.ts) from columns in
 * memory and the view's selection, which the main chart's groups usually asked for already:
 * a filter change then costs the trajectories no query. The outcome points of a measure
 * (client, measurement, months since the start, value) are asked once per model generation;
 * cohorts come in the engine's own order (client-columns.ts). Counts, mean months (integer
 * sums over counts), shares and medians are the SQL's own numbers; a mean is summed in
 * another order (last bits).
 */
import type { Database } from './database';
import { clientSelectionSql, Params, usesFunctions } from './group-query';
import { groupColumn, memoColumn, numbers, selectedClients, type GroupColumn } from './client-columns';
import { ensureFramework, frameworkKnown } from './model';
import { measureByKey, type Statistic } from './measures';
import type { TrajectoryPoint, TrajectorySpec } from './trajectory';
import { groupRow } from './group-rows';

/** The measure's outcome points with a known month (`outcome_point`), as parallel arrays. */
export interface OutcomePoints {
  /** Points of client k are at start[k] … start[k + 1] − 1 (sorted by client). */
  readonly start: Int32Array;
  readonly keys: Int32Array;
  /** Dense codes of the measurement (baseline, midline, endline …); `measurements` of them. */
  readonly measurement: Int32Array;
  readonly measurements: number;
  /** The measurement of each code: the point in time cohorts share (trajectory.ts `point`). */
  readonly measurementNames: readonly string[];
  readonly months: Float64Array;
  readonly has: Uint8Array;
  readonly values: Float64Array;
}

export function outcomePoints(db: Database, expression: string): Promise<OutcomePoints> {
  return memoColumn(db, `outcome ${expression}`, async () => {
    const [row] = await db.query<Record<string, unknown>>(
      `WITH m AS (SELECT measurement, (row_number() OVER () - 1)::INTEGER AS code FROM (SELECT DISTINCT measurement FROM outcome_point))
       SELECT list(f.client_key) AS keys, list(m.code) AS measurement, (SELECT count(*) FROM m)::INTEGER AS measurements,
         (SELECT list(measurement::VARCHAR ORDER BY code) FROM m) AS measurement_names,
         list(f.months::DOUBLE) AS months, list(((${expression}) IS NOT NULL)::INTEGER) AS has,
         list(coalesce((${expression})::DOUBLE, 0)) AS "values"
       FROM outcome_point f JOIN m ON m.measurement IS NOT DISTINCT FROM f.measurement
       WHERE f.months IS NOT NULL`,
    );
    // Sorted by client here (a counting sort: the engine's ORDER BY in five lists cost ≈ 150 ms at 1M sessions).
    const rawKeys = numbers(row?.keys);
    const order = orderByClient(rawKeys);
    const pick = <T extends Int32Array | Float64Array | Uint8Array>(make: new (n: number) => T, cell: unknown): T => {
      const source = numbers(cell);
      const out = new make(order.positions.length);
      for (let i = 0; i < out.length; i++) out[i] = source[order.positions[i] as number] as number;
      return out;
    };
    return {
      start: order.start,
      keys: pick(Int32Array, row?.keys),
      measurement: pick(Int32Array, row?.measurement),
      measurements: Number(row?.measurements ?? 0),
      measurementNames: textList(row?.measurement_names),
      months: pick(Float64Array, row?.months),
      has: pick(Uint8Array, row?.has),
      values: pick(Float64Array, row?.values),
    };
  });
}

/** A VARCHAR[] cell as strings. */
function textList(cell: unknown): string[] {
  const list = (cell as { toArray?: () => unknown[] } | null)?.toArray?.() ?? (Array.isArray(cell) ? cell : []);
  return Array.from(list, (v) => String(v ?? ''));
}

/** The positions of the points in client order, and where each client's points begin (start[k] … start[k + 1] − 1). */
function orderByClient(keys: ArrayLike<number>): { positions: Int32Array; start: Int32Array } {
  let max = 0;
  for (let i = 0; i < keys.length; i++) if ((keys[i] as number) > max) max = keys[i] as number;
  const start = new Int32Array(max + 2);
  for (let i = 0; i < keys.length; i++) start[(keys[i] as number) + 1]! += 1;
  for (let k = 1; k < start.length; k++) start[k]! += start[k - 1] as number;
  const next = start.slice(0, max + 1);
  const positions = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) positions[next[keys[i] as number]!++] = i;
  return { positions, start };
}

/**
 * Per cohort and measurement of the selected clients: mean months, the statistic of the
 * values and their n; groups without a value left out; by cohort, then by months.
 */
export function trajectoryOf(selected: Int32Array, cohorts: GroupColumn, points: OutcomePoints, statistic: Statistic): TrajectoryPoint[] {
  const M = points.measurements;
  const groupCount = cohorts.groups.length * M;
  const rows = new Float64Array(groupCount);
  const monthSums = new Float64Array(groupCount);
  const valueCounts = new Int32Array(groupCount);
  const { start } = points;
  for (let s = 0; s < selected.length; s++) {
    const key = selected[s] as number;
    const cohort = key < cohorts.codes.length ? (cohorts.codes[key] as number) : -1;
    if (cohort < 0 || key + 1 >= start.length) continue;
    for (let i = start[key] as number; i < (start[key + 1] as number); i++) {
      const g = cohort * M + (points.measurement[i] as number);
      rows[g]! += 1;
      monthSums[g]! += points.months[i] as number;
      if (points.has[i] === 1) valueCounts[g]! += 1;
    }
  }
  const buckets = Array.from(valueCounts, (n) => new Float64Array(n));
  const filled = new Int32Array(groupCount);
  for (let s = 0; s < selected.length; s++) {
    const key = selected[s] as number;
    const cohort = key < cohorts.codes.length ? (cohorts.codes[key] as number) : -1;
    if (cohort < 0 || key + 1 >= start.length) continue;
    for (let i = start[key] as number; i < (start[key + 1] as number); i++) {
      if (points.has[i] !== 1) continue;
      const g = cohort * M + (points.measurement[i] as number);
      (buckets[g] as Float64Array)[filled[g]!++] = points.values[i] as number;
    }
  }
  const out: TrajectoryPoint[] = [];
  for (let cohort = 0; cohort < cohorts.groups.length; cohort++) {
    const line: TrajectoryPoint[] = [];
    for (let m = 0; m < M; m++) {
      const g = cohort * M + m;
      if ((valueCounts[g] as number) === 0) continue;
      const { value, n } = groupRow(null, null, buckets[g] as Float64Array, statistic, false);
      line.push({
        cohort: cohorts.groups[cohort] ?? null,
        months: (monthSums[g] as number) / (rows[g] as number),
        value,
        n,
        point: points.measurementNames[m] ?? '',
      });
    }
    out.push(...line.sort((a, b) => a.months - b.months));
  }
  return out;
}

/**
 * Explore's trajectories from columns for outcome measures; null where trajectory.ts's SQL
 * must answer (cumulative sessions or hours, or no trajectory at all).
 */
export async function trajectoryFromColumns(db: Database, spec: TrajectorySpec, signal?: AbortSignal): Promise<TrajectoryPoint[] | null> {
  const measure = measureByKey(spec.measure);
  if (!measure) throw new Error(`Unknown measure: ${JSON.stringify(spec.measure)}`);
  if (measure.trajectory !== 'outcome') return null;
  if (usesFunctions(spec) && !frameworkKnown(db, spec.framework)) await ensureFramework(db, spec.framework);
  const params = new Params();
  const sql = clientSelectionSql(spec.filters, spec.framework, spec.minSessions, params);
  const [selected, cohorts, points] = await Promise.all([
    selectedClients(db, JSON.stringify([sql, params.list]), sql, params.list, signal, spec.filters),
    groupColumn(db, 'f.cohort'),
    outcomePoints(db, measure.value),
  ]);
  return trajectoryOf(selected, cohorts, points, measure.statistic);
}
