import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { z } from 'zod';
import { expect, test } from './fixtures';
import { BranchesPage } from './pages/BranchesPage';
import { CustomersPage, type NewCustomer } from './pages/CustomersPage';
import { ProductsPage } from './pages/ProductsPage';
import { apiErrorCode, apiInputOf, apiMethodOf } from './support/api';
import { openBankFile } from './support/bank-db';

test.use({ colorScheme: 'light', viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'Europe/Prague' });

/** Saved for people to look at (test-results/screenshots/), not compared pixel by pixel. */
async function save(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready.then(() => true));
  const path = join(testInfo.project.outputDir, 'screenshots', `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** A national id no demo customer has: digits from the clock and the worker. */
function freshNationalId(testInfo: TestInfo): string {
  return `E2E${Date.now().toString().slice(-8)}${testInfo.workerIndex}`;
}

const existingCustomer = z.object({ legal_name: z.string(), national_id: z.string() });

/** One customer straight from the server's bank file (independent SQL, not the app's queries). */
function someExistingCustomer(bankFile: string): z.infer<typeof existingCustomer> {
  const db = openBankFile(bankFile, true);
  try {
    return existingCustomer.parse(db.prepare('SELECT legal_name, national_id FROM customers ORDER BY id LIMIT 1').get());
  } finally {
    db.close();
  }
}

test('a teller registers a customer through the confirmation step, finds them by search and sees the 360', async ({ app }, testInfo) => {
  const { page } = app;
  const customers = new CustomersPage(page);
  await app.signInAs('teller');
  await customers.openSearch();
  await expect(customers.search).toBeFocused();

  // Search as you type: an existing surname answers with rows that say why they matched.
  await customers.searchFor('no');
  await save(page, testInfo, 'customers-search');

  const person: NewCustomer = {
    legalName: 'Zdeňka Kovářová',
    dateOfBirth: '1979-06-14',
    gender: 'Female',
    nationalId: freshNationalId(testInfo),
    occupation: 'Pharmacist',
    address: 'Vinohradská 112',
    city: 'Praha',
    phone: '+420 605 111 222',
    email: 'zdenka.kovarova@example.com',
    channel: 'SMS',
  };
  await customers.startRegistration();
  // The form validates before anything is sent: an incomplete form stays on step 1 with its messages.
  await customers.reviewButton.click();
  await expect(customers.fieldError('legal-name')).toBeVisible();
  await expect(customers.confirm).toBeHidden();

  await customers.fillNewCustomer(person);
  await save(page, testInfo, 'customers-register-form');
  await customers.review();
  // The summary says exactly what will be created; nothing has been posted yet.
  await expect(customers.summaryValue('legalName')).toHaveText(person.legalName);
  await expect(customers.summaryValue('nationalId')).toHaveText(person.nationalId);
  await expect(customers.summaryValue('riskRating')).toHaveText('Low risk');
  await expect(customers.summaryValue('kycStatus')).toHaveText('KYC pending');
  await expect(customers.summaryValue('preferredChannel')).toHaveText('SMS');
  await save(page, testInfo, 'customers-register-confirm');

  const request = page.waitForRequest((r) => apiMethodOf(r) === 'customers.register');
  await customers.confirmRegistration();
  expect(apiInputOf(await request)).toMatchObject({
    legalName: person.legalName,
    nationalId: person.nationalId,
    riskRating: 'low',
    kycStatus: 'pending',
    preferredChannel: 'sms',
    confirmDuplicate: false,
  });

  // The new customer's 360: profile, contact details with the preferred channel, no accounts yet.
  await expect(customers.name360).toHaveText(person.legalName);
  await expect(customers.customerNo).not.toBeEmpty();
  await expect(customers.preferredChannel).toHaveText('SMS');
  await expect(customers.profile.getByTestId('contact-phone')).toHaveAttribute('data-preferred', 'true');
  await expect(customers.profile).toContainText(person.email);
  await expect(customers.openAccountButton).toBeVisible();
  await expect(page.getByTestId('customer-accounts').getByTestId('empty')).toBeVisible();
  const customerNo = (await customers.customerNo.textContent()) ?? '';
  const url = page.url();

  // Found again by search, by name and by customer number; the keyboard opens the hit.
  await customers.openSearch();
  await customers.searchFor('Kovářová');
  await expect(customers.hit(person.legalName)).toBeVisible();
  await customers.searchFor(customerNo);
  await expect(customers.hits.first()).toContainText(person.legalName);
  await expect(customers.hits.first().getByTestId('customer-hit-matched')).toHaveText('customer no.');
  await customers.search.press('Enter');
  await expect(customers.name360).toHaveText(person.legalName);
  expect(page.url()).toBe(url);
  await save(page, testInfo, 'customers-360-new');
});

test('a national id that is already registered is refused with a clear message', async ({ app, server }) => {
  const { page } = app;
  const customers = new CustomersPage(page);
  const existing = someExistingCustomer(server.bankFile);
  await app.signInAs('teller');
  await customers.openSearch();
  await customers.startRegistration();
  await customers.fillNewCustomer({
    legalName: 'Petr Nový Zákazník',
    dateOfBirth: '1990-01-02',
    gender: 'Male',
    nationalId: existing.national_id,
    occupation: 'Driver',
    address: 'Masarykova 1',
    city: 'Brno',
    phone: '+420 777 000 111',
    email: 'petr.novy@example.com',
  });
  // The live check names the existing customer as soon as the id is typed…
  await expect(customers.duplicateWarning).toHaveAttribute('data-hard', 'true');
  await expect(customers.duplicateWarning).toContainText(existing.legal_name);
  // …and the form does not go on to the confirmation step.
  await customers.reviewButton.click();
  await expect(customers.fieldError('national-id')).toContainText(/already registered/i);
  await expect(customers.confirm).toBeHidden();

  // The server refuses it too, whatever the page does.
  const answer = await page.request.post(`${server.url}/api/call`, {
    headers: { Authorization: `Bearer ${server.launchToken}`, 'X-CloudBank-Session': await app.sessionToken() },
    data: {
      method: 'customers.register',
      input: {
        legalName: 'Petr Nový Zákazník',
        dateOfBirth: '1990-01-02',
        gender: 'M',
        nationalId: existing.national_id,
        address: 'Masarykova 1',
        city: 'Brno',
        phone: '+420 777 000 111',
        email: 'petr.novy@example.com',
        occupation: 'Driver',
        riskRating: 'low',
        kycStatus: 'pending',
        kycNextReview: '2030-01-01',
        preferredChannel: 'email',
        branchId: 1,
        confirmDuplicate: true,
      },
    },
  });
  expect(await apiErrorCode(answer)).toBe('DUPLICATE');
});

test('an administrator edits a product; rates are typed in % and fees in the currency', async ({ app }, testInfo) => {
  const { page } = app;
  const products = new ProductsPage(page);
  await app.signInAs('admin');
  await products.open();
  await save(page, testInfo, 'products');

  const code = (await products.rows.first().getAttribute('data-code')) ?? '';
  expect(code).not.toBe('');
  await products.edit(code);
  await products.field('rate').fill('3.15');
  await products.field('fee').fill('12.5');
  await save(page, testInfo, 'products-edit');
  const request = page.waitForRequest((r) => apiMethodOf(r) === 'products.save');
  await products.submit();
  expect(apiInputOf(await request)).toMatchObject({ code, interestRateBp: 315, monthlyFee: 1250 });
  await expect(products.row(code).getByTestId('product-rate-cell')).toHaveText('3.15%');
  await expect(products.row(code).getByTestId('product-fee-cell')).toContainText('12.50');

  // A rate beyond the contract's ceiling is refused on the field, before anything is sent.
  await products.edit(code);
  await products.field('rate').fill('75');
  await products.save.click();
  await expect(products.form).toContainText('Rates above 50% are not allowed');
  await page.keyboard.press('Escape');
  await expect(products.form).toBeHidden();
});

test('a teller reads the catalog and the branch directory but cannot change products', async ({ app }, testInfo) => {
  const { page } = app;
  const products = new ProductsPage(page);
  const branches = new BranchesPage(page);
  await app.signInAs('teller');
  await products.open();
  await expect(products.newButton).toBeHidden();
  await expect(page.getByTestId('edit-product')).toHaveCount(0);

  await branches.open();
  await expect(branches.phoneLinks().first()).toHaveAttribute('href', /^tel:\+?\d+$/);
  const total = await branches.rows.count();
  const firstName = (await branches.rows.first().getByTestId('branch-name').textContent()) ?? '';
  await branches.search.fill(firstName);
  await expect(branches.rows.first()).toContainText(firstName);
  expect(await branches.rows.count()).toBeLessThanOrEqual(total);
  await branches.search.fill('');
  await save(page, testInfo, 'branches');
});
