/**
 * When a new version of the site has installed and waits. The browser looks for a new
 * service worker on every navigation, so a new version may already be installing — its
 * `updatefound` fired and gone — by the time the page starts watching. Following only
 * `updatefound` then misses it (and `registration.update()` finds nothing newer, since
 * the same version is already installing): the page never says a new version is there.
 * So the version installing at the start is followed too.
 */

/** The parts of a ServiceWorker this needs. */
export interface WorkerLike extends EventTarget {
  readonly state: string;
}

/** The parts of a ServiceWorkerRegistration this needs. */
export interface RegistrationLike extends EventTarget {
  readonly installing: WorkerLike | null;
  readonly waiting: WorkerLike | null;
}

/**
 * Calls `onWaiting` when a version waits to take over from a page a worker controls (the
 * first version takes over at once: nothing waits for it). It may be called more than once
 * for the same version.
 */
export function followUpdates(registration: RegistrationLike, controlled: () => boolean, onWaiting: () => void): void {
  const check = () => {
    if (registration.waiting && controlled()) onWaiting();
  };
  const followInstalling = (worker: WorkerLike | null) => {
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') check();
    });
  };
  check();
  followInstalling(registration.installing);
  registration.addEventListener('updatefound', () => followInstalling(registration.installing));
}
