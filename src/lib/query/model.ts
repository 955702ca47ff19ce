/**
 * The derived model every query reads, built in DuckDB right after a dataset loads. Clients
 * get a small integer `client_key`, so the joins that run on every view change compare
 * integers, not text ids.
 *
 * - `client_fact`: one row per client — its attributes, how much mentoring it got, and its
 *   baseline → endline outcomes. Client-level measures are aggregates of its columns.
 * - `client_task_set`: sessions per client by the set of official tasks they performed.
 * - `client_function_sessions`: per client, framework and function (`fn_key` = its place
 *   in the crosswalk), the number of sessions that performed it — zeros included. Filled
 *   one framework at a time, when a view first needs it (`ensureFramework`).
 * - `client_area_sessions`: per client and area of support (bidang layanan), the number of
 *   sessions in it — zeros included, like `client_function_sessions`.
 * - `client_mentor`: which mentors held sessions with which client.
 * - `client_mentor_month`: sessions per client, mentor and calendar month (workload).
 * - `client_month`: sessions and hours per client by months since its mentoring started.
 * - `outcome_point`: one row per client per measurement, with the same outcome columns as
 *   `client_fact` but measured at that point (for cohort trajectories over time).
 */
import { EARLIEST_BIRTH_YEAR, SIZE_CLASSES, STAGES, SUPPORT_AREAS } from '../domain/schema';
import { REGIONS } from '../domain/regions';
import { stringLiteral } from './sql';
import type { Database } from './database';

const SIZE_LIST = `[${SIZE_CLASSES.map(stringLiteral).join(', ')}]`;
const AREA_LIST = `[${SUPPORT_AREAS.map(stringLiteral).join(', ')}]`;
const LOMBOK_CODES = REGIONS.filter((r) => r.island === 'lombok')
  .map((r) => stringLiteral(r.code))
  .join(', ');

/** SQL giving the island ('lombok' / 'sumbawa') of a region-code expression. */
export function islandSql(regionCode: string): string {
  return `CASE WHEN ${regionCode} IN (${LOMBOK_CODES}) THEN 'lombok' WHEN ${regionCode} IS NOT NULL THEN 'sumbawa' END`;
}

/** Yes/no outcomes tracked from baseline to endline. */
export const BOOLEAN_OUTCOMES = ['has_nib', 'has_halal', 'has_kur', 'keeps_books', 'sells_online'] as const;
export type BooleanOutcome = (typeof BOOLEAN_OUTCOMES)[number];

/** The tables `MODEL_SQL` creates, in the order it creates them. */
export const MODEL_TABLES = [
  'client_fact',
  'client_task_set',
  'client_function_sessions',
  'client_area_sessions',
  'client_mentor',
  'client_mentor_month',
  'client_month',
  'outcome_point',
] as const;

/** The (empty) exposure table: `client_function_sessions`, or its additions (below). */
export function exposureTableSql(name: string): string {
  return `CREATE OR REPLACE TABLE ${name} (
    client_key INTEGER, framework VARCHAR, "function" VARCHAR, fn_key INTEGER, sessions INTEGER)`;
}

/**
 * Where a stored dataset's model gets the exposure rows of frameworks it was saved without:
 * its `client_function_sessions` is then a view of the stored rows and of this in-memory
 * table (stored-tables.ts), and `ensureFramework` inserts here. Every swap drops it (swap.ts).
 */
export const EXPOSURE_ADDITIONS = 'client_function_additions';

export const MODEL_SQL: readonly string[] = [
  `CREATE OR REPLACE TABLE client_fact AS
    WITH b AS (SELECT * FROM outcomes WHERE measurement = 'baseline'),
         e AS (SELECT * FROM outcomes WHERE measurement = 'endline'),
         s AS (
           SELECT client_id,
             count(*)::INTEGER AS sessions,
             sum(duration_hours) AS hours,
             count(DISTINCT stage)::INTEGER AS stages_covered,
             min(session_date) AS first_session
           FROM sessions GROUP BY client_id
         ),
         main_mentor AS (
           SELECT client_id, arg_max(mentor_id, n) AS mentor_id
           FROM (SELECT client_id, mentor_id, count(*) AS n FROM sessions GROUP BY ALL)
           GROUP BY client_id
         )
    SELECT row_number() OVER (ORDER BY c.client_id)::INTEGER AS client_key, c.client_id, c.region_code,
      ${islandSql('c.region_code')} AS island,
      c.cohort, c.programme, c.sector, c.entity_type, c.owner_gender, c.enrolled_on,
      c.owner_birth_year, c.owner_disability,
      -- Age at enrolment in whole years (birth year only); unknown when the birth year is implausible.
      CASE WHEN c.owner_birth_year >= ${EARLIEST_BIRTH_YEAR} AND c.owner_birth_year <= year(c.enrolled_on)
           THEN year(c.enrolled_on) - c.owner_birth_year END AS owner_age,
      strftime(c.enrolled_on, '%Y-%m') AS enrolled_month,
      strftime(c.enrolled_on, '%Y') AS enrolled_year,
      strftime(e.measured_on, '%Y') AS endline_year,
      mm.mentor_id AS main_mentor_id,
      coalesce(s.sessions, 0) AS sessions,
      coalesce(s.hours, 0) AS hours,
      coalesce(s.stages_covered, 0) AS stages_covered,
      coalesce(s.stages_covered, 0) = ${STAGES.length} AS completed_all_stages,
      b.monthly_revenue AS revenue_baseline,
      e.monthly_revenue AS revenue_endline,
      CASE WHEN b.monthly_revenue > 0 AND e.monthly_revenue IS NOT NULL
           THEN (e.monthly_revenue - b.monthly_revenue) / b.monthly_revenue::DOUBLE END AS revenue_growth,
      b.employees AS employees_baseline,
      e.employees AS employees_endline,
      (e.employees - b.employees)::DOUBLE AS employment_change,
      list_position(${SIZE_LIST}, b.size_class) AS size_rank_baseline,
      list_position(${SIZE_LIST}, e.size_class) AS size_rank_endline,
      CASE WHEN b.size_class IS NOT NULL AND e.size_class IS NOT NULL
           THEN list_position(${SIZE_LIST}, e.size_class) > list_position(${SIZE_LIST}, b.size_class) END AS naik_kelas,
      ${BOOLEAN_OUTCOMES.map((f) => `b.${f} AS ${f}_baseline, e.${f} AS ${f}_endline, (e.${f}::INTEGER - b.${f}::INTEGER)::DOUBLE AS ${f}_change`).join(',\n      ')},
      b.client_id IS NOT NULL AS has_baseline,
      e.client_id IS NOT NULL AS has_endline
    FROM clients c
      LEFT JOIN b USING (client_id)
      LEFT JOIN e USING (client_id)
      LEFT JOIN s USING (client_id)
      LEFT JOIN main_mentor mm USING (client_id)`,
  // Sessions per client by the set of tasks they performed ("educate|facilitate"): a few
  // hundred distinct sets, so mapping sets to framework functions is cheap. The cell is
  // kept as written; order and repeats inside it are resolved when sets are mapped.
  `CREATE OR REPLACE TABLE client_task_set AS
    SELECT f.client_key, s.functions AS task_set, count(*)::INTEGER AS sessions
    FROM sessions s JOIN client_fact f USING (client_id)
    GROUP BY ALL`,
  exposureTableSql('client_function_sessions'),
  `CREATE OR REPLACE TABLE client_area_sessions AS
    WITH areas AS (SELECT unnest(${AREA_LIST}) AS area, generate_subscripts(${AREA_LIST}, 1)::INTEGER AS area_key),
      counted AS (SELECT client_id, support_area AS area, count(*)::INTEGER AS sessions FROM sessions WHERE support_area IS NOT NULL GROUP BY ALL)
    SELECT f.client_key, areas.area, areas.area_key, coalesce(counted.sessions, 0)::INTEGER AS sessions
    FROM client_fact f CROSS JOIN areas LEFT JOIN counted ON counted.client_id = f.client_id AND counted.area = areas.area`,
  `CREATE OR REPLACE TABLE client_mentor AS
    SELECT DISTINCT f.client_key, s.mentor_id FROM sessions s JOIN client_fact f USING (client_id)`,
  `CREATE OR REPLACE TABLE client_mentor_month AS
    SELECT f.client_key, s.mentor_id, strftime(s.session_date, '%Y-%m') AS month,
      any_value(m.programme) AS programme, any_value(m.region_code) AS region_code,
      ${islandSql('any_value(m.region_code)')} AS island, count(*)::INTEGER AS sessions
    FROM sessions s JOIN client_fact f USING (client_id) LEFT JOIN mentors m USING (mentor_id)
    GROUP BY f.client_key, s.mentor_id, month`,
  `CREATE OR REPLACE TABLE client_month AS
    SELECT f.client_key, f.cohort, greatest(0, date_diff('month', f.enrolled_on, s.session_date))::INTEGER AS months,
      count(*)::INTEGER AS sessions, sum(coalesce(s.duration_hours, 0))::DOUBLE AS hours
    FROM sessions s JOIN client_fact f USING (client_id)
    GROUP BY ALL`,
  `CREATE OR REPLACE TABLE outcome_point AS
    WITH b AS (SELECT * FROM outcomes WHERE measurement = 'baseline')
    SELECT c.client_key, c.cohort, o.measurement,
      greatest(0, date_diff('month', c.enrolled_on, o.measured_on))::INTEGER AS months,
      CASE WHEN b.monthly_revenue > 0 AND o.monthly_revenue IS NOT NULL
           THEN (o.monthly_revenue - b.monthly_revenue) / b.monthly_revenue::DOUBLE END AS revenue_growth,
      (o.employees - b.employees)::DOUBLE AS employment_change,
      CASE WHEN b.size_class IS NOT NULL AND o.size_class IS NOT NULL
           THEN list_position(${SIZE_LIST}, o.size_class) > list_position(${SIZE_LIST}, b.size_class) END AS naik_kelas,
      ${BOOLEAN_OUTCOMES.map((f) => `o.${f} AS ${f}_endline, (o.${f}::INTEGER - b.${f}::INTEGER)::DOUBLE AS ${f}_change`).join(',\n      ')}
    FROM outcomes o JOIN client_fact c USING (client_id) LEFT JOIN b USING (client_id)`,
];

export type ModelTable = (typeof MODEL_TABLES)[number];

/**
 * Model tables no first view reads — workload measures (`client_mentor_month`) and the
 * cumulative sessions and hours trajectories (`client_month`) — which take ≈ 1 s of a
 * million-session upload. An upload's commit leaves them out (`buildModel` with `defer`)
 * and they are built in the background just after; whatever reads one first waits for it
 * (`completeModel`).
 */
export const DEFERRED_TABLES: readonly ModelTable[] = ['client_mentor_month', 'client_month'];

const createdTable = (sql: string) => /^CREATE OR REPLACE TABLE (\w+)/.exec(sql)?.[1] as ModelTable | undefined;
const deferred = (sql: string) => DEFERRED_TABLES.includes(createdTable(sql)!);
// Made only where missing: a run that finds them (built by another run, or views of a
// stored dataset) does nothing, so two runs, or a run after a rollback, are harmless.
const DEFERRED_SQL = MODEL_SQL.filter(deferred).map((sql) => sql.replace('CREATE OR REPLACE TABLE', 'CREATE TABLE IF NOT EXISTS'));

/** Databases whose deferred tables may be missing, by the build that left them out. */
const incomplete = new WeakMap<Database, number>();
let deferrals = 0;
/** Runs of `completeModel` under way, per database, by deferral and priority. */
const completing = new WeakMap<Database, Map<string, Promise<void>>>();

/**
 * The work under way for `db` and `key` in `underWay`, else `start()`'s, shared with
 * whoever asks for the same key until it ends.
 */
function shareUnderWay(
  underWay: WeakMap<Database, Map<string, Promise<void>>>,
  db: Database,
  key: string,
  start: () => Promise<void>,
): Promise<void> {
  const running = underWay.get(db) ?? new Map<string, Promise<void>>();
  underWay.set(db, running);
  let work = running.get(key);
  if (!work) {
    work = start().finally(() => running.delete(key));
    running.set(key, work);
  }
  return work;
}

export async function buildModel(db: Database, options: { defer?: boolean } = {}): Promise<void> {
  modelChanged();
  for (const sql of MODEL_SQL) if (!options.defer || !deferred(sql)) await db.query(sql);
  if (options.defer) {
    // The previous dataset's must not stand in for them.
    for (const table of DEFERRED_TABLES) await db.query(`DROP TABLE IF EXISTS ${table}`);
    incomplete.set(db, ++deferrals);
  }
  modelChanged(); // also after: a check that ran while it was being built is void
}

/**
 * Builds the tables `buildModel` deferred, if it did (nothing to do otherwise). A caller
 * that needs them runs it in the foreground; the run the commit started in the background
 * then finds them made.
 */
export function completeModel(db: Database, priority: 'foreground' | 'background' = 'foreground'): Promise<void> {
  const deferral = incomplete.get(db);
  if (deferral === undefined) return Promise.resolve();
  return shareUnderWay(completing, db, `${deferral} ${priority}`, async () => {
    for (const sql of DEFERRED_SQL) await db.query(sql, [], { priority });
    if (incomplete.get(db) === deferral) incomplete.delete(db);
  });
}

/** Whether a statement reads a table `buildModel` may have deferred (then `completeModel` first). */
export function readsDeferredTable(sql: string): boolean {
  return DEFERRED_TABLES.some((table) => new RegExp(`\\b${table}\\b`).test(sql));
}

/**
 * Frameworks whose exposure rows are known to exist, per database object, valid for one
 * model generation. Any change of the model (a rebuild, through whichever object, or a
 * swap to views) starts a new generation, so a stale entry can only cost a re-check.
 */
let modelGeneration = 0;
const knownFrameworks = new WeakMap<Database, Map<string, number>>();

/** Call after replacing the model tables by other means than `buildModel`. */
export function modelChanged(): void {
  modelGeneration++;
}

/** The current model generation: work that spans several queries checks it has not moved on. */
export function currentModelGeneration(): number {
  return modelGeneration;
}

// Dense: every client × every function of the framework, zeros included — grouping by
// function then needs no join against a sparse table. A session counts once per function
// even when two of its tasks map to it (the set of tasks is mapped, not each task).
const frameworkExposureSql = (target: string) => `INSERT INTO ${target}
  WITH fn AS (SELECT framework, "function", min(ord)::INTEGER AS fn_key FROM function_crosswalk WHERE framework = ? GROUP BY ALL),
    sets AS (SELECT DISTINCT task_set FROM client_task_set),
    set_fn AS (
      SELECT DISTINCT sets.task_set, fn.fn_key
      FROM sets, unnest(string_split(sets.task_set, '|')) AS t(task), function_crosswalk x, fn
      WHERE x.official_task = trim(t.task) AND x.framework = fn.framework AND x."function" = fn."function"
    ),
    counted AS (
      SELECT cts.client_key, sf.fn_key, sum(cts.sessions)::INTEGER AS sessions
      FROM client_task_set cts JOIN set_fn sf USING (task_set) GROUP BY ALL
    )
  SELECT f.client_key, fn.framework, fn."function", fn.fn_key, coalesce(counted.sessions, 0)::INTEGER
  FROM fn CROSS JOIN client_fact f LEFT JOIN counted ON counted.client_key = f.client_key AND counted.fn_key = fn.fn_key
  -- Two callers may race past the check in ensureFramework; the second inserts nothing.
  WHERE NOT EXISTS (SELECT 1 FROM client_function_sessions WHERE framework = fn.framework)`;

/** Whether the framework's exposure rows are known to exist in this model generation (no engine round trip needed). */
export function frameworkKnown(db: Database, framework: string): boolean {
  return knownFrameworks.get(db)?.get(framework) === modelGeneration;
}

/** Records that the current model holds the exposure rows of `frameworks` (known without asking). */
export function frameworksBuilt(db: Database, frameworks: readonly string[]): void {
  const known = knownFrameworks.get(db) ?? new Map<string, number>();
  for (const framework of frameworks) known.set(framework, modelGeneration);
  knownFrameworks.set(db, known);
}

/** Checks and fills under way, per database object, by model generation and framework. */
const filling = new WeakMap<Database, Map<string, Promise<void>>>();

/**
 * Makes sure the exposure rows of a framework exist (built once per dataset). The table
 * itself is asked, once per model generation (see `modelChanged`): every view change runs
 * three or four queries that need it, and each check is an engine round trip. Callers that
 * ask while a check or fill is under way share it: two parts of a view asking at once used
 * to run the fill twice (the second inserted nothing, after ≈ 0.8 s of work at 1M sessions).
 */
export function ensureFramework(db: Database, framework: string): Promise<void> {
  if (frameworkKnown(db, framework)) return Promise.resolve();
  return shareUnderWay(filling, db, `${modelGeneration} ${framework}`, () => fillFramework(db, framework));
}

async function fillFramework(db: Database, framework: string): Promise<void> {
  const generation = modelGeneration;
  const [{ built }] = await db.query<{ built: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM client_function_sessions WHERE framework = ?) AS built',
    [framework],
  );
  if (!built) {
    const [{ additions }] = await db.query<{ additions: boolean }>(
      `SELECT count(*) > 0 AS additions FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ?`,
      [EXPOSURE_ADDITIONS],
    );
    await db.query(frameworkExposureSql(additions ? EXPOSURE_ADDITIONS : 'client_function_sessions'), [framework]);
  }
  if (generation !== modelGeneration) return; // the model changed meanwhile: trust nothing
  frameworksBuilt(db, [framework]);
}
