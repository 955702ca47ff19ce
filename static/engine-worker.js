/*
 * DuckDB's browser worker, started so that it compiles the engine module straight from the
 * module's own URL. The page gives DuckDB's worker script as this worker's name (a hash
 * would not survive the service worker's answer; src/lib/db/browser-database.ts), and only
 * when the site's service worker holds the module in its cache. Without TransformStream,
 * DuckDB-WASM 1.32 instantiates with `WebAssembly.instantiateStreaming(fetch(url))`; its
 * progress wrapper would hand the compiler a Response built in script instead, beside which
 * the browser keeps no compiled code, so every visit would start on unoptimised code.
 */
(() => {
  'use strict';
  const script = new URL(self.name, self.location.href);
  if (script.origin !== self.location.origin || script.pathname === self.location.pathname) {
    throw new Error(`engine-worker.js: no DuckDB worker script of this site named (${self.name})`);
  }
  self.TransformStream = undefined;
  importScripts(script.href);
})();
