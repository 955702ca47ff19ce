/**
 * Allowed data origins for remote datasets, chosen at build time.
 *
 * `DATA_ORIGIN=https://data.example.go.id npm run build` adds that origin to the
 * Content-Security-Policy's `connect-src` (the pages' <meta> tag, and through it
 * `build/_headers`), so the dashboard may read a dataset published there and nothing else.
 * Several origins may be given, separated by commas or spaces. The page reads the same list
 * back from its own policy (`dataOriginsFromCsp` in src/lib/db/remote-manifest.ts), so the
 * policy is the one place it lives. Without DATA_ORIGIN the site reads its own origin only.
 *
 * An origin is `https://host[:port]` — no path, no wildcard, no credentials. Plain `http://`
 * is accepted for loopback hosts only (local testing). A bad value stops the build.
 */

/**
 * @param {string | undefined} value
 * @returns {string[]} the origins, normalised (`https://host[:port]`)
 */
export function parseDataOrigins(value) {
  if (!value || !value.trim()) return [];
  /** @type {string[]} */
  const origins = [];
  for (const raw of value.split(/[\s,]+/).filter(Boolean)) {
    /** @type {URL} */
    let url;
    try {
      url = new URL(raw);
    } catch {
      throw new Error(`DATA_ORIGIN: ${JSON.stringify(raw)} is not a URL; give an origin like https://data.example.go.id`);
    }
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (!(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) {
      throw new Error(`DATA_ORIGIN: ${JSON.stringify(raw)} must use https:// (http:// only for localhost)`);
    }
    if (!/^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:]+\]$/.test(url.hostname)) {
      throw new Error(`DATA_ORIGIN: ${JSON.stringify(raw)} must name one host (no wildcards)`);
    }
    if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
      throw new Error(`DATA_ORIGIN: ${JSON.stringify(raw)} must be an origin only (scheme, host, optional port), e.g. ${url.origin}`);
    }
    if (raw.replace(/\/$/, '').toLowerCase() !== url.origin.toLowerCase()) {
      throw new Error(`DATA_ORIGIN: ${JSON.stringify(raw)} is not a plain origin; did you mean ${url.origin}?`);
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return origins;
}

/**
 * A copy of the CSP directives with the data origins appended to `connect-src`.
 * @template {Record<string, string[]>} D
 * @param {D} directives
 * @param {Record<string, string | undefined>} [env]
 * @returns {D}
 */
export function withDataOrigins(directives, env = process.env) {
  const origins = parseDataOrigins(env.DATA_ORIGIN);
  if (origins.length === 0) return directives;
  const connect = directives['connect-src'] ?? ['self'];
  return { ...directives, 'connect-src': [...connect, ...origins.filter((o) => !connect.includes(o))] };
}
