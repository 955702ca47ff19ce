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

function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}. Install it with: sudo apt-get update && sudo apt-get install -y chromium`);
  }
  console.log('Installing Debian Chromium for the browser tests (apt-get install chromium)…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get finished but ${CHROMIUM_PATH} is still missing`);
}

export default async function setup(project: TestProject) {
  if (!existsSync('build/index.html')) throw new Error('No build/ found: run `npm run build` first (npm test does).');
  ensureChromium();
  const server = (await serveStatic({ dir: 'build', port: 0, basePath: '/' }));
  project.provide('baseUrl', server.url);
  return async () => {
    await server.close();
  };
}
