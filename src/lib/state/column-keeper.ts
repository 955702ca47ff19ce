/**
 * Keeps a stored upload's Explore columns between visits (db/column-cache.ts): seeds them into
 * the engine's column memory as the upload becomes active again, and writes them down once a
 * view's columns have settled. Only uploads: the sample is small, and a published dataset's
 * columns come from its host.
 */
import type { ColumnCache, KeptColumns } from '../db/column-cache';
import { keptColumnsMatch } from '../db/column-cache';
import { arrivedColumns, onColumnArrived, seedColumns } from '../query/client-columns';
import { currentModelGeneration } from '../query/model';
import type { Database } from '../query/database';

/** What kept columns must have been computed from to count. */
export interface ColumnFacts {
  readonly fingerprint: string;
  readonly modelKey: string;
}

export class ColumnKeeper {
  readonly #cache: ColumnCache | null;
  readonly #appVersion: string;
  #prefetched: { id: string; kept: Promise<KeptColumns | null> } | null = null;
  #stop: (() => void) | null = null;

  constructor(cache: ColumnCache | null, appVersion: string) {
    this.#cache = cache;
    this.#appVersion = appVersion;
  }

  /** Starts reading an upload's kept columns (while the engine starts). */
  prefetch(id: string): void {
    if (this.#cache) this.#prefetched = { id, kept: this.#cache.read(id).catch(() => null) };
  }

  /** Seeds the upload's kept columns when they were computed from the same data, model and app; whether it did. */
  async seed(db: Database, id: string, facts: ColumnFacts): Promise<boolean> {
    if (!this.#cache) return false;
    const prefetched = this.#prefetched?.id === id ? this.#prefetched.kept : null;
    this.#prefetched = null;
    const kept = await (prefetched ?? this.#cache.read(id).catch(() => null));
    if (!keptColumnsMatch(kept, { ...facts, appVersion: this.#appVersion })) return false;
    seedColumns(db, kept.entries);
    return true;
  }

  /**
   * Writes the upload's columns down whenever new ones have settled, while it stays the
   * active dataset of this model generation; follows one dataset at a time.
   */
  follow(db: Database, id: string, facts: ColumnFacts, isActive: () => boolean): void {
    this.stop();
    const cache = this.#cache;
    if (!cache) return;
    const generation = currentModelGeneration();
    const current = () => isActive() && currentModelGeneration() === generation;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const write = () => {
      if (!current()) return;
      void cache.write(id, { ...facts, appVersion: this.#appVersion, entries: arrivedColumns(db) }).catch(() => undefined);
    };
    const stopListening = onColumnArrived(db, () => {
      clearTimeout(timer);
      timer = setTimeout(write, cache.settleMs);
    });
    this.#stop = () => {
      stopListening();
      clearTimeout(timer);
    };
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
  }

  async remove(id: string): Promise<void> {
    await this.#cache?.remove(id).catch(() => undefined);
  }

  /** Deletes the records of uploads `keep` says no to. */
  async tidy(keep: (id: string) => boolean): Promise<void> {
    const cache = this.#cache;
    if (!cache) return;
    for (const id of await cache.ids().catch(() => [])) if (!keep(id)) await cache.remove(id).catch(() => undefined);
  }
}
