/**
 * One connection, one queue: DuckDB-WASM runs one query at a time per connection anyway,
 * and a queue keeps multi-step work (prepare/query/close, a transaction) together. Work
 * whose signal has aborted by the time its turn comes is skipped, not run.
 *
 * Two lanes: what a page is waiting for (`foreground`, the default) always goes first;
 * `background` work (keeping an upload in the browser's database) runs only when no page
 * is waiting, one piece at a time, so it never holds a chart back by more than one piece.
 * A page asks in steps — a query, its answer worked on in the page, the next query — so
 * background work also waits until the foreground lane has been empty for a moment
 * (`BACKGROUND_GRACE_MS`): otherwise a piece slips into every gap of a view's steps.
 */
import { throwIfCancelled } from '../query/cancel';

export type QueryPriority = 'foreground' | 'background';

export type Enqueue = <T>(work: () => Promise<T>, signal?: AbortSignal, priority?: QueryPriority) => Promise<T>;

interface Waiting {
  run(): Promise<void>;
}

/** How long the foreground lane must have been empty before background work starts. */
export const BACKGROUND_GRACE_MS = 500;

export function createQueryQueue(graceMs = BACKGROUND_GRACE_MS): Enqueue {
  const lanes: Record<QueryPriority, Waiting[]> = { foreground: [], background: [] };
  let busy = false;
  let foregroundEnded = -Infinity;
  let waking: ReturnType<typeof setTimeout> | null = null;

  function start(item: Waiting, lane: QueryPriority): void {
    busy = true;
    void item.run().finally(() => {
      if (lane === 'foreground') foregroundEnded = performance.now();
      busy = false;
      next();
    });
  }

  function next(): void {
    if (busy) return;
    const page = lanes.foreground.shift();
    if (page) return start(page, 'foreground');
    if (lanes.background.length === 0) return;
    const wait = foregroundEnded + graceMs - performance.now();
    if (wait > 0) {
      waking ??= setTimeout(() => {
        waking = null;
        next();
      }, wait);
      return;
    }
    start(lanes.background.shift()!, 'background');
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
