import { readFileSync } from 'node:fs';
import type { Download } from '@playwright/test';
import { formatMinorPlain } from '../../shared/money';
import { expect, test } from './fixtures';
import { AccountsPage, minorOf } from './pages/AccountsPage';
import { OperationsPage } from './pages/OperationsPage';
import { pdfText } from '../support/pdf-text';
import { api, ok } from './support/api';
import { saveScreenshot } from './support/screenshot';

// A fixed zone and locale, so the statement's days and the printed figures are the same on every machine.
test.use({ locale: 'en-US', timezoneId: 'Europe/Prague', viewport: { width: 1440, height: 900 }, colorScheme: 'light' });

interface AccountRow {
  id: number;
  accountNo: string;
  currency: string;
  status: string;
  balance: number;
}

async function saved(download: Promise<Download>): Promise<{ name: string; bytes: Buffer }> {
  const d = await download;
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(path) };
}

/** "closing_balance,1234.50" → "1234.50". */
function csvValue(csv: string, key: string): string | null {
  const line = csv.split(/\r?\n/).find((l) => l.replace(/^\uFEFF/, '').startsWith(`${key},`));
  return line ? line.slice(key.length + 1).replace(/^"|"$/g, '') : null;
}

/** Statement lines of the CSV (the rows after the header line). */
function csvLineCount(csv: string): number {
  const rows = csv.split(/\r?\n/).filter((l) => l !== '');
  const header = rows.findIndex((l) => l.startsWith('booked_at,'));
  return header < 0 ? -1 : rows.length - header - 1;
}

test('a teller registers a customer, opens an account with a deposit, deposits, transfers to another customer, and the statement matches; a double submit posts once', async ({
  app,
  server,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  const { page } = app;
  const accounts = new AccountsPage(page);
  const ops = new OperationsPage(page);
  await app.signInAs('teller');
  const token = await app.sessionToken();

  // Another customer's open account at the bank, to transfer to; its currency decides the product we open.
  // (The demo bank numbers its customers from 1; the first few with an open account will do.)
  let other: { name: string; account: AccountRow } | null = null;
  for (let id = 1; id <= 40 && !other; id++) {
    const c360 = await api(request, server, token, 'customers.get', { id });
    if (!c360.ok) continue;
    const found = c360.result as { customer: { legalName: string }; accounts: AccountRow[] };
    const open = found.accounts.find((a) => a.status === 'open');
    if (open) other = { name: found.customer.legalName, account: open };
  }
  expect(other, 'a demo customer with an open account').not.toBeNull();
  if (!other) return;
  const currency = other.account.currency;
  const products = await ok<{ id: number; code: string; kind: string; currency: string; active: boolean }[]>(
    api(request, server, token, 'products.list', { includeInactive: false }),
  );
  const product =
    products.find((p) => p.active && p.kind === 'current' && p.currency === currency) ??
    products.find((p) => p.active && p.currency === currency && ['current', 'savings'].includes(p.kind));
  expect(product, `an active ${currency} current account product`).toBeTruthy();
  if (!product) return;
  const otherBefore = await ok<{ balance: number }>(api(request, server, token, 'accounts.get', { id: other.account.id }));

  // 1. Register a customer (customers screens).
  const stamp = Date.now().toString().slice(-8);
  const legalName = 'Petra Testová';
  await page.goto(`${server.url}/#/customers/new`);
  await expect(page.getByTestId('register-customer-screen')).toBeVisible();
  await page.getByTestId('cust-legal-name').fill(legalName);
  await page.getByTestId('cust-dob').fill('1988-04-12');
  await page.getByTestId('cust-national-id').fill(`880412${stamp.slice(-4)}`);
  await page.getByTestId('cust-gender').click();
  await page.getByRole('option', { name: /^(Female|F)\b/ }).click();
  await page.getByTestId('cust-occupation').fill('Engineer');
  await page.getByTestId('cust-address').fill('Vinohradská 12');
  await page.getByTestId('cust-city').fill('Praha');
  await page.getByTestId('cust-phone').fill('+420 601 234 567');
  await page.getByTestId('cust-email').fill(`petra.${stamp}@example.com`);
  await page.getByTestId('cust-branch').click();
  await page.getByRole('option').first().click();
  // KYC stays pending: compliance verifies it in their review queue; a teller is not offered Verified.
  await page.getByTestId('cust-kyc').click();
  await expect(page.getByRole('option', { name: /verified/i })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.getByTestId('customer-review').click();
  await page.getByTestId('customer-confirm-register').click();
  await expect(page.getByTestId('customer-360')).toBeVisible();
  await expect(page.getByTestId('customer-name')).toHaveText(legalName);
  const customerId = Number(/#\/customers\/(\d+)/.exec(page.url())?.[1]);
  expect(customerId).toBeGreaterThan(0);

  // Segregation of duties (issue 14): no account or cash for a customer until compliance has verified KYC.
  const compliance = await ok<{ token: string }>(api(request, server, '', 'auth.signIn', { username: 'compliance', password: 'cloudbank-demo' }));
  await ok(api(request, server, compliance.token, 'compliance.kyc.verify', { customerId, outcome: 'verified', note: 'documents checked at the branch' }));
  await page.reload();
  await expect(page.getByTestId('customer-360')).toBeVisible();

  // 2. Open an account with an initial deposit: confirmation, then the new number and the deposit's receipt.
  await page.getByTestId('open-account').click();
  await expect(page).toHaveURL(new RegExp(`#/accounts/open/${customerId}$`));
  await expect(accounts.openScreen).toContainText(legalName);
  await expect(accounts.openProducts.first()).toBeVisible();
  await saveScreenshot(page, testInfo, 'open-account-form');
  const opened = await accounts.openAccount(product.code, '1000');
  await expect(accounts.openConfirm).toBeHidden();
  await expect(accounts.openDone.getByTestId('op-receipt-balance')).toContainText('1,000.00');
  await saveScreenshot(page, testInfo, 'open-account-done');
  await accounts.openDoneAccount.click();
  await expect(accounts.page).toBeVisible();
  await expect(accounts.owner).toHaveText(legalName);
  expect(await accounts.balanceMinor()).toBe(100_000);

  // 3. Deposit 250.50 from the account page: the confirmation shows the balance before → after, then the receipt.
  await accounts.action('deposit').click();
  await expect(page).toHaveURL(new RegExp(`#/operations/deposit/${opened.id}$`));
  await expect(ops.currency).toHaveText(currency);
  // The form refuses more decimals than the currency has before anything is sent.
  await ops.amount.fill('10.555');
  await ops.review.click();
  await expect(ops.form).toContainText(/at most 2 decimals/);
  await ops.fillAndReview({ amount: '250.50', description: 'Cash at the counter' });
  await expect(ops.confirm.getByTestId('leg-balance-after').first()).toHaveAttribute('data-minor', '125050');
  await saveScreenshot(page, testInfo, 'operation-confirm-deposit');
  const depositRef = await ops.confirmAndPost();
  expect(depositRef.length).toBeGreaterThan(3);
  expect(await minorOf(ops.receiptBalance.locator('[data-minor]'))).toBe(125_050);
  await saveScreenshot(page, testInfo, 'operation-receipt');

  // 4. Transfer 100 to the other customer: the destination shows its holder's name and currency after the lookup.
  await ops.receiptAccount.click();
  await accounts.action('transfer').click();
  await expect(ops.form).toBeVisible();
  await ops.toAccount.fill(
    other.account.accountNo
      .replace(/(.{4})/g, '$1 ')
      .trim()
      .toLowerCase(),
  );
  await expect(ops.toAccountFound).toContainText(other.name);
  await expect(ops.toAccountFound).toContainText(currency);
  await ops.amount.fill('100');
  await ops.description.fill('Rent share');
  await saveScreenshot(page, testInfo, 'operation-transfer-form');
  await ops.review.click();
  await expect(ops.confirm).toBeVisible();
  await expect(ops.confirmLegs).toHaveCount(2);
  await expect(ops.confirm.locator(`[data-account-no="${opened.accountNo}"]`)).toHaveAttribute('data-amount', '-10000');
  await expect(ops.confirm.locator(`[data-account-no="${other.account.accountNo}"]`)).toHaveAttribute('data-amount', '10000');
  // A double click on "Confirm and post" posts once.
  const submits: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/call') && (r.postDataJSON() as { method?: string } | null)?.method === 'ops.submit') submits.push(r.url());
  });
  await ops.confirmSubmit.dblclick();
  await expect(ops.receipt).toBeVisible();
  const transferRef = (await ops.receiptReference.textContent()) ?? '';
  expect(await minorOf(ops.receiptBalance.locator('[data-minor]'))).toBe(115_050);
  expect(submits.length).toBeLessThanOrEqual(1);

  // 5. The balance, on the account page and at the beneficiary.
  await ops.receiptAccount.click();
  await expect(accounts.page).toBeVisible();
  await expect.poll(() => accounts.balanceMinor()).toBe(115_050);
  await expect(accounts.available).toBeVisible();
  await saveScreenshot(page, testInfo, 'account-page');
  const otherAfter = await ok<{ balance: number }>(api(request, server, token, 'accounts.get', { id: other.account.id }));
  expect(otherAfter.balance - otherBefore.balance).toBe(10_000);

  // A retried submit of the same operation with the same key returns the first receipt and posts nothing new.
  const key = `e2e-retry-${stamp}-0001`;
  const operation = { kind: 'deposit', accountId: opened.id, amount: '5', currency, description: 'Retried' };
  const first = await ok<{ reference: string; replayed: boolean; journalId: number }>(api(request, server, token, 'ops.submit', { operation, idempotencyKey: key }));
  const again = await ok<{ reference: string; replayed: boolean; journalId: number }>(api(request, server, token, 'ops.submit', { operation, idempotencyKey: key }));
  expect(first.replayed).toBe(false);
  expect(again.replayed).toBe(true);
  expect(again.reference).toBe(first.reference);
  expect(again.journalId).toBe(first.journalId);
  await accounts.action('statement').scrollIntoViewIfNeeded();
  await page.reload();
  await expect.poll(() => accounts.balanceMinor()).toBe(115_550);

  // 6. The statement: initial deposit, deposit, transfer, retried deposit = four lines, each reference once.
  await accounts.action('statement').click();
  await expect(accounts.statement).toBeVisible();
  await expect(accounts.statementLines).toHaveCount(4);
  await expect(accounts.statementLines.filter({ hasText: depositRef })).toHaveCount(1);
  await expect(accounts.statementLines.filter({ hasText: transferRef })).toHaveCount(1);
  await expect(accounts.statementLines.filter({ hasText: first.reference })).toHaveCount(1);
  expect(await minorOf(accounts.statementOpening)).toBe(0);
  expect(await minorOf(accounts.statementClosing)).toBe(115_550);
  expect(await minorOf(accounts.statementCredits)).toBe(125_550);
  expect(await minorOf(accounts.statementDebits)).toBe(10_000);
  await expect(accounts.statementChart).toBeVisible();
  await saveScreenshot(page, testInfo, 'statement');

  const pdf = await saved(Promise.all([page.waitForEvent('download'), accounts.statementPdf.click()]).then(([d]) => d));
  expect(pdf.name).toMatch(/\.pdf$/i);
  expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.bytes.subarray(-1024).toString('latin1')).toContain('%%EOF');
  // The PDF opens (pdf.js parses it) and says what the screen says.
  const printed = (await pdfText(pdf.bytes)).replace(/\s+/g, ' ');
  const grouped = (minor: number): string => new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2 }).format(minor / 100);
  expect(printed).toContain(`Opening balance ${grouped(0)} ${currency}`);
  expect(printed).toContain(`Closing balance ${grouped(115_550)} ${currency}`);
  expect(printed).toContain(`Money in ${grouped(125_550)} ${currency}`);
  expect(printed.split(transferRef).length - 1).toBe(1);

  const csvFile = await saved(Promise.all([page.waitForEvent('download'), accounts.statementCsv.click()]).then(([d]) => d));
  expect(csvFile.name).toMatch(/\.csv$/i);
  const csv = csvFile.bytes.toString('utf8');
  expect(csvValue(csv, 'closing_balance')).toBe(formatMinorPlain(115_550, currency));
  expect(csvValue(csv, 'opening_balance')).toBe(formatMinorPlain(0, currency));
  expect(csvLineCount(csv)).toBe(4);
  expect(csv.split(transferRef).length - 1).toBe(1);
});

test('a teller cannot reach manager or admin screens, and the API refuses them too', async ({ app, server, request }) => {
  await app.signInAs('teller');
  const { page } = app;
  await expect(app.shell.nav.getByTestId('nav-accounts')).toBeVisible();
  await expect(app.shell.nav.getByTestId('nav-operations')).toBeVisible();
  for (const area of ['users', 'audit', 'settings/connections']) {
    await expect(app.shell.nav.getByTestId(`nav-${area}`)).toHaveCount(0);
    await page.goto(`${server.url}/#/${area}`);
    await expect(page).toHaveURL(/#\/dashboard$/);
  }
  await expect(page.getByTestId('users-screen')).toBeHidden();
  await expect(page.getByTestId('audit-screen')).toBeHidden();

  // From the page itself, with the tab's own session: the server refuses, whatever the menu shows.
  const codes = await page.evaluate(
    async ({ launchToken, methods }) => {
      const g = globalThis as unknown as {
        sessionStorage: { getItem(k: string): string | null };
        fetch(url: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<{ json(): Promise<{ ok: boolean; error?: { code: string } }> }>;
      };
      const session = g.sessionStorage.getItem('cloudbank.session') ?? '';
      const out: Record<string, string> = {};
      for (const [method, input] of methods) {
        const res = await g.fetch('/api/call', {
          method: 'POST',
          headers: { Authorization: `Bearer ${launchToken}`, 'X-CloudBank-Session': session, 'Content-Type': 'application/json' },
          body: JSON.stringify({ method, input }),
        });
        const body = await res.json();
        out[method] = body.ok ? 'ok' : (body.error?.code ?? '?');
      }
      return out;
    },
    {
      launchToken: server.launchToken,
      methods: [
        ['admin.listUsers', {}],
        ['audit.list', { limit: 10 }],
        ['connections.list', {}],
        ['auth.me', {}],
      ] as [string, unknown][],
    },
  );
  expect(codes['admin.listUsers']).toBe('FORBIDDEN');
  expect(codes['audit.list']).toBe('FORBIDDEN');
  expect(codes['connections.list']).toBe('FORBIDDEN');
  expect(codes['auth.me']).toBe('ok');
  // A product change is an administrator's: refused for the teller at the API.
  const token = await app.sessionToken();
  const save = await api(request, server, token, 'products.save', {
    code: 'E2E-X',
    name: 'Not allowed',
    kind: 'current',
    currency: 'CZK',
    interestRateBp: 0,
    monthlyFee: 0,
    overdraftLimit: 0,
    dailyWithdrawalLimit: 0,
    active: true,
    description: '',
  });
  expect(save.error?.code).toBe('FORBIDDEN');
});
