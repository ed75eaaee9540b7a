import { expect, test } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { CustomersPage } from './pages/CustomersPage';
import { api, ok } from './support/api';

interface AlertRow {
  id: number;
  accountId: number;
  customerId: number | null;
  status: string;
}

/**
 * Issue 14, findings 2 and 4 as people meet them: a teller sees no fraud alerts on a customer (no
 * badge, no table), cannot lift the fraud freeze an analyst set, and fraud review lifts it with two people.
 */
test('a teller sees no alerts and cannot lift a fraud freeze; two people in fraud review lift it', async ({ app, openAnotherApp, request, server }) => {
  test.setTimeout(180_000);
  await app.signInAs('analyst');
  const analystToken = await app.sessionToken();
  const queue = await ok<{ rows: AlertRow[] }>(api(request, server, analystToken, 'alerts.list', { status: ['new'], sort: 'risk', offset: 0, limit: 50 }));
  const alert = queue.rows.find((r) => r.customerId !== null);
  expect(alert, 'a new alert on a customer’s account in the demo bank').toBeTruthy();
  if (!alert || alert.customerId === null) return;

  // The analyst sees the open alert on the customer.
  const analystCustomers = new CustomersPage(app.page);
  await analystCustomers.open360(alert.customerId);
  await expect(analystCustomers.openAlertsBadge).toBeVisible();
  await expect(analystCustomers.alertsTable).toBeVisible();

  // A teller at another desk sees the customer, but nothing about alerts.
  const teller = await openAnotherApp();
  await teller.signInAs('teller');
  const tellerCustomers = new CustomersPage(teller.page);
  await tellerCustomers.open360(alert.customerId);
  await expect(tellerCustomers.name360).toBeVisible();
  await expect(tellerCustomers.openAlertsBadge).toHaveCount(0);
  await expect(tellerCustomers.alertsTable).toHaveCount(0);

  // The analyst confirms fraud: the account is frozen as a fraud freeze.
  await ok(api(request, server, analystToken, 'alerts.confirmFraud', { id: alert.id, comment: 'e2e: confirmed with the customer' }));
  const tellerAccounts = new AccountsPage(teller.page);
  await tellerAccounts.open(alert.accountId);
  await expect(tellerAccounts.freezeKind).toContainText('Fraud freeze set by analyst');
  await expect(tellerAccounts.action('unfreeze')).toBeDisabled();
  await expect(tellerAccounts.action('withdrawal')).toBeDisabled();
  // The API refuses the teller too, saying who may lift it.
  const tellerTry = await api(request, server, await teller.sessionToken(), 'accounts.setStatus', {
    accountId: alert.accountId,
    status: 'open',
    reason: 'customer asked at the desk',
  });
  expect(tellerTry.error?.code).toBe('FORBIDDEN');
  expect(tellerTry.error?.message).toMatch(/only fraud review/i);

  // The analyst asks to lift it; they cannot approve their own request.
  const analystAccounts = new AccountsPage(app.page);
  await analystAccounts.open(alert.accountId);
  await analystAccounts.action('request-unfreeze').click();
  await analystAccounts.statusReason.fill('Customer identity re-verified at the branch');
  await analystAccounts.statusSubmit.click();
  await expect(analystAccounts.statusModal).toBeHidden();
  await expect(analystAccounts.action('approve-unfreeze')).toBeDisabled();
  await expect(analystAccounts.freezeKind).toContainText('analyst asked to lift it');

  // A compliance officer approves: the account opens again.
  const compliance = await openAnotherApp();
  await compliance.signInAs('compliance');
  const complianceAccounts = new AccountsPage(compliance.page);
  await complianceAccounts.open(alert.accountId);
  await complianceAccounts.action('approve-unfreeze').click();
  await expect(compliance.page.getByTestId('unfreeze-request')).toContainText('Customer identity re-verified');
  await complianceAccounts.statusSubmit.click();
  await expect(complianceAccounts.statusModal).toBeHidden();
  await expect(complianceAccounts.action('freeze')).toBeVisible();
  await expect(complianceAccounts.freezeKind).toHaveCount(0);
});
