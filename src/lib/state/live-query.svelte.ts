/**
 * One piece of a page that follows its inputs: each `run` supersedes the one before it —
 * the earlier work is aborted (its queries leave the queue or are interrupted in the engine)
 * and whatever it still returns is dropped — so the page shows the result of the latest
 * inputs only, says when it is busy, and keeps the last result on screen while the next
 * one comes. A cancelled run is not an error.
 *
 * Pages call `run` from an `$effect` that reads the inputs; the class holds the state the
 * page renders (`value`, `key`, `error`, `busy`), so the ready/version checks, the sequence
 * counter and the abort bookkeeping are written once.
 */
import { errorMessage } from '../domain/error-text';
import { QueryCancelledError } from '../query/cancel';

export class LiveQuery<T> {
  /** The latest result (kept while a newer run is busy). */
  value = $state.raw<T | null>(null);
  /** The key of the inputs `value` was computed for. */
  key = $state<string | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  #sequence = 0;
  #controller: AbortController | null = null;

  /**
   * Starts `work` for the inputs named by `key`, aborting the run before it. Resolves when
   * this run has settled (for tests); superseded runs resolve too, without changing state.
   * `work` may `publish` what it has so far (shown at once, still busy, `key` unchanged),
   * so a page draws each part of its result as soon as that part arrives.
   */
  run(key: string, work: (signal: AbortSignal, publish: (partial: T) => void) => Promise<T>): Promise<void> {
    const mine = ++this.#sequence;
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    this.busy = true;
    const publish = (partial: T) => {
      if (mine === this.#sequence) this.value = partial;
    };
    return work(controller.signal, publish)
      .then((value) => {
        if (mine !== this.#sequence) return;
        this.value = value;
        this.key = key;
        this.error = null;
      })
      .catch((e: unknown) => {
        if (mine !== this.#sequence || e instanceof QueryCancelledError || controller.signal.aborted) return;
        this.error = errorMessage(e);
      })
      .finally(() => {
        if (mine === this.#sequence) this.busy = false;
      });
  }

  /** Aborts the run under way (if any) and forgets the last result: there is nothing to show. */
  clear(): void {
    this.cancel();
    this.value = null;
    this.key = null;
    this.error = null;
  }

  /** Aborts the run under way (if any) and leaves the last result as it is. */
  cancel(): void {
    this.#sequence++;
    this.#controller?.abort();
    this.#controller = null;
    this.busy = false;
  }
}
