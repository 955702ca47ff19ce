/**
 * Running a query so that it can be stopped: DuckDB-WASM's "pending query" protocol. The
 * engine executes a slice of work (≈ 100 ms) per `poll`, and streams the result chunk by
 * chunk; between any two calls the caller may cancel, and the engine drops the query at
 * once. One engine call never runs longer than a slice, so a runaway query (`range(1e10)`,
 * a large cross join) can always be interrupted, and a result can be cut off after a byte
 * budget instead of being built whole (a 300 MB cell would otherwise crash the tab).
 *
 * The same driver runs on the browser's worker and on the blocking Node build in tests.
 */
import { RecordBatchReader, Table } from 'apache-arrow';
import { QueryCancelledError, cancelReasonOf, throwIfCancelled } from '../query/cancel';

/** The four engine calls of the protocol, bound to one connection. */
export interface PendingQueryPort {
  start(sql: string): Promise<Uint8Array | null> | Uint8Array | null;
  poll(): Promise<Uint8Array | null> | Uint8Array | null;
  fetch(): Promise<Uint8Array | null> | Uint8Array | null;
  cancel(): Promise<boolean> | boolean;
}

export interface PendingResult {
  table: Table;
  /** Arrow bytes received. */
  bytes: number;
  /** The result was cut off after `maxBytes`. */
  truncated: boolean;
}

/** Lets timers and messages (a Cancel click, a time limit) run between engine calls. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function concat(chunks: readonly Uint8Array[], bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * Runs `sql` through the port. Aborting `signal` cancels it in the engine and rejects with
 * `QueryCancelledError`; with `maxBytes`, the result stops (and the query is dropped) once
 * more Arrow bytes than that have arrived — the batches received so far are returned.
 */
export async function runPendingQuery(
  port: PendingQueryPort,
  sql: string,
  options: { signal?: AbortSignal; maxBytes?: number } = {},
): Promise<PendingResult> {
  const { signal, maxBytes = Infinity } = options;
  throwIfCancelled(signal);
  const stop = async (): Promise<never> => {
    await port.cancel();
    throw new QueryCancelledError(signal ? cancelReasonOf(signal) : 'cancelled');
  };
  let header = await port.start(sql);
  while (header == null) {
    await breathe();
    if (signal?.aborted) return stop();
    header = await port.poll();
  }
  const chunks: Uint8Array[] = [header];
  let bytes = header.byteLength;
  let truncated = false;
  for (;;) {
    if (signal?.aborted) return stop();
    const chunk = await port.fetch();
    if (chunk == null) {
      await breathe();
      continue;
    }
    if (chunk.byteLength === 0) break;
    if (bytes + chunk.byteLength > maxBytes) {
      truncated = true;
      await port.cancel();
      break;
    }
    chunks.push(chunk);
    bytes += chunk.byteLength;
  }
  const table = new Table(RecordBatchReader.from(concat(chunks, bytes)));
  return { table, bytes, truncated };
}
