/**
 * Uploaded datasets kept in the browser, so they survive a reload and a browser restart:
 * each dataset's four canonical tables as CSV files (what `COPY … TO` writes; read back
 * with the schema-typed canonical loader) plus a small JSON description, in the Origin
 * Private File System (OPFS) where the browser has it, otherwise in IndexedDB. Nothing
 * here ever leaves the browser. The active dataset's id lives in localStorage.
 *
 * Why CSV and not Parquet: Parquet is an extension that DuckDB-WASM would fetch from the
 * network, and extension loading is off on this site (nothing may leave the origin).
 */
import type { TableName } from '../domain/schema';
import { TABLE_NAMES } from '../domain/schema';
import { openIdb } from './idb';

export interface StoredDatasetMeta {
  readonly id: string;
  readonly name: string;
  readonly files: readonly { readonly name: string; readonly table: TableName; readonly bytes: number }[];
  readonly tables: readonly { readonly table: TableName; readonly rows: number }[];
  /** ISO time of the load. */
  readonly loadedAt: string;
  readonly fingerprint: string;
  readonly formatVersion: number;
  /** Bytes the stored tables take. */
  readonly storedBytes: number;
}

export interface DatasetStore {
  readonly kind: 'opfs' | 'indexeddb' | 'none';
  list(): Promise<StoredDatasetMeta[]>;
  /** Stores the tables (each a stream of CSV pieces); returns the bytes stored. */
  save(meta: StoredDatasetMeta, tables: Record<TableName, () => AsyncIterable<Uint8Array>>): Promise<number>;
  /** The stored tables as Blobs (read lazily), or null when the dataset is gone. */
  read(id: string): Promise<{ meta: StoredDatasetMeta; tables: Record<TableName, Blob> } | null>;
  remove(id: string): Promise<void>;
  /** Deletes what interrupted saves left behind (not saves under way in another tab); returns their ids. */
  removeOrphans(): Promise<string[]>;
}

const ROOT = 'dampingan-datasets';
const WRITE_CHUNK = 4 << 20;
const META = 'meta.json';

function isMeta(value: unknown): value is StoredDatasetMeta {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.name === 'string' && typeof v.fingerprint === 'string' && Array.isArray(v.tables);
}

/** Dataset ids are made by us; anything else in storage is ignored. */
const SAFE_ID = /^[a-z0-9-]{1,64}$/;

class OpfsStore implements DatasetStore {
  readonly kind = 'opfs';
  constructor(private readonly root: FileSystemDirectoryHandle) {}

  private async dir(id: string, create: boolean): Promise<FileSystemDirectoryHandle | null> {
    if (!SAFE_ID.test(id)) return null;
    try {
      return await this.root.getDirectoryHandle(id, { create });
    } catch {
      return null;
    }
  }

  async list(): Promise<StoredDatasetMeta[]> {
    const out: StoredDatasetMeta[] = [];
    // `entries()` is not in every TS lib yet; the handle is async-iterable in browsers with OPFS.
    for await (const [name, handle] of this.root as unknown as AsyncIterable<[string, FileSystemHandle]>) {
      if (handle.kind !== 'directory' || !SAFE_ID.test(name)) continue;
      try {
        const file = await (handle as FileSystemDirectoryHandle).getFileHandle(META).then((h) => h.getFile());
        const meta: unknown = JSON.parse(await file.text());
        if (isMeta(meta) && meta.id === name) out.push(meta);
      } catch {
        // half-written dataset: not listed
      }
    }
    return out.sort((a, b) => b.loadedAt.localeCompare(a.loadedAt));
  }

  save(meta: StoredDatasetMeta, tables: Record<TableName, () => AsyncIterable<Uint8Array>>): Promise<number> {
    return withSaveLock(meta.id, async () => {
      const dir = await this.dir(meta.id, true);
      if (!dir) throw new Error('cannot create the dataset folder');
      try {
        let bytes = 0;
        for (const table of TABLE_NAMES) bytes += await writeFile(dir, `${table}.csv`, tables[table]());
        // The description last: a dataset without it is not listed (an interrupted save).
        await writeFile(dir, META, once(new TextEncoder().encode(JSON.stringify({ ...meta, storedBytes: bytes }))));
        return bytes;
      } catch (error) {
        await this.remove(meta.id);
        throw error;
      }
    });
  }

  async removeOrphans(): Promise<string[]> {
    const busy = await savesUnderWay();
    const hasLocks = typeof navigator !== 'undefined' && !!navigator.locks;
    const removed: string[] = [];
    for await (const [name, handle] of this.root as unknown as AsyncIterable<[string, FileSystemHandle]>) {
      if (handle.kind !== 'directory' || !SAFE_ID.test(name) || busy.has(name)) continue;
      const dir = handle as FileSystemDirectoryHandle;
      const described = await dir.getFileHandle(META).then(
        () => true,
        () => false,
      );
      if (described) continue;
      if (!hasLocks) {
        // No way to know whether another tab is saving it: only old leftovers go.
        let newest = 0;
        for await (const [, entry] of dir as unknown as AsyncIterable<[string, FileSystemHandle]>) {
          if (entry.kind === 'file') newest = Math.max(newest, (await (entry as FileSystemFileHandle).getFile()).lastModified);
        }
        if (Date.now() - newest < ORPHAN_AGE_MS) continue;
      }
      await this.remove(name);
      removed.push(name);
    }
    return removed;
  }

  async read(id: string) {
    const dir = await this.dir(id, false);
    if (!dir) return null;
    try {
      const meta: unknown = JSON.parse(await (await (await dir.getFileHandle(META)).getFile()).text());
      if (!isMeta(meta)) return null;
      const tables = {} as Record<TableName, Blob>;
      for (const table of TABLE_NAMES) tables[table] = await (await dir.getFileHandle(`${table}.csv`)).getFile();
      return { meta, tables };
    } catch {
      return null;
    }
  }

  async remove(id: string): Promise<void> {
    if (!SAFE_ID.test(id)) return;
    await this.root.removeEntry(id, { recursive: true }).catch(() => undefined);
  }
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** Writes the pieces one after another (each under a few MB), returns the bytes written. */
async function writeFile(dir: FileSystemDirectoryHandle, name: string, pieces: AsyncIterable<Uint8Array>): Promise<number> {
  const handle = await dir.getFileHandle(name, { create: true });
  const writable = await handle.createWritable();
  let written = 0;
  try {
    for await (const piece of pieces) {
      for (let at = 0; at < piece.length; at += WRITE_CHUNK) {
        await writable.write(piece.subarray(at, at + WRITE_CHUNK) as Uint8Array<ArrayBuffer>);
      }
      written += piece.length;
    }
  } catch (error) {
    // A failed write (a full disk) leaves the stream errored: closing it would throw
    // "Cannot close a ERRORED writable stream" and hide the real reason.
    await writable.abort().catch(() => undefined);
    throw error;
  }
  await writable.close();
  return written;
}

/** Whether an error means the browser's storage for this site is full. */
export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || (error instanceof Error && /quota/i.test(error.message));
}

/** The Web Lock a save of dataset `id` holds, so that another tab's clean-up leaves it alone. */
export const saveLockName = (id: string) => `dampingan-save-${id}`;

/** Runs `work` holding the save lock of `id` (where the browser has Web Locks). */
function withSaveLock<T>(id: string, work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request(saveLockName(id), work) as Promise<T>) : work();
}

/** Ids whose save is under way in some tab of this browser. */
async function savesUnderWay(): Promise<Set<string>> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return new Set();
  const held = (await locks.query()).held ?? [];
  return new Set(
    held
      .map((l) => l.name ?? '')
      .filter((n) => n.startsWith('dampingan-save-'))
      .map((n) => n.slice('dampingan-save-'.length)),
  );
}

/** Without Web Locks, a folder without a description is left alone this long after its last write. */
const ORPHAN_AGE_MS = 10 * 60 * 1000;

/** IndexedDB: one store of descriptions, one of table files (Blobs). */
class IdbStore implements DatasetStore {
  readonly kind = 'indexeddb';
  constructor(private readonly db: IDBDatabase) {}

  private tx<T>(stores: string[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => IDBRequest<T> | void): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      const tx = this.db.transaction(stores, mode);
      const request = work(tx);
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  }

  async list(): Promise<StoredDatasetMeta[]> {
    const all = (await this.tx<unknown[]>(['meta'], 'readonly', (tx) => tx.objectStore('meta').getAll())) ?? [];
    return all.filter(isMeta).sort((a, b) => b.loadedAt.localeCompare(a.loadedAt));
  }

  async save(meta: StoredDatasetMeta, tables: Record<TableName, () => AsyncIterable<Uint8Array>>): Promise<number> {
    // Gather each table's pieces into a Blob first: an IndexedDB transaction cannot wait for them.
    const blobs = {} as Record<TableName, Blob>;
    let bytes = 0;
    for (const table of TABLE_NAMES) {
      const parts: BlobPart[] = [];
      for await (const piece of tables[table]()) parts.push(piece as Uint8Array<ArrayBuffer>);
      blobs[table] = new Blob(parts, { type: 'text/csv' });
      bytes += blobs[table].size;
    }
    await this.tx(['meta', 'files'], 'readwrite', (tx) => {
      for (const table of TABLE_NAMES) tx.objectStore('files').put(blobs[table], `${meta.id}/${table}`);
      tx.objectStore('meta').put({ ...meta, storedBytes: bytes }, meta.id);
    });
    return bytes;
  }

  async read(id: string) {
    const meta = await this.tx<unknown>(['meta'], 'readonly', (tx) => tx.objectStore('meta').get(id));
    if (!isMeta(meta)) return null;
    const tables = {} as Record<TableName, Blob>;
    for (const table of TABLE_NAMES) {
      const blob = await this.tx<unknown>(['files'], 'readonly', (tx) => tx.objectStore('files').get(`${id}/${table}`));
      if (!(blob instanceof Blob)) return null;
      tables[table] = blob;
    }
    return { meta, tables };
  }

  async removeOrphans(): Promise<string[]> {
    // A save is one transaction: files and description are written together or not at all.
    return [];
  }

  async remove(id: string): Promise<void> {
    await this.tx(['meta', 'files'], 'readwrite', (tx) => {
      tx.objectStore('meta').delete(id);
      for (const table of TABLE_NAMES) tx.objectStore('files').delete(`${id}/${table}`);
    });
  }
}

/** Nowhere to store: the dataset lives until the page reloads. */
const NO_STORE: DatasetStore = {
  kind: 'none',
  list: async () => [],
  save: async () => {
    throw new Error('this browser offers no storage to this site');
  },
  read: async () => null,
  remove: async () => undefined,
  removeOrphans: async () => [],
};

let opened: Promise<DatasetStore> | null = null;

export function openDatasetStore(): Promise<DatasetStore> {
  opened ??= (async (): Promise<DatasetStore> => {
    // Ask the browser not to evict the data under storage pressure (best effort).
    void navigator.storage?.persist?.().catch(() => false);
    try {
      const root = await navigator.storage.getDirectory();
      const dir = await root.getDirectoryHandle(ROOT, { create: true });
      const probe = await dir.getFileHandle('.probe', { create: true });
      // Safari has OPFS but no createWritable on the main thread: use IndexedDB there.
      if (typeof probe.createWritable === 'function') return new OpfsStore(dir);
    } catch {
      // no OPFS
    }
    try {
      return new IdbStore(await openIdb(ROOT, ['meta', 'files']));
    } catch {
      return NO_STORE;
    }
  })();
  return opened;
}

const ACTIVE_KEY = 'dampingan.activeDataset';

export function readActiveDatasetId(): string | null {
  try {
    return localStorage.getItem(ACTIVE_KEY);
  } catch {
    return null;
  }
}

export function writeActiveDatasetId(id: string | null): void {
  try {
    if (id === null) localStorage.removeItem(ACTIVE_KEY);
    else localStorage.setItem(ACTIVE_KEY, id);
  } catch {
    // private mode: not remembered
  }
}

export function newDatasetId(): string {
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `ds-${Date.now().toString(36)}-${random[0].toString(36)}${random[1].toString(36)}`;
}
