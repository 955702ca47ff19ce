/** The build works from any folder of a plain static server and carries its security policy. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/serve.mjs';
import { launchBrowser, openRecordedPage, type Session } from './browser';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('static build', () => {
  it('ships the DuckDB wasm and worker files itself', () => {
    const files = filesUnder('build');
    expect(files.some((f) => /duckdb-eh\.[\w-]+\.wasm$/.test(f))).toBe(true);
    expect(files.some((f) => /duckdb-browser-eh\.worker\.[\w-]+\.js$/.test(f))).toBe(true);
  });

  it('every page has a Content-Security-Policy allowing only its own origin', () => {
    for (const file of filesUnder('build').filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(file, 'utf8');
      const csp = html.match(/<meta http-equiv="content-security-policy" content="([^"]+)">/)?.[1];
      expect(csp, file).toBeDefined();
      expect(csp).toContain("default-src 'self'");
      expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
      expect(csp).not.toMatch(/https?:\/\//);
    }
    const headers = readFileSync('build/_headers', 'utf8');
    expect(headers).toMatch(/Content-Security-Policy: default-src 'self'/);
    expect(headers).toContain("frame-ancestors 'none'");
  });
});

describe('served under a sub-path of a plain static server', () => {
  let server: { url: string; close(): Promise<void> };
  let session: Session;
  beforeAll(async () => {
    server = await serveStatic({ dir: 'build', port: 0, basePath: '/pemda/ntb/dampingan/' });
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('loads the data and draws the charts, requesting nothing outside the sub-path', async () => {
    const { page, requests, consoleErrors } = await openRecordedPage(session.context);
    await page.goto(server.url);
    await page.getByTestId('chart-by-function-plot').locator('svg').first().waitFor({ timeout: 60_000 });
    expect(Number(await page.getByTestId('kpi-clients').getAttribute('data-value'))).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith(server.url))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
