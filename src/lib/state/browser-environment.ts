/** The dataset managers' environment in the browser: the worker engine, the site's files, OPFS / IndexedDB, localStorage. */
import { version } from '$app/environment';
import { startDatabase, type BrowserDatabase } from '../db/browser-database';
import { openColumnCache } from '../db/column-cache';
import { newDatasetId, openDatasetStore, readActiveDatasetId, writeActiveDatasetId } from '../db/dataset-store';
import { CROSSWALK_URL, SAMPLE_URLS, fetchBytes } from '../db/sample';
import { loadRemoteDatasetInBrowser, releaseRemoteDatasetInBrowser } from '../db/remote-browser';
import { TABLE_NAMES, type TableName } from '../domain/schema';
import { SOURCE_PARAM } from '../query/view-url';
import type { DatasetEnvironment } from './dataset-environment';

export function browserEnvironment(): DatasetEnvironment<BrowserDatabase> {
  return {
    startEngine: (onProgress) => startDatabase(onProgress),
    async fetchSample(onBytes) {
      const bytes = await Promise.all(TABLE_NAMES.map((t) => fetchBytes(SAMPLE_URLS[t], onBytes && ((n) => onBytes(t, n)))));
      return Object.fromEntries(TABLE_NAMES.map((t, i) => [t, bytes[i]])) as Record<TableName, Uint8Array>;
    },
    fetchCrosswalk: () => fetchBytes(CROSSWALK_URL),
    openStore: openDatasetStore,
    columnCache: openColumnCache(),
    appVersion: version,
    readActiveId: readActiveDatasetId,
    writeActiveId: writeActiveDatasetId,
    newDatasetId,
    sourceParam: () => new URLSearchParams(location.search).get(SOURCE_PARAM)?.trim() || null,
    async openRemote(db, url) {
      const remote = await loadRemoteDatasetInBrowser(db, url);
      return {
        title: remote.manifest.title ?? new URL(remote.baseUrl).host,
        baseUrl: remote.baseUrl,
        fingerprint: remote.fingerprint,
        tables: remote.tables.map((t) => ({ table: t.table, rows: t.rows })),
      };
    },
    releaseRemote: (db) => releaseRemoteDatasetInBrowser(db),
    mark: (name) => performance.mark(`dampingan:${name}`),
    now: () => performance.now(),
  };
}
