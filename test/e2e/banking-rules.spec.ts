import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { OperationsPage } from './pages/OperationsPage';
import type { E2eServer } from './support/server';

test.use({ locale: 'en-US', timezoneId: 'Europe/Prague', viewport: { width: 1440, height: 900 } });

type Answer = { ok: boolean; result?: unknown; error?: { code: string; message: string } };

async function api(request: APIRequestContext, server: E2eServer, token: string, method: string, input: unknown): Promise<Answer> {
  const res = await request.post(`${server.url}/api/call`, { headers: { Authorization: `Bearer ${server.launchToken}`, 'X-CloudBank-Session': token }, data: { method, input } });
  return (await res.json()) as Answer;
}

test('each refusal is explained on screen: over the available amount, over the daily cash limit, frozen, another currency, close only at zero', async ({
  app,
  server,
  request,
}) => {
  test.setTimeout(180_000);
  const { page } = app;
  const accounts = new AccountsPage(page);
  const ops = new OperationsPage(page);
  await app.signInAs('teller');
  const token = await app.sessionToken();

  // A fresh EUR current account (500.00 overdraft, 1,000.00 a day in cash) for an existing customer, with 100.00 on it.
  const products = (await api(request, server, token, 'products.list', { includeInactive: false })).result as {
    id: number;
    code: string;
    currency: string;
    kind: string;
    overdraftLimit: number;
    dailyWithdrawalLimit: number;
  }[];
  const product = products.find((p) => p.kind === 'current' && p.currency === 'EUR' && p.overdraftLimit > 0 && p.dailyWithdrawalLimit > 0);
  expect(product, 'an EUR current account product with an overdraft and a daily limit').toBeTruthy();
  if (!product) return;
  const opened = await api(request, server, token, 'accounts.open', { customerId: 1, productId: product.id, initialDeposit: '100', idempotencyKey: 'e2e-rules-open-000001' });
  expect(opened.error).toBeUndefined();
  const account = (opened.result as { account: { id: number; accountNo: string } }).account;
  const available = 10_000 + product.overdraftLimit;

  // More than is available: refused at the confirmation step with what is available.
  await page.goto(`${server.url}/#/operations/withdrawal/${account.id}`);
  await expect(ops.form).toBeVisible();
  await ops.amount.fill(String(available / 100 + 1));
  await ops.review.click();
  await expect(ops.refusal).toHaveAttribute('data-code', 'INSUFFICIENT_FUNDS');
  await expect(ops.refusal).toContainText('Available now');
  await expect(ops.confirm).toBeHidden();

  // Over the daily cash limit (after a deposit makes the money available).
  const dep = await api(request, server, token, 'ops.submit', {
    operation: { kind: 'deposit', accountId: account.id, amount: String(product.dailyWithdrawalLimit / 100 + 500), currency: 'EUR', description: '' },
    idempotencyKey: 'e2e-rules-deposit-0001',
  });
  expect(dep.error).toBeUndefined();
  await page.reload();
  await expect(ops.form).toBeVisible();
  await ops.amount.fill(String(product.dailyWithdrawalLimit / 100 + 1));
  await ops.review.click();
  await expect(ops.refusal).toHaveAttribute('data-code', 'LIMIT_EXCEEDED');
  await expect(ops.refusal).toContainText('daily withdrawal limit');

  // Another currency: the beneficiary lookup warns, and the confirmation is refused.
  const other = (
    await api(request, server, token, 'accounts.open', {
      customerId: 2,
      productId: products.find((p) => p.currency !== 'EUR' && ['current', 'savings'].includes(p.kind))?.id ?? 0,
      initialDeposit: '',
      idempotencyKey: 'e2e-rules-open-000002',
    })
  ).result as { account: { accountNo: string; currency: string } } | undefined;
  if (other) {
    await page.goto(`${server.url}/#/operations/transfer/${account.id}`);
    await ops.toAccount.fill(other.account.accountNo);
    await expect(ops.toAccountFound.getByTestId('found-warning')).toContainText(`holds ${other.account.currency}`);
    await ops.amount.fill('1');
    await ops.review.click();
    await expect(ops.refusal).toHaveAttribute('data-code', 'CURRENCY_MISMATCH');
  }

  // Frozen: debit actions are off on the account page and the bank refuses a debit; deposits still work.
  await page.goto(`${server.url}/#/accounts/${account.id}`);
  await expect(accounts.page).toBeVisible();
  await expect(accounts.action('close')).toBeDisabled();
  await accounts.setStatus('freeze', 'Customer reported the card stolen');
  await expect(accounts.status).toHaveAttribute('data-status', 'frozen');
  await expect(page.getByTestId('account-status-reason')).toContainText('card stolen');
  await expect(accounts.action('withdrawal')).toBeDisabled();
  await expect(accounts.action('deposit')).toBeEnabled();
  const frozen = await api(request, server, token, 'ops.preview', { kind: 'withdrawal', accountId: account.id, amount: '1', currency: 'EUR', description: '' });
  expect(frozen.error?.code).toBe('ACCOUNT_FROZEN');
  await accounts.setStatus('unfreeze', 'Card found, customer confirmed');
  await expect(accounts.status).toHaveAttribute('data-status', 'open');
  await expect(accounts.action('withdrawal')).toBeEnabled();

  // Close only at zero: the bank refuses too, not only the disabled button.
  const close = await api(request, server, token, 'accounts.close', { accountId: account.id, reason: 'Customer request' });
  expect(close.ok).toBe(false);
});
