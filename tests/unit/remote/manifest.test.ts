import { describe, expect, it } from 'vitest';
import {
  checkAllowedOrigin,
  dataOriginsFromCsp,
  datasetFileUrl,
  manifestFiles,
  parseRemoteManifest,
  RemoteManifestError,
  RemoteOriginError,
  resolveDatasetBase,
} from '../../../src/lib/db/remote-manifest';

const GOOD = {
  formatVersion: 1,
  storage: 'duckdb',
  tables: {
    clients: { file: 'clients.duckdb', rows: 1500, bytes: 536576 },
    mentors: { file: 'mentors.duckdb', rows: 50 },
    sessions: { file: 'sessions.duckdb', rows: 24898 },
    outcomes: { file: 'outcomes.duckdb', rows: 4359 },
  },
  crosswalk: { file: 'mentor-functions.csv' },
  fingerprint: '89565c225e3e0b94',
};

const clone = () => structuredClone(GOOD) as Record<string, unknown> & { tables: Record<string, Record<string, unknown>> };

function rejects(manifest: unknown, pattern: RegExp) {
  expect(() => parseRemoteManifest(typeof manifest === 'string' ? manifest : JSON.stringify(manifest))).toThrow(pattern);
  try {
    parseRemoteManifest(typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  } catch (error) {
    expect(error).toBeInstanceOf(RemoteManifestError);
  }
}

describe('parseRemoteManifest', () => {
  it('accepts a good manifest, as text or as an object', () => {
    const parsed = parseRemoteManifest(JSON.stringify(GOOD));
    expect(parsed).toEqual(GOOD);
    expect(parseRemoteManifest(GOOD)).toEqual(GOOD);
    expect(manifestFiles(parsed)).toEqual(['clients.duckdb', 'mentors.duckdb', 'sessions.duckdb', 'outcomes.duckdb']);
  });

  it('accepts tables that share one file, and no crosswalk or fingerprint', () => {
    const m = clone();
    for (const t of Object.keys(m.tables)) m.tables[t] = { file: 'all.duckdb', rows: 1 };
    delete m.crosswalk;
    delete m.fingerprint;
    const parsed = parseRemoteManifest(m);
    expect(manifestFiles(parsed)).toEqual(['all.duckdb']);
    expect(parsed.crosswalk).toBeUndefined();
  });

  it('names a missing table', () => {
    const m = clone();
    delete m.tables.outcomes;
    rejects(m, /no entry for outcomes/);
  });

  it('refuses another format version or storage', () => {
    rejects({ ...clone(), formatVersion: 2 }, /formatVersion is "2".*version 1/);
    rejects({ ...clone(), formatVersion: '1' }, /formatVersion/);
    const noVersion = clone();
    delete noVersion.formatVersion;
    rejects(noVersion, /formatVersion is "missing"/);
    rejects({ ...clone(), storage: 'parquet' }, /storage must be "duckdb"/);
  });

  it('refuses unknown fields and tables, including prototype keys', () => {
    rejects({ ...clone(), extra: true }, /unknown field "extra"/);
    rejects('{"formatVersion":1,"storage":"duckdb","__proto__":{"polluted":1},"tables":{}}', /unknown field "__proto__"/);
    const m = clone();
    m.tables.payments = { file: 'payments.duckdb', rows: 1 };
    rejects(m, /unknown table "payments"/);
    const proto = JSON.stringify(clone()).replace('"tables":{', '"tables":{"__proto__":{"file":"x.duckdb","rows":1},');
    rejects(proto, /unknown table "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const extraKey = clone();
    extraKey.tables.clients.url = 'https://evil.example/clients.duckdb';
    rejects(extraKey, /manifest.tables.clients: unknown field "url"/);
  });

  it.each([
    '../clients.duckdb',
    '..',
    'sub/clients.duckdb',
    '/clients.duckdb',
    'https://evil.example/clients.duckdb',
    '//evil.example/clients.duckdb',
    'clients.duckdb?x=1',
    'clients.duckdb#x',
    '%2e%2e%2fclients.duckdb',
    '.clients.duckdb',
    'clients..duckdb',
    'c:\\clients.duckdb',
    'klien ñ.duckdb',
    'clients.csv',
    'clients.duckdb.exe',
    '',
    'x'.repeat(200) + '.duckdb',
  ])('refuses the table file name %j', (file) => {
    const m = clone();
    m.tables.sessions.file = file;
    rejects(m, /manifest.tables.sessions: (file .* is not allowed|"file" must be a file name)/);
  });

  it('refuses a crosswalk that is not a plain .csv name', () => {
    rejects({ ...clone(), crosswalk: { file: '../../etc/passwd.csv' } }, /manifest.crosswalk: file/);
    rejects({ ...clone(), crosswalk: { file: 'functions.duckdb' } }, /ending in .csv/);
    rejects({ ...clone(), crosswalk: 'mentor-functions.csv' }, /crosswalk must be an object/);
  });

  it.each([[-1], [1.5], ['1500'], [null], [Number.MAX_SAFE_INTEGER + 2], [undefined]])('refuses the row count %j', (rows) => {
    const m = clone();
    m.tables.clients.rows = rows;
    rejects(m, /"rows" must be a whole number/);
  });

  it('refuses fingerprints, titles and dates that are not what they say', () => {
    rejects({ ...clone(), fingerprint: 'sha256:<script>' }, /fingerprint must be 8–64 lower-case hex/);
    rejects({ ...clone(), title: 'x'.repeat(201) }, /title/);
    rejects({ ...clone(), createdAt: 'yesterday' }, /createdAt/);
    expect(parseRemoteManifest({ ...clone(), createdAt: '2026-11-22T10:00:00Z', title: 'NTB 2026' }).title).toBe('NTB 2026');
  });

  it('accepts a precomputed model and checks its names strictly', () => {
    const model = {
      file: 'dataset.duckdb',
      version: '511c7010629d4396',
      frameworks: ['official', 'wiryasaputra'],
      tables: { client_fact: 1500, client_function_sessions: 0 },
    };
    expect(parseRemoteManifest({ ...clone(), model }).model).toEqual(model);
    const bad = (change: Record<string, unknown>, pattern: RegExp) => rejects({ ...clone(), model: { ...model, ...change } }, pattern);
    bad({ version: 'v2' }, /manifest.model.version must be 16 lower-case hex/);
    bad({ file: '../model.duckdb' }, /manifest.model: file/);
    bad({ frameworks: 'official' }, /frameworks must be a list/);
    bad({ frameworks: ['official; DROP TABLE clients'] }, /not a framework name/);
    bad({ tables: {} }, /tables must map each model table/);
    for (const name of [
      'clients',
      'function_crosswalk',
      'dmp_remote_1_0',
      'Client_Fact',
      'client fact',
      'x"; DROP TABLE clients; --',
      '__proto__',
    ]) {
      bad({ tables: { [name]: 1 } }, /is not allowed as a model table name/);
    }
    bad({ tables: { client_fact: -1 } }, /"client_fact" must be a whole number/);
    bad({ sql: 'SELECT 1' }, /manifest.model: unknown field "sql"/);
  });

  it('refuses what is not a JSON object, or too large to be a manifest', () => {
    rejects('not json', /not valid JSON/);
    rejects('[1,2]', /must hold a JSON object/);
    rejects('null', /must hold a JSON object/);
    rejects(`{"title": "${'x'.repeat(70_000)}"}`, /larger than/);
  });
});

describe('where a dataset may live', () => {
  const page = 'https://dampingan.example.go.id/app/remote-check/?url=x';

  it('resolves the folder or its manifest, relative or absolute, always ending in /', () => {
    expect(resolveDatasetBase('remote/sample', 'https://a.example/app/').href).toBe('https://a.example/app/remote/sample/');
    expect(resolveDatasetBase('../remote/sample/manifest.json', page).href).toBe('https://dampingan.example.go.id/app/remote/sample/');
    expect(resolveDatasetBase('https://data.example.go.id/ntb/2026/', page).href).toBe('https://data.example.go.id/ntb/2026/');
  });

  it.each([
    ['javascript:alert(1)', /not javascript:/],
    ['data:application/json,{}', /not data:/],
    ['file:///etc/', /not file:/],
    ['https://user:pw@data.example.go.id/x/', /user name or password/],
    ['https://data.example.go.id/x/?token=1', /query/],
    ['http://[::1', /not a URL/],
  ])('refuses %s', (input, pattern) => {
    expect(() => resolveDatasetBase(input, page)).toThrow(RemoteOriginError);
    expect(() => resolveDatasetBase(input, page)).toThrow(pattern);
  });

  it('allows the page origin and the configured data origins only', () => {
    const origin = 'https://dampingan.example.go.id';
    expect(() => checkAllowedOrigin(new URL('https://dampingan.example.go.id/x/'), origin, [])).not.toThrow();
    expect(() => checkAllowedOrigin(new URL('https://data.example.go.id/x/'), origin, ['https://data.example.go.id'])).not.toThrow();
    expect(() => checkAllowedOrigin(new URL('https://evil.example/x/'), origin, ['https://data.example.go.id'])).toThrow(
      /https:\/\/evil.example is not an allowed data origin.*DATA_ORIGIN=https:\/\/evil.example/,
    );
    expect(() => checkAllowedOrigin(new URL('http://dampingan.example.go.id/x/'), origin, [])).toThrow(RemoteOriginError);
  });

  it('keeps every file inside the dataset folder', () => {
    const base = new URL('https://data.example.go.id/ntb/2026/');
    expect(datasetFileUrl(base, 'sessions.duckdb')).toBe('https://data.example.go.id/ntb/2026/sessions.duckdb');
    expect(() => datasetFileUrl(base, '../x.duckdb')).toThrow(/leave the dataset folder/);
    expect(() => datasetFileUrl(base, 'https://evil.example/x.duckdb')).toThrow(/leave the dataset folder/);
    expect(() => datasetFileUrl(base, 'a/x.duckdb')).toThrow(/leave the dataset folder/);
  });

  it('reads the allowed data origins from a Content-Security-Policy', () => {
    const policy =
      "default-src 'self'; connect-src 'self' blob: data: https://data.example.go.id https://*.example.org http://127.0.0.1:9000 https://x.example/path; img-src 'self' https://img.example";
    expect(dataOriginsFromCsp(policy)).toEqual(['https://data.example.go.id', 'http://127.0.0.1:9000']);
    expect(dataOriginsFromCsp("default-src 'self'")).toEqual([]);
    expect(dataOriginsFromCsp(null)).toEqual([]);
  });
});
