/** The built-in sample loaded into DuckDB-WASM's Node engine, with the app's own loader. */
import { join } from 'node:path';
import { openDatasetFromFolder } from '../../src/lib/db/node-database';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const SAMPLE_DIR = join(REPO_ROOT, 'data', 'sample');
export const CROSSWALK_PATH = join(REPO_ROOT, 'data', 'mentor-functions.csv');

export function openSampleDatabase() {
  return openDatasetFromFolder(SAMPLE_DIR, CROSSWALK_PATH);
}
