#!/usr/bin/env node
/**
 * Writes `build/_headers` (read by Netlify, Cloudflare Pages and similar hosts) with the
 * same Content-Security-Policy the pages carry in their <meta> tag. A worker's policy comes
 * from its own response headers, which a <meta> tag cannot set. The header policy lists the
 * inline-script hashes of every page, so one policy fits all paths. Hashed assets are
 * marked immutable.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const buildDir = process.argv[2] ?? 'build';

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

const directives = new Map();
for (const file of htmlFiles(buildDir)) {
  const html = readFileSync(file, 'utf8');
  const match = html.match(/<meta http-equiv="content-security-policy" content="([^"]+)">/i);
  if (!match) throw new Error(`${file} has no Content-Security-Policy meta tag`);
  for (const part of match[1].split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    const set = directives.get(name) ?? new Set();
    sources.forEach((s) => set.add(s));
    directives.set(name, set);
  }
}
// Only a header can forbid framing (clickjacking); the site never frames itself.
directives.set('frame-ancestors', new Set(["'none'"]));
const policy = [...directives].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');

writeFileSync(
  join(buildDir, '_headers'),
  `/*\n  Content-Security-Policy: ${policy}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n  X-Frame-Options: DENY\n` +
    // Hashed file names never change content: cache them for good (a repeat visit then
    // also reuses the browser's compiled DuckDB code).
    `/_app/immutable/*\n  Cache-Control: public, max-age=31536000, immutable\n`,
);
console.log(`wrote ${join(buildDir, '_headers')}`);
