import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { AlertPage } from './pages/AlertPage';
import { FraudQueuePage } from './pages/FraudQueuePage';
import { api, ok } from './support/api';
import { saveScreenshot } from './support/screenshot';

test.use({ locale: 'en-US', timezoneId: 'Europe/Prague', viewport: { width: 1440, height: 900 }, colorScheme: 'light' });

const SIZES = [
  { name: '1440', width: 1440, height: 900 },
  { name: '1024', width: 1024, height: 700 },
];

async function both(page: Page, testInfo: TestInfo, name: string, ready: () => Promise<void>): Promise<void> {
  for (const s of SIZES) {
    await page.setViewportSize({ width: s.width, height: s.height });
    await ready();
    await saveScreenshot(page, testInfo, `issue16-${name}-${s.name}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

interface Detail {
  timeline: { journalId: number; flagged: boolean; confirmedFraud: boolean }[];
}

/**
 * Issue 16: the flagged transactions are a selectable table; confirming fraud marks only the selected
 * ones and needs a comment. Screenshots of the queue, the investigation, the rules and a statement.
 */
test('an analyst confirms fraud on the selected flagged transactions only, with a comment', async ({ app, server, request }, testInfo) => {
  const { page } = app;
  await app.signInAs('analyst');
  const token = await app.sessionToken();
  const queue = new FraudQueuePage(page);
  await queue.open();
  await both(page, testInfo, 'queue', () => queue.waitLoaded());

  // An open alert with at least two flagged transactions.
  const list = await ok<{ rows: { id: number; status: string; accountId: number }[] }>(api(request, server, token, 'alerts.list', { sort: 'risk', offset: 0, limit: 50 }));
  let target: { id: number; accountId: number; flagged: number[] } | null = null;
  for (const r of list.rows) {
    if (r.status !== 'new') continue;
    const d = await ok<Detail>(api(request, server, token, 'alerts.get', { id: r.id }));
    const flagged = d.timeline.filter((t) => t.flagged && !t.confirmedFraud).map((t) => t.journalId);
    if (flagged.length >= 2) {
      target = { id: r.id, accountId: r.accountId, flagged };
      break;
    }
  }
  if (!target) throw new Error('no open alert with two flagged transactions');

  await page.evaluate((to) => ((globalThis as unknown as { location: { hash: string } }).location.hash = to), `#/fraud/${target.id}`);
  const alert = new AlertPage(page);
  await alert.waitLoaded(target.id);
  const table = page.getByTestId('flagged-transactions');
  await expect(table.getByTestId('flagged-row')).toHaveCount(target.flagged.length);
  await both(page, testInfo, 'investigation', () => alert.waitChartSettled());

  // Only the first flagged transaction.
  await table.getByTestId('flagged-select-none').click();
  const keep = target.flagged[0] as number;
  await table.locator(`[data-testid="flagged-row"][data-journal-id="${keep}"]`).getByTestId('flagged-pick').check();
  await expect(page.getByTestId('flagged-selected-count')).toHaveText(`1 of ${target.flagged.length} transactions selected`);

  await alert.openConfirm();
  // No comment: the form says why and nothing is sent.
  await alert.confirmSubmit.click();
  await expect(alert.confirmModal.getByText('Say what you found (at least 5 characters)')).toBeVisible();
  await alert.confirmComment.fill('Only this payment was not made by the customer.');
  await alert.confirmSubmit.click();
  await expect(alert.confirmResult).toContainText('1 transaction marked as fraud');
  await alert.closeConfirmResult();

  const after = await ok<Detail>(api(request, server, token, 'alerts.get', { id: target.id }));
  expect(after.timeline.filter((t) => t.confirmedFraud).map((t) => t.journalId)).toEqual([keep]);
  await expect(table.locator(`[data-testid="flagged-row"][data-confirmed="true"]`)).toHaveCount(1);

  // The rules screen with escalations and sample sizes; a statement of the alert's account.
  await page.getByTestId('nav-fraud-rules').click();
  await both(page, testInfo, 'rules', () => expect(page.getByTestId('rule-fp-rate').first()).toBeVisible());
  await page.evaluate((to) => ((globalThis as unknown as { location: { hash: string } }).location.hash = to), `#/accounts/${target.accountId}/statement`);
  await both(page, testInfo, 'statement', () => expect(page.getByTestId('statement-summary')).toBeVisible());
});
