/**
 * The fast path for a set already in the app's canonical form (the canonical export, or
 * files written like it; see `canonical-recognise.ts`): each file is read straight into
 * its typed staging table (`canonical-stage.ts`), the checks only count
 * (`canonical-checks.ts`), then the same steps as the general path finish the load —
 * tables the set lacks derived from the ids, plausibility warnings, the fingerprint, the
 * one-transaction commit — and the report says `path: 'canonical'`.
 *
 * Returns null, with nothing changed and its tables dropped, as soon as anything is not
 * as canonical as it looked — bytes, a value, a key, a reference — or the engine fails
 * before the commit: the pipeline then runs the general path, whose report lists every
 * problem. A cancel is a cancel (no fall-back), and a failed commit is an engine error.
 */
import type { Database } from '../query/database';
import { TABLE_NAMES, type TableName } from '../domain/schema';
import { errorMessage } from '../domain/error-text';
import { deriveMissingTables, emptyStaging, noteMissingBaselines, stagingTable } from './checks';
import { commitStaging } from './commit';
import { datasetFingerprint } from './fingerprint';
import { countDanglingReferences, countDuplicateKeys, countValueFailures } from './canonical-checks';
import { createCanonicalStaging, stageCanonicalFile } from './canonical-stage';
import type { NormaliseContext } from './normalise';
import { runPlausibilityChecks } from './plausibility';
import { problemCounts } from './problem-counts';
import { PROBLEMS_DDL, PROBLEMS_TABLE, setReadingProgress, type StageInput } from './stage';
import { UploadCancelled, throwIfAborted } from './transcode';
import { LoadError, type FileReport, type LoadProgress, type LoadReport } from './types';

export interface CanonicalPart extends StageInput {
  readonly name: string;
}

export interface FastPathOptions extends NormaliseContext {
  readonly today?: string;
  readonly signal?: AbortSignal;
  readonly sliceBytes?: number;
  readonly onProgress?: (p: LoadProgress) => void;
  readonly onSlice?: () => Promise<void> | void;
}

/** Loads a canonical set, or returns null when the general path must (see above). */
export async function loadCanonicalSet(
  db: Database,
  inputs: readonly CanonicalPart[],
  options: FastPathOptions,
  startedAt: number,
): Promise<LoadReport | null> {
  const bytesTotal = inputs.reduce((n, i) => n + i.file.size, 0);
  const present = [...new Set(inputs.map((i) => i.table))];
  const absent = TABLE_NAMES.filter((t) => !present.includes(t));
  let committing = false;
  try {
    await db.query(PROBLEMS_DDL);
    for (const table of TABLE_NAMES) {
      if (present.includes(table)) await createCanonicalStaging(db, table);
      else await emptyStaging(db, table);
    }
    const rows: number[] = [];
    let bytesBefore = 0;
    for (const [index, input] of inputs.entries()) {
      const rowsBefore = rows.reduce((n, r) => n + r, 0);
      const stage = await stageCanonicalFile(db, input, index, {
        signal: options.signal,
        sliceBytes: options.sliceBytes,
        onSlice: options.onSlice,
        onProgress: setReadingProgress(options.onProgress, input.name, { bytes: bytesBefore, rows: rowsBefore }, bytesTotal),
      });
      if (!stage.canonicalBytes || stage.rows === 0) return null;
      rows.push(stage.rows);
      bytesBefore += input.file.size;
    }
    const rowsRead = rows.reduce((n, r) => n + r, 0);
    throwIfAborted(options.signal);
    options.onProgress?.({ phase: 'checking', bytesLoaded: bytesTotal, bytesTotal, rowsLoaded: rowsRead });
    const indexed = inputs.map((input, index) => ({ ...input, index }));
    if ((await countValueFailures(db, indexed, options)) > 0) return null;
    if ((await countDuplicateKeys(db, present)) > 0) return null;
    const derived = await deriveMissingTables(db, absent);
    if ((await countDanglingReferences(db)) > 0) return null;
    await noteMissingBaselines(db);
    await runPlausibilityChecks(db, options.today ?? new Date().toISOString().slice(0, 10));
    // No blank lines, no line breaks in cells (checked while reading): row n is line n + 2.
    await db.query(`UPDATE ${PROBLEMS_TABLE} SET line = row_ord + 2 WHERE line IS NULL AND row_ord IS NOT NULL AND file >= 0`);

    const counts = await db.query<{ t: TableName; n: number }>(
      TABLE_NAMES.map((t) => `SELECT '${t}' AS t, count(*)::BIGINT AS n FROM ${stagingTable(t)}`).join(' UNION ALL '),
    );
    const rowsOf = (t: TableName) => counts.find((c) => c.t === t)?.n ?? 0;
    if (rowsOf('clients') === 0) return null;
    const fingerprint = await datasetFingerprint(db, stagingTable);
    throwIfAborted(options.signal);
    options.onProgress?.({ phase: 'saving', bytesLoaded: bytesTotal, bytesTotal, rowsLoaded: rowsRead });
    committing = true;
    await commitStaging(db);

    const files: FileReport[] = inputs.map((input, i) => ({
      name: input.name,
      table: input.table,
      flat: false,
      bytes: input.file.size,
      rowsRead: rows[i],
      rowsLoaded: rows[i],
      rowsSkipped: 0,
      rowsRejected: 0,
      rejectedLines: 0,
      rowsMerged: 0,
      valuesIgnored: 0,
      encodingSwitched: false,
    }));
    const pc = await problemCounts(
      db,
      inputs.map((i) => i.name),
    );
    return {
      path: 'canonical',
      files,
      tables: TABLE_NAMES.map((table) => ({ table, rows: rowsOf(table) })),
      problemCounts: pc,
      rejectedRows: 0,
      problemsTotal: pc.reduce((n, c) => n + c.count, 0),
      unmapped: [],
      derived,
      absent: absent.filter((t) => !derived.some((d) => d.table === t)),
      fingerprint,
      loadMs: performance.now() - startedAt,
    };
  } catch (error) {
    if (error instanceof UploadCancelled) throw new LoadError('cancelled');
    if (error instanceof LoadError) throw error;
    if (committing) throw new LoadError('engine', { detail: errorMessage(error) });
    return null;
  } finally {
    for (const table of TABLE_NAMES) await db.query(`DROP TABLE IF EXISTS ${stagingTable(table)}`).catch(() => undefined);
  }
}
