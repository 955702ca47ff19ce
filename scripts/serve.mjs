#!/usr/bin/env node
/**
 * Serves a built site on 127.0.0.1, as any plain static host would (no rewrites), with the
 * security headers the build wrote to `build/_headers` (Content-Security-Policy for the
 * pages *and* the DuckDB worker, `frame-ancestors 'none'`, nosniff, Referrer-Policy) — the
 * same file Netlify / Cloudflare Pages read.
 * Usage: node scripts/serve.mjs [dir=build] [port=4173] [basePath=/]
 * With a base path, the site answers under it (for testing sub-path hosting).
 */
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

/**
 * Reads a `_headers` file: blocks of a path pattern (`/*`, `/_app/immutable/*`) followed by
 * indented `Name: value` lines.
 * @param {string} text
 * @returns {{ pattern: string, headers: [string, string][] }[]}
 */
export function parseHeadersFile(text) {
  /** @type {{ pattern: string, headers: [string, string][] }[]} */
  const rules = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] });
      continue;
    }
    const at = line.indexOf(':');
    if (at > 0 && rules.length > 0) rules[rules.length - 1].headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
  }
  return rules;
}

/**
 * @param {string} pattern
 * @param {string} pathname
 */
function matches(pattern, pathname) {
  return pattern.endsWith('*') ? pathname.startsWith(pattern.slice(0, -1)) : pathname === pattern;
}

/**
 * Starts the server; resolves with its URL (port 0 picks a free port). `securityHeaders:
 * false` serves like a host that sends none (GitHub Pages, S3, a default nginx) — for tests
 * that the product does not depend on them.
 * `onServed` hears of every answer sent (path under the site, status, Range header) — what
 * crossed the network, as opposed to what a browser took from its caches.
 * @param {{ dir?: string, port?: number, basePath?: string, securityHeaders?: boolean,
 *   onServed?: (entry: { path: string, status: number, range: string | null }) => void }} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serveStatic({ dir = 'build', port = 4173, basePath = '/', securityHeaders = true, onServed } = {}) {
  const prefix = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const headersFile = join(dir, '_headers');
  const rules = securityHeaders && existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, 'utf8')) : [];
  const files = sirv(dir, {
    dev: false,
    etag: true,
    gzip: false,
    brotli: false,
    dotfiles: false,
    // As build/_headers asks of a host: hashed assets are immutable.
    setHeaders: (res, pathname) => {
      for (const rule of rules) if (matches(rule.pattern, pathname)) for (const [name, value] of rule.headers) res.setHeader(name, value);
    },
  });
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith(prefix) && `${url}/` !== prefix) {
      res.statusCode = 404;
      res.end('Not found');
      return;
    }
    req.url = `/${url.slice(prefix.length)}`;
    if (onServed) {
      const path = req.url.split('?')[0];
      const range = req.headers.range ?? null;
      res.on('finish', () => onServed({ path, status: res.statusCode, range }));
    }
    // Also on answers sirv does not give (404s): no page of this origin may be framed.
    for (const rule of rules) if (rule.pattern === '/*') for (const [name, value] of rule.headers) res.setHeader(name, value);
    files(req, res, () => {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('Not found');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      /** @returns {Promise<void>} */
      const close = () =>
        new Promise((/** @type {(value?: void) => void} */ r) => {
          server.close(() => r());
          // A browser's kept-alive connections would hold the port (a test that takes the site offline reopens it).
          server.closeAllConnections();
        });
      resolve({ url: `http://127.0.0.1:${actualPort}${prefix}`, close });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'build', port = '4173', basePath = '/'] = process.argv.slice(2);
  const { url } = await serveStatic({ dir, port: Number(port), basePath });
  console.log(`Dampingan is served at ${url}  (Ctrl+C to stop)`);
}
