/**
 * The derived model every query reads, built in DuckDB right after a dataset loads:
 *
 * - `session_task`: one row per (session, official task) — sessions carry several tasks.
 * - `client_function_sessions`: per client, framework and function, the number of
 *   distinct sessions that performed the function (through the crosswalk).
 * - `client_outcome`: one row per client with its attributes and its baseline→endline
 *   outcomes (revenue growth, size classes, naik kelas, formalisation flags).
 */
import { SIZE_CLASSES } from '../domain/schema';
import { stringLiteral } from './sql';
import type { Database } from '../db/types';

const SIZE_LIST = `[${SIZE_CLASSES.map(stringLiteral).join(', ')}]`;

/** Boolean outcomes tracked from baseline to endline. */
export const BOOLEAN_OUTCOMES = ['has_nib', 'has_halal', 'has_kur', 'keeps_books', 'sells_online'] as const;

export const MODEL_SQL: readonly string[] = [
  `CREATE OR REPLACE TABLE session_task AS
    SELECT session_id, client_id, mentor_id, session_date, trim(task) AS task
    FROM sessions, unnest(string_split(functions, '|')) AS t(task)
    WHERE trim(task) <> ''`,
  `CREATE OR REPLACE TABLE client_function_sessions AS
    SELECT st.client_id, x.framework, x."function", count(DISTINCT st.session_id)::INTEGER AS sessions
    FROM session_task st JOIN function_crosswalk x ON x.official_task = st.task
    GROUP BY ALL`,
  `CREATE OR REPLACE TABLE client_outcome AS
    WITH b AS (SELECT * FROM outcomes WHERE measurement = 'baseline'),
         e AS (SELECT * FROM outcomes WHERE measurement = 'endline')
    SELECT c.client_id, c.region_code, c.cohort, c.programme, c.sector, c.entity_type, c.owner_gender, c.enrolled_on,
      b.monthly_revenue AS revenue_baseline,
      e.monthly_revenue AS revenue_endline,
      CASE WHEN b.monthly_revenue > 0 AND e.monthly_revenue IS NOT NULL
           THEN (e.monthly_revenue - b.monthly_revenue) / b.monthly_revenue::DOUBLE END AS revenue_growth,
      b.employees AS employees_baseline,
      e.employees AS employees_endline,
      list_position(${SIZE_LIST}, b.size_class) AS size_rank_baseline,
      list_position(${SIZE_LIST}, e.size_class) AS size_rank_endline,
      CASE WHEN b.size_class IS NOT NULL AND e.size_class IS NOT NULL
           THEN list_position(${SIZE_LIST}, e.size_class) > list_position(${SIZE_LIST}, b.size_class) END AS naik_kelas,
      ${BOOLEAN_OUTCOMES.map((f) => `b.${f} AS ${f}_baseline, e.${f} AS ${f}_endline`).join(',\n      ')},
      b.client_id IS NOT NULL AS has_baseline,
      e.client_id IS NOT NULL AS has_endline
    FROM clients c LEFT JOIN b USING (client_id) LEFT JOIN e USING (client_id)`,
];

export async function buildModel(db: Database): Promise<void> {
  for (const sql of MODEL_SQL) await db.query(sql);
}
