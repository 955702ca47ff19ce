/** The engine module's download on a first visit: progress, the estimate, one copy in the cache. */
import { describe, expect, it } from 'vitest';
import { fractionLoaded, roundedTimeLeft, secondsLeft, type DownloadProgress } from '../../../src/lib/db/download-estimate';
import { loadEngineModule, moduleServedFromCache, type EngineModuleOptions } from '../../../src/lib/db/engine-download';
import { ENGINE_LOCK } from '../../../src/lib/offline/sw-rules';
import { FakeCacheStorage, FakeLocks } from '../../helpers/fake-caches';

const URL_ = 'http://127.0.0.1:4173/_app/immutable/assets/duckdb-eh.abc.wasm';
const CACHE = 'dampingan-v1';

describe('time left', () => {
  const at = (loaded: number, elapsedMs: number, total = 34_000_000): DownloadProgress => ({
    loaded,
    total,
    startedAt: 1000,
    now: 1000 + elapsedMs,
    fromDevice: false,
  });

  it('from the average speed so far', () => {
    // 8.5 MB in 10 s: 25.5 MB left at 0.85 MB/s = 30 s.
    expect(secondsLeft(at(8_500_000, 10_000))).toBeCloseTo(30, 9);
    expect(fractionLoaded(at(8_500_000, 10_000))).toBeCloseTo(0.25, 9);
  });

  it('not before a second has passed, nor when nothing came, the size is unknown, it is done or from the device', () => {
    expect(secondsLeft(at(1_000_000, 900))).toBeNull();
    expect(secondsLeft(at(0, 5000))).toBeNull();
    expect(secondsLeft(at(1_000_000, 5000, 0))).toBeNull();
    expect(secondsLeft(at(34_000_000, 5000))).toBeNull();
    expect(secondsLeft({ ...at(1, 5000), fromDevice: true })).toBeNull();
    expect(fractionLoaded(at(5, 5, 0))).toBe(0);
  });

  it('rounded so it does not flicker', () => {
    expect(roundedTimeLeft(1)).toEqual({ unit: 'seconds', value: 5 });
    expect(roundedTimeLeft(31)).toEqual({ unit: 'seconds', value: 30 });
    expect(roundedTimeLeft(33)).toEqual({ unit: 'seconds', value: 35 });
    expect(roundedTimeLeft(57)).toEqual({ unit: 'seconds', value: 55 });
    expect(roundedTimeLeft(58)).toEqual({ unit: 'minutes', value: 1 });
    expect(roundedTimeLeft(150)).toEqual({ unit: 'minutes', value: 3 });
  });
});

/** A response that arrives in `chunks` pieces of `size` bytes. */
function chunked(chunks: number, size: number, headers: Record<string, string> = {}): Response {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === chunks) return controller.close();
      controller.enqueue(new Uint8Array(size).fill(sent++ % 251));
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'application/wasm', ...headers } });
}

function options(overrides: Partial<EngineModuleOptions>): EngineModuleOptions & { progress: DownloadProgress[] } {
  const progress: DownloadProgress[] = [];
  let clock = 0;
  return {
    expectedBytes: 34_000_000,
    caches: null,
    cacheName: CACHE,
    now: () => (clock += 10),
    reportEveryMs: 0,
    onProgress: (p) => progress.push(p),
    progress,
    ...overrides,
  };
}

async function bytesOf(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

describe('the engine module', () => {
  it('downloads with progress up to the size the host declares, and stores one copy for the service worker', async () => {
    const caches = new FakeCacheStorage();
    let fetched = 0;
    const o = options({
      caches: caches.api,
      fetch: async () => {
        fetched++;
        return chunked(8, 1000, { 'content-length': '8000' });
      },
    });
    const module = await loadEngineModule(URL_, o);
    expect(module.source).toBe('network');
    expect(module.url).toMatch(/^blob:/);
    expect((await bytesOf(module.url)).byteLength).toBe(8000);
    module.release();
    expect(fetched).toBe(1);
    expect(o.progress[0]).toMatchObject({ loaded: 0, total: 8000, fromDevice: false });
    expect(o.progress.at(-1)).toMatchObject({ loaded: 8000, total: 8000 });
    const loaded = o.progress.map((p) => p.loaded);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    expect(new Set(loaded).size).toBeGreaterThan(5);
    const stored = await (await caches.open(CACHE)).match(URL_);
    expect(stored?.headers.get('content-type')).toBe('application/wasm');
    expect((await stored!.arrayBuffer()).byteLength).toBe(8000);
  });

  it('counts against the size as built when the host compresses (its Content-Length is the compressed size)', async () => {
    const o = options({
      expectedBytes: 8000,
      fetch: async () => chunked(8, 1000, { 'content-length': '1900', 'content-encoding': 'gzip' }),
    });
    await loadEngineModule(URL_, o);
    expect(o.progress[1]).toMatchObject({ loaded: 1000, total: 8000 });
  });

  it('comes from the cache, online or not, without the network', async () => {
    const caches = new FakeCacheStorage();
    await (
      await caches.open('dampingan-v0')
    ).put(URL_, new Response(new Uint8Array(5000), { headers: { 'content-type': 'application/wasm' } }));
    const o = options({
      caches: caches.api,
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const module = await loadEngineModule(URL_, o);
    expect(module.source).toBe('device');
    expect((await bytesOf(module.url)).byteLength).toBe(5000);
    expect(o.progress).toEqual([expect.objectContaining({ loaded: 5000, total: 5000, fromDevice: true })]);
  });

  it('waits while the service worker downloads it, then reads its copy', async () => {
    const caches = new FakeCacheStorage();
    const locks = new FakeLocks();
    let release!: () => void;
    const worker = locks.request(ENGINE_LOCK, async () => {
      await new Promise<void>((resolve) => (release = resolve));
      await (await caches.open(CACHE)).put(URL_, new Response(new Uint8Array(3000)));
    });
    let fetched = 0;
    const loading = loadEngineModule(
      URL_,
      options({
        caches: caches.api,
        locks: locks.api,
        fetch: async () => {
          fetched++;
          return chunked(1, 3000);
        },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    const [module] = await Promise.all([loading, worker]);
    expect(module.source).toBe('device');
    expect(fetched).toBe(0);
  });

  it('says what went wrong when the host does not give the file', async () => {
    await expect(loadEngineModule(URL_, options({ fetch: async () => new Response('missing', { status: 404 }) }))).rejects.toThrow(
      /HTTP 404/,
    );
  });

  it('still starts when the copy cannot be stored (a full disk)', async () => {
    const caches = new FakeCacheStorage();
    const cache = await caches.open(CACHE);
    cache.put = async () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const module = await loadEngineModule(URL_, options({ caches: caches.api, fetch: async () => chunked(2, 10) }));
    expect((await bytesOf(module.url)).byteLength).toBe(20);
  });
});

describe('compiling the module from its own URL', () => {
  it('only when the service worker controls the page and holds the module', async () => {
    const caches = new FakeCacheStorage();
    expect(await moduleServedFromCache(URL_, { caches: caches.api, controlled: true })).toBe(false);
    await (await caches.open(CACHE)).put(URL_, new Response(new Uint8Array(10)));
    expect(await moduleServedFromCache(URL_, { caches: caches.api, controlled: true })).toBe(true);
    // A page the service worker does not control would fetch from the network (offline: nothing).
    expect(await moduleServedFromCache(URL_, { caches: caches.api, controlled: false })).toBe(false);
    expect(await moduleServedFromCache(URL_, { caches: null, controlled: true })).toBe(false);
    expect(await moduleServedFromCache(`${URL_}x`, { caches: caches.api, controlled: true })).toBe(false);
  });
});
