/**
 * The page's side of the service worker (src/service-worker.ts; SvelteKit registers it when
 * the page has loaded): whether this version is stored for offline use, and whether a new
 * version is waiting to take over (the update notice).
 *
 * `document.documentElement.dataset.offline` mirrors `offline.status` (`stored` once every
 * file of this version is in the cache), for tests and tools.
 */
import { followUpdates } from './update-follow';
import type { WorkerRequest, WorkerStatus } from './worker-messages';

export type OfflineStatus =
  /** No service worker here (an old browser, plain http on another machine, `vite dev` …). */
  | 'unsupported'
  /** Registered or installing: files are being stored. */
  | 'storing'
  /** Every file of this version is stored: the site opens and works offline. */
  | 'stored';

export const offline = $state({
  status: 'storing' as OfflineStatus,
  /** A new version is installed and waits for this page to ask it to take over. */
  updateWaiting: false,
  /** The evaluator asked for the new version: the page reloads when it takes over. */
  updating: false,
});

let watching = false;
let reloadOnTakeover = false;

function setStatus(status: OfflineStatus): void {
  offline.status = status;
  document.documentElement.dataset.offline = status;
}

/** Asks the active worker how much of its version is stored. */
function askStatus(worker: ServiceWorker): Promise<WorkerStatus | null> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), 5000);
    channel.port1.onmessage = (event: MessageEvent<WorkerStatus>) => {
      clearTimeout(timer);
      resolve(event.data);
    };
    const request: WorkerRequest = { type: 'status' };
    worker.postMessage(request, [channel.port2]);
  });
}

/** Starts following the service worker (once per page load). */
export function watchServiceWorker(): void {
  if (watching) return;
  watching = true;
  if (!('serviceWorker' in navigator) || !window.isSecureContext || import.meta.env.DEV) {
    setStatus('unsupported');
    return;
  }
  setStatus('storing');
  const container = navigator.serviceWorker;
  // A version that takes over while this page runs: reload only if this page asked for it
  // (another tab's choice must not reload this one); otherwise say a newer version is there.
  let hadController = Boolean(container.controller);
  container.addEventListener('controllerchange', () => {
    if (reloadOnTakeover) {
      location.reload();
      return;
    }
    if (hadController) offline.updateWaiting = true;
    hadController = true;
  });
  void container.ready.then(async (registration) => {
    followUpdates(
      registration,
      () => Boolean(container.controller),
      () => (offline.updateWaiting = true),
    );
    const worker = registration.active;
    if (!worker) return;
    if (worker.state !== 'activated') {
      await new Promise<void>((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
    }
    const status = await askStatus(worker);
    if (status && status.stored >= status.expected) setStatus('stored');
  });
}

/** Lets the waiting version take over; the page reloads when it has. */
export function applyUpdate(): void {
  void navigator.serviceWorker.getRegistration().then((registration) => {
    const waiting = registration?.waiting;
    if (!waiting) {
      // Already active (taken over from another tab): loading the page again is enough.
      location.reload();
      return;
    }
    offline.updating = true;
    reloadOnTakeover = true;
    const request: WorkerRequest = { type: 'skip-waiting' };
    waiting.postMessage(request);
  });
}
