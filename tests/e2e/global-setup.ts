/**
 * Browser tests run against the built site (`build/`) served on 127.0.0.1 by a plain
 * static server, driven by Debian's Chromium. The browser is installed with apt-get when
 * missing (as root); no test tool ever downloads a browser of its own.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { serveStatic } from '../../scripts/serve.mjs';
import { CHROMIUM_PATH } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Installs a Debian package the browser tests need when its file is missing (as root). */
function ensureDebianPackage(path: string, pkg: string, why: string): void {
  if (existsSync(path)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(`${path} is missing (${why}). Install it with: sudo apt-get update && sudo apt-get install -y ${pkg}`);
  }
  console.log(`Installing Debian ${pkg} for the browser tests (${why})…`);
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkg}`, { stdio: 'inherit' });
  if (!existsSync(path)) throw new Error(`apt-get finished but ${path} is still missing`);
}

export default async function setup(project: TestProject) {
  if (!existsSync('build/index.html')) throw new Error('No build/ found: run `npm run build` first (npm test does).');
  ensureDebianPackage(CHROMIUM_PATH, 'chromium', 'the browser');
  ensureDebianPackage('/usr/bin/pdftotext', 'poppler-utils', 'reading printed reports');
  const server = await serveStatic({ dir: 'build', port: 0, basePath: '/' });
  project.provide('baseUrl', server.url);
  return async () => {
    await server.close();
  };
}
