/**
 * Computes a function view's exposed − not exposed intervals in a worker
 * (differences.worker.ts) and keeps them with the rows they came from
 * (exposure-differences.ts), so the main chart's rows find them ready. Only medians go
 * there: their exact bootstrap is the costly one (Welch and Newcombe take microseconds).
 * The pairs are split between two workers: at 1M sessions the page waits for the slowest
 * pair set, not for all of them one after the other. A request whose signal aborts is
 * dropped and the workers busy with it are replaced, so a new view never waits for the one
 * before it (requests of other views queued there go to its replacement). Without workers
 * (Node), nothing is done here and the rows compute them inline.
 */
import { QueryCancelledError, cancelReasonOf } from '../query/cancel';
import { isExposureDimension } from '../query/dimensions';
import type { GroupRow } from '../query/group-query';
import type { Statistic } from '../query/measures';
import { differencePairs, knownDifferences, rememberDifferences, type Difference, type DifferencePair } from './exposure-differences';
import type { DifferencesReply, DifferencesRequest } from './differences.worker';

/** Workers: the machines this runs on have two cores or more, and the engine's worker is idle by then. */
const POOL_SIZE = 2;

interface Waiting {
  request: DifferencesRequest;
  resolve: (d: [string, Difference][]) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  waiting: Map<number, Waiting>;
}

const pool: (Slot | null)[] = Array.from({ length: POOL_SIZE }, () => null);
let nextId = 1;

function startSlot(index: number): Slot {
  const worker = new Worker(new URL('./differences.worker.ts', import.meta.url), { type: 'module' });
  const slot: Slot = { worker, waiting: new Map() };
  worker.onmessage = (event: MessageEvent<DifferencesReply>) => {
    const { id, differences, error } = event.data;
    const w = slot.waiting.get(id);
    if (!w) return;
    slot.waiting.delete(id);
    if (differences) w.resolve(differences);
    else w.reject(new Error(error ?? 'the differences worker failed'));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    stopSlot(index, new Error(event.message || 'the differences worker failed'));
  };
  pool[index] = slot;
  return slot;
}

function stopSlot(index: number, reason: unknown): void {
  const slot = pool[index];
  if (!slot) return;
  slot.worker.terminate();
  pool[index] = null;
  for (const w of slot.waiting.values()) w.reject(reason);
}

/** Starts the workers ahead of the first request (their module loads while the engine answers). */
export function prepareDifferenceWorkers(): void {
  if (typeof Worker === 'undefined') return;
  for (let i = 0; i < POOL_SIZE; i++) if (!pool[i]) startSlot(i);
}

function ask(index: number, statistic: Statistic, pairs: DifferencePair[], signal?: AbortSignal): Promise<[string, Difference][]> {
  const slot = pool[index] ?? startSlot(index);
  const id = nextId++;
  const request: DifferencesRequest = { id, statistic, pairs };
  return new Promise((resolve, reject) => {
    slot.waiting.set(id, { request, resolve, reject });
    signal?.addEventListener(
      'abort',
      () => {
        const current = pool[index];
        const mine = current?.waiting.get(id);
        if (!current || !mine) return;
        current.waiting.delete(id);
        mine.reject(new QueryCancelledError(cancelReasonOf(signal)));
        // The worker may be busy with this view, which nobody waits for any more: replace it,
        // and hand whatever else was queued to the fresh one.
        current.worker.terminate();
        const fresh = startSlot(index);
        for (const [otherId, other] of current.waiting) {
          fresh.waiting.set(otherId, other);
          fresh.worker.postMessage(other.request);
        }
      },
      { once: true },
    );
    slot.worker.postMessage(request);
  });
}

/**
 * Before the main chart's rows are handed on: their median differences, computed off the
 * main thread and remembered with them. Resolves at once where there is nothing to do.
 */
export async function prepareDifferences(
  groups: readonly GroupRow[],
  spec: { dimension: string; dimension2?: string | null; statistic: Statistic | undefined },
  signal?: AbortSignal,
): Promise<void> {
  if (typeof Worker === 'undefined' || spec.statistic !== 'median') return;
  if (!isExposureDimension(spec.dimension) || spec.dimension2 || knownDifferences(groups, 'median')) return;
  if (signal?.aborted) throw new QueryCancelledError(cancelReasonOf(signal));
  const pairs = differencePairs(groups);
  // Largest first, dealt out in turn: the two workers get about the same number of values.
  const size = (p: DifferencePair) => p.exposed.n + (p.rest?.n ?? 0);
  const shares: DifferencePair[][] = Array.from({ length: POOL_SIZE }, () => []);
  const load = new Array<number>(POOL_SIZE).fill(0);
  for (const p of [...pairs].sort((a, b) => size(b) - size(a))) {
    const lightest = load.indexOf(Math.min(...load));
    shares[lightest]!.push(p);
    load[lightest]! += size(p);
  }
  const answers = await Promise.all(shares.map((share, i) => (share.length ? ask(i, 'median', share, signal) : Promise.resolve([]))));
  rememberDifferences(groups, 'median', new Map(answers.flat()));
}
