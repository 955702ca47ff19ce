/**
 * Runs `analyseFindings` in a module worker (analysis.worker.ts), one request at a time.
 * A request whose signal aborts is dropped; if it is the one running, the worker is stopped
 * and a fresh one starts for the next request, so a changed view never waits for the
 * statistics of the view before it. Where workers do not exist (Node), it runs inline.
 */
import { QueryCancelledError, cancelReasonOf } from '../query/cancel';
import { analyseFindings, type FindingsOptions, type FindingsResult } from './analyse';
import type { FindingsData } from '../query/findings-data';
import type { AnalysisRequest } from './analysis.worker';

interface Reply {
  id: number;
  result?: FindingsResult;
  error?: string;
  ms?: number;
}

interface Pending {
  request: AnalysisRequest;
  resolve: (value: { result: FindingsResult; ms: number }) => void;
  reject: (error: unknown) => void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function startWorker(): Worker {
  const w = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (event: MessageEvent<Reply>) => {
    const { id, result, error, ms } = event.data;
    const p = pending.get(id);
    if (!p) return; // cancelled meanwhile
    pending.delete(id);
    if (result) p.resolve({ result, ms: ms ?? 0 });
    else p.reject(new Error(error ?? 'the analysis worker failed'));
  };
  w.onerror = (event) => {
    event.preventDefault();
    stopWorker(new Error(event.message || 'the analysis worker failed'));
  };
  return w;
}

function stopWorker(reason: unknown): void {
  worker?.terminate();
  worker = null;
  for (const p of pending.values()) p.reject(reason);
  pending.clear();
}

/** Starts the worker ahead of the first request (its module loads while the SQL runs). */
export function prepareAnalysisWorker(): void {
  if (typeof Worker !== 'undefined') worker ??= startWorker();
}

/** The statistics of one Findings view; resolves with the result and the time the worker spent on it. */
export function analyseOffMainThread(
  data: FindingsData,
  options: FindingsOptions,
  signal?: AbortSignal,
): Promise<{ result: FindingsResult; ms: number }> {
  if (signal?.aborted) return Promise.reject(new QueryCancelledError(cancelReasonOf(signal)));
  if (typeof Worker === 'undefined') {
    const started = performance.now();
    return Promise.resolve({ result: analyseFindings(data, options), ms: performance.now() - started });
  }
  worker ??= startWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const request: AnalysisRequest = { id, data, options };
    pending.set(id, { request, resolve, reject });
    signal?.addEventListener(
      'abort',
      () => {
        const mine = pending.get(id);
        if (!mine) return;
        pending.delete(id);
        mine.reject(new QueryCancelledError(cancelReasonOf(signal)));
        // The worker may be busy with this view, which nobody waits for any more: stop it,
        // and hand whatever else was queued to a fresh one.
        worker?.terminate();
        worker = startWorker();
        for (const other of pending.values()) worker.postMessage(other.request);
      },
      { once: true },
    );
    worker!.postMessage(request);
  });
}
