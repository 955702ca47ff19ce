import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readExcelFileChunks } from './scripts/vite/read-excel-file-chunks.mjs';

/** The engine module's size, for its download progress when a host compresses it (src/lib/db/engine-download.ts). */
const duckdbWasmBytes = statSync(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm')).size;

export default defineConfig({
  plugins: [readExcelFileChunks(), sveltekit()],
  define: { __DUCKDB_WASM_BYTES__: JSON.stringify(duckdbWasmBytes) },
  server: { host: '127.0.0.1', fs: { allow: ['data'] } },
  preview: { host: '127.0.0.1' },
  build: { chunkSizeWarningLimit: 1200 },
  worker: { format: 'es' },
  test: {
    // Run through Vite's plugins like the build, so tests parse workbooks with the mended chunking.
    server: { deps: { inline: ['read-excel-file'] } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          exclude: ['tests/unit/state/**'],
          environment: 'node',
          testTimeout: 60_000,
          // beforeAll hooks load the whole sample into DuckDB-WASM (seconds alone); on two cores
          // with other files running they can pass vitest's 10 s default.
          hookTimeout: 60_000,
        },
      },
      {
        // The managers and the pages' dataset queries are runes: their effects run only in
        // Svelte's client build, which Vitest compiles for a DOM environment (jsdom) with the
        // `browser` condition. The engine is still DuckDB-WASM's Node build.
        extends: true,
        resolve: { conditions: ['browser'] },
        test: {
          name: 'state',
          include: ['tests/unit/state/**/*.test.ts'],
          environment: 'jsdom',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // expect.poll waits for the page to reach a state (live figures replacing the build's,
          // a result row count); vitest's 1 s default is shorter than a busy 2-core machine needs
          // for a query after the engine is ready.
          expect: { poll: { timeout: 20_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
