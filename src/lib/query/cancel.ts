/**
 * A query stopped before it finished, by its caller or by its time limit: what the engine
 * (db/pending-query.ts, db/query-queue.ts) throws and what the callers of a `Database`
 * (query/database.ts) catch.
 */

export type CancelReason = 'cancelled' | 'timeout';

/** The query was stopped before it finished: by the caller, or by its time limit. */
export class QueryCancelledError extends Error {
  readonly reason: CancelReason;
  constructor(reason: CancelReason = 'cancelled') {
    super(reason === 'timeout' ? 'The query ran past its time limit and was stopped' : 'The query was cancelled');
    this.name = 'QueryCancelledError';
    this.reason = reason;
  }
}

/** A signal's reason as a cancel reason (`AbortSignal.timeout` aborts with a TimeoutError). */
export function cancelReasonOf(signal: AbortSignal): CancelReason {
  const reason: unknown = signal.reason;
  return reason instanceof DOMException && reason.name === 'TimeoutError' ? 'timeout' : reason === 'timeout' ? 'timeout' : 'cancelled';
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new QueryCancelledError(cancelReasonOf(signal));
}
