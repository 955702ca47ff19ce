/**
 * Explore's columns of a stored upload (query/client-columns.ts `arrivedColumns`), kept in
 * IndexedDB for the upload's next visit: reopened, its first view reads them from here while
 * the engine compiles, instead of asking the engine again (≈ 15 queries, ≈ 0.4 s at 1M
 * sessions). A record counts only for the same dataset (fingerprint), model and app version;
 * anything else is ignored and written again. Best effort throughout: without IndexedDB, or
 * on any error, columns are simply asked of the engine.
 */
import { idbRequest, openIdb } from './idb';

/** Columns of one stored upload, with what they were computed from. */
export interface KeptColumns {
  readonly fingerprint: string;
  /** The stored model's key (stored-tables.ts `storedModelKey`). */
  readonly modelKey: string;
  /** The app's version: the code that asked for the columns. */
  readonly appVersion: string;
  readonly entries: readonly (readonly [string, unknown])[];
}

export interface ColumnCache {
  /** How long after the last column arrived the record is written (a view asks for several). */
  readonly settleMs: number;
  read(id: string): Promise<KeptColumns | null>;
  write(id: string, kept: KeptColumns): Promise<void>;
  remove(id: string): Promise<void>;
  /** The ids of every kept record. */
  ids(): Promise<string[]>;
}

/** Whether a kept record belongs to this dataset, model and app version. */
export function keptColumnsMatch(kept: KeptColumns | null, facts: Omit<KeptColumns, 'entries'>): kept is KeptColumns {
  return (
    kept !== null && kept.fingerprint === facts.fingerprint && kept.modelKey === facts.modelKey && kept.appVersion === facts.appVersion
  );
}

const DB_NAME = 'dampingan-columns';
const STORE = 'columns';

/** The browser's column cache (IndexedDB); every call resolves, failing quietly. */
export function openColumnCache(): ColumnCache {
  let opened: Promise<IDBDatabase | null> | null = null;
  const database = () =>
    (opened ??= typeof indexedDB === 'undefined' ? Promise.resolve(null) : openIdb(DB_NAME, [STORE]).catch(() => null));
  const run = async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => Promise<T>, fallback: T): Promise<T> => {
    try {
      const db = await database();
      return db ? await work(db.transaction(STORE, mode).objectStore(STORE)) : fallback;
    } catch {
      return fallback;
    }
  };
  return {
    settleMs: 1000,
    read: async (id) => (await run('readonly', (s) => idbRequest(s.get(id) as IDBRequest<KeptColumns | undefined>), undefined)) ?? null,
    write: async (id, kept) => {
      await run('readwrite', async (s) => void (await idbRequest(s.put(kept, id))), undefined);
    },
    remove: async (id) => {
      await run('readwrite', async (s) => void (await idbRequest(s.delete(id))), undefined);
    },
    ids: async () =>
      (await run('readonly', (s) => idbRequest(s.getAllKeys()), [] as IDBValidKey[])).filter((k): k is string => typeof k === 'string'),
  };
}
