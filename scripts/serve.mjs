#!/usr/bin/env node
/**
 * Serves a built site on 127.0.0.1, as any plain static host would (no rewrites).
 * Usage: node scripts/serve.mjs [dir=build] [port=4173] [basePath=/]
 * With a base path, the site answers under it (for testing sub-path hosting).
 */
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

/**
 * Starts the server; resolves with its URL (port 0 picks a free port).
 * @param {{ dir?: string, port?: number, basePath?: string }} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serveStatic({ dir = 'build', port = 4173, basePath = '/' } = {}) {
  const prefix = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const files = sirv(dir, {
    dev: false,
    etag: true,
    gzip: false,
    brotli: false,
    dotfiles: false,
    // As build/_headers asks of a host: hashed assets are immutable.
    setHeaders: (res, pathname) => {
      if (pathname.startsWith('/_app/immutable/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
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
      resolve({ url: `http://127.0.0.1:${actualPort}${prefix}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'build', port = '4173', basePath = '/'] = process.argv.slice(2);
  const { url } = await serveStatic({ dir, port: Number(port), basePath });
  console.log(`Dampingan is served at ${url}  (Ctrl+C to stop)`);
}
