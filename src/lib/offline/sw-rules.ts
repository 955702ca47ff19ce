/**
 * What the service worker (src/service-worker.ts) keeps for offline use and which requests
 * it answers — pure functions, shared with the page (cache names) and unit-tested.
 *
 * The rule is an allow list: the worker answers only requests for files of this build
 * (pages, hashed build files, the `static/` files, the engine, the sample's build-time
 * Overview). Everything else goes to the network untouched — other origins, remote
 * datasets (`remote/`, any folder a `?source=` link names), range requests (DuckDB's
 * reads of a remote database), anything but GET — so a published dataset is never served
 * from a cache and the Cache API never sees a 206.
 */

/** Every cache of this site starts with it; caches of older versions are deleted on activation. */
export const CACHE_PREFIX = 'dampingan-';

/** One cache per build: `version` is SvelteKit's `version` (the same in `$service-worker` and `$app/environment`). */
export function cacheName(version: string): string {
  return `${CACHE_PREFIX}${version}`;
}

/**
 * Held by whoever downloads the engine module (the page on a first visit, or the service
 * worker's install), so the other waits and then copies it from the cache instead of
 * downloading the same 34 MB a second time.
 */
export const ENGINE_LOCK = 'dampingan:engine-download';

/** The build-time Overview of the sample, written next to the pages by `npm run build`. */
export const SAMPLE_OVERVIEW_PATH = '/sample-overview.json';

/** DuckDB's WebAssembly module and its worker script (hashed names under `_app/immutable/`). */
export function isEngineFile(path: string): boolean {
  return /\/duckdb-[\w-]*\.[\w-]+\.wasm$/.test(path) || /\/duckdb-browser-[\w-]*\.worker\.[\w-]+\.js$/.test(path);
}

/** Files whose name carries a content hash: same URL, same bytes, in every build. */
export function isImmutable(path: string, base: string): boolean {
  return path.startsWith(`${base}/_app/immutable/`);
}

export interface BuildLists {
  /** The site's base path as the worker sees it (`''` at the root, `/pemda/ntb/dampingan` under a sub-path). */
  base: string;
  /** `$service-worker`'s lists: paths that already start with `base`. */
  build: readonly string[];
  files: readonly string[];
  prerendered: readonly string[];
}

export interface Precache {
  /** Pages, build files, static files and the sample's build-time Overview. */
  shell: string[];
  /** The engine files, fetched last and under ENGINE_LOCK (the `.wasm` alone is 34 MB). */
  engine: string[];
}

/** Whether a `static/` file is something the app requests (not a note such as `geo/SOURCE.md`). */
export function isAppStaticFile(path: string): boolean {
  return !/\.(md|txt)$/i.test(path) && !/\/\.[^/]*$/.test(path);
}

/** The files the worker stores on install, in the order it fetches them. */
export function precacheList(lists: BuildLists): Precache {
  const engine = lists.build.filter(isEngineFile);
  const shell = [
    ...lists.prerendered,
    ...lists.build.filter((path) => !isEngineFile(path)),
    ...lists.files.filter(isAppStaticFile),
    `${lists.base}${SAMPLE_OVERVIEW_PATH}`,
  ];
  return { shell: [...new Set(shell)], engine };
}

export interface RequestFacts {
  url: string;
  method: string;
  /** `Request.mode`: `navigate` for a page load. */
  mode: string;
  /** Whether the request has a `Range` header. */
  range: boolean;
}

export interface Site {
  /** The worker's own origin. */
  origin: string;
  base: string;
  /** Every precached path (pathname, no query). */
  precached: ReadonlySet<string>;
  /** The prerendered pages' paths (`${base}/`, `${base}/explore/` …). */
  pages: ReadonlySet<string>;
}

/**
 * How the worker answers a request:
 * - `pass`: not at all — the browser fetches it as if there were no worker;
 * - `cache-first`: a file of this build (hashed files never change; the others belong to
 *   the cached version of the app, and a new version brings a new cache);
 * - `network-first`: a page, so an update is picked up when online, with the cached copy
 *   when the network fails or is too slow.
 */
export type Strategy = 'pass' | 'cache-first' | 'network-first';

export function strategyFor(request: RequestFacts, site: Site): Strategy {
  if (request.method !== 'GET' || request.range) return 'pass';
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return 'pass';
  }
  if (url.origin !== site.origin) return 'pass';
  const path = url.pathname;
  if (path !== site.base && !path.startsWith(`${site.base}/`)) return 'pass';
  // Published datasets are read from the network only, whatever else matches.
  if (path.startsWith(`${site.base}/remote/`)) return 'pass';
  const page = pagePath(path, site);
  if (page) return 'network-first';
  if (request.mode === 'navigate') return 'pass';
  // Files are looked up without their query; a query means something else was asked for.
  if (url.search) return 'pass';
  return site.precached.has(path) ? 'cache-first' : 'pass';
}

/** The prerendered page a path opens (`/explore`, `/explore/` and `/explore/index.html` are one page), or null. */
export function pagePath(path: string, site: Pick<Site, 'base' | 'pages'>): string | null {
  const candidates = [path, `${path}/`, path.replace(/index\.html$/, '')];
  if (path === site.base) candidates.push(`${site.base}/`);
  return candidates.find((p) => site.pages.has(p)) ?? null;
}
