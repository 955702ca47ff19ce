/**
 * The headline numbers (KPI cards) for the selected clients, and the labels of a
 * framework's functions. Charts use `runGroupQuery` (group-query.ts).
 */
import type { Database } from './database';
import { clientFilterSql, Params, usesFunctions, type ViewFilters } from './group-query';
import { ensureFramework } from './model';
import { memoColumn } from './client-columns';

export interface OverviewKpis {
  clients: number;
  /** Mentors who held at least one session with the selected clients. */
  mentors: number;
  sessions: number;
  /** Median of (endline − baseline) / baseline monthly revenue, as a fraction. */
  median_revenue_growth: number | null;
  revenue_growth_n: number;
  /** Share of clients whose size class at endline is above baseline. */
  naik_kelas_rate: number | null;
  naik_kelas_n: number;
  /** Share of clients measured at endline that hold an NIB. */
  nib_endline_rate: number | null;
  nib_endline_n: number;
}

export const NO_FILTERS: ViewFilters = { values: {} };

export async function overviewKpis(
  db: Database,
  filters: ViewFilters = NO_FILTERS,
  framework = 'official',
  minSessions = 1,
  signal?: AbortSignal,
): Promise<OverviewKpis> {
  if (usesFunctions({ filters })) await ensureFramework(db, framework);
  const params = new Params();
  const conditions = clientFilterSql(filters, framework, minSessions, params);
  if (filters.dateFrom) conditions.push(`f.enrolled_on >= ${params.add(filters.dateFrom)}::DATE`);
  if (filters.dateTo) conditions.push(`f.enrolled_on <= ${params.add(filters.dateTo)}::DATE`);
  const whereSql = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const [row] = await db.query<OverviewKpis>(
    // Only the columns used: the CTE is read twice, so DuckDB materialises it (all ~40
    // columns of client_fact with SELECT *, ≈ 3× slower at 1M sessions).
    `WITH selected AS (SELECT client_key, sessions, revenue_growth, naik_kelas, has_nib_endline FROM client_fact f ${whereSql})
    SELECT count(*)::INTEGER AS clients,
      (SELECT count(DISTINCT mentor_id) FROM client_mentor SEMI JOIN selected USING (client_key))::INTEGER AS mentors,
      coalesce(sum(sessions), 0)::INTEGER AS sessions,
      median(revenue_growth) AS median_revenue_growth,
      count(revenue_growth)::INTEGER AS revenue_growth_n,
      avg(naik_kelas::INTEGER) AS naik_kelas_rate,
      count(naik_kelas)::INTEGER AS naik_kelas_n,
      avg(has_nib_endline::INTEGER) AS nib_endline_rate,
      count(has_nib_endline)::INTEGER AS nib_endline_n
    FROM selected`,
    params.list,
    { signal },
  );
  return row;
}

export interface FunctionLabel {
  key: string;
  label_id: string;
  label_en: string;
}

/** A framework's functions in crosswalk order, with their labels (asked once per dataset, kept with its columns). */
export async function functionLabels(db: Database, framework: string): Promise<FunctionLabel[]> {
  const labels = await memoColumn(db, `function labels ${framework}`, () =>
    db.query<FunctionLabel>(
      `SELECT "function" AS key, any_value(label_id) AS label_id, any_value(label_en) AS label_en
       FROM function_crosswalk WHERE framework = ? GROUP BY "function" ORDER BY min(ord)`,
      [framework],
    ),
  );
  return labels.map((label) => ({ ...label }));
}
