/**
 * The service worker's work — storing the build on install, dropping older versions on
 * activation, answering requests — written against injected browser APIs, so the worker
 * file (src/service-worker.ts) only wires events and the logic is unit-tested in Node.
 */
import { cacheName, CACHE_PREFIX, ENGINE_LOCK, isImmutable, pagePath, type Precache, type Site, type Strategy } from './sw-rules';

export interface WorkerEnv {
  caches: CacheStorage;
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** `navigator.locks` where the browser has it. */
  locks?: LockManager | null;
  /** The worker's origin, to make absolute URLs of the build's paths. */
  origin: string;
}

/** Runs `work` while holding the named lock (or at once where the browser has no Web Locks). */
export function withLock<T>(locks: LockManager | null | undefined, name: string, work: () => Promise<T>): Promise<T> {
  return locks ? (locks.request(name, work) as Promise<T>) : work();
}

async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(runners);
}

/** A copy that can answer a navigation (a redirected response cannot). */
async function storable(response: Response): Promise<Response> {
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers });
}

export class PrecacheError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
  ) {
    super(`Could not store ${path} for offline use (HTTP ${status})`);
    this.name = 'PrecacheError';
  }
}

/**
 * Stores every file of `list` in this version's cache. Files already there (an install that
 * was interrupted, or the engine the page stored while downloading it) are kept; hashed files
 * an older version's cache holds are copied, not downloaded again (same name, same bytes).
 * The engine comes last and under ENGINE_LOCK: if the page is downloading it, the worker
 * waits and copies the page's copy. Throws when a file cannot be fetched whole (HTTP 200):
 * the install fails and the browser tries again on a later visit, keeping what was stored.
 */
export async function precache(
  env: WorkerEnv,
  version: string,
  list: Precache,
  base: string,
  onStored?: (path: string) => void,
): Promise<void> {
  const cache = await env.caches.open(cacheName(version));
  const store = async (path: string) => {
    const url = new URL(path, env.origin).href;
    if (!(await cache.match(url))) {
      const earlier = isImmutable(path, base) ? await env.caches.match(url) : undefined;
      if (earlier) {
        await cache.put(url, earlier);
      } else {
        // Pages and static files are checked with the server (`no-cache`); hashed files may come from the HTTP cache.
        const response = await env.fetch(url, { cache: isImmutable(path, base) ? 'default' : 'no-cache', credentials: 'same-origin' });
        // 200 only: never a partial (206) or an error page.
        if (response.status !== 200) {
          await response.body?.cancel().catch(() => undefined);
          throw new PrecacheError(path, response.status);
        }
        await cache.put(url, await storable(response));
      }
    }
    onStored?.(path);
  };
  await eachLimited(list.shell, 4, store);
  await withLock(env.locks, ENGINE_LOCK, () => eachLimited(list.engine, 1, store));
}

/** How many of `list`'s files this version's cache holds. */
export async function storedCount(env: WorkerEnv, version: string, list: Precache): Promise<number> {
  if (!(await env.caches.has(cacheName(version)))) return 0;
  const cache = await env.caches.open(cacheName(version));
  const paths = [...list.shell, ...list.engine];
  const hits = await Promise.all(paths.map((path) => cache.match(new URL(path, env.origin).href)));
  return hits.filter(Boolean).length;
}

/** Deletes the caches of every other version of the site (and nothing that is not the site's). */
export async function deleteOldCaches(env: WorkerEnv, version: string): Promise<string[]> {
  const current = cacheName(version);
  const old = (await env.caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX) && name !== current);
  await Promise.all(old.map((name) => env.caches.delete(name)));
  return old;
}

export interface RespondOptions {
  /** How long a page waits for the network before the cached copy is shown. */
  networkTimeoutMs: number;
  /** The fetch event's `waitUntil`: work that may finish after the answer was given. */
  waitUntil?: (work: Promise<unknown>) => void;
}

/** Answers a request the worker takes (`strategy` is not `pass`). */
export async function respond(
  env: WorkerEnv,
  version: string,
  request: Request,
  strategy: Exclude<Strategy, 'pass'>,
  site: Site,
  options: RespondOptions,
): Promise<Response> {
  const cache = await env.caches.open(cacheName(version));
  if (strategy === 'cache-first') {
    const path = new URL(request.url).pathname;
    const hit = (await cache.match(request.url)) ?? (isImmutable(path, site.base) ? await env.caches.match(request.url) : undefined);
    if (hit) return hit;
    const response = await env.fetch(request);
    // Put back what is missing (evicted, or an install that never finished), while the answer streams to the page.
    if (response.status === 200) {
      const putting = cache.put(request.url, response.clone()).catch(() => undefined);
      if (options.waitUntil) options.waitUntil(putting);
      else await putting;
    }
    return response;
  }
  return networkFirst(env, cache, request, site, options);
}

async function networkFirst(env: WorkerEnv, cache: Cache, request: Request, site: Site, options: RespondOptions): Promise<Response> {
  const url = new URL(request.url);
  const page = pagePath(url.pathname, site) ?? url.pathname;
  const cached = () => cache.match(new URL(page, env.origin).href);
  const controller = new AbortController();
  const network = env.fetch(request, { signal: controller.signal });
  type Outcome = { response: Response } | { error: unknown } | { slow: true };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const first: Outcome = await Promise.race([
    network.then(
      (response) => ({ response }),
      (error: unknown) => ({ error }),
    ),
    new Promise<Outcome>((resolve) => {
      timer = setTimeout(() => resolve({ slow: true }), options.networkTimeoutMs);
    }),
  ]);
  clearTimeout(timer);
  // A server error is not a page: the cached copy is better when there is one.
  if ('response' in first && first.response.status < 500) return first.response;
  const copy = await cached();
  if (copy) {
    // A cached page is shown; the slow download is not needed any more.
    if ('slow' in first) controller.abort();
    else if ('response' in first) await first.response.body?.cancel().catch(() => undefined);
    return copy;
  }
  if ('response' in first) return first.response;
  return network; // no copy: the network's answer, whenever it comes (or its error)
}
