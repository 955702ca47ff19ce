import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { withDataOrigins } from './csp.config.js';

/**
 * Sub-path hosting: set BASE_PATH (e.g. `/dampingan`) at build time. Asset paths are
 * relative, so the same build also works from any folder of a plain static server.
 */
const base = process.env.BASE_PATH ?? '';

/** Content-Security-Policy: the site's own origin only, plus what WebAssembly and the
 * DuckDB worker need. SvelteKit adds the hashes of its inline bootstrap scripts. */
export const cspDirectives = {
  'default-src': ['self'],
  'script-src': ['self', 'wasm-unsafe-eval'],
  'worker-src': ['self', 'blob:'],
  'connect-src': ['self', 'blob:', 'data:'],
  'img-src': ['self', 'data:', 'blob:'],
  // Observable Plot writes inline style attributes and a <style> element into each chart.
  'style-src': ['self', 'unsafe-inline'],
  'font-src': ['self'],
  'object-src': ['none'],
  'base-uri': ['self'],
  'form-action': ['self'],
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', strict: true }),
    paths: { base, relative: true },
    csp: { mode: 'hash', directives: withDataOrigins(cspDirectives) },
    prerender: { handleHttpError: 'fail', entries: ['*'] },
  },
};

export default config;
