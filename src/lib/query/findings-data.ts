/**
 * The Findings page's data: one row per selected client, as columns — sessions of every
 * function of a framework, the controls, the main mentor (the cluster), and every outcome at
 * baseline and endline. Which clients count for which outcome, the design matrix and the
 * regressions are decided in TypeScript (src/lib/findings/), from these columns: switching
 * the outcome, the exposure rule or the minimum n re-runs no SQL.
 *
 * The columns come back as one row of lists (`list(x ORDER BY client_key)`), so each arrives
 * as one Arrow vector — a typed array for numbers — instead of ~60,000 row objects at 1M
 * sessions (≈ 2 s to build as objects). Missing amounts travel as NaN, categorical values as
 * integer codes into their levels (a missing mentor is the level ''), and the yes/no and
 * size-class values packed into one integer per client.
 *
 * Only registry names reach the SQL text (the outcome columns below, `s0…` aliases the code
 * chooses); the framework, the function keys and every filter value are bound parameters.
 */
import type { Database, SqlParam } from './database';
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

/** Amounts read as DOUBLE lists (NaN for missing). Trusted: written here only. */
const NUMERIC_COLUMNS: readonly [field: string, sql: string][] = [
  ['revenueBaseline', 'f.revenue_baseline'],
  ['revenueEndline', 'f.revenue_endline'],
  ['employeesBaseline', 'f.employees_baseline'],
  ['employeesEndline', 'f.employees_endline'],
];

/**
 * Every small value of a client packed into one INTEGER, so it travels as one list instead
 * of fourteen (each list costs ≈ 25 ms at 1M sessions in the browser's engine):
 * bit 0 has a baseline, bit 1 has an endline; per yes/no status q (BOOLEAN_OUTCOMES order)
 * four bits from 2 + 4q: baseline known, baseline value, endline known, endline value;
 * bits 22–24 and 25–27 the size-class rank at baseline and endline (0 = missing).
 */
const STATUS_BITS = 2;
const RANK_BITS = STATUS_BITS + 4 * BOOLEAN_OUTCOMES.length;
const FLAGS_SQL = [
  'f.has_baseline::INTEGER',
  '(f.has_endline::INTEGER << 1)',
  ...BOOLEAN_OUTCOMES.flatMap((b, q) => [
    `((f.${b}_baseline IS NOT NULL)::INTEGER << ${STATUS_BITS + 4 * q})`,
    `(coalesce(f.${b}_baseline, false)::INTEGER << ${STATUS_BITS + 4 * q + 1})`,
    `((f.${b}_endline IS NOT NULL)::INTEGER << ${STATUS_BITS + 4 * q + 2})`,
    `(coalesce(f.${b}_endline, false)::INTEGER << ${STATUS_BITS + 4 * q + 3})`,
  ]),
  `(coalesce(f.size_rank_baseline, 0)::INTEGER << ${RANK_BITS})`,
  `(coalesce(f.size_rank_endline, 0)::INTEGER << ${RANK_BITS + 3})`,
].join(' | ');

/**
 * Categorical columns travel as integer codes into their sorted distinct values: decoding
 * ~60,000 strings per column from Arrow costs far more than a join on a few levels.
 */
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
  const levels = CATEGORICAL_COLUMNS.map(
    (_, i) => `l${i} AS (SELECT v, (row_number() OVER (ORDER BY v) - 1)::INTEGER AS code FROM (SELECT DISTINCT c${i} AS v FROM selected))`,
  );
  const lists = [
    ...fnKeys.map((_, j) => `s${j}`),
    ...NUMERIC_COLUMNS.map((_, i) => `n${i}`),
    'flags',
    ...CATEGORICAL_COLUMNS.map((_, i) => `k${i}`),
  ];
  const sql = `WITH fs AS (
      SELECT cfs.client_key${pivot.length ? `, ${pivot.join(', ')}` : ''}
      FROM client_function_sessions cfs WHERE cfs.framework = ${framework} GROUP BY cfs.client_key
    ),
    selected AS (
      SELECT f.client_key, ${numeric.join(', ')}, (${FLAGS_SQL})::INTEGER AS flags, ${categorical.join(', ')}
      FROM client_fact f ${where}
    ),
    ${levels.join(',\n    ')},
    rows AS (
      SELECT selected.client_key, ${NUMERIC_COLUMNS.map((_, i) => `selected.n${i}`).join(', ')}, selected.flags,
        ${CATEGORICAL_COLUMNS.map((_, i) => `l${i}.code AS k${i}`).join(', ')}${fnKeys.map((_, j) => `, coalesce(fs.s${j}, 0) AS s${j}`).join('')}
      FROM selected LEFT JOIN fs USING (client_key)
        ${CATEGORICAL_COLUMNS.map((_, i) => `JOIN l${i} ON l${i}.v = selected.c${i}`).join(' ')}
    )
    SELECT count(*)::INTEGER AS clients, ${lists.map((c) => `list(${c} ORDER BY client_key) AS ${c}`).join(', ')},
      ${CATEGORICAL_COLUMNS.map((_, i) => `(SELECT list(v ORDER BY code) FROM l${i}) AS levels${i}`).join(', ')}
    FROM rows`;
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
  const categorical = Object.fromEntries(
    CATEGORICAL_COLUMNS.map(([field], i) => [
      field,
      { codes: Int32Array.from(float64Column(row?.[`k${i}`], clients)), levels: stringList(row?.[`levels${i}`]) },
    ]),
  ) as Record<(typeof CATEGORICAL_COLUMNS)[number][0], Categorical>;
  const flags = float64Column(row?.flags, clients);
  const bit = (i: number, b: number) => ((flags[i] as number) >> b) & 1;
  const unpack = (known: number, value: number) => Float64Array.from(flags, (_, i) => (bit(i, known) ? bit(i, value) : Number.NaN));
  const rank = (shift: number) =>
    Float64Array.from(flags, (f) => {
      const r = ((f as number) >> shift) & 7;
      return r === 0 ? Number.NaN : r;
    });
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
    hasBaseline: Float64Array.from(flags, (f) => (f as number) & 1),
    hasEndline: Float64Array.from(flags, (f) => ((f as number) >> 1) & 1),
    revenueBaseline: numeric.revenueBaseline!,
    revenueEndline: numeric.revenueEndline!,
    employeesBaseline: numeric.employeesBaseline!,
    employeesEndline: numeric.employeesEndline!,
    sizeRankBaseline: rank(RANK_BITS),
    sizeRankEndline: rank(RANK_BITS + 3),
    status: Object.fromEntries(
      BOOLEAN_OUTCOMES.map((b, q) => {
        const at = STATUS_BITS + 4 * q;
        return [b, { baseline: unpack(at, at + 1), endline: unpack(at + 2, at + 3) }];
      }),
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

/** A VARCHAR[] cell (a column's levels) as strings. */
function stringList(cell: unknown): string[] {
  if (cell == null) return [];
  const values = ((cell as { toArray?: () => unknown }).toArray?.() ?? cell) as ArrayLike<string | null>;
  return Array.from(values, (v) => v ?? '');
}
