/**
 * Loading a set of uploaded files, all or nothing:
 *
 *   read (DuckDB read_csv, per file part, into raw text tables)
 *   → normalise (SQL + TS value maps, into typed staging tables; problems recorded)
 *   → gather (per table; a flat sheet's repeated client/mentor details merged per key;
 *     session ids made up where the log has none; missing mentors and clients derived
 *     from the ids the sessions and outcomes name)
 *   → check (duplicates, references, plausibility warnings)
 *   → commit (one transaction replaces the four tables and rebuilds the model)
 *
 * A set need not be complete: clients alone are a dataset; tables without a file load
 * empty (the pages explain what they need), columns without a file column load as
 * missing values. Every row read is accounted for in the report: loaded, rejected (with
 * its reason and every line it covered), skipped, or merged into a client or mentor.
 *
 * Nothing touches the active tables before the commit, so a failure at any step — a
 * missing table, a file that cannot be read, an engine error, a cancel — leaves the
 * dataset the pages show exactly as it was; the staging tables are dropped either way.
 * Works on any `Database` (the browser worker, or DuckDB-WASM's Node build in tests).
 *
 * A set already in the canonical form (as the app's own export writes it) first takes
 * the fast path (`canonical-fast-path.ts`): typed straight into staging, checks that only
 * count; on any doubt it gives way to the path above, so the report is the same.
 */
import type { Database } from '../query/database';
import { TABLES, TABLE_NAMES, type TableName } from '../domain/schema';
import { NoDataError, UnclosedQuoteError } from './batches';
import { emptyStaging, gatherTable, mergeFlatParts, runChecks, stagingTable } from './checks';
import { runPlausibilityChecks } from './plausibility';
import { commitStaging } from './commit';
import { problemCounts } from './problem-counts';
import { isCanonicalSet } from './canonical-recognise';
import { loadCanonicalSet } from './canonical-fast-path';
import { datasetFingerprint } from './fingerprint';
import { MAX_SET_BYTES } from '../ingest/limits';
import { normaliseFile, type NormaliseContext, type NormalisedFile } from './normalise';
import { PROBLEMS_DDL, PROBLEMS_TABLE, stageRawFile, type RawStage, type StageInput, setReadingProgress } from './stage';
import { UploadCancelled, throwIfAborted } from './transcode';
import {
  LoadError,
  type FileReport,
  type LoadProgress,
  type LoadReport,
  type Problem,
  type ProblemCount,
  type UnmappedValue,
} from './types';
import { errorMessage } from '../domain/error-text';

/**
 * One file (or one table of a flat sheet) to load. A flat sheet gives several parts over
 * the same file: its rows as sessions (or outcomes), and its repeated client and mentor
 * details as `flat` parts, merged per client / mentor instead of rejected as duplicates.
 */
export type UploadPart = StageInput & {
  readonly name: string;
  readonly flat?: boolean;
};

export interface PipelineOptions extends NormaliseContext {
  /** Today (ISO date) for the "date in the future" check; defaults to the machine's date. */
  readonly today?: string;
  readonly signal?: AbortSignal;
  readonly sliceBytes?: number;
  readonly maxSetBytes?: number;
  readonly onProgress?: (p: LoadProgress) => void;
  /** Called between slices (the browser yields to the page there). */
  readonly onSlice?: () => Promise<void> | void;
  /** Skips the canonical fast path (tests compare both paths). */
  readonly forceNormalise?: boolean;
}

/** What a failed load still knows: the problems found before it stopped. */
export interface PartialReport {
  readonly problemCounts: readonly ProblemCount[];
  readonly unmapped: readonly UnmappedValue[];
}

/** Checks a set before reading it: required columns mapped, at least one part, not too large. */
export function checkSet(inputs: readonly UploadPart[], maxSetBytes = MAX_SET_BYTES): void {
  // Parts of one flat sheet share its file: count it once.
  const total = [...new Set(inputs.map((i) => i.file))].reduce((n, f) => n + f.size, 0);
  if (total > maxSetBytes) throw new LoadError('too_large', { detail: `${total} bytes` });
  if (inputs.length === 0) throw new LoadError('nothing_loaded', { table: 'clients' });
  for (const input of inputs) {
    const mapped = new Set(input.mapping.filter((m): m is string => m !== null));
    const missing = TABLES[input.table].columns.filter((c) => c.required && !mapped.has(c.name)).map((c) => c.name);
    if (missing.length > 0) throw new LoadError('required_columns_missing', { file: input.name, table: input.table, columns: missing });
  }
}

async function dropAll(db: Database, names: Iterable<string>): Promise<void> {
  for (const name of names) await db.query(`DROP TABLE IF EXISTS ${name}`).catch(() => undefined);
}

function aggregateUnmapped(files: readonly NormalisedFile[]): UnmappedValue[] {
  const byKey = new Map<string, UnmappedValue>();
  for (const f of files) {
    for (const u of f.unmapped) {
      const key = `${u.table}\u0000${u.column}\u0000${u.raw}`;
      const seen = byKey.get(key);
      byKey.set(key, seen ? { ...seen, count: seen.count + u.count } : u);
    }
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count);
}

/** Fills in the physical line of value problems from each file's line runs. */
async function resolveLines(db: Database, stages: readonly RawStage[]): Promise<void> {
  if (stages.length === 0) return;
  await db.query(
    `CREATE OR REPLACE TEMP TABLE all_lines AS ${stages.map((s) => `SELECT ${s.index}::INTEGER AS file, ord, off FROM lines_f${s.index}`).join(' UNION ALL ')}`,
  );
  await db.query(
    `CREATE OR REPLACE TEMP TABLE ${PROBLEMS_TABLE} AS
     SELECT p.file, p.row_ord, coalesce(p.line, p.row_ord + l.off) AS line, p."column", p.value, p.reason, p.action, p.line_end
     FROM ${PROBLEMS_TABLE} p ASOF LEFT JOIN all_lines l ON p.file = l.file AND p.row_ord >= l.ord
     ORDER BY p.file, line`,
  );
  await db.query(`DROP TABLE all_lines`);
}

export async function loadUpload(db: Database, inputs: readonly UploadPart[], options: PipelineOptions): Promise<LoadReport> {
  const t0 = performance.now();
  checkSet(inputs, options.maxSetBytes);
  if (!options.forceNormalise && isCanonicalSet(inputs, options.overrides)) {
    const report = await loadCanonicalSet(db, inputs, options, t0);
    if (report) return report;
  }
  return loadNormalised(db, inputs, options, t0);
}

/** The general path: read as text, normalise, gather, check, commit (see the top of this file). */
async function loadNormalised(db: Database, inputs: readonly UploadPart[], options: PipelineOptions, t0: number): Promise<LoadReport> {
  const created = new Set<string>();
  const names = inputs.map((i) => i.name);
  const stages: RawStage[] = [];
  const normalised: NormalisedFile[] = [];
  const bytesTotal = inputs.reduce((n, i) => n + i.file.size, 0);
  let bytesBefore = 0;
  let rowsBefore = 0;
  let committed = false;
  try {
    await db.query(PROBLEMS_DDL);
    for (const [index, input] of inputs.entries()) {
      throwIfAborted(options.signal);
      created.add(`raw_f${index}`).add(`lines_f${index}`).add(`rej_f${index}`).add(`rej_f${index}_scan`);
      let stage: RawStage;
      try {
        stage = await stageRawFile(db, input, index, {
          signal: options.signal,
          sliceBytes: options.sliceBytes,
          onSlice: options.onSlice,
          onProgress: setReadingProgress(options.onProgress, input.name, { bytes: bytesBefore, rows: rowsBefore }, bytesTotal),
        });
      } catch (error) {
        if (error instanceof UnclosedQuoteError)
          throw new LoadError('unclosed_quote', { file: input.name, table: input.table, line: error.line });
        if (error instanceof NoDataError) throw new LoadError('no_data', { file: input.name, table: input.table });
        throw error;
      }
      stages.push(stage);
      bytesBefore += input.file.size;
      rowsBefore += stage.rows;
    }

    options.onProgress?.({ phase: 'checking', bytesLoaded: bytesTotal, bytesTotal, rowsLoaded: rowsBefore });
    for (const [index, input] of inputs.entries()) {
      throwIfAborted(options.signal);
      created.add(`stg_f${index}`).add(`bad_f${index}`);
      for (let k = 0; k < stages[index].columns.length; k++) created.add(`map_f${index}_${k}`);
      normalised.push(await normaliseFile(db, stages[index], input, options));
      await db.query(`DROP TABLE ${stages[index].rawTable}`);
      await options.onSlice?.();
    }

    const present = new Map(stages.map((s) => [s.index, s.columns.map((c) => c.name)] as const));
    for (const table of TABLE_NAMES) {
      created.add(stagingTable(table));
      const parts = normalised.filter((f) => f.table === table);
      if (parts.length === 0) await emptyStaging(db, table);
      else await gatherTable(db, table, parts, present);
      const flat = parts.filter((f) => inputs[f.index].flat).map((f) => f.index);
      if (flat.length > 0) await mergeFlatParts(db, table, flat);
    }
    for (const f of normalised) await db.query(`DROP TABLE ${f.stgTable}`);
    throwIfAborted(options.signal);
    const absent = TABLE_NAMES.filter((t) => !inputs.some((i) => i.table === t));
    const derived = await runChecks(db, absent);
    await runPlausibilityChecks(db, options.today ?? new Date().toISOString().slice(0, 10));
    await resolveLines(db, stages);

    const counts = await db.query<{ t: string; n: number }>(
      TABLE_NAMES.map((t) => `SELECT '${t}' AS t, count(*)::BIGINT AS n FROM ${stagingTable(t)}`).join(' UNION ALL '),
    );
    const rowsOf = (t: TableName) => counts.find((c) => c.t === t)?.n ?? 0;
    // Clients are the one table a dataset cannot do without (they may come from ids alone).
    if (rowsOf('clients') === 0)
      throw new LoadError('nothing_loaded', { table: 'clients', file: inputs.find((i) => i.table === 'clients')?.name });
    for (const table of TABLE_NAMES) {
      const parts = inputs.filter((i) => i.table === table);
      if (parts.length > 0 && rowsOf(table) === 0) throw new LoadError('nothing_loaded', { table, file: parts[0].name });
    }

    const perFile = await db.query<{ file: number; loaded: number }>(
      TABLE_NAMES.map((t) => `SELECT _file AS file, count(*)::BIGINT AS loaded FROM ${stagingTable(t)} GROUP BY _file`).join(' UNION ALL '),
    );
    // Emptied values of rows that made it in (a rejected row's other problems do not count).
    const ignored = await db.query<{ file: number; n: number }>(
      `SELECT p.file, count(*)::BIGINT AS n FROM ${PROBLEMS_TABLE} p
       SEMI JOIN (${TABLE_NAMES.map((t) => `SELECT _file, _row FROM ${stagingTable(t)}`).join(' UNION ALL ')}) s
         ON s._file = p.file AND s._row = p.row_ord
       WHERE p.action = 'ignored' GROUP BY p.file`,
    );
    // Rows rejected, each once (a row may have several problems), and the lines they covered.
    const rejected = await db.query<{ file: number; rows: number; lines: number }>(
      `SELECT file, count(*)::BIGINT AS rows, sum(lines)::BIGINT AS lines FROM (
         SELECT file, coalesce(row_ord, -line) AS r, max(coalesce(line_end, line) - line) + 1 AS lines
         FROM ${PROBLEMS_TABLE} WHERE action = 'rejected' GROUP BY ALL)
       GROUP BY file`,
    );
    const fingerprint = await datasetFingerprint(db, stagingTable);
    throwIfAborted(options.signal);
    options.onProgress?.({ phase: 'saving', bytesLoaded: bytesTotal, bytesTotal, rowsLoaded: rowsBefore });
    await commitStaging(db);
    committed = true;

    const files: FileReport[] = inputs.map((input, i) => {
      const rowsRead = stages[i].rows + stages[i].csvRejected;
      const rowsLoaded = perFile.find((p) => p.file === i)?.loaded ?? 0;
      const rowsSkipped = normalised[i].rowsSkipped;
      const rejectedRow = rejected.find((r) => r.file === i);
      const rowsRejected = rejectedRow?.rows ?? 0;
      return {
        name: input.name,
        table: input.table,
        flat: input.flat ?? false,
        bytes: input.file.size,
        rowsRead,
        rowsLoaded,
        rowsSkipped,
        rowsRejected,
        rejectedLines: rejectedRow?.lines ?? 0,
        // A flat sheet's details fold into one row per client or mentor; nothing else may vanish.
        rowsMerged: Math.max(0, rowsRead - rowsLoaded - rowsSkipped - rowsRejected),
        valuesIgnored: ignored.find((r) => r.file === i)?.n ?? 0,
        encodingSwitched: stages[i].encodingSwitched,
      };
    });
    const pc = await problemCounts(db, names);
    return {
      path: 'normalised',
      files,
      tables: TABLE_NAMES.map((table) => ({ table, rows: rowsOf(table) })),
      problemCounts: pc,
      rejectedRows: files.reduce((n, f) => n + f.rowsRejected, 0),
      problemsTotal: pc.reduce((n, c) => n + c.count, 0),
      unmapped: aggregateUnmapped(normalised),
      derived,
      absent: absent.filter((t) => !derived.some((d) => d.table === t)),
      fingerprint,
      loadMs: performance.now() - t0,
    };
  } catch (error) {
    const partial: PartialReport | undefined = committed
      ? undefined
      : await problemCounts(db, names)
          .then((problemCountsSoFar) => ({ problemCounts: problemCountsSoFar, unmapped: aggregateUnmapped(normalised) }))
          .catch(() => undefined);
    const wrapped =
      error instanceof LoadError
        ? error
        : error instanceof UploadCancelled
          ? new LoadError('cancelled')
          : new LoadError('engine', { detail: errorMessage(error) });
    (wrapped as LoadError & { partial?: PartialReport }).partial = partial;
    throw wrapped;
  } finally {
    await dropAll(db, created);
  }
}

/** The problems of the last load, in file and line order (for the report and its CSV). */
export async function fetchProblems(
  db: Database,
  fileNames: readonly string[],
  tables: readonly TableName[],
  limit?: number,
): Promise<Problem[]> {
  const exists = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = '${PROBLEMS_TABLE}'`);
  if (!exists[0]?.n) return [];
  const rows = await db.query<{
    file: number;
    line: number | null;
    line_end: number | null;
    column: string | null;
    value: string | null;
    reason: string;
    action: string;
  }>(
    `SELECT file, line, line_end, "column", value, reason, action FROM ${PROBLEMS_TABLE} ORDER BY file, line NULLS LAST${limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(limit))}`}`,
  );
  return rows.map(
    (r) =>
      ({
        file: fileNames[r.file] ?? String(r.file),
        table: tables[r.file],
        line: r.line,
        lineEnd: r.line_end != null && r.line_end !== r.line ? r.line_end : null,
        column: r.column,
        value: r.value,
        reason: r.reason,
        action: r.action,
      }) as Problem,
  );
}
