/** Uploading files to the Node engine the way the Data page does: inspect, map, load. */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { File } from 'node:buffer';
import { openNodeDatabase } from '../../src/lib/db/node-database';
import { loadCrosswalk, loadCanonicalTables, type CanonicalFiles } from '../../src/lib/db/load-canonical';
import { TABLE_NAMES } from '../../src/lib/domain/schema';
import { buildFunctionIndex } from '../../src/lib/ingest/normalize';
import { parseCrosswalk } from '../../src/lib/domain/frameworks';
import { inspectFile, type FileInspection } from '../../src/lib/upload/inspect';
import { loadUpload, type PipelineOptions } from '../../src/lib/upload/pipeline';
import type { StageInput } from '../../src/lib/upload/stage';
import { CROSSWALK_PATH, SAMPLE_DIR } from './sample-db';

export const crosswalkBytes = new Uint8Array(readFileSync(CROSSWALK_PATH));
export const functionIndex = buildFunctionIndex(parseCrosswalk(new TextDecoder().decode(crosswalkBytes)));

export type NamedBlob = Blob & { name: string };

export function fileFrom(name: string, content: string | Uint8Array): NamedBlob {
  return new File([content], name) as unknown as NamedBlob;
}

export function fileFromPath(path: string): NamedBlob {
  return fileFrom(basename(path), new Uint8Array(readFileSync(path)));
}

export function sampleFiles(): NamedBlob[] {
  return TABLE_NAMES.map((t) => fileFromPath(join(SAMPLE_DIR, `${t}.csv`)));
}

/** Inspects files and takes the automatic mapping; throws when a file is not recognised. */
export async function inputsFor(files: readonly NamedBlob[]): Promise<(StageInput & { name: string })[]> {
  const out: (StageInput & { name: string })[] = [];
  for (const file of files) {
    const inspection = await inspectFile(file);
    if (!inspection.ok) throw new Error(`${file.name}: ${inspection.reason}`);
    out.push(inputFrom(file, inspection));
  }
  return out;
}

export function inputFrom(file: NamedBlob, inspection: FileInspection): StageInput & { name: string } {
  if (!inspection.match.table) throw new Error(`${file.name}: table not recognised`);
  return { name: file.name, file, inspection, table: inspection.match.table, mapping: inspection.match.mapping };
}

/** A Node database with the crosswalk loaded and no dataset yet. */
export async function openEmptyDatabase() {
  const db = await openNodeDatabase();
  await loadCrosswalk(db, crosswalkBytes);
  return db;
}

/** A Node database holding the built-in sample, loaded by the canonical loader. */
export async function openSampleLoaded() {
  const db = await openNodeDatabase();
  const files = Object.fromEntries(
    TABLE_NAMES.map((t) => [t, new Uint8Array(readFileSync(join(SAMPLE_DIR, `${t}.csv`)))]),
  ) as CanonicalFiles;
  await loadCanonicalTables(db, files, crosswalkBytes);
  return db;
}

export async function upload(
  db: Awaited<ReturnType<typeof openNodeDatabase>>,
  files: readonly NamedBlob[],
  options: Partial<PipelineOptions> = {},
) {
  return loadUpload(db, await inputsFor(files), { functionIndex, ...options });
}

/** The four tables of the tiny fixture (`tests/fixtures/tiny`) as files a user would choose. */
export function tinyFiles() {
  return TABLE_NAMES.map((t) => fileFromPath(join(import.meta.dirname, '..', 'fixtures', 'tiny', `${t}.csv`)));
}
