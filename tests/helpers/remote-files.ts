/**
 * The remote-dataset engine adapter for DuckDB-WASM's Node build: small files with fetch,
 * database files fetched whole and registered as buffers (the blocking Node runtime has no
 * HTTP file system). Range reads are the browser's business and are tested there
 * (tests/e2e/remote.test.ts); here the manifest, the checks and the SQL are.
 */
import type { RemoteFiles } from '../../src/lib/db/remote-source';
import type { Database } from '../../src/lib/query/database';

export function nodeRemoteFiles(db: Database, log: string[] = []): RemoteFiles {
  async function get(url: string): Promise<Uint8Array> {
    log.push(url);
    const response = await fetch(url, { redirect: 'error' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  return {
    async fetchSmall(url, maxBytes) {
      const bytes = await get(url);
      if (bytes.byteLength > maxBytes) throw new Error(`more than ${maxBytes} bytes`);
      return bytes;
    },
    async registerDatabaseFile(_db, name, url) {
      const bytes = await get(url);
      await db.registerFileBuffer(name, bytes);
      return { bytes: bytes.byteLength };
    },
    dropFile: (name) => db.dropFile(name),
  };
}
