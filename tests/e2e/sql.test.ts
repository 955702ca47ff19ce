/** The SQL page: results equal the same query in Node, and writes are refused with a message. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openRecordedPage, type RecordedPage, type Session } from './browser';

const baseUrl = inject('baseUrl');
let session: Session;
let recorded: RecordedPage;

beforeAll(async () => {
  session = await launchBrowser();
  recorded = await openRecordedPage(session.context);
  await recorded.page.goto(new URL('sql/', baseUrl).href);
  await recorded.page.getByTestId('sql-result-meta').waitFor({ timeout: 60_000 });
});
afterAll(async () => session?.close());

async function runQuery(sql: string) {
  const { page } = recorded;
  await page.getByTestId('sql-editor').fill(sql);
  await page.getByTestId('sql-editor').press('Control+Enter');
}

describe('SQL page', () => {
  it('lists the loaded tables with their row counts', async () => {
    const tables = recorded.page.getByTestId('sql-tables');
    await expect.poll(() => tables.textContent(), { timeout: 30_000 }).toMatch(/sessions\s*24\.898 baris/);
    expect(await tables.textContent()).toContain('clients');
    expect(await recorded.page.getByTestId('sql-tables-loading').count()).toBe(0); // the loading line gives way
  });

  it('runs a query and shows its rows', async () => {
    const { page } = recorded;
    await runQuery('SELECT cohort, count(*) AS n FROM clients GROUP BY cohort ORDER BY cohort');
    await expect.poll(() => page.getByTestId('sql-result-meta').getAttribute('data-rows')).toBe('4');
    const cells = await page.getByTestId('sql-results').locator('tbody tr').first().locator('td').allTextContents();
    expect(cells[0]).toBe('2024-A');
    expect(new URL(page.url()).searchParams.get('q')).toContain('GROUP BY cohort');
  });

  it('refuses statements that would change the data, and the data stays', async () => {
    const { page } = recorded;
    for (const sql of ['DROP TABLE clients', 'DELETE FROM sessions', 'SELECT 1; DROP TABLE clients']) {
      await runQuery(sql);
      await expect.poll(() => page.getByTestId('sql-error').textContent()).toContain('single SELECT');
      expect(await page.getByRole('alert').count()).toBeGreaterThan(0);
    }
    await runQuery('SELECT count(*) AS n FROM sessions');
    await expect.poll(() => page.getByTestId('sql-results').locator('tbody td').first().textContent()).toBe('24898');
    expect(recorded.consoleErrors).toEqual([]);
  });
});
