/**
 * The Findings page's data: one row per selected client, as columns — sessions of every
 * function of a framework, the controls, the main mentor (the cluster), and every outcome at
 * baseline and endline. Which clients count for which outcome, the design matrix and the
 * regressions are decided in TypeScript (src/lib/findings/), from these columns: switching
 * the outcome, the exposure rule or the minimum n re-runs no SQL.
 *
 * The columns come back as one row of lists (`list(x ORDER BY client_key)`), so each arrives
 * as one Arrow vector — a typed array for numbers — instead of ~60,000 row objects at 1M
 * sessions. Missing numbers travel as NaN, a missing mentor as ''.
 *
 * Only registry names reach the SQL text (the outcome columns below, `s0…` aliases the code
 * chooses); the framework, the function keys and every filter value are bound parameters.
 */
import type { Database, SqlParam } from '../db/types';
import { clientFilterSql, Params, type ViewFilters } from './group-query';
import { BOOLEAN_OUTCOMES, ensureFramework, type BooleanOutcome } from './model';

export interface FindingsFunction {
  /** Function code in its framework (`facilitate`, `empowering`). */
  key: string;
  label_id: string;
  label_en: string;
}

/** Codes of a categorical column: `levels[codes[i]]` is client i's value. */
export interface Categorical {
  codes: Int32Array;
  levels: string[];
}

export interface FindingsData {
  framework: string;
  /** Selected clients (the client filters and date range applied). */
  clients: number;
  functions: FindingsFunction[];
  /** sessions[j][i]: sessions of function j held with client i. */
  sessions: Float64Array[];
  region: Categorical;
  cohort: Categorical;
  sector: Categorical;
  programme: Categorical;
  entityType: Categorical;
  /** Main mentor (most sessions); level '' = no session at all. */
  mentor: Categorical;
  /** 1 / 0 per client. */
  hasBaseline: Float64Array;
  hasEndline: Float64Array;
  /** Monthly revenue, workers, size-class rank (1 = mikro …) at baseline and endline; NaN = missing. */
  revenueBaseline: Float64Array;
  revenueEndline: Float64Array;
  employeesBaseline: Float64Array;
  employeesEndline: Float64Array;
  sizeRankBaseline: Float64Array;
  sizeRankEndline: Float64Array;
  /** Yes/no statuses as 1 / 0, NaN = missing. */
  status: Record<BooleanOutcome, { baseline: Float64Array; endline: Float64Array }>;
}

export interface FindingsDataSpec {
  framework: string;
  filters: ViewFilters;
  /** The view's exposure rule, used by a function filter (clients exposed to any chosen function). */
  minSessions: number;
}

/** Numeric columns of client_fact read as DOUBLE lists (NaN for missing). Trusted: written here only. */
const NUMERIC_COLUMNS: readonly [field: string, sql: string][] = [
  ['hasBaseline', 'f.has_baseline::INTEGER'],
  ['hasEndline', 'f.has_endline::INTEGER'],
  ['revenueBaseline', 'f.revenue_baseline'],
  ['revenueEndline', 'f.revenue_endline'],
  ['employeesBaseline', 'f.employees_baseline'],
  ['employeesEndline', 'f.employees_endline'],
  ['sizeRankBaseline', 'f.size_rank_baseline'],
  ['sizeRankEndline', 'f.size_rank_endline'],
  ...BOOLEAN_OUTCOMES.flatMap((b): [string, string][] => [
    [`${b}.baseline`, `f.${b}_baseline::INTEGER`],
    [`${b}.endline`, `f.${b}_endline::INTEGER`],
  ]),
];

const CATEGORICAL_COLUMNS: readonly [field: 'region' | 'cohort' | 'sector' | 'programme' | 'entityType' | 'mentor', sql: string][] = [
  ['region', 'f.region_code'],
  ['cohort', 'f.cohort'],
  ['sector', 'f.sector'],
  ['programme', 'f.programme'],
  ['entityType', 'f.entity_type'],
  ['mentor', 'f.main_mentor_id'],
];

/** A framework's functions in crosswalk order; `fn_key` is the key `client_function_sessions` uses. */
export async function frameworkFunctions(
  db: Database,
  framework: string,
  signal?: AbortSignal,
): Promise<(FindingsFunction & { fn_key: number })[]> {
  return db.query<FindingsFunction & { fn_key: number }>(
    `SELECT "function" AS key, any_value(label_id) AS label_id, any_value(label_en) AS label_en, min(ord)::INTEGER AS fn_key
     FROM function_crosswalk WHERE framework = ? GROUP BY "function" ORDER BY fn_key`,
    [framework],
    { signal },
  );
}

/** The statement behind `findingsData` (exported for tests). */
export function buildFindingsDataQuery(spec: FindingsDataSpec, fnKeys: readonly number[]): { sql: string; params: SqlParam[] } {
  if (!Number.isInteger(spec.minSessions) || spec.minSessions < 1) throw new Error('minSessions must be a positive integer');
  const params = new Params();
  // Placeholders are positional: parameters are added in the order they appear in the text.
  const pivot = fnKeys.map((k, j) => `coalesce(sum(cfs.sessions) FILTER (WHERE cfs.fn_key = ${params.add(k)}), 0)::DOUBLE AS s${j}`);
  const framework = params.add(spec.framework);
  const conditions = clientFilterSql(spec.filters, spec.framework, spec.minSessions, params);
  if (spec.filters.dateFrom) conditions.push(`f.enrolled_on >= ${params.add(isoDate(spec.filters.dateFrom))}::DATE`);
  if (spec.filters.dateTo) conditions.push(`f.enrolled_on <= ${params.add(isoDate(spec.filters.dateTo))}::DATE`);
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const numeric = NUMERIC_COLUMNS.map(([, sql], i) => `coalesce((${sql})::DOUBLE, 'NaN'::DOUBLE) AS n${i}`);
  const categorical = CATEGORICAL_COLUMNS.map(([, sql], i) => `coalesce((${sql})::VARCHAR, '') AS c${i}`);
  const all = [
    ...fnKeys.map((_, j) => `s${j}`),
    ...NUMERIC_COLUMNS.map((_, i) => `n${i}`),
    ...CATEGORICAL_COLUMNS.map((_, i) => `c${i}`),
  ];
  const sql = `WITH fs AS (
      SELECT cfs.client_key${pivot.length ? `, ${pivot.join(', ')}` : ''}
      FROM client_function_sessions cfs WHERE cfs.framework = ${framework} GROUP BY cfs.client_key
    ),
    selected AS (
      SELECT f.client_key, ${[...numeric, ...categorical].join(', ')}
      FROM client_fact f ${where}
    ),
    rows AS (
      SELECT selected.*${fnKeys.map((_, j) => `, coalesce(fs.s${j}, 0) AS s${j}`).join('')}
      FROM selected LEFT JOIN fs USING (client_key)
    )
    SELECT count(*)::INTEGER AS clients, ${all.map((c) => `list(${c} ORDER BY client_key) AS ${c}`).join(', ')} FROM rows`;
  return { sql, params: params.list };
}

function isoDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`Not an ISO date: ${JSON.stringify(date)}`);
  return date;
}

/** One row per selected client, as columns (see the module comment). */
export async function findingsData(db: Database, spec: FindingsDataSpec, signal?: AbortSignal): Promise<FindingsData> {
  await ensureFramework(db, spec.framework);
  const functions = await frameworkFunctions(db, spec.framework, signal);
  const { sql, params } = buildFindingsDataQuery(
    spec,
    functions.map((f) => f.fn_key),
  );
  const [row] = await db.query<Record<string, unknown>>(sql, params, { signal });
  const clients = Number(row?.clients ?? 0);
  const numbers = (name: string) => float64Column(row?.[name], clients);
  const numeric = Object.fromEntries(NUMERIC_COLUMNS.map(([field], i) => [field, numbers(`n${i}`)]));
  const categorical = Object.fromEntries(CATEGORICAL_COLUMNS.map(([field], i) => [field, categoricalColumn(row?.[`c${i}`], clients)]));
  return {
    framework: spec.framework,
    clients,
    functions: functions.map(({ key, label_id, label_en }) => ({ key, label_id, label_en })),
    sessions: functions.map((_, j) => numbers(`s${j}`)),
    region: categorical.region,
    cohort: categorical.cohort,
    sector: categorical.sector,
    programme: categorical.programme,
    entityType: categorical.entityType,
    mentor: categorical.mentor,
    hasBaseline: numeric.hasBaseline,
    hasEndline: numeric.hasEndline,
    revenueBaseline: numeric.revenueBaseline,
    revenueEndline: numeric.revenueEndline,
    employeesBaseline: numeric.employeesBaseline,
    employeesEndline: numeric.employeesEndline,
    sizeRankBaseline: numeric.sizeRankBaseline,
    sizeRankEndline: numeric.sizeRankEndline,
    status: Object.fromEntries(
      BOOLEAN_OUTCOMES.map((b) => [b, { baseline: numeric[`${b}.baseline`], endline: numeric[`${b}.endline`] }]),
    ) as FindingsData['status'],
  };
}

/**
 * A DOUBLE[] cell as a Float64Array: Arrow's `toArray()` is a view of the result's buffer
 * (copied here, so the result can be freed and the array moved to a worker); an empty
 * selection gives a NULL list.
 */
function float64Column(cell: unknown, length: number): Float64Array {
  if (cell == null) return new Float64Array(length);
  const array = (cell as { toArray?: () => unknown }).toArray?.() ?? cell;
  const out = Float64Array.from(array as ArrayLike<number>);
  if (out.length !== length) throw new Error(`column has ${out.length} values, expected ${length}`);
  return out;
}

/** A VARCHAR[] cell as codes into its distinct values (in order of first appearance). */
function categoricalColumn(cell: unknown, length: number): Categorical {
  const codes = new Int32Array(length);
  const levels: string[] = [];
  if (cell == null) return { codes, levels };
  const values = ((cell as { toArray?: () => unknown }).toArray?.() ?? cell) as ArrayLike<string | null>;
  if (values.length !== length) throw new Error(`column has ${values.length} values, expected ${length}`);
  const index = new Map<string, number>();
  for (let i = 0; i < length; i++) {
    const v = values[i] ?? '';
    let code = index.get(v);
    if (code === undefined) {
      code = levels.length;
      index.set(v, code);
      levels.push(v);
    }
    codes[i] = code;
  }
  return { codes, levels };
}
