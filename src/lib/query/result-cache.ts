/**
 * Recent query results of one dataset, keyed by everything that determines them. A view
 * shares parts with the one before it — cross-filtering leaves the map's query unchanged
 * when a region is clicked, a regroup changes only the main chart — and views come back
 * (Back, unticking a filter), so those parts are answered without asking the engine, and
 * the very same result object comes back, which lets the page skip redrawing its chart.
 *
 * Pending results are shared too: two callers asking for the same part wait for one query.
 * Each caller may pass a signal; a pending part is cancelled (its own signal, handed to the
 * computation, aborts) only when every caller waiting for it has given up — so a new view
 * that needs a part the view before it started keeps that work, and the rest is stopped.
 * A failed or cancelled computation is forgotten, so asking again retries it.
 */
import { QueryCancelledError, cancelReasonOf } from './cancel';

interface Entry {
  promise: Promise<unknown>;
  controller: AbortController;
  settled: boolean;
  /** Callers still waiting; callers without a signal wait for good (Infinity). */
  waiting: number;
}

export class ResultCache {
  private readonly entries = new Map<string, Entry>();
  private scope: unknown = undefined;

  /** @param capacity results kept; the least recently used go first. */
  constructor(private readonly capacity = 64) {}

  /** Empties the cache when `scope` (e.g. the dataset's id and version) differs from the last one. */
  useScope(scope: unknown): void {
    if (scope === this.scope) return;
    this.scope = scope;
    for (const entry of this.entries.values()) if (!entry.settled) entry.controller.abort();
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  get<T>(key: string, compute: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(new QueryCancelledError(cancelReasonOf(signal)));
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key); // re-insert: most recently used last
      this.entries.set(key, entry);
    } else {
      const controller = new AbortController();
      const promise = compute(controller.signal);
      const created: Entry = { promise, controller, settled: false, waiting: 0 };
      entry = created;
      this.entries.set(key, created);
      promise.then(
        () => (created.settled = true),
        () => {
          created.settled = true;
          if (this.entries.get(key) === created) this.entries.delete(key);
        },
      );
      while (this.entries.size > this.capacity) {
        const oldest = this.entries.keys().next().value as string;
        this.entries.delete(oldest);
      }
    }
    return this.wait(key, entry, signal) as Promise<T>;
  }

  /** The entry's result for one caller, who may stop waiting (and so release the work). */
  private wait(key: string, entry: Entry, signal?: AbortSignal): Promise<unknown> {
    if (!signal || entry.settled) {
      entry.waiting = Infinity;
      return entry.promise;
    }
    entry.waiting += 1;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        reject(new QueryCancelledError(cancelReasonOf(signal)));
        entry.waiting -= 1;
        if (entry.waiting <= 0 && !entry.settled) {
          entry.controller.abort();
          if (this.entries.get(key) === entry) this.entries.delete(key);
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }
}
