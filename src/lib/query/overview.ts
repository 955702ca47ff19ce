/**
 * The overview page's numbers: KPI cards and the two charts. Each function returns rows
 * computed by SQL in DuckDB; the page and the tests call the same functions.
 */
import type { Database } from '../db/types';

export interface OverviewKpis {
  clients: number;
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

export async function overviewKpis(db: Database): Promise<OverviewKpis> {
  const [row] = await db.query<OverviewKpis>(`SELECT
      (SELECT count(*) FROM clients)::INTEGER AS clients,
      (SELECT count(*) FROM mentors)::INTEGER AS mentors,
      (SELECT count(*) FROM sessions)::INTEGER AS sessions,
      median(revenue_growth) AS median_revenue_growth,
      count(revenue_growth)::INTEGER AS revenue_growth_n,
      avg(naik_kelas::INTEGER) AS naik_kelas_rate,
      count(naik_kelas)::INTEGER AS naik_kelas_n,
      avg(has_nib_endline::INTEGER) AS nib_endline_rate,
      count(has_nib_endline)::INTEGER AS nib_endline_n
    FROM client_outcome`);
  return row;
}

export interface GroupGrowth {
  key: string;
  label_id: string;
  label_en: string;
  /** Clients in the group with a revenue growth value. */
  n: number;
  median_revenue_growth: number | null;
}

/**
 * Median revenue growth of the clients exposed to each function of a framework: a client
 * is exposed when at least `minSessions` of its sessions performed the function.
 */
export async function growthByFunction(db: Database, framework: string, minSessions: number): Promise<GroupGrowth[]> {
  return db.query<GroupGrowth>(
    `WITH f AS (
        SELECT "function" AS key, any_value(label_id) AS label_id, any_value(label_en) AS label_en, min(ord) AS ord
        FROM function_crosswalk WHERE framework = ? GROUP BY "function"
      ),
      exposed AS (
        SELECT cfs."function" AS key, co.revenue_growth
        FROM client_function_sessions cfs JOIN client_outcome co USING (client_id)
        WHERE cfs.framework = ? AND cfs.sessions >= ?
      )
      SELECT f.key, f.label_id, f.label_en, count(exposed.revenue_growth)::INTEGER AS n,
        median(exposed.revenue_growth) AS median_revenue_growth
      FROM f LEFT JOIN exposed USING (key)
      GROUP BY f.key, f.label_id, f.label_en, f.ord
      ORDER BY f.ord`,
    [framework, framework, minSessions],
  );
}

/** Median revenue growth per region code present in the data. */
export async function growthByRegion(db: Database): Promise<{ region_code: string; n: number; median_revenue_growth: number | null }[]> {
  return db.query(
    `SELECT region_code, count(revenue_growth)::INTEGER AS n, median(revenue_growth) AS median_revenue_growth
     FROM client_outcome GROUP BY region_code ORDER BY region_code`,
  );
}
