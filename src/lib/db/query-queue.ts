/**
 * One connection, one queue: DuckDB-WASM runs one query at a time per connection anyway,
 * and a queue keeps multi-step work (prepare/query/close, a transaction) together. Work
 * whose signal has aborted by the time its turn comes is skipped, not run.
 *
 * Two lanes: what a page is waiting for (`foreground`, the default) always goes first;
 * `background` work (keeping an upload in the browser's database) runs only when no page
 * is waiting, one piece at a time, so it never holds a chart back by more than one piece.
 */
import { throwIfCancelled } from '../query/cancel';

export type QueryPriority = 'foreground' | 'background';

export type Enqueue = <T>(work: () => Promise<T>, signal?: AbortSignal, priority?: QueryPriority) => Promise<T>;

interface Waiting {
  run(): Promise<void>;
}

export function createQueryQueue(): Enqueue {
  const lanes: Record<QueryPriority, Waiting[]> = { foreground: [], background: [] };
  let busy = false;

  function next(): void {
    if (busy) return;
    const item = lanes.foreground.shift() ?? lanes.background.shift();
    if (!item) return;
    busy = true;
    void item.run().finally(() => {
      busy = false;
      next();
    });
  }

  return <T>(work: () => Promise<T>, signal?: AbortSignal, priority: QueryPriority = 'foreground'): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      lanes[priority].push({
        async run() {
          try {
            throwIfCancelled(signal);
            resolve(await work());
          } catch (error) {
            reject(error);
          }
        },
      });
      next();
    });
}
