/** The service worker's install, activation and answers, against in-memory caches and a fake network. */
import { describe, expect, it } from 'vitest';
import { deleteOldCaches, precache, PrecacheError, respond, storedCount, type WorkerEnv } from '../../../src/lib/offline/sw-core';
import { cacheName, ENGINE_LOCK, type Precache, type Site } from '../../../src/lib/offline/sw-rules';
import { FakeCacheStorage, FakeLocks } from '../../helpers/fake-caches';

const ORIGIN = 'http://127.0.0.1:4173';
const BASE = '/ntb';
const WASM = `${BASE}/_app/immutable/assets/duckdb-eh.abc.wasm`;
const LIST: Precache = {
  shell: [`${BASE}/`, `${BASE}/explore/`, `${BASE}/_app/immutable/chunks/a.js`, `${BASE}/favicon.svg`, `${BASE}/sample-overview.json`],
  engine: [WASM],
};
const SITE: Site = {
  origin: ORIGIN,
  base: BASE,
  precached: new Set([...LIST.shell, ...LIST.engine]),
  pages: new Set([`${BASE}/`, `${BASE}/explore/`]),
};

/** A network that answers every path with its own name (and counts what it was asked). */
function network(overrides: Record<string, () => Response | Promise<Response>> = {}) {
  const asked: string[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    asked.push(url.pathname + url.search);
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const make = overrides[url.pathname];
    if (make) return make();
    return new Response(`content of ${url.pathname}`, { status: 200, headers: { 'content-type': 'text/plain' } });
  };
  return { fetch, asked };
}

function envWith(caches: FakeCacheStorage, fetch: WorkerEnv['fetch'], locks: FakeLocks | null = new FakeLocks()): WorkerEnv {
  return { caches: caches.api, fetch, locks: locks?.api ?? null, origin: ORIGIN };
}

const text = async (response: Response | undefined) => (response ? await response.text() : undefined);

describe('install', () => {
  it('stores every file of the list in the version’s cache', async () => {
    const caches = new FakeCacheStorage();
    const net = network();
    await precache(envWith(caches, net.fetch), 'v2', LIST, BASE);
    const cache = await caches.open(cacheName('v2'));
    expect(cache.keys().sort()).toEqual([...LIST.shell, ...LIST.engine].map((p) => ORIGIN + p).sort());
    expect(await text(await cache.match(`${ORIGIN}${BASE}/explore/`))).toBe(`content of ${BASE}/explore/`);
    expect(await storedCount(envWith(caches, net.fetch), 'v2', LIST)).toBe(6);
    // The engine is fetched last.
    expect(net.asked.at(-1)).toBe(WASM);
  });

  it('keeps what an interrupted install stored and copies hashed files from an older version; pages are fetched again', async () => {
    const caches = new FakeCacheStorage();
    const old = await caches.open(cacheName('v1'));
    await old.put(`${ORIGIN}${WASM}`, new Response('engine bytes'));
    await old.put(`${ORIGIN}${BASE}/`, new Response('old page'));
    const current = await caches.open(cacheName('v2'));
    await current.put(`${ORIGIN}${BASE}/favicon.svg`, new Response('icon'));
    const net = network();
    await precache(envWith(caches, net.fetch), 'v2', LIST, BASE);
    expect(net.asked).not.toContain(WASM);
    expect(net.asked).not.toContain(`${BASE}/favicon.svg`);
    expect(net.asked).toContain(`${BASE}/`);
    expect(await text(await current.match(`${ORIGIN}${WASM}`))).toBe('engine bytes');
    expect(await text(await current.match(`${ORIGIN}${BASE}/`))).toBe(`content of ${BASE}/`);
  });

  it('fails on anything but a whole file (a 206, a 404), storing no partial answer', async () => {
    const caches = new FakeCacheStorage();
    const partial = network({ [WASM]: () => new Response('part', { status: 206, headers: { 'content-range': 'bytes 0-3/100' } }) });
    await expect(precache(envWith(caches, partial.fetch), 'v2', LIST, BASE)).rejects.toThrow(PrecacheError);
    expect(await (await caches.open(cacheName('v2'))).match(`${ORIGIN}${WASM}`)).toBeUndefined();
    const missing = network({ [`${BASE}/sample-overview.json`]: () => new Response('no', { status: 404 }) });
    await expect(precache(envWith(new FakeCacheStorage(), missing.fetch), 'v2', LIST, BASE)).rejects.toThrow(/sample-overview\.json.*404/);
  });

  it('waits for a page that is downloading the engine and copies its copy instead of downloading it again', async () => {
    const caches = new FakeCacheStorage();
    const locks = new FakeLocks();
    const net = network();
    let finishPageDownload!: () => void;
    const pageHolds = locks.request(ENGINE_LOCK, async () => {
      await new Promise<void>((resolve) => (finishPageDownload = resolve));
      await (await caches.open(cacheName('v2'))).put(`${ORIGIN}${WASM}`, new Response('downloaded by the page'));
    });
    const install = precache(envWith(caches, net.fetch, locks), 'v2', LIST, BASE);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(net.asked).not.toContain(WASM);
    finishPageDownload();
    await Promise.all([pageHolds, install]);
    expect(net.asked).not.toContain(WASM);
    expect(await text(await (await caches.open(cacheName('v2'))).match(`${ORIGIN}${WASM}`))).toBe('downloaded by the page');
  });
});

describe('activation', () => {
  it('deletes the caches of other versions of the site only', async () => {
    const caches = new FakeCacheStorage();
    for (const name of [cacheName('v1'), cacheName('v2'), cacheName('v3'), 'other-app']) await caches.open(name);
    const deleted = await deleteOldCaches(envWith(caches, network().fetch), 'v3');
    expect(deleted.sort()).toEqual([cacheName('v1'), cacheName('v2')]);
    expect((await caches.keys()).sort()).toEqual([cacheName('v3'), 'other-app'].sort());
  });
});

describe('answers', () => {
  const options = { networkTimeoutMs: 50 };

  async function stored() {
    const caches = new FakeCacheStorage();
    await precache(envWith(caches, network().fetch), 'v2', LIST, BASE);
    return caches;
  }

  it('cache-first: a stored file without the network; a missing one fetched and put back', async () => {
    const caches = await stored();
    const net = network();
    const env = envWith(caches, net.fetch);
    const hit = await respond(env, 'v2', new Request(`${ORIGIN}${WASM}`), 'cache-first', SITE, options);
    expect(await hit.text()).toBe(`content of ${WASM}`);
    expect(net.asked).toEqual([]);
    const cache = await caches.open(cacheName('v2'));
    cache.entries.delete(`${ORIGIN}${BASE}/favicon.svg`);
    expect(await (await respond(env, 'v2', new Request(`${ORIGIN}${BASE}/favicon.svg`), 'cache-first', SITE, options)).text()).toBe(
      `content of ${BASE}/favicon.svg`,
    );
    expect(net.asked).toEqual([`${BASE}/favicon.svg`]);
    expect(await cache.match(`${ORIGIN}${BASE}/favicon.svg`)).toBeDefined();
  });

  it('network-first: the network’s page when it answers, so an update is seen', async () => {
    const caches = await stored();
    const net = network({ [`${BASE}/explore/`]: () => new Response('new page') });
    const response = await respond(
      envWith(caches, net.fetch),
      'v2',
      new Request(`${ORIGIN}${BASE}/explore/?m=x`),
      'network-first',
      SITE,
      options,
    );
    expect(await response.text()).toBe('new page');
  });

  it('network-first: the stored page (whatever the query) when offline, when the server fails or is too slow', async () => {
    const caches = await stored();
    const offline = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    const stored1 = await respond(
      envWith(caches, offline),
      'v2',
      new Request(`${ORIGIN}${BASE}/explore/?lang=en&f.region=5201`),
      'network-first',
      SITE,
      options,
    );
    expect(await stored1.text()).toBe(`content of ${BASE}/explore/`);
    const broken = network({ [`${BASE}/`]: () => new Response('bad gateway', { status: 502 }) });
    expect(
      await (await respond(envWith(caches, broken.fetch), 'v2', new Request(`${ORIGIN}${BASE}/`), 'network-first', SITE, options)).text(),
    ).toBe(`content of ${BASE}/`);
    let aborted = false;
    const slow = (_: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => {
          aborted = true;
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    const t0 = Date.now();
    expect(
      await (await respond(envWith(caches, slow), 'v2', new Request(`${ORIGIN}${BASE}/explore/`), 'network-first', SITE, options)).text(),
    ).toBe(`content of ${BASE}/explore/`);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(aborted).toBe(true);
  });

  it('network-first without a stored copy: the network’s answer or its error', async () => {
    const caches = new FakeCacheStorage();
    const offline = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    await expect(respond(envWith(caches, offline), 'v2', new Request(`${ORIGIN}${BASE}/`), 'network-first', SITE, options)).rejects.toThrow(
      'Failed to fetch',
    );
    const late = async () => {
      await new Promise((resolve) => setTimeout(resolve, 120));
      return new Response('late but fine');
    };
    expect(
      await (await respond(envWith(caches, late), 'v2', new Request(`${ORIGIN}${BASE}/`), 'network-first', SITE, options)).text(),
    ).toBe('late but fine');
  });
});
