/** Which files the service worker stores, and which requests it answers or leaves alone. */
import { describe, expect, it } from 'vitest';
import {
  cacheName,
  isEngineFile,
  pagePath,
  precacheList,
  strategyFor,
  type RequestFacts,
  type Site,
} from '../../../src/lib/offline/sw-rules';

const WASM = '/_app/immutable/assets/duckdb-eh.9ubY-jlA.wasm';
const WORKER = '/_app/immutable/assets/duckdb-browser-eh.worker.hQa-dcAV.js';
const CHUNK = '/_app/immutable/chunks/BD5YnSUB.js';
const SESSIONS = '/_app/immutable/assets/sessions.CCEhN5lR.csv';
const PAGES = ['/', '/explore/', '/findings/', '/sql/', '/data/', '/report/', '/reports/', '/remote-check/'];

function lists(base: string) {
  return {
    base,
    build: [CHUNK, WASM, WORKER, SESSIONS, '/_app/immutable/workers/analysis.worker-BwV7t0q-.js'].map((p) => base + p),
    files: ['/favicon.svg', '/geo/ntb-kabupaten.geojson', '/geo/SOURCE.md', '/manifest.webmanifest', '/icons/icon-192.png'].map(
      (p) => base + p,
    ),
    prerendered: PAGES.map((p) => base + p),
  };
}

function siteFor(base: string): Site {
  const list = precacheList(lists(base));
  return {
    origin: 'http://127.0.0.1:4173',
    base,
    precached: new Set([...list.shell, ...list.engine]),
    pages: new Set(PAGES.map((p) => base + p)),
  };
}

const get = (url: string, extra: Partial<RequestFacts> = {}): RequestFacts => ({
  url,
  method: 'GET',
  mode: 'cors',
  range: false,
  ...extra,
});

describe('what is stored on install', () => {
  it('every page, build file, static file the app asks for and the build-time Overview; the engine apart, last', () => {
    const list = precacheList(lists('/pemda/ntb/dampingan'));
    expect(list.engine).toEqual([`/pemda/ntb/dampingan${WASM}`, `/pemda/ntb/dampingan${WORKER}`]);
    expect(list.shell).toContain('/pemda/ntb/dampingan/');
    expect(list.shell).toContain('/pemda/ntb/dampingan/explore/');
    expect(list.shell).toContain(`/pemda/ntb/dampingan${SESSIONS}`);
    expect(list.shell).toContain('/pemda/ntb/dampingan/_app/immutable/workers/analysis.worker-BwV7t0q-.js');
    expect(list.shell).toContain('/pemda/ntb/dampingan/geo/ntb-kabupaten.geojson');
    expect(list.shell).toContain('/pemda/ntb/dampingan/manifest.webmanifest');
    expect(list.shell).toContain('/pemda/ntb/dampingan/sample-overview.json');
    // A note about the map's source is not something the app fetches.
    expect(list.shell).not.toContain('/pemda/ntb/dampingan/geo/SOURCE.md');
    expect(list.shell.filter((p) => isEngineFile(p))).toEqual([]);
    expect(new Set(list.shell).size).toBe(list.shell.length);
  });

  it('tells the engine files from the other build files', () => {
    expect(isEngineFile(WASM)).toBe(true);
    expect(isEngineFile(WORKER)).toBe(true);
    expect(isEngineFile('/_app/immutable/assets/duckdb-mvp.AbC123.wasm')).toBe(true);
    expect(isEngineFile(CHUNK)).toBe(false);
    expect(isEngineFile('/_app/immutable/workers/analysis.worker-BwV7t0q-.js')).toBe(false);
    expect(isEngineFile('/remote/sample/dataset.duckdb')).toBe(false);
  });

  it('names one cache per version', () => {
    expect(cacheName('1764500000000')).toBe('dampingan-1764500000000');
  });
});

describe('which requests the worker answers', () => {
  for (const base of ['', '/pemda/ntb/dampingan']) {
    describe(`at ${base || 'the root'}`, () => {
      const site = siteFor(base);
      const at = (path: string) => `http://127.0.0.1:4173${base}${path}`;

      it('pages network-first, with any query and with or without the slash', () => {
        expect(strategyFor(get(at('/'), { mode: 'navigate' }), site)).toBe('network-first');
        expect(strategyFor(get(at('/explore/?m=naik_kelas_rate&lang=en'), { mode: 'navigate' }), site)).toBe('network-first');
        expect(strategyFor(get(at('/explore'), { mode: 'navigate' }), site)).toBe('network-first');
        expect(strategyFor(get(at('/explore/index.html'), { mode: 'navigate' }), site)).toBe('network-first');
        // A link to a published dataset still opens the page; the dataset itself is not the worker's.
        expect(strategyFor(get(at('/explore/?source=https%3A%2F%2Fdata.example.go.id%2Fntb%2F'), { mode: 'navigate' }), site)).toBe(
          'network-first',
        );
        expect(pagePath(`${base}/sql`, site)).toBe(`${base}/sql/`);
      });

      it('build and static files cache-first', () => {
        for (const path of [
          WASM,
          WORKER,
          CHUNK,
          SESSIONS,
          '/geo/ntb-kabupaten.geojson',
          '/sample-overview.json',
          '/manifest.webmanifest',
        ]) {
          expect(strategyFor(get(at(path)), site), path).toBe('cache-first');
        }
      });

      it('leaves range requests, other methods, other origins, remote datasets and unknown files to the network', () => {
        expect(strategyFor(get(at(WASM), { range: true }), site)).toBe('pass');
        expect(strategyFor(get(at('/remote/sample/dataset.duckdb'), { range: true }), site)).toBe('pass');
        expect(strategyFor(get(at('/remote/sample/manifest.json')), site)).toBe('pass');
        expect(strategyFor(get(at('/remote/sample/dataset.duckdb'), { method: 'HEAD' }), site)).toBe('pass');
        expect(strategyFor(get(at(SESSIONS), { method: 'POST' }), site)).toBe('pass');
        expect(strategyFor(get(`http://127.0.0.1:4174${base}${SESSIONS}`), site)).toBe('pass');
        expect(strategyFor(get(`http://127.0.0.1:4174/ntb/manifest.json`), site)).toBe('pass');
        expect(strategyFor(get(at('/datasets/ntb-2026/manifest.json')), site)).toBe('pass');
        expect(strategyFor(get(at('/_app/version.json')), site)).toBe('pass');
        expect(strategyFor(get(at('/_app/immutable/chunks/Unknown1.js')), site)).toBe('pass');
        expect(strategyFor(get(at('/no-such-page/'), { mode: 'navigate' }), site)).toBe('pass');
        // The same file asked for with a query is not the stored file.
        expect(strategyFor(get(at(`${SESSIONS}?x=1`)), site)).toBe('pass');
        expect(strategyFor(get('not a url'), site)).toBe('pass');
      });

      it('even a published dataset under the site’s own remote/ folder that matched a page path', () => {
        const tricky: Site = {
          ...site,
          pages: new Set([...site.pages, `${base}/remote/`]),
          precached: new Set([...site.precached, `${base}/remote/x.duckdb`]),
        };
        expect(strategyFor(get(at('/remote/'), { mode: 'navigate' }), tricky)).toBe('pass');
        expect(strategyFor(get(at('/remote/x.duckdb')), tricky)).toBe('pass');
      });
    });
  }

  it('under a sub-path, nothing outside it (nor a folder that only starts like it)', () => {
    const site = siteFor('/pemda/ntb/dampingan');
    expect(strategyFor(get('http://127.0.0.1:4173/'), site)).toBe('pass');
    expect(strategyFor(get('http://127.0.0.1:4173/pemda/ntb/dampingan-lama/', { mode: 'navigate' }), site)).toBe('pass');
    expect(strategyFor(get('http://127.0.0.1:4173/pemda/ntb/dampingan', { mode: 'navigate' }), site)).toBe('network-first');
  });
});
