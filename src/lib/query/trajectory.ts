/**
 * Cohort trajectories: a measure by months since the start of mentoring, one line per
 * cohort. Outcome measures are evaluated at each measurement (baseline, midline, endline)
 * over `outcome_point`; mentoring measures accumulate sessions or hours month by month.
 */
import type { Database } from './database';
import { clientFilterSql, Params, usesFunctions, type ViewFilters } from './group-query';
import { completeModel, ensureFramework } from './model';
import { measureByKey } from './measures';

export interface TrajectoryPoint {
  cohort: string | null;
  /** Months since the start of mentoring (mean over the clients measured at that point). */
  months: number;
  value: number | null;
  n: number;
  /**
   * The point in time the cohorts share: the measurement (baseline, midline, endline) or the
   * month since the start. Cohorts at one point partition the clients (disclosure.ts).
   */
  point: string;
}

export interface TrajectorySpec {
  measure: string;
  framework: string;
  minSessions: number;
  filters: ViewFilters;
}

function selectedClientsSql(spec: TrajectorySpec, params: Params): string {
  const conditions = clientFilterSql(spec.filters, spec.framework, spec.minSessions, params);
  if (spec.filters.dateFrom) conditions.push(`f.enrolled_on >= ${params.add(spec.filters.dateFrom)}::DATE`);
  if (spec.filters.dateTo) conditions.push(`f.enrolled_on <= ${params.add(spec.filters.dateTo)}::DATE`);
  return `SELECT client_key, client_id, cohort, enrolled_on FROM client_fact f ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`;
}

/** Returns null when the measure has no meaningful trajectory. */
export async function cohortTrajectories(db: Database, spec: TrajectorySpec, signal?: AbortSignal): Promise<TrajectoryPoint[] | null> {
  const measure = measureByKey(spec.measure);
  if (!measure) throw new Error(`Unknown measure: ${JSON.stringify(spec.measure)}`);
  if (usesFunctions(spec)) await ensureFramework(db, spec.framework);
  const params = new Params();
  if (measure.trajectory === 'outcome') {
    const v = measure.value;
    const agg = measure.statistic === 'median' ? `median(${v})` : measure.statistic === 'mean' ? `avg(${v})` : `avg((${v})::INTEGER)`;
    const selected = selectedClientsSql(spec, params);
    return db.query<TrajectoryPoint>(
      `SELECT f.cohort, avg(f.months)::DOUBLE AS months, ${agg}::DOUBLE AS value, count(${v})::INTEGER AS n,
         f.measurement::VARCHAR AS point
       FROM outcome_point f SEMI JOIN (${selected}) sel ON sel.client_key = f.client_key
       WHERE f.months IS NOT NULL
       GROUP BY f.cohort, f.measurement
       HAVING count(${v}) > 0
       ORDER BY f.cohort, months`,
      params.list,
      { signal },
    );
  }
  if (measure.trajectory === 'sessions' || measure.trajectory === 'hours') {
    const amount = measure.trajectory; // a column of client_month
    await completeModel(db);
    const selected = selectedClientsSql(spec, params);
    return db.query<TrajectoryPoint>(
      `WITH sel AS (${selected}),
        sizes AS (SELECT cohort, count(*) AS clients FROM sel GROUP BY cohort),
        monthly AS (
          SELECT cm.cohort, cm.months, sum(cm.${amount}) AS amount
          FROM client_month cm SEMI JOIN sel ON sel.client_key = cm.client_key
          GROUP BY ALL
        )
       SELECT monthly.cohort, monthly.months::DOUBLE AS months,
         (sum(amount) OVER (PARTITION BY monthly.cohort ORDER BY monthly.months) / sizes.clients)::DOUBLE AS value,
         sizes.clients::INTEGER AS n, monthly.months::VARCHAR AS point
       FROM monthly JOIN sizes USING (cohort)
       ORDER BY monthly.cohort, months`,
      params.list,
      { signal },
    );
  }
  return null;
}
