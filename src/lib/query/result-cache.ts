/**
 * Recent query results of one dataset, keyed by everything that determines them. A view
 * shares parts with the one before it — cross-filtering leaves the map's query unchanged
 * when a region is clicked, a regroup changes only the main chart — and views come back
 * (Back, unticking a filter), so those parts are answered without asking the engine, and
 * the very same result object comes back, which lets the page skip redrawing its chart.
 *
 * Pending results are shared too: two callers asking for the same part wait for one query.
 * A failed query is forgotten, so asking again retries it.
 */
export class ResultCache {
  private readonly entries = new Map<string, Promise<unknown>>();
  private scope: unknown = undefined;

  /** @param capacity results kept; the least recently used go first. */
  constructor(private readonly capacity = 64) {}

  /** Empties the cache when `scope` (e.g. the dataset's id and version) differs from the last one. */
  useScope(scope: unknown): void {
    if (scope === this.scope) return;
    this.scope = scope;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key); // re-insert: most recently used last
      this.entries.set(key, hit);
      return hit as Promise<T>;
    }
    const pending = compute();
    this.entries.set(key, pending);
    pending.catch(() => {
      if (this.entries.get(key) === pending) this.entries.delete(key);
    });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return pending;
  }
}
