/**
 * measure × dimension(s) × filters → one parameterised SQL statement; `runGroupQuery`
 * answers a view of one client dimension (or one exposure dimension) from columns kept in
 * memory instead (client-columns.ts, exposure-groups.ts), with the same rows.
 *
 * Only names from the measure and dimension registries reach the SQL text; every value
 * from a filter (group values, dates, framework, exposure threshold) is a bound parameter.
 *
 * Function attribution: sessions carry several functions, so a client is *exposed* to a
 * function when at least `minSessions` of its sessions performed it (through the chosen
 * framework's crosswalk). Grouping by function returns, for every function, the exposed
 * and the not-exposed clients side by side (`exposed` true / false).
 */
import type { Database, SqlParam } from './database';
import { dimensionByKey, type DimensionDef } from './dimensions';
import { measureByKey, type MeasureDef } from './measures';
import { completeModel, ensureFramework, frameworkKnown, readsDeferredTable } from './model';
import { median } from '../stats/intervals';
import type { GroupRow } from './group-row';
import { exposureCounts, exposureGroupRows } from './exposure-groups';
import { groupColumn, selectedClients, valueColumn } from './client-columns';
import { rowsByGroup } from './group-rows';

export interface ViewFilters {
  /** Dimension key → the group values kept (empty or absent: no filter). */
  readonly values: Readonly<Record<string, readonly string[]>>;
  /**
   * Several functions (or areas) ticked: clients exposed to any of them (default), or to
   * all of them ("both educate and facilitate").
   */
  readonly match?: 'any' | 'all';
  /** Inclusive ISO dates; clients by start of mentoring, workload by session date. */
  readonly dateFrom?: string | null;
  readonly dateTo?: string | null;
}

export interface GroupQuerySpec {
  readonly measure: string;
  readonly dimension: string;
  readonly dimension2?: string | null;
  readonly framework: string;
  /** Exposure rule: sessions with a function needed to count as exposed to it. */
  readonly minSessions: number;
  readonly filters: ViewFilters;
  /** Also return each group's non-missing values (for bootstrap intervals). */
  readonly withValues?: boolean;
}

export type { GroupRow } from './group-row';

export interface BuiltQuery {
  sql: string;
  params: SqlParam[];
  /**
   * The median is left to the caller (`value` is NULL in the result): the group's values
   * come back anyway, and the median of them (stats/intervals.ts `median`, DuckDB's own
   * definition) spares the engine a second pass over every group.
   */
  medianFromValues?: boolean;
}

export interface BuildOptions {
  /**
   * Compute everything in SQL (the direct way, for tests): medians even when the values come
   * back, and exposure groups by the dense join rather than exposure-groups.ts.
   */
  readonly medianInEngine?: boolean;
}

export class Params {
  readonly list: SqlParam[] = [];
  add(value: SqlParam): string {
    this.list.push(value);
    return '?';
  }
  addAll(values: readonly string[]): string {
    return values.map((v) => this.add(v)).join(', ');
  }
}

function requireMeasure(key: string): MeasureDef {
  const m = measureByKey(key);
  if (!m) throw new Error(`Unknown measure: ${JSON.stringify(key)}`);
  return m;
}

function requireDimension(key: string): DimensionDef {
  const d = dimensionByKey(key);
  if (!d) throw new Error(`Unknown dimension: ${JSON.stringify(key)}`);
  return d;
}

function checkDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`Not an ISO date: ${JSON.stringify(date)}`);
  return date;
}

/** The exposure table of a dimension, restricted to the framework where it depends on one. */
function exposureRows(dim: DimensionDef, framework: string, params: Params): string {
  const source = dim.exposure!;
  return `SELECT * FROM ${source.table}${source.byFramework ? ` WHERE framework = ${params.add(framework)}` : ''}`;
}

/** WHERE conditions selecting clients (`client_fact f`) by the filters. */
export function clientFilterSql(filters: ViewFilters, framework: string, minSessions: number, params: Params): string[] {
  const conditions: string[] = [];
  for (const [key, values] of Object.entries(filters.values)) {
    if (!values || values.length === 0) continue;
    const dim = requireDimension(key);
    if (dim.exposure) {
      const rows = exposureRows(dim, framework, params);
      const picked = `${dim.exposure.column} IN (${params.addAll(values)}) AND sessions >= ${params.add(minSessions)}`;
      // "All": exposed to every value ticked (count the distinct ones each client reaches).
      conditions.push(
        filters.match === 'all' && values.length > 1
          ? `f.client_key IN (SELECT client_key FROM (${rows}) e WHERE ${picked} GROUP BY client_key HAVING count(DISTINCT ${dim.exposure.column}) = ${params.add(new Set(values).size)})`
          : `f.client_key IN (SELECT client_key FROM (${rows}) e WHERE ${picked})`,
      );
    } else if (dim.client) {
      conditions.push(`${dim.client} IN (${params.addAll(values)})`);
    }
  }
  return conditions;
}

function dateConditions(column: string, filters: ViewFilters, params: Params): string[] {
  const out: string[] = [];
  if (filters.dateFrom) out.push(`${column} >= ${params.add(checkDate(filters.dateFrom))}::DATE`);
  if (filters.dateTo) out.push(`${column} <= ${params.add(checkDate(filters.dateTo))}::DATE`);
  return out;
}

const where = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');

function aggregates(measure: MeasureDef, withValues: boolean, medianFromValues: boolean): string {
  const v = measure.value;
  const value =
    measure.statistic === 'median'
      ? medianFromValues
        ? 'NULL'
        : `median(${v})`
      : measure.statistic === 'mean'
        ? `avg(${v})`
        : `avg((${v})::INTEGER)`;
  const successes = measure.statistic === 'rate' ? `coalesce(count_if(${v}), 0)::INTEGER` : 'NULL::INTEGER';
  const values = withValues && measure.statistic !== 'rate' ? `list((${v})::DOUBLE) FILTER (WHERE ${v} IS NOT NULL)` : 'NULL::DOUBLE[]';
  return `count(${v})::INTEGER AS n, ${value}::DOUBLE AS value, ${successes} AS successes, ${values} AS "values"`;
}

/**
 * The clients (`client_fact f`, all columns) the filters select, start of mentoring in the
 * date range: the unit rows of every client measure, and the selection client-columns.ts
 * keeps (the same text for the same filters, whichever part asks).
 */
export function clientSelectionSql(filters: ViewFilters, framework: string, minSessions: number, params: Params): string {
  const conditions = [...clientFilterSql(filters, framework, minSessions, params), ...dateConditions('f.enrolled_on', filters, params)];
  return `SELECT * FROM client_fact f ${where(conditions)}`;
}

/** The unit rows (`f`) the measure aggregates, with the filters applied. */
function unitSql(measure: MeasureDef, spec: GroupQuerySpec, params: Params): string {
  if (measure.unit === 'client') return clientSelectionSql(spec.filters, spec.framework, spec.minSessions, params);
  const clientConditions = clientFilterSql(spec.filters, spec.framework, spec.minSessions, params);
  // Workload: the selected clients' sessions per mentor and month (month-level date filter).
  const selected = `SELECT client_key FROM client_fact f ${where(clientConditions)}`;
  const months: string[] = [];
  if (spec.filters.dateFrom) months.push(`cmm.month >= strftime(${params.add(checkDate(spec.filters.dateFrom))}::DATE, '%Y-%m')`);
  if (spec.filters.dateTo) months.push(`cmm.month <= strftime(${params.add(checkDate(spec.filters.dateTo))}::DATE, '%Y-%m')`);
  return `SELECT cmm.mentor_id, cmm.month, any_value(cmm.programme) AS programme, any_value(cmm.region_code) AS region_code,
      any_value(cmm.island) AS island, sum(cmm.sessions)::INTEGER AS sessions, count(*)::INTEGER AS clients
    FROM client_mentor_month cmm SEMI JOIN (${selected}) sel ON sel.client_key = cmm.client_key
    ${where(months)}
    GROUP BY cmm.mentor_id, cmm.month`;
}

function groupExpression(measure: MeasureDef, dim: DimensionDef): string {
  const expr = measure.unit === 'client' ? dim.client : dim.mentorMonth;
  if (!expr) throw new Error(`Dimension ${dim.key} does not apply to measure ${measure.key}`);
  return expr;
}

export function buildGroupQuery(spec: GroupQuerySpec, options: BuildOptions = {}): BuiltQuery {
  const measure = requireMeasure(spec.measure);
  const dim1 = requireDimension(spec.dimension);
  const dim2 = spec.dimension2 ? requireDimension(spec.dimension2) : null;
  if (dim2 && dim2.key === dim1.key) throw new Error('The two dimensions must differ');
  if (!Number.isInteger(spec.minSessions) || spec.minSessions < 1) throw new Error('minSessions must be a positive integer');
  const params = new Params();
  if (dim1.exposure && dim2?.exposure) throw new Error('Two exposure dimensions cannot be crossed');
  const exposureDim = dim1.exposure ? dim1 : dim2?.exposure ? dim2 : null;
  if (exposureDim && measure.unit !== 'client') throw new Error(`Dimension ${exposureDim.key} does not apply to measure ${measure.key}`);

  const medianFromValues = measure.statistic === 'median' && (spec.withValues ?? false) && !options.medianInEngine;
  const aggs = aggregates(measure, spec.withValues ?? false, medianFromValues);
  if (!exposureDim) {
    const units = unitSql(measure, spec, params);
    const g1 = groupExpression(measure, dim1);
    const g2 = dim2 ? groupExpression(measure, dim2) : 'NULL';
    return {
      sql: `SELECT ${g1}::VARCHAR AS "group", ${g2}::VARCHAR AS group2, NULL::BOOLEAN AS exposed, ${aggs}
        FROM (${units}) f GROUP BY ALL ORDER BY 1 NULLS LAST, 2 NULLS LAST`,
      params: params.list,
      medianFromValues,
    };
  }
  const source = exposureDim.exposure!;
  const other = exposureDim === dim1 ? dim2 : dim1;
  const otherExpr = other ? groupExpression(measure, other) : 'NULL';
  const exposureColumn = `cfs.${source.column}`;
  const [g1, g2] = exposureDim === dim1 ? [exposureColumn, otherExpr] : [otherExpr, exposureColumn];
  // Placeholders are positional: add parameters in the order they appear in the text.
  const minSessions = params.add(spec.minSessions);
  const units = unitSql(measure, spec, params);
  const framework = source.byFramework ? `WHERE cfs.framework = ${params.add(spec.framework)}` : '';
  return {
    sql: `SELECT ${g1}::VARCHAR AS "group", ${g2}::VARCHAR AS group2, cfs.sessions >= ${minSessions} AS exposed, ${aggs}
      FROM ${source.table} cfs JOIN (${units}) f ON f.client_key = cfs.client_key
      ${framework}
      GROUP BY 1, 2, 3 ORDER BY min(cfs.${source.order}), 1, 2 NULLS LAST, 3 DESC`,
    params: params.list,
    medianFromValues,
  };
}

/**
 * How a view of one client dimension is answered from columns in memory (client-columns.ts,
 * exposure-groups.ts): the measure, the dimension and the selection's SQL; or null — with a
 * second dimension, for mentor-month measures, and for anything buildGroupQuery must check
 * and refuse, the group query's SQL answers.
 */
function columnPlan(spec: GroupQuerySpec): { measure: MeasureDef; dim: DimensionDef; sql: string; params: SqlParam[] } | null {
  const dim = dimensionByKey(spec.dimension);
  const measure = measureByKey(spec.measure);
  if (!dim || spec.dimension2 || measure?.unit !== 'client' || !(dim.exposure || dim.client)) return null;
  if (!Number.isInteger(spec.minSessions) || spec.minSessions < 1) return null;
  const params = new Params();
  const sql = unitSql(measure, spec, params);
  return { measure, dim, sql, params: params.list };
}

/** Whether answering needs the framework's exposure rows (function groups or filters). */
export function usesFunctions(spec: { dimension?: string | null; dimension2?: string | null; filters: ViewFilters }): boolean {
  return spec.dimension === 'function' || spec.dimension2 === 'function' || (spec.filters.values.function?.length ?? 0) > 0;
}

export async function runGroupQuery(
  db: Database,
  spec: GroupQuerySpec,
  signal?: AbortSignal,
  options: BuildOptions = {},
): Promise<GroupRow[]> {
  // Known frameworks are not awaited: the query then joins the engine's queue at once, in
  // the order its caller asked (explore.ts asks for the main chart first).
  if (usesFunctions(spec) && !frameworkKnown(db, spec.framework)) await ensureFramework(db, spec.framework);
  const plan = options.medianInEngine ? null : columnPlan(spec);
  if (plan) {
    const { measure, dim } = plan;
    const withValues = spec.withValues ?? false;
    // The view's selection first: the columns are usually in memory already.
    const selected = selectedClients(db, JSON.stringify([plan.sql, plan.params]), plan.sql, plan.params, signal, spec.filters);
    const values = valueColumn(db, measure.value);
    if (dim.exposure) {
      const [keys, column, counts] = await Promise.all([selected, values, exposureCounts(db, dim.exposure, spec.framework)]);
      return exposureGroupRows(counts, keys, column, spec.minSessions, measure.statistic, withValues);
    }
    const [keys, column, groups] = await Promise.all([selected, values, groupColumn(db, dim.client!)]);
    return rowsByGroup(keys, groups, column, measure.statistic, withValues);
  }
  const { sql, params, medianFromValues } = buildGroupQuery(spec, options);
  if (readsDeferredTable(sql)) await completeModel(db);
  const rows = await db.query<GroupRow & { values: unknown }>(sql, params, { signal });
  return rows.map((r) => {
    const values = r.values == null ? null : float64Values(r.values);
    return { ...r, values, value: medianFromValues ? (values && values.length > 0 ? median(values) : null) : r.value };
  });
}

/**
 * A DOUBLE[] cell as a Float64Array. Arrow's `toArray()` returns a view of the result's
 * buffer (no per-element iteration, which costs ~100 ms for the ~350,000 values of a
 * function view at 1M sessions); anything else is copied.
 */
function float64Values(cell: unknown): Float64Array {
  const array = (cell as { toArray?: () => unknown }).toArray?.();
  return array instanceof Float64Array ? array : Float64Array.from(cell as ArrayLike<number>);
}

/** A measure over every selected unit, not grouped: a whole-programme (or whole-filter) figure. */
export type TotalQuerySpec = Omit<GroupQuerySpec, 'dimension' | 'dimension2'>;

export function buildTotalQuery(spec: TotalQuerySpec): BuiltQuery {
  const measure = requireMeasure(spec.measure);
  if (!Number.isInteger(spec.minSessions) || spec.minSessions < 1) throw new Error('minSessions must be a positive integer');
  const params = new Params();
  const units = unitSql(measure, { ...spec, dimension: '' }, params);
  return {
    sql: `SELECT NULL::VARCHAR AS "group", NULL::VARCHAR AS group2, NULL::BOOLEAN AS exposed, ${aggregates(measure, spec.withValues ?? false, false)}
      FROM (${units}) f`,
    params: params.list,
  };
}

export async function runTotalQuery(db: Database, spec: TotalQuerySpec, signal?: AbortSignal): Promise<GroupRow> {
  if (usesFunctions({ filters: spec.filters }) && !frameworkKnown(db, spec.framework)) await ensureFramework(db, spec.framework);
  const { sql, params } = buildTotalQuery(spec);
  if (readsDeferredTable(sql)) await completeModel(db);
  const [row] = await db.query<GroupRow & { values: unknown }>(sql, params, { signal });
  return { ...row, values: row.values == null ? null : float64Values(row.values) };
}
