/**
 * One connection, one queue: DuckDB-WASM runs one query at a time per connection anyway,
 * and a queue keeps multi-step work (prepare/query/close, a transaction) together. Work
 * whose signal has aborted by the time its turn comes is skipped, not run.
 */
import { throwIfCancelled } from './pending-query';

export type Enqueue = <T>(work: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

export function createQueryQueue(): Enqueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
    const guarded = () => {
      throwIfCancelled(signal);
      return work();
    };
    const next = tail.then(guarded, guarded);
    tail = next.catch(() => undefined);
    return next;
  };
}
