/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Makes Dampingan open and work offline after one visit: on install it stores this build's
 * pages, build files, static files, the sample's build-time Overview and DuckDB's engine
 * (the 34 MB `.wasm` by an explicit rule, last, under a lock it shares with the page) in a
 * cache named after the build's version; on activation it deletes older versions' caches.
 * It answers only requests for those files — hashed files cache-first, pages network-first
 * with the cached copy as fallback — and lets everything else go to the network untouched
 * (remote datasets, range requests, other origins; src/lib/offline/sw-rules.ts).
 *
 * A new version waits until the page asks it to take over (the update notice's button).
 */
import { base, build, files, prerendered, version } from '$service-worker';
import { precacheList, strategyFor } from './lib/offline/sw-rules';
import { deleteOldCaches, precache, respond, storedCount, type WorkerEnv } from './lib/offline/sw-core';
import type { WorkerReply, WorkerRequest } from './lib/offline/worker-messages';

const sw = self as unknown as ServiceWorkerGlobalScope;

const list = precacheList({ base, build, files, prerendered });
const site = {
  origin: sw.location.origin,
  base,
  precached: new Set([...list.shell, ...list.engine]),
  pages: new Set(prerendered),
};
const env: WorkerEnv = {
  caches: sw.caches,
  fetch: (input, init) => sw.fetch(input, init),
  locks: sw.navigator.locks ?? null,
  origin: sw.location.origin,
};
/** Under `vite dev` the lists are empty: the worker then stays out of the way. */
const active = build.length > 0;

sw.addEventListener('install', (event) => {
  if (active) event.waitUntil(precache(env, version, list, base));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      await deleteOldCaches(env, version);
      // The first version takes the open pages at once, so they run offline from now on.
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('fetch', (event) => {
  if (!active) return;
  const request = event.request;
  const strategy = strategyFor({ url: request.url, method: request.method, mode: request.mode, range: request.headers.has('range') }, site);
  if (strategy === 'pass') return;
  event.respondWith(
    respond(env, version, request, strategy, site, {
      // On a slow link a page waits this long for the network before the stored copy is shown.
      networkTimeoutMs: 4000,
      waitUntil: (work) => event.waitUntil(work),
    }),
  );
});

sw.addEventListener('message', (event) => {
  const message = event.data as WorkerRequest | null;
  if (message?.type === 'skip-waiting') {
    void sw.skipWaiting();
  } else if (message?.type === 'status') {
    const port = event.ports[0];
    event.waitUntil(
      storedCount(env, version, list).then((stored) => {
        const reply: WorkerReply = { type: 'status', version, stored, expected: list.shell.length + list.engine.length };
        port?.postMessage(reply);
      }),
    );
  }
});
