import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AlertPage } from './pages/AlertPage';
import { AuditPage } from './pages/AuditPage';
import { api, ok } from './support/api';
import { saveScreenshot } from './support/screenshot';

test.use({ locale: 'en-US', timezoneId: 'Europe/Prague', viewport: { width: 1440, height: 900 } });

const SIZES = [
  { name: '1440', width: 1440, height: 900 },
  { name: '1024', width: 1024, height: 700 },
];

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((to) => ((globalThis as unknown as { location: { hash: string } }).location.hash = to), hash);
}

for (const scheme of ['light', 'dark'] as const) {
  /** Issue 16: the analyst's four screens at both sizes, in both themes, for people to look at (test-results/screenshots). */
  test(`screenshots of the queue, investigation, rules and statement — ${scheme}`, async ({ app, server, request }, testInfo) => {
    test.setTimeout(240_000);
    const { page } = app;
    await page.emulateMedia({ colorScheme: scheme });
    await app.signInAs('analyst');
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    const token = await app.sessionToken();
    const list = await ok<{ rows: { id: number; accountId: number; rules: string[] }[] }>(api(request, server, token, 'alerts.list', { sort: 'risk', offset: 0, limit: 50 }));
    const alert = list.rows.find((r) => r.rules.length > 1) ?? list.rows[0];
    if (!alert) throw new Error('no alert in the demo queue');
    const screens: { name: string; hash: string; ready: () => Promise<void> }[] = [
      { name: 'queue', hash: '#/fraud', ready: () => expect(page.getByTestId('alert-row').first()).toBeVisible() },
      {
        name: 'investigation',
        hash: `#/fraud/${alert.id}`,
        ready: async () => {
          const a = new AlertPage(page);
          await a.waitLoaded(alert.id);
          await a.waitChartSettled();
        },
      },
      { name: 'rules', hash: '#/fraud-rules', ready: () => expect(page.getByTestId('rule-name').first()).toBeVisible() },
      { name: 'statement', hash: `#/accounts/${alert.accountId}/statement`, ready: () => expect(page.getByTestId('statement-summary')).toBeVisible() },
    ];
    for (const s of screens) {
      await go(page, s.hash);
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await s.ready();
        await saveScreenshot(page, testInfo, `issue16-${s.name}-${size.name}-${scheme}`);
      }
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });
}

/** Issue 16: the audit log shows money in its currency, opens a row's details in full, filters by day and actor. */
test('audit log: a row opens into its full details; date and actor filters', async ({ app }) => {
  test.setTimeout(180_000);
  const { page } = app;
  await app.signInAs('auditor');
  await page.getByTestId('nav-audit').click();
  await expect(new AuditPage(page).root).toBeVisible();
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toBeVisible();
  const withDetails = rows.filter({ has: page.getByTestId('audit-expand') }).first();
  await withDetails.getByTestId('audit-expand').click();
  await expect(withDetails.getByTestId('audit-details-full')).toBeVisible();

  // Today, by the demo administrator who signed the demo users in: only today's rows of that actor.
  await page.getByTestId('audit-filter-actor').fill('auditor');
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  await page.getByTestId('audit-filter-from').fill(today);
  await page.getByTestId('audit-filter-to').fill(today);
  await page.getByTestId('audit-filter-apply').click();
  await expect(rows.first()).toBeVisible();
  const actors = await rows.locator('td:nth-child(3)').allTextContents();
  expect(actors.length).toBeGreaterThan(0);
  expect(new Set(actors)).toEqual(new Set(['auditor']));
  await page.getByTestId('audit-filter-from').fill('2000-01-01');
  await page.getByTestId('audit-filter-to').fill('2000-01-02');
  await page.getByTestId('audit-filter-apply').click();
  await expect(page.getByText('No entries match these filters')).toBeVisible();
});
