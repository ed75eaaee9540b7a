import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AlertPage } from './pages/AlertPage';
import { FraudAlertsPanel, FraudQueuePage } from './pages/FraudQueuePage';
import { api, ok } from './support/api';
import { saveScreenshot } from './support/screenshot';

const ZONE = 'Europe/Prague';
const LOCALE = 'en-US';
// A fixed zone and locale: "overnight" (since the start of the user's day) and number formats must not depend on the machine.
test.use({ locale: LOCALE, timezoneId: ZONE, viewport: { width: 1440, height: 900 }, colorScheme: 'light' });

interface AlertRow {
  id: number;
  riskScore: number;
  accountId: number;
  accountNo: string;
  currency: string;
  status: string;
  assignee: string | null;
}

/** Local midnight in the browser's zone, as the dashboard computes "overnight". */
function startOfBrowserDay(page: Page): Promise<number> {
  return page.evaluate(() => {
    const d = new Date();
    d.setHours(0, 0, 0, 0);
    return d.getTime();
  });
}

test('a fraud analyst sees the overnight alerts, reads why the riskiest fired, confirms fraud and the account is frozen and audited', async ({
  app,
  server,
  request,
  openAnotherApp,
}, testInfo) => {
  const { page } = app;
  await app.signInAs('analyst');

  // The dashboard already alerts her to what the overnight scan found.
  const panel = new FraudAlertsPanel(page);
  await panel.waitLoaded();
  const token = await app.sessionToken();
  const since = await startOfBrowserDay(page);
  const summary = await ok<{ newSince: number; highRiskOpen: number }>(api(request, server, token, 'fraud.summary', { since }));
  expect(summary.newSince, 'the template bank was scanned today').toBeGreaterThan(0);
  await expect(panel.overnight).toHaveText(new Intl.NumberFormat(LOCALE).format(summary.newSince));
  await expect(panel.highRisk).toHaveText(new Intl.NumberFormat(LOCALE).format(summary.highRiskOpen));

  // The top list starts with the highest-risk open alert (ties in any order), riskiest first.
  const queue = await ok<{ total: number; rows: AlertRow[] }>(api(request, server, token, 'alerts.list', { sort: 'risk', offset: 0, limit: 5 }));
  const top = queue.rows[0];
  if (!top) throw new Error('The queue is empty');
  await expect(panel.topAlerts.first()).toHaveAttribute('data-risk', String(top.riskScore));
  const risks = await panel.topRisks();
  expect(risks).toEqual([...risks].sort((a, b) => b - a));
  const [firstId] = await panel.topIds();
  const highest = (await ok<{ alert: AlertRow }>(api(request, server, token, 'alerts.get', { id: firstId }))).alert;
  expect(highest.riskScore).toBe(top.riskScore);
  await panel.root.screenshot({ path: join(testInfo.project.outputDir, 'screenshots', 'fraud-dashboard-panel.png'), animations: 'disabled' });

  // She opens it and reads why: every rule that fired, with its figures, and the timeline.
  await panel.topAlerts.first().click();
  const alert = new AlertPage(page);
  await alert.waitLoaded(highest.id);
  await expect(page).toHaveURL(new RegExp(`#/fraud/${highest.id}$`));
  await expect(alert.hits.first()).toBeVisible();
  await expect(alert.hitSummaries.first()).not.toBeEmpty();
  await expect(alert.hits.first().getByTestId('hit-figures')).toBeVisible();
  await expect(alert.timelineSurface).toBeVisible();
  await alert.waitChartSettled();
  await expect(alert.accountStatus(highest.accountId)).toHaveText('open');
  await saveScreenshot(page, testInfo, 'fraud-investigation');

  // Confirm fraud: the subject account is frozen at once.
  await alert.confirmFraud('Customer confirmed by phone that she did not make these payments.');
  await expect(alert.frozenAccounts).toHaveCount(1);
  await expect(alert.frozenAccounts.first()).toContainText(highest.accountNo);
  await expect(alert.frozenAccounts.first()).toHaveAttribute('data-account-id', String(highest.accountId));
  await saveScreenshot(page, testInfo, 'fraud-confirmed');
  await alert.closeConfirmResult();
  await expect(alert.status).toHaveAttribute('data-status', 'confirmed');
  await expect(alert.disposition).toContainText('Confirmed as fraud');
  await expect(alert.accountStatus(highest.accountId)).toHaveText('frozen');

  // A teller elsewhere cannot take money out of it.
  const teller = await openAnotherApp({ locale: LOCALE, timezoneId: ZONE });
  await teller.signInAs('teller');
  const refused = await api(request, server, await teller.sessionToken(), 'ops.submit', {
    operation: { kind: 'withdrawal', accountId: highest.accountId, amount: '10', currency: highest.currency, description: 'Cash withdrawal after fraud' },
    idempotencyKey: `e2e-fraud-withdrawal-${highest.id}-${Date.now()}`,
  });
  expect(refused.ok, 'a withdrawal from the frozen account').toBe(false);
  expect(refused.error?.code).toBe('ACCOUNT_FROZEN');

  // The audit log shows who did it.
  const auditor = await openAnotherApp({ locale: LOCALE, timezoneId: ZONE });
  await auditor.signInAs('auditor');
  await auditor.shell.goTo('audit');
  await expect(auditor.audit.entries('fraud.confirm', 'analyst')).toHaveCount(1);
  await expect(auditor.audit.entries('account.freeze', 'analyst').first()).toBeVisible();
});

test('the queue is reviewed by keyboard and in bulk; rules show their performance and backtest', async ({ app, server, request }, testInfo) => {
  const { page } = app;
  await app.signInAs('analyst');
  const token = await app.sessionToken();
  const before = await ok<{ total: number; rows: AlertRow[] }>(api(request, server, token, 'alerts.list', { sort: 'risk', offset: 0, limit: 200 }));
  expect(before.total).toBeGreaterThan(3);

  const queue = new FraudQueuePage(page);
  await new FraudAlertsPanel(page).openQueueButton.click();
  await queue.waitLoaded();
  await expect(queue.count).toContainText(`${before.total} alerts`);
  expect(await queue.visibleIds()).toEqual(before.rows.map((r) => r.id));
  await expect(queue.shortcutsHint).toBeVisible();
  await saveScreenshot(page, testInfo, 'fraud-queue');

  // The amount range is typed in a chosen currency and read with its ISO decimals by the shared parser.
  const large = await ok<{ total: number }>(api(request, server, token, 'alerts.list', { sort: 'risk', offset: 0, limit: 1, currency: 'EUR', minAmount: 100_000 }));
  expect(large.total).toBeLessThan(before.total);
  await queue.filterAmount('EUR', '1 000,00');
  await expect(queue.count).toContainText(`${large.total} alerts`);
  await saveScreenshot(page, testInfo, 'fraud-queue-amount-filter');
  await queue.resetFilters();
  await expect(queue.count).toContainText(`${before.total} alerts`);

  // j / k move the cursor, Enter opens, n walks to the next alert in queue order, Esc comes back.
  const [first, second, third] = before.rows;
  if (!first || !second || !third) throw new Error('Too few alerts');
  await page.keyboard.press('j');
  await expect(queue.activeRow).toHaveAttribute('data-alert-id', String(second.id));
  await page.keyboard.press('k');
  await expect(queue.activeRow).toHaveAttribute('data-alert-id', String(first.id));
  await page.keyboard.press('Enter');
  const alert = new AlertPage(page);
  await alert.waitLoaded(first.id);
  await page.keyboard.press('n');
  await alert.waitLoaded(second.id);
  await page.keyboard.press('Escape');
  await queue.waitLoaded();

  // c claims the alert under the cursor.
  await page.keyboard.press('c');
  await expect(queue.row(first.id).getByTestId('alert-assignee')).toHaveText('analyst');

  // Two selected, dismissed together with a reason code.
  await queue.row(second.id).getByRole('checkbox').check();
  await queue.row(third.id).getByRole('checkbox').check();
  await expect(queue.bulkBar).toContainText('2 selected');
  await queue.bulkDismiss.click();
  await queue.dismissWith('Known, legitimate pattern', 'Payroll run, verified with the employer.');
  await expect(queue.count).toContainText(`${before.total - 2} alerts`);
  await expect(queue.row(second.id)).toHaveCount(0);

  // Rules: performance per rule; a rule's drawer backtests changed parameters.
  await page.getByTestId('nav-fraud-rules').click();
  await expect(page.getByTestId('rule-row').first()).toBeVisible();
  await expect(page.getByTestId('rules-table')).toContainText('v1');
  await page.getByTestId('rule-link').first().click();
  const drawer = page.getByTestId('rule-drawer');
  await expect(drawer.getByTestId('rule-params')).toBeVisible();
  await drawer.getByTestId('run-backtest').click();
  await expect(drawer.getByTestId('backtest-result')).toBeVisible();
  await saveScreenshot(page, testInfo, 'fraud-rules');
});

test('new suspicious activity during the day reaches the analyst within seconds, and the notification opens the alert', async ({ app, server, request, openAnotherApp }) => {
  const { page } = app;
  await app.signInAs('analyst');
  await new FraudAlertsPanel(page).waitLoaded();

  // A teller elsewhere takes two cash deposits just under the 10,000 EUR reporting threshold.
  const teller = await openAnotherApp({ locale: LOCALE, timezoneId: ZONE });
  await teller.signInAs('teller');
  const t = await teller.sessionToken();
  const [customer] = await ok<{ id: number }[]>(api(request, server, t, 'customers.search', { query: 'CB0000001', limit: 1 }));
  const product = (await ok<{ id: number; code: string }[]>(api(request, server, t, 'products.list', {}))).find((p) => p.code === 'CUR-CLASSIC');
  const opened = await ok<{ account: { id: number; accountNo: string } }>(
    api(request, server, t, 'accounts.open', { customerId: customer?.id, productId: product?.id, idempotencyKey: `e2e-${randomUUID()}` }),
  );
  for (const amount of ['9500', '9700']) {
    await ok(
      api(request, server, t, 'ops.submit', { operation: { kind: 'deposit', accountId: opened.account.id, amount, currency: 'EUR' }, idempotencyKey: `e2e-${randomUUID()}` }),
    );
  }

  // The live monitor scores the bookings and the analyst's screen says so without a reload.
  const toast = page.getByTestId('fraud-alert-toast').filter({ hasText: opened.account.accountNo });
  await expect(toast, 'the live alert reaches the analyst').toBeVisible({ timeout: 60_000 });
  await toast.getByText('Open alert').click();
  await expect(page).toHaveURL(/#\/fraud\/\d+$/);
  await expect(page.getByText('Structuring').first()).toBeVisible();
});
