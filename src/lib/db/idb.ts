/** The two IndexedDB steps the app's stores share (dataset-store.ts, column-cache.ts). */

/** An IndexedDB request as a promise. */
export function idbRequest<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Opens an IndexedDB database (version 1), creating its object stores the first time. */
export function openIdb(name: string, stores: readonly string[]): Promise<IDBDatabase> {
  const request = indexedDB.open(name, 1);
  request.onupgradeneeded = () => {
    for (const store of stores) request.result.createObjectStore(store);
  };
  return idbRequest(request);
}
