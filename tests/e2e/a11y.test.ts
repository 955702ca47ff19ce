/**
 * axe-core on every page, in Bahasa Indonesia and English, at a laptop's width and a
 * phone's: no violation of impact serious or critical. axe is injected from the npm
 * package (node_modules), never fetched; the site's Content-Security-Policy forbids inline
 * scripts, so this browser context alone sets it aside to inject one.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type Session } from './browser';
import { PAGES, pageSettled, pageUrl } from './pages';

const baseUrl = inject('baseUrl');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]) {
  describe(`axe-core at ${viewport.width} px`, () => {
    let session: Session;
    let page: Page;
    beforeAll(async () => {
      session = await launchBrowser(undefined, { viewport, bypassCSP: true });
      page = await session.context.newPage();
    });
    afterAll(async () => {
      await session?.close();
    });

    for (const lang of ['id', 'en'] as const) {
      it(`finds nothing serious or critical on any page (${lang})`, async () => {
        const found: Record<string, Violation[]> = {};
        for (const { name, path } of PAGES) {
          await page.goto(pageUrl(baseUrl, path, lang));
          await pageSettled(page);
          const violations = await seriousViolations(page);
          if (violations.length > 0) found[name] = violations;
        }
        expect(found).toEqual({});
      });
    }
  });
}

describe('axe-core on what opens', () => {
  let session: Session;
  let page: Page;
  beforeAll(async () => {
    session = await launchBrowser(undefined, { viewport: { width: 390, height: 844 }, bypassCSP: true });
    page = await session.context.newPage();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('finds nothing serious in the open filter sheet, an open explanation or the zoomed map', async () => {
    await page.goto(pageUrl(baseUrl, 'explore/?f.region=5201'));
    await pageSettled(page);
    await page.getByTestId('map-zoom-lombok').click();
    await page.getByTestId('filter-sheet-open').click();
    await page.getByTestId('filter-sheet').waitFor({ state: 'visible' });
    await page.getByTestId('filter-region').locator('summary').click();
    await page.getByTestId('filter-sheet').locator('[data-testid="term-exposed"]').click();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
