/**
 * DuckDB's engine module (`duckdb-eh.wasm`, 34 MB; ≈ 7.6 MB with gzip) fetched by the page
 * itself rather than by DuckDB's worker, for two reasons:
 *
 * - a first visit on a slow link shows how far the download got and how long it still
 *   needs (`onProgress`), instead of a spinner for a minute;
 * - the bytes are stored once in the service worker's cache (src/service-worker.ts), so the
 *   worker's install copies them instead of downloading the same file a second time. Whoever
 *   downloads holds ENGINE_LOCK (Web Locks); the other waits, then reads the cache.
 *
 * DuckDB then instantiates the module from a `blob:` URL of those bytes (same origin, no
 * network). A module already in the cache is read from there, online or not.
 */
import { ENGINE_LOCK } from '../offline/sw-rules';
import type { DownloadProgress } from './download-estimate';

export interface EngineModuleOptions {
  /** The module's size as built, for hosts that compress it (their Content-Length is the compressed size). */
  expectedBytes: number;
  /** The Cache Storage to read and fill, or null (no service worker here: nothing would use or clean it). */
  caches: CacheStorage | null;
  /** The cache the service worker of this version reads (`cacheName(version)`). */
  cacheName: string;
  locks?: LockManager | null;
  fetch?: typeof fetch;
  now?: () => number;
  onProgress?: (progress: DownloadProgress) => void;
  /** At most one progress report per this many milliseconds (the last one always comes). */
  reportEveryMs?: number;
}

export interface EngineModule {
  /** A `blob:` URL of the module, for `AsyncDuckDB.instantiate`. */
  url: string;
  /** Where the bytes came from. */
  source: 'device' | 'network';
  /** Frees the URL (after instantiation). */
  release(): void;
}

function blobModule(blob: Blob, source: EngineModule['source']): EngineModule {
  // `instantiateStreaming` insists on the WebAssembly type, whatever the host sent.
  const typed = blob.type === 'application/wasm' ? blob : new Blob([blob], { type: 'application/wasm' });
  const url = URL.createObjectURL(typed);
  return { url, source, release: () => URL.revokeObjectURL(url) };
}

/**
 * Whether the engine may compile the module from its own URL instead of a `blob:` copy: the
 * site's service worker controls the page and holds the module in its cache, so the engine's
 * request never reaches the network. The browser keeps optimised machine code beside a
 * response from its caches (never beside a `blob:` or a Response built in script), so each
 * later visit's engine starts on it — ≈ 0.6 s of reopening a stored upload of 1M sessions.
 */
export async function moduleServedFromCache(url: string, options: { caches: CacheStorage | null; controlled: boolean }): Promise<boolean> {
  if (!options.controlled || !options.caches) return false;
  return Boolean(await options.caches.match(url).catch(() => undefined));
}

/** The engine module as a `blob:` URL: from the cache when stored, else downloaded (and stored). */
export async function loadEngineModule(url: string, options: EngineModuleOptions): Promise<EngineModule> {
  const now = options.now ?? (() => performance.now());
  const fromDevice = async (): Promise<EngineModule | null> => {
    const hit = await options.caches?.match(url).catch(() => undefined);
    if (!hit) return null;
    const blob = await hit.blob();
    const at = now();
    options.onProgress?.({ loaded: blob.size, total: blob.size, startedAt: at, now: at, fromDevice: true });
    return blobModule(blob, 'device');
  };
  const first = await fromDevice();
  if (first) return first;
  const work = async () => (await fromDevice()) ?? (await download(url, options, now));
  return options.locks ? ((await options.locks.request(ENGINE_LOCK, work)) as EngineModule) : work();
}

async function download(url: string, options: EngineModuleOptions, now: () => number): Promise<EngineModule> {
  const response = await (options.fetch ?? fetch)(url, { credentials: 'same-origin' });
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`HTTP ${response.status} for ${url}`);
  }
  const declared = Number(response.headers.get('content-length'));
  const compressed = Boolean(response.headers.get('content-encoding'));
  let total = !compressed && declared > 0 ? declared : options.expectedBytes;
  const startedAt = now();
  let loaded = 0;
  let reportedAt = -Infinity;
  const every = options.reportEveryMs ?? 100;
  const report = (force: boolean) => {
    const at = now();
    if (!force && at - reportedAt < every) return;
    reportedAt = at;
    total = Math.max(total, loaded);
    options.onProgress?.({ loaded, total, startedAt, now: at, fromDevice: false });
  };
  report(true);
  const chunks: Uint8Array[] = [];
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      report(false);
    }
  } else {
    const bytes = new Uint8Array(await response.arrayBuffer());
    chunks.push(bytes);
    loaded = bytes.byteLength;
  }
  total = loaded;
  report(true);
  const blob = new Blob(chunks as BlobPart[], { type: 'application/wasm' });
  if (options.caches) {
    // For the service worker's install (and the next visit). A full disk only costs the offline copy.
    try {
      const cache = await options.caches.open(options.cacheName);
      await cache.put(url, new Response(blob, { headers: { 'content-type': 'application/wasm', 'content-length': String(blob.size) } }));
    } catch {
      /* not stored: the service worker downloads it itself */
    }
  }
  return blobModule(blob, 'network');
}
