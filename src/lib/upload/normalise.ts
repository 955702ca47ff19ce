/**
 * From a raw staging table (text) to a typed staging table in the canonical format, in
 * SQL, with the same semantics as the unit-tested TS normalisers:
 *
 * - columns with few distinct values (enums, regions, yes/no, gender, function lists,
 *   dates): `SELECT DISTINCT` the raw values, normalise each with `normalizeCell` in
 *   TypeScript, register the raw → canonical pairs as a mapping table and join it. The
 *   pairs that fail are exactly the "values that cannot be normalised" the evaluator may
 *   map by hand (`overrides`), with their counts.
 * - numbers, amounts, ids and text: SQL expressions (`sql-values.ts`).
 *
 * Every cell that cannot be read becomes a problem row (file, row, column, value,
 * reason): in a required column the row is rejected, in an optional one the value is
 * emptied and the row kept. Blank rows and a spreadsheet totals row are skipped quietly.
 */
import type { Database } from '../query/database';
import { DUCKDB_TYPE, TABLES, findColumn, type ColumnDef, type TableName } from '../domain/schema';
import { detectDateOrder, normalizeCell, type FunctionIndex } from '../ingest/normalize';
import { isTotalsRow } from '../ingest/row-shape';
import { ident, stringLiteral } from '../query/sql';
import { registerRows } from './register-rows';
import { numberSql, textSql, type Level, type ValueSql } from './sql-values';
import { PROBLEMS_TABLE, PROBLEM_ROW, PROBLEM_VALUE_CHARS, type RawStage, type StageInput } from './stage';
import type { UnmappedValue } from './types';

/** Values the evaluator mapped by hand: `table.column` → trimmed raw value → canonical value. */
export type ValueOverrides = ReadonlyMap<string, ReadonlyMap<string, string>>;

export interface NormaliseContext {
  readonly functionIndex: FunctionIndex;
  readonly overrides?: ValueOverrides;
}

export interface NormalisedFile {
  readonly index: number;
  readonly table: TableName;
  readonly stgTable: string;
  readonly unmapped: readonly UnmappedValue[];
  readonly rowsSkipped: number;
}

const MAPPED_KINDS = new Set(['enum', 'enum_list', 'region', 'boolean', 'date']);

interface ColumnPlan {
  readonly def: ColumnDef;
  /** A row without a readable value here is rejected: a required column, or a key the file has. */
  readonly required: boolean;
  /** Position among the raw table's columns: names the helper columns. */
  readonly k: number;
  readonly quoted: string;
  readonly sql?: ValueSql;
  readonly mapTable?: string;
  readonly value: string;
  readonly reason: string;
  /** True when the cell is empty or white space only. */
  readonly blank: string;
}

export function canonicalValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join('|');
  return String(value);
}

/** Normalises each distinct raw value of a mapped column in TypeScript. */
async function buildValueMap(
  db: Database,
  stage: RawStage,
  table: TableName,
  def: ColumnDef,
  quoted: string,
  mapTable: string,
  ctx: NormaliseContext,
): Promise<UnmappedValue[]> {
  const distinct = await db.query<{ raw: string; n: number }>(
    `SELECT ${quoted} AS raw, count(*)::BIGINT AS n FROM ${stage.rawTable} WHERE ${quoted} IS NOT NULL GROUP BY ALL`,
  );
  const dateOrder = def.kind === 'date' ? detectDateOrder(distinct.map((d) => d.raw)).order : undefined;
  const overrides = ctx.overrides?.get(`${table}.${def.name}`);
  const unmapped: UnmappedValue[] = [];
  const rows = distinct.map(({ raw, n }) => {
    const override = overrides?.get(raw.trim());
    const source = override ?? raw;
    const r = normalizeCell(def, source, { dateOrder, excelSerialDates: true, functionIndex: ctx.functionIndex });
    const blank = raw.trim() === '';
    if (r.ok) return [raw, canonicalValue(r.value), null, blank] as const;
    unmapped.push({ table, column: def.name, raw: raw.trim(), count: n, reason: r.reason });
    return [raw, null, r.reason, blank] as const;
  });
  await registerRows(
    db,
    {
      table: mapTable,
      columns: [
        ['raw', 'VARCHAR'],
        ['value', 'VARCHAR'],
        ['reason', 'VARCHAR'],
        ['blank', 'BOOLEAN'],
      ],
    },
    rows.map((r) => [...r]),
  );
  return unmapped;
}

/** Applies the projection levels of several SQL value expressions to `from`. */
export function nest(from: string, sqls: readonly ValueSql[]): string {
  let sql = from;
  const depth = Math.max(0, ...sqls.map((v) => v.levels.length));
  const defined = new Set<string>();
  for (let i = 0; i < depth; i++) {
    const fresh: string[] = [];
    for (const v of sqls) {
      for (const [alias, expr] of v.levels[i] ?? ([] as Level)) {
        if (expr === alias || defined.has(alias)) continue;
        defined.add(alias);
        fresh.push(`${expr} AS ${alias}`);
      }
    }
    if (fresh.length > 0) sql = `(SELECT *, ${fresh.join(', ')} FROM ${sql})`;
  }
  return sql;
}

/**
 * `SELECT *, new columns FROM (…)` for each level (identical carries are left to `*`),
 * then one level with each column's value `_v<k>`, failure reason `_r<k>` and blankness
 * `_b<k>`: every expression is written once, which keeps DuckDB's planning short.
 */
function applyLevels(from: string, plans: readonly ColumnPlan[]): string {
  const sql = nest(
    from,
    plans.flatMap((p) => (p.sql ? [p.sql] : [])),
  );
  const finals = plans.map((p) => `${p.value} AS _v${p.k}, ${p.reason} AS _r${p.k}, ${p.blank} AS _b${p.k}`);
  return finals.length ? `(SELECT _row, ${plans.map((p) => p.quoted).join(', ')}, ${finals.join(', ')} FROM ${sql})` : sql;
}

/** The totals row at the end of a spreadsheet export, if the file's first columns are mapped. */
async function findTotalsRow(db: Database, stage: RawStage, known: readonly string[]): Promise<number | null> {
  const first = stage.columns.filter((c) => c.fileColumn <= 1).sort((a, b) => a.fileColumn - b.fileColumn);
  if (first.length === 0 || stage.rows === 0) return null;
  const cells = stage.columns.map((c) => ident(c.name, known));
  const last = await db.query<Record<string, string | null> & { _row: number }>(
    `SELECT rowid::BIGINT AS _row, ${cells.map((c, i) => `${c} AS c${i}`).join(', ')} FROM ${stage.rawTable} ORDER BY rowid DESC LIMIT 6`,
  );
  last.reverse();
  const at = (row: Record<string, string | null>, fileColumn: number): string => {
    const i = stage.columns.findIndex((c) => c.fileColumn === fileColumn);
    return i === -1 ? '' : (row[`c${i}`] ?? '');
  };
  for (let t = last.length - 1; t >= 0; t--) {
    if (!isTotalsRow([at(last[t], 0), at(last[t], 1)])) continue;
    const filled = (row: Record<string, string | null>) => stage.columns.filter((_, i) => (row[`c${i}`] ?? '').trim() !== '').length;
    return last.slice(t + 1).every((r) => filled(r) <= 1) ? last[t]._row : null;
  }
  return null;
}

export async function normaliseFile(db: Database, stage: RawStage, input: StageInput, ctx: NormaliseContext): Promise<NormalisedFile> {
  const table = input.table;
  const known = TABLES[table].columns.map((c) => c.name);
  const inspection = input.inspection;
  const unmapped: UnmappedValue[] = [];
  const plans: ColumnPlan[] = [];
  const joins: string[] = [];
  const joinCols: string[] = [];

  // A key column the file has identifies its rows: a broken id rejects the row rather than
  // loading it without one (only a key the file lacks is made up, see checks.ts).
  const keys = new Set(TABLES[table].key);
  const mustHave = (def: ColumnDef) => def.required || keys.has(def.name);
  for (const [k, { name, fileColumn }] of stage.columns.entries()) {
    const def = findColumn(table, name);
    if (!def) throw new Error(`unknown column ${name}`);
    const quoted = ident(name, known);
    const col = `r.${quoted}`;
    if (MAPPED_KINDS.has(def.kind)) {
      const mapTable = `map_f${stage.index}_${k}`;
      unmapped.push(...(await buildValueMap(db, stage, table, def, quoted, mapTable, ctx)));
      joins.push(`LEFT JOIN ${mapTable} m${k} ON m${k}.raw = ${col}`);
      joinCols.push(`m${k}.value AS _mv${k}`, `m${k}.reason AS _mr${k}`, `coalesce(m${k}.blank, true) AS _mb${k}`);
      plans.push({
        def,
        required: mustHave(def),
        k,
        quoted,
        mapTable,
        value: `CAST(_mv${k} AS ${DUCKDB_TYPE[def.kind]})`,
        reason: `_mr${k}`,
        blank: `_mb${k}`,
      });
      continue;
    }
    if (def.kind === 'id' || def.kind === 'text') {
      // Ids and text have about as many distinct values as rows: the expression runs on every cell.
      const sql = textSql(quoted, `_x${k}_`, def.kind);
      plans.push({
        def,
        required: mustHave(def),
        k,
        quoted,
        sql,
        value: sql.value,
        reason: sql.reason,
        blank: `coalesce(_x${k}_t, '') = ''`,
      });
      continue;
    }
    // Numbers: the SQL expression runs once per distinct raw value (hours or amounts repeat a lot).
    const hint = inspection.columnDecimalMarks[fileColumn] ?? inspection.decimalMark;
    const sql = numberSql(quoted, `_x${k}_`, def.kind as 'decimal' | 'integer' | 'money', hint);
    const mapTable = `map_f${stage.index}_${k}`;
    await db.query(
      `CREATE OR REPLACE TEMP TABLE ${mapTable} AS
       SELECT ${quoted} AS raw, ${sql.value} AS value, ${sql.reason} AS reason, coalesce(_x${k}_t, '') = '' AS blank
       FROM ${nest(`(SELECT DISTINCT ${quoted} FROM ${stage.rawTable} WHERE ${quoted} IS NOT NULL)`, [sql])}`,
    );
    joins.push(`LEFT JOIN ${mapTable} m${k} ON m${k}.raw = ${col}`);
    joinCols.push(`m${k}.value AS _mv${k}`, `m${k}.reason AS _mr${k}`, `coalesce(m${k}.blank, true) AS _mb${k}`);
    plans.push({ def, required: mustHave(def), k, quoted, mapTable, value: `_mv${k}`, reason: `_mr${k}`, blank: `_mb${k}` });
  }

  const totalsRow = await findTotalsRow(db, stage, known);
  const base = (filter: string) =>
    `(SELECT r.rowid::BIGINT AS _row, r.*${joinCols.length ? `, ${joinCols.join(', ')}` : ''} FROM ${stage.rawTable} r ${joins.join(' ')} ${filter})`;
  const blank = plans.length === 0 ? 'true' : plans.map((p) => `_b${p.k}`).join(' AND ');
  const skip = `(${blank}${totalsRow === null ? '' : ` OR _row >= ${totalsRow}`})`;
  const required = plans.filter((p) => p.required);
  // Rows the reader marked already (a record a stray quote swallowed others into) go too.
  const marked = `_row IN (SELECT row_ord FROM ${PROBLEMS_TABLE} WHERE file = ${stage.index} AND row_ord IS NOT NULL AND action = 'rejected')`;
  const rejectIf = [...required.map((p) => `_v${p.k} IS NULL`), marked].join(' OR ');
  const anyReason = plans.length ? plans.map((p) => `_r${p.k} IS NOT NULL`).join(' OR ') : 'false';

  const stgTable = `stg_f${stage.index}`;
  await db.query(
    `CREATE OR REPLACE TEMP TABLE ${stgTable} AS
     SELECT _row, ${plans.map((p) => `_v${p.k} AS ${p.quoted}`).join(', ')},
       ${skip} AS _skip,
       (NOT ${skip} AND (${rejectIf})) AS _reject,
       (NOT ${skip} AND (${rejectIf} OR ${anyReason})) AS _bad
     FROM ${applyLevels(base(''), plans)}`,
  );

  const [{ bad }] = await db.query<{ bad: number }>(`SELECT count(*)::BIGINT AS bad FROM ${stgTable} WHERE _bad`);
  const badTable = `bad_f${stage.index}`;
  if (bad > 0)
    await recordProblems(
      db,
      stage,
      plans,
      applyLevels(base(`WHERE r.rowid IN (SELECT _row FROM ${stgTable} WHERE _bad)`), plans),
      badTable,
    );
  for (const p of plans) if (p.mapTable) await db.query(`DROP TABLE ${p.mapTable}`);
  const [{ skipped }] = await db.query<{ skipped: number }>(`SELECT count(*)::BIGINT AS skipped FROM ${stgTable} WHERE _skip`);
  return { index: stage.index, table, stgTable, unmapped, rowsSkipped: skipped };
}

/** Details only for the rows that have a problem: the expressions run again on those alone. */
async function recordProblems(
  db: Database,
  stage: RawStage,
  plans: readonly ColumnPlan[],
  badRowsSql: string,
  badTable: string,
): Promise<void> {
  await db.query(
    `CREATE OR REPLACE TEMP TABLE ${badTable} AS
     SELECT _row, ${plans.map((p) => `${p.quoted} AS _raw${p.k}, _r${p.k} AS _why${p.k}, _v${p.k} IS NULL AS _null${p.k}`).join(', ')}
     FROM ${badRowsSql}`,
  );
  for (const p of plans) {
    const action = p.required ? 'rejected' : 'ignored';
    await db.query(
      `INSERT INTO ${PROBLEMS_TABLE} ${PROBLEM_ROW}
       SELECT ${stage.index}, _row, NULL, ${stringLiteral(p.def.name)}, left(_raw${p.k}, ${PROBLEM_VALUE_CHARS}), _why${p.k}, ${stringLiteral(action)}
       FROM ${badTable} WHERE _why${p.k} IS NOT NULL`,
    );
    if (p.required) {
      await db.query(
        `INSERT INTO ${PROBLEMS_TABLE} ${PROBLEM_ROW}
         SELECT ${stage.index}, _row, NULL, ${stringLiteral(p.def.name)}, NULL, 'required_missing', 'rejected'
         FROM ${badTable} WHERE _why${p.k} IS NULL AND _null${p.k}`,
      );
    }
  }
  await db.query(`DROP TABLE ${badTable}`);
}
