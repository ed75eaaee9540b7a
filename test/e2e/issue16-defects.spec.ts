import { expect, test } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { CustomersPage } from './pages/CustomersPage';
import { FraudQueuePage } from './pages/FraudQueuePage';
import { OperationsPage } from './pages/OperationsPage';
import { api, ok } from './support/api';

test.use({ locale: 'en-US', timezoneId: 'Europe/Prague', viewport: { width: 1440, height: 900 }, colorScheme: 'light' });

interface AccountRow {
  id: number;
  accountNo: string;
  status: string;
  currency: string;
}

/** Issue 16, a teller's defects: the register form's first click, future birth dates and the date message; a transfer's stale error. */
test('register form: the first Review click validates every field in the locale’s format, a future birth date stops; a transfer error goes when the destination changes', async ({
  app,
  server,
  request,
}) => {
  test.setTimeout(180_000);
  const { page } = app;
  await app.signInAs('teller');
  const token = await app.sessionToken();
  const customers = new CustomersPage(page);

  await page.goto(`${server.url}/#/customers/new`);
  await expect(page.getByTestId('register-customer-screen')).toBeVisible();
  // The legal name has the focus: one click on Review must submit (not only blur it) and mark every empty field.
  await expect(customers.field('legal-name')).toBeFocused();
  await page.getByTestId('customer-review').click();
  await expect(customers.fieldError('dob')).toHaveText('Enter the date of birth as MM/DD/YYYY');
  await expect(customers.fieldError('national-id')).toBeVisible();
  await expect(customers.fieldError('legal-name')).toBeVisible();

  await customers.field('legal-name').fill('Hana Budoucí');
  await customers.field('dob').fill('2099-05-01');
  await page.getByTestId('customer-review').click();
  await expect(customers.fieldError('dob')).toHaveText('The date of birth cannot be in the future');
  await expect(page.getByTestId('customer-confirm')).toHaveCount(0);

  // A transfer to the source account itself is refused; another destination clears that error at once.
  const accounts: AccountRow[] = [];
  for (let id = 1; id <= 40 && accounts.length < 2; id++) {
    const c360 = await api(request, server, token, 'customers.get', { id });
    if (!c360.ok) continue;
    const found = (c360.result as { accounts: AccountRow[] }).accounts.find((a) => a.status === 'open' && (accounts.length === 0 || a.currency === accounts[0]?.currency));
    if (found) accounts.push(found);
  }
  const [from, to] = accounts;
  if (!from || !to) throw new Error('two open accounts in one currency');
  await ok(api(request, server, token, 'accounts.get', { id: from.id }));
  await page.goto(`${server.url}/#/accounts/${from.id}`);
  await new AccountsPage(page).action('transfer').click();
  const ops = new OperationsPage(page);
  await expect(ops.form).toBeVisible();
  await ops.toAccount.fill(from.accountNo);
  await expect(ops.toAccountFound).toBeVisible();
  await ops.amount.fill('10');
  await ops.review.click();
  const toAccountError = page.locator('.mantine-InputWrapper-root', { has: ops.toAccount }).locator('.mantine-InputWrapper-error');
  await expect(ops.refusal.or(toAccountError).first()).toBeVisible();
  await ops.toAccount.fill(to.accountNo);
  await expect(ops.toAccountFound).toBeVisible();
  await expect(ops.refusal).toHaveCount(0);
  await expect(toAccountError).toHaveCount(0);
  await expect(page.getByText('same account')).toHaveCount(0);
});

/** Issue 16, layout at 1024 px: the sidebar folds away, rule names are whole, the queue's "+N" rule chip stays visible. */
test('at 1024 px the sidebar folds, rule names are not cut and the +N rule chip is visible', async ({ app }) => {
  test.setTimeout(180_000);
  const { page } = app;
  await app.signInAs('analyst');
  await page.setViewportSize({ width: 1024, height: 700 });

  const navbar = page.locator('.mantine-AppShell-navbar');
  await expect(page.getByTestId('nav-toggle')).toBeVisible();
  await expect(navbar).not.toBeInViewport();
  await page.getByTestId('nav-toggle').click();
  await expect(navbar).toBeInViewport();
  await page.getByTestId('nav-fraud-rules').click();
  await expect(navbar).not.toBeInViewport();

  const names = page.getByTestId('rule-name');
  await expect(names.first()).toBeVisible();
  const cut = await names.evaluateAll(
    (els) => els.filter((e) => (e as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth > (e as unknown as { clientWidth: number }).clientWidth + 1).length,
  );
  expect(cut).toBe(0);
  const widths = await names.evaluateAll((els) => els.map((e) => (e as unknown as { getBoundingClientRect(): { width: number } }).getBoundingClientRect().width));
  expect(Math.min(...widths)).toBeGreaterThan(40);

  const queue = new FraudQueuePage(page);
  await page.getByTestId('nav-toggle').click();
  await queue.open();
  await queue.waitLoaded();
  const more = page.getByTestId('rule-chip-more');
  expect(await more.count(), 'the demo queue has alerts with more rules than chips').toBeGreaterThan(0);
  {
    const first = more.first();
    await expect(first).toBeVisible();
    const inside = await first.evaluate((chip) => {
      const c = chip as unknown as {
        getBoundingClientRect(): { left: number; right: number };
        closest(s: string): { getBoundingClientRect(): { left: number; right: number } } | null;
      };
      const cell = c.closest('td');
      const a = c.getBoundingClientRect();
      const b = cell?.getBoundingClientRect();
      return b !== undefined && a.left >= b.left - 0.5 && a.right <= b.right + 0.5;
    });
    expect(inside).toBe(true);
  }
  // The main rule's chip is not squeezed to a stub by the others ("Str…"): whole, or at least 80 px of its name.
  const squeezed = await page.locator('[data-testid="alert-row"] [data-testid="rule-chip"]:first-child .mantine-Badge-label').evaluateAll(
    (els) =>
      els.filter((e) => {
        const el = e as unknown as { scrollWidth: number; clientWidth: number };
        return el.clientWidth + 1 < Math.min(el.scrollWidth, 80);
      }).length,
  );
  expect(squeezed).toBe(0);
});
