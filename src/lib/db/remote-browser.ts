/**
 * The browser side of remote datasets: DuckDB-WASM reads each database file over HTTP with
 * range requests (`registerFileURL(…, DuckDBDataProtocol.HTTP)`), after a probe from the page
 * has checked that the host answers range requests and that the file is a DuckDB database.
 *
 * DuckDB-WASM 1.32 downloads every HTTP file whole unless the database was opened with
 * `filesystem: { forceFullHTTPReads: false }` (its default is `true`), so the engine must be
 * opened with `REMOTE_FILESYSTEM_CONFIG`; `loadRemoteDatasetInBrowser` refuses to run
 * otherwise rather than silently download everything.
 */
import { DuckDBDataProtocol, type AsyncDuckDB, type DuckDBFilesystemConfig } from '@duckdb/duckdb-wasm';
import { CROSSWALK_URL, fetchBytes } from './sample';
import { dataOriginsFromCsp } from './remote-manifest';
import {
  loadRemoteDataset,
  releaseRemoteDataset,
  RemoteDatasetError,
  type LoadRemoteOptions,
  type RemoteDataset,
  type RemoteFiles,
} from './remote-source';
import type { Database } from '../query/database';
import { errorMessage } from '../domain/error-text';

/**
 * Pass as `filesystem` to `AsyncDuckDB.open`: HTTP files are read with range requests, and
 * DuckDB may still fall back to a full read for a host that cannot do ranges (the probe
 * below refuses such hosts for remote datasets before DuckDB ever opens the file).
 */
export const REMOTE_FILESYSTEM_CONFIG: DuckDBFilesystemConfig = { forceFullHTTPReads: false, allowFullHTTPReads: true };

/**
 * The page's engine as this module needs it: the Database and the DuckDB-WASM instance under
 * it (browser-database.ts opens it, with `REMOTE_FILESYSTEM_CONFIG` from here).
 */
type WorkerDatabase = Database & { readonly db: AsyncDuckDB };

/** Magic bytes of a DuckDB database file, at offset 8 of its main header. */
const DUCKDB_MAGIC = 'DUCK';

export class RemoteHostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteHostError';
  }
}

const REQUEST: RequestInit = { credentials: 'same-origin', cache: 'no-cache', redirect: 'error' };

/**
 * Checks, from the page, what DuckDB's worker will need: the host answers a ranged GET with
 * 206 and the file starts like a DuckDB database. Returns the file size (from a HEAD).
 */
export async function probeDatabaseFile(url: string): Promise<{ bytes: number }> {
  let head: Response;
  let start: Response;
  try {
    head = await fetch(url, { ...REQUEST, method: 'HEAD', headers: { Range: 'bytes=0-' } });
    start = await fetch(url, { ...REQUEST, headers: { Range: 'bytes=0-15' } });
  } catch (error) {
    throw new RemoteHostError(
      `Cannot reach ${url} (${errorMessage(error)}). Is the host up, and does it allow this site (CORS) if it is another origin?`,
    );
  }
  if (head.status === 404 || start.status === 404) throw new RemoteHostError(`${url} was not found (HTTP 404).`);
  if (start.status !== 206) {
    await start.body?.cancel().catch(() => undefined);
    throw new RemoteHostError(
      `${url} answered a range request with HTTP ${start.status}, not 206: the host does not serve byte ranges, so every view would download the whole file. Use a host that supports range requests (see the README).`,
    );
  }
  const first = new Uint8Array(await start.arrayBuffer());
  if (first.byteLength !== 16 || new TextDecoder().decode(first.subarray(8, 12)) !== DUCKDB_MAGIC) {
    throw new RemoteHostError(
      `${url} is not a DuckDB database file (or the host compresses it: serve .duckdb files without Content-Encoding).`,
    );
  }
  const length = Number(head.headers.get('content-length'));
  if (!(head.status === 200 || head.status === 206) || !Number.isSafeInteger(length) || length <= 16) {
    throw new RemoteHostError(`${url}: the host does not report the file's size on a HEAD request (HTTP ${head.status}).`);
  }
  return { bytes: length };
}

async function fetchSmall(url: string, maxBytes: number): Promise<Uint8Array> {
  const response = await fetch(url, REQUEST);
  if (!response.ok) throw new RemoteHostError(`HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new RemoteHostError(`the file is ${declared} bytes, more than the ${maxBytes} allowed`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw new RemoteHostError(`the file is more than the ${maxBytes} bytes allowed`);
  return bytes;
}

/** The engine adapter for DuckDB-WASM in the browser. */
export function browserRemoteFiles(asyncDb: AsyncDuckDB): RemoteFiles {
  return {
    fetchSmall,
    async registerDatabaseFile(db: Database, name: string, url: string) {
      if (asyncDb.config?.filesystem?.forceFullHTTPReads !== false) {
        throw new RemoteDatasetError(
          'The DuckDB engine was opened without `filesystem: REMOTE_FILESYSTEM_CONFIG` (forceFullHTTPReads: false), so it would download remote files whole.',
        );
      }
      // The engine sizes the file with a one-byte ranged GET (HEAD is never trusted: the
      // setting is fixed before the configuration is locked, engine-lockdown.ts).
      const { bytes } = await probeDatabaseFile(url);
      await asyncDb.registerFileURL(name, url, DuckDBDataProtocol.HTTP, false);
      return { bytes };
    },
    async dropFile(name: string) {
      await asyncDb.dropFile(name);
    },
  };
}

/** The data origins this page's Content-Security-Policy allows (the build's DATA_ORIGIN). */
export function pageDataOrigins(): string[] {
  const meta = document.querySelector<HTMLMetaElement>('meta[http-equiv="content-security-policy" i]');
  return dataOriginsFromCsp(meta?.content);
}

/**
 * Loads a remote dataset into the app's DuckDB: the one call the dataset state needs.
 * `datasetUrl` is the dataset folder (or its manifest.json), absolute or relative to the page.
 */
export function loadRemoteDatasetInBrowser(
  db: WorkerDatabase,
  datasetUrl: string,
  options: Pick<LoadRemoteOptions, 'signal' | 'onStep'> = {},
): Promise<RemoteDataset> {
  return loadRemoteDataset(db, datasetUrl, {
    ...options,
    files: browserRemoteFiles(db.db),
    pageUrl: location.href,
    allowedOrigins: pageDataOrigins(),
    defaultCrosswalk: () => fetchBytes(new URL(CROSSWALK_URL, location.href).href),
  });
}

/** Drops the views of a remote dataset and detaches its files (before loading CSV tables again). */
export function releaseRemoteDatasetInBrowser(db: WorkerDatabase): Promise<void> {
  return releaseRemoteDataset(db, browserRemoteFiles(db.db));
}
