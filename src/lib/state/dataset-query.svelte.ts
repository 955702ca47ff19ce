/**
 * A piece of a page that follows the active dataset. The page declares what it needs — a
 * key naming its inputs and the work that computes it from the engine — and the piece runs
 * it when the dataset is ready, again when the dataset's generation or the key changes,
 * cancelling the run it supersedes (LiveQuery). A new generation drops the last result. A page holds no readiness checks, version
 * reads or sequence counters of its own; leaving the page cancels what is still running.
 *
 * Call during a component's initialisation (it creates effects).
 */
import { untrack } from 'svelte';
import type { EngineDatabase } from '../db/engine-database';
import type { DatasetManager } from './dataset-manager.svelte';
import { LiveQuery } from './live-query.svelte';

/**
 * What a page asks for: the work, and a key that changes exactly when its inputs do. The
 * work may `publish` what it has so far (each part drawn as soon as it arrives).
 */
export interface DatasetNeed<T, D extends EngineDatabase = EngineDatabase> {
  readonly key: string;
  readonly run: (db: D, signal: AbortSignal, publish: (partial: T) => void) => Promise<T>;
}

/**
 * `declare` reads the page's inputs (its reactive reads decide when it is asked again) and
 * returns the need, or null when there is nothing to compute (the last result is dropped).
 */
export function followDataset<T, D extends EngineDatabase>(
  datasets: DatasetManager<D>,
  declare: () => DatasetNeed<T, D> | null,
): LiveQuery<T> {
  const live = new LiveQuery<T>();
  /** The generation and key of the run started last: the same need is not run twice. */
  let started: string | null = null;
  // Before the DOM update: the engine starts on the new inputs while the page redraws what
  // it has (the redraw would otherwise delay the queries).
  $effect.pre(() => {
    if (datasets.status !== 'ready') return;
    const generation = datasets.version;
    const need = declare();
    untrack(() => {
      if (!need) {
        started = null;
        live.clear();
        return;
      }
      const id = `${generation} ${need.key}`;
      if (id === started && live.error === null) return;
      // Results of another dataset are not results of this one: nothing shows until the new ones come.
      if (started !== null && !started.startsWith(`${generation} `)) live.clear();
      started = id;
      const db = datasets.database;
      void live.run(need.key, (signal, publish) => need.run(db, signal, publish));
    });
  });
  // Leaving the page stops its work (the engine's queue moves on to the next page's queries).
  $effect(() => () => live.cancel());
  return live;
}
