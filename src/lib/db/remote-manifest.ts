/**
 * The manifest of a *remote dataset*: a folder on a static host (the site's own origin, or
 * a data origin allowed at build time) that holds the four canonical tables as DuckDB
 * database files, read lazily over HTTP range requests (see remote-source.ts).
 *
 * ```json
 * {
 *   "formatVersion": 1,
 *   "storage": "duckdb",
 *   "tables": {
 *     "clients":  { "file": "dataset.duckdb", "rows": 1500, "bytes": 3682304 },
 *     "mentors":  { "file": "dataset.duckdb", "rows": 50 },
 *     "sessions": { "file": "dataset.duckdb", "rows": 24898 },
 *     "outcomes": { "file": "dataset.duckdb", "rows": 4359 }
 *   },
 *   "crosswalk": { "file": "mentor-functions.csv" },
 *   "model": {
 *     "file": "dataset.duckdb", "version": "511c7010629d4396", "frameworks": ["official", "…"],
 *     "tables": { "client_fact": 1500, "client_function_sessions": 58500, "…": 0 }
 *   },
 *   "fingerprint": "89565c225e3e0b94"
 * }
 * ```
 *
 * Each table lives in the named file under its own name; tables may share a file or have
 * one each. `model` is optional: the derived tables the queries read (query/model.ts),
 * computed when the dataset was published. The app uses them only when `version` matches
 * its own model (`modelVersion()`); otherwise it builds the model from the canonical tables.
 *
 * Everything in it comes from another party, so it is checked strictly: known keys only,
 * the canonical format version, exactly the four tables, plain file names in the same
 * folder (no paths, no URLs, no `..`), plain identifiers for model tables, whole
 * non-negative row counts.
 */
import { FORMAT_VERSION, TABLE_NAMES, type TableName } from '../domain/schema';
import { errorMessage } from '../domain/error-text';

export const MANIFEST_FILE = 'manifest.json';
/** A manifest is a few hundred bytes; anything much larger is not one. */
export const MAX_MANIFEST_BYTES = 64 * 1024;
export const REMOTE_STORAGE = 'duckdb';

export interface RemoteTableEntry {
  /** File name inside the dataset folder, e.g. `sessions.duckdb`; holds a table of the same name. */
  readonly file: string;
  /** Row count of the table; checked against the file when it is attached. */
  readonly rows: number;
  /** Size of the file in bytes, when given; checked against the host's answer. */
  readonly bytes?: number;
}

export interface RemoteModelEntry {
  /** File holding every model table. */
  readonly file: string;
  /** `modelVersion()` of the app that computed it (16 hex digits). */
  readonly version: string;
  /** Frameworks whose function exposure rows were computed (all of the dataset's crosswalk). */
  readonly frameworks: readonly string[];
  /** Model table name → row count. */
  readonly tables: Readonly<Record<string, number>>;
}

export interface RemoteManifest {
  readonly formatVersion: typeof FORMAT_VERSION;
  readonly storage: typeof REMOTE_STORAGE;
  readonly tables: Readonly<Record<TableName, RemoteTableEntry>>;
  /** The function crosswalk (same CSV as `data/mentor-functions.csv`); the app's own when absent. */
  readonly crosswalk?: { readonly file: string };
  /** The derived model, precomputed by the publisher (optional). */
  readonly model?: RemoteModelEntry;
  /** The app's content fingerprint of the data (`datasetFingerprint`, hex); shared links name it. */
  readonly fingerprint?: string;
  readonly title?: string;
  readonly createdAt?: string;
}

export class RemoteManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteManifestError';
  }
}

const TOP_LEVEL_KEYS = ['formatVersion', 'storage', 'tables', 'crosswalk', 'model', 'fingerprint', 'title', 'createdAt'] as const;
const MODEL_KEYS = ['file', 'version', 'frameworks', 'tables'] as const;
/** A model table or framework name: a plain lower-case SQL identifier. */
const MODEL_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const MODEL_VERSION = /^[0-9a-f]{16}$/;
const MAX_MODEL_TABLES = 50;
const TABLE_KEYS = ['file', 'rows', 'bytes'] as const;
/** A plain file name: no folder, no scheme, no query, no escapes, no leading dot. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
/** The app's content fingerprint (hex, as in a shared link's `ds=`). */
const FINGERPRINT = /^[0-9a-f]{8,64}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

const quote = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function rejectUnknownKeys(object: Record<string, unknown>, known: readonly string[], where: string): void {
  const unknown = Object.keys(object).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new RemoteManifestError(`${where}: unknown field ${unknown.map(quote).join(', ')} (allowed: ${known.join(', ')}).`);
  }
}

/** Checks a file name from a manifest: a plain name in the dataset folder with the given extension. */
export function checkFileName(name: unknown, extension: string, where: string): string {
  if (typeof name !== 'string' || name.length === 0) throw new RemoteManifestError(`${where}: "file" must be a file name.`);
  if (!FILE_NAME.test(name) || name.includes('..') || !name.toLowerCase().endsWith(extension)) {
    throw new RemoteManifestError(
      `${where}: file ${quote(name)} is not allowed. Use a plain file name ending in ${extension} (letters, digits, . _ -), in the same folder as ${MANIFEST_FILE}.`,
    );
  }
  return name;
}

function checkCount(value: unknown, where: string, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RemoteManifestError(`${where}: "${field}" must be a whole number ≥ 0, not ${quote(JSON.stringify(value) ?? String(value))}.`);
  }
  return value;
}

function checkTable(table: TableName, entry: unknown): RemoteTableEntry {
  const where = `manifest.tables.${table}`;
  if (!isPlainObject(entry)) throw new RemoteManifestError(`${where} must be an object like {"file": "${table}.duckdb", "rows": 123}.`);
  rejectUnknownKeys(entry, TABLE_KEYS, where);
  const file = checkFileName(entry.file, '.duckdb', where);
  const rows = checkCount(entry.rows, where, 'rows');
  if (entry.bytes === undefined) return { file, rows };
  return { file, rows, bytes: checkCount(entry.bytes, where, 'bytes') };
}

function checkModel(value: unknown): RemoteModelEntry {
  const where = 'manifest.model';
  if (!isPlainObject(value)) throw new RemoteManifestError(`${where} must be an object with file, version, frameworks and tables.`);
  rejectUnknownKeys(value, MODEL_KEYS, where);
  const file = checkFileName(value.file, '.duckdb', where);
  if (typeof value.version !== 'string' || !MODEL_VERSION.test(value.version))
    throw new RemoteManifestError(`${where}.version must be 16 lower-case hex digits.`);
  const frameworks = value.frameworks;
  if (!Array.isArray(frameworks) || frameworks.length === 0 || frameworks.length > MAX_MODEL_TABLES) {
    throw new RemoteManifestError(`${where}.frameworks must be a list of framework names.`);
  }
  for (const f of frameworks) {
    if (typeof f !== 'string' || !MODEL_NAME.test(f))
      throw new RemoteManifestError(`${where}.frameworks: ${quote(String(f))} is not a framework name.`);
  }
  const tables = value.tables;
  if (!isPlainObject(tables) || Object.keys(tables).length === 0 || Object.keys(tables).length > MAX_MODEL_TABLES) {
    throw new RemoteManifestError(`${where}.tables must map each model table to its row count.`);
  }
  const checked: Record<string, number> = {};
  for (const [name, rows] of Object.entries(tables)) {
    if (
      !MODEL_NAME.test(name) ||
      (TABLE_NAMES as readonly string[]).includes(name) ||
      name === 'function_crosswalk' ||
      name.startsWith('dmp_')
    ) {
      throw new RemoteManifestError(`${where}.tables: ${quote(name)} is not allowed as a model table name.`);
    }
    checked[name] = checkCount(rows, `${where}.tables`, name);
  }
  return { file, version: value.version, frameworks: [...new Set(frameworks as string[])], tables: checked };
}

/** Parses and validates a manifest (text or already-parsed JSON); throws a `RemoteManifestError` that says what to fix. */
export function parseRemoteManifest(input: string | unknown): RemoteManifest {
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.length > MAX_MANIFEST_BYTES)
      throw new RemoteManifestError(`${MANIFEST_FILE} is larger than ${MAX_MANIFEST_BYTES} bytes: not a dataset manifest.`);
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new RemoteManifestError(`${MANIFEST_FILE} is not valid JSON (${errorMessage(error)}).`);
    }
  }
  if (!isPlainObject(value)) throw new RemoteManifestError(`${MANIFEST_FILE} must hold a JSON object.`);
  rejectUnknownKeys(value, TOP_LEVEL_KEYS, 'manifest');

  if (value.formatVersion !== FORMAT_VERSION) {
    throw new RemoteManifestError(
      `manifest.formatVersion is ${quote(JSON.stringify(value.formatVersion) ?? 'missing')}; this dashboard reads export format version ${FORMAT_VERSION}.`,
    );
  }
  if (value.storage !== REMOTE_STORAGE) {
    throw new RemoteManifestError(
      `manifest.storage must be "${REMOTE_STORAGE}" (DuckDB database files), not ${quote(JSON.stringify(value.storage) ?? 'missing')}.`,
    );
  }

  const tables = value.tables;
  if (!isPlainObject(tables)) throw new RemoteManifestError('manifest.tables must be an object with one entry per table.');
  const unknownTables = Object.keys(tables).filter((name) => !(TABLE_NAMES as readonly string[]).includes(name));
  if (unknownTables.length > 0) {
    throw new RemoteManifestError(
      `manifest.tables: unknown table ${unknownTables.map(quote).join(', ')} (expected ${TABLE_NAMES.join(', ')}).`,
    );
  }
  const missing = TABLE_NAMES.filter((name) => !Object.hasOwn(tables, name));
  if (missing.length > 0)
    throw new RemoteManifestError(`manifest.tables has no entry for ${missing.join(', ')}; all of ${TABLE_NAMES.join(', ')} are needed.`);
  const checked = Object.fromEntries(TABLE_NAMES.map((name) => [name, checkTable(name, tables[name])])) as Record<
    TableName,
    RemoteTableEntry
  >;

  const manifest: { -readonly [K in keyof RemoteManifest]: RemoteManifest[K] } = {
    formatVersion: FORMAT_VERSION,
    storage: REMOTE_STORAGE,
    tables: checked,
  };
  if (value.crosswalk !== undefined) {
    if (!isPlainObject(value.crosswalk))
      throw new RemoteManifestError('manifest.crosswalk must be an object like {"file": "mentor-functions.csv"}.');
    rejectUnknownKeys(value.crosswalk, ['file'], 'manifest.crosswalk');
    manifest.crosswalk = { file: checkFileName(value.crosswalk.file, '.csv', 'manifest.crosswalk') };
  }
  if (value.model !== undefined) manifest.model = checkModel(value.model);
  if (value.fingerprint !== undefined) {
    if (typeof value.fingerprint !== 'string' || !FINGERPRINT.test(value.fingerprint)) {
      throw new RemoteManifestError('manifest.fingerprint must be 8–64 lower-case hex digits (the dataset fingerprint the app computes).');
    }
    manifest.fingerprint = value.fingerprint;
  }
  if (value.title !== undefined) {
    if (typeof value.title !== 'string' || value.title.length > 200)
      throw new RemoteManifestError('manifest.title must be a text of at most 200 characters.');
    manifest.title = value.title;
  }
  if (value.createdAt !== undefined) {
    if (typeof value.createdAt !== 'string' || !ISO_DATE_TIME.test(value.createdAt))
      throw new RemoteManifestError('manifest.createdAt must be an ISO 8601 date or date-time.');
    manifest.createdAt = value.createdAt;
  }
  return manifest;
}

/** Distinct files of the canonical tables, in table order (several tables may share one file). */
export function manifestFiles(manifest: RemoteManifest): string[] {
  return [...new Set(TABLE_NAMES.map((t) => manifest.tables[t].file))];
}

// ---------------------------------------------------------------------------------------
// Where a dataset may live

export class RemoteOriginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteOriginError';
  }
}

/**
 * The dataset folder as an absolute URL ending in `/`. Accepts the folder or its
 * `manifest.json`, absolute or relative to the page. Only http(s), no credentials, no query.
 */
export function resolveDatasetBase(input: string, pageUrl: string): URL {
  let url: URL;
  try {
    url = new URL(input.trim(), pageUrl);
  } catch {
    throw new RemoteOriginError(`${quote(input)} is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new RemoteOriginError(`Remote datasets are read over http(s), not ${url.protocol}`);
  if (url.username || url.password) throw new RemoteOriginError('A dataset URL may not carry a user name or password.');
  if (url.search || url.hash)
    throw new RemoteOriginError('A dataset URL may not carry a query (?…) or fragment (#…): give the folder that holds manifest.json.');
  if (url.pathname.endsWith(`/${MANIFEST_FILE}`)) url.pathname = url.pathname.slice(0, -MANIFEST_FILE.length);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** The URL of a file named in a manifest (already checked by `checkFileName`), inside the dataset folder. */
export function datasetFileUrl(base: URL, file: string): string {
  const url = new URL(file, base);
  // Defence in depth: a checked name cannot leave the folder, but the URL parser has the last word.
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname) || url.pathname.slice(base.pathname.length).includes('/')) {
    throw new RemoteOriginError(`File ${quote(file)} would leave the dataset folder.`);
  }
  return url.href;
}

/** Throws unless `url`'s origin is the page's own or one of the allowed data origins. */
export function checkAllowedOrigin(url: URL, pageOrigin: string, allowedOrigins: readonly string[]): void {
  if (url.origin === pageOrigin || allowedOrigins.includes(url.origin)) return;
  const allowed = [`${pageOrigin} (this site)`, ...allowedOrigins].join(', ');
  throw new RemoteOriginError(
    `${url.origin} is not an allowed data origin. Allowed: ${allowed}. A site operator adds an origin at build time with DATA_ORIGIN=${url.origin}.`,
  );
}

/**
 * The data origins a Content-Security-Policy allows in `connect-src` (scheme and host
 * sources only; `'self'`, `blob:`, `data:` and wildcards are not data origins). The build
 * writes DATA_ORIGIN there, so the page's own policy is the one list of allowed origins.
 */
export function dataOriginsFromCsp(policy: string | null | undefined): string[] {
  if (!policy) return [];
  const directive = policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([name]) => name?.toLowerCase() === 'connect-src');
  if (!directive) return [];
  const origins: string[] = [];
  for (const source of directive.slice(1)) {
    if (!/^https?:\/\/[^*\s/]+\/?$/i.test(source)) continue;
    try {
      origins.push(new URL(source).origin);
    } catch {
      // not an origin: ignore
    }
  }
  return [...new Set(origins)];
}
