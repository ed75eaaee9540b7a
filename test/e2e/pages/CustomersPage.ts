import { expect, type Locator, type Page } from '@playwright/test';
import { nextApiResponse } from '../support/api';

/** What a teller types into the registration form (values as on the identity document). */
export interface NewCustomer {
  legalName: string;
  dateOfBirth: string;
  gender: 'Female' | 'Male' | 'Not stated / other';
  nationalId: string;
  occupation: string;
  address: string;
  city: string;
  phone: string;
  email: string;
  /** Visible label of the branch option, or a unique part of it; the first branch when omitted. */
  branch?: string;
  channel?: 'E-mail' | 'Phone' | 'SMS' | 'Post' | 'At the branch';
}

/** Customers: search, registration (form → confirmation step), customer 360 and edit. */
export class CustomersPage {
  readonly searchScreen: Locator;
  readonly search: Locator;
  readonly hits: Locator;
  readonly registerButton: Locator;
  readonly form: Locator;
  readonly reviewButton: Locator;
  readonly confirm: Locator;
  readonly summary: Locator;
  readonly confirmRegister: Locator;
  readonly registerAnyway: Locator;
  readonly backToEdit: Locator;
  readonly registerError: Locator;
  readonly duplicateWarning: Locator;
  readonly view360: Locator;
  readonly name360: Locator;
  readonly customerNo: Locator;
  readonly accountRows: Locator;
  readonly profile: Locator;
  readonly preferredChannel: Locator;
  readonly editButton: Locator;
  readonly openAccountButton: Locator;
  readonly confirmSave: Locator;

  constructor(readonly page: Page) {
    this.searchScreen = page.getByTestId('customers-screen');
    this.search = page.getByTestId('customer-search');
    this.hits = page.getByTestId('customer-hit');
    this.registerButton = page.getByTestId('register-customer');
    this.form = page.getByTestId('customer-form');
    this.reviewButton = page.getByTestId('customer-review');
    this.confirm = page.getByTestId('customer-confirm');
    this.summary = page.getByTestId('customer-summary');
    this.confirmRegister = page.getByTestId('customer-confirm-register');
    this.registerAnyway = page.getByTestId('register-anyway');
    this.backToEdit = page.getByTestId('customer-back');
    this.registerError = page.getByTestId('register-error');
    this.duplicateWarning = page.getByTestId('duplicate-warning');
    this.view360 = page.getByTestId('customer-360');
    this.name360 = page.getByTestId('customer-name');
    this.customerNo = page.getByTestId('customer-no');
    this.accountRows = page.getByTestId('customer-account-row');
    this.profile = page.getByTestId('customer-profile');
    this.preferredChannel = page.getByTestId('preferred-channel');
    this.editButton = page.getByTestId('edit-customer');
    this.openAccountButton = page.getByTestId('open-account');
    this.confirmSave = page.getByTestId('customer-confirm-save');
  }

  field(name: 'legal-name' | 'dob' | 'national-id' | 'occupation' | 'address' | 'city' | 'phone' | 'email' | 'kyc-review'): Locator {
    return this.page.getByTestId(`cust-${name}`);
  }

  /** The message under a form field (Mantine puts it in the input's wrapper). */
  fieldError(name: Parameters<CustomersPage['field']>[0]): Locator {
    return this.page.locator('.mantine-InputWrapper-root', { has: this.field(name) }).locator('.mantine-InputWrapper-error');
  }

  /** The open-alerts badge by the customer's name (fraud review roles only). */
  get openAlertsBadge(): Locator {
    return this.page.getByTestId('open-alerts-badge');
  }

  /** The customer's fraud alerts table (fraud review roles only). */
  get alertsTable(): Locator {
    return this.page.getByTestId('customer-alerts');
  }

  /** Opens one customer's 360 by id, as a link from elsewhere in the app would. */
  async open360(id: number): Promise<void> {
    await this.page.evaluate((to) => ((globalThis as unknown as { location: { hash: string } }).location.hash = to), `#/customers/${id}`);
    await expect(this.view360).toHaveAttribute('data-customer-id', String(id));
  }

  async openSearch(): Promise<void> {
    await this.page.getByTestId('nav-customers').click();
    await expect(this.searchScreen).toBeVisible();
  }

  /** Types a query and waits for the answer to it to be listed. */
  async searchFor(query: string): Promise<void> {
    await expect(this.search).toBeFocused();
    const answer = this.page.waitForResponse((r) => r.url().endsWith('/api/call') && JSON.stringify(r.request().postDataJSON()).includes(`"query":${JSON.stringify(query)}`));
    await this.search.fill(query);
    expect((await answer).status()).toBe(200);
    await expect(this.page.getByTestId('search-pending')).toBeHidden();
  }

  hit(name: string): Locator {
    return this.hits.filter({ has: this.page.getByTestId('customer-hit-name').getByText(name, { exact: true }) });
  }

  private async choose(select: Locator, option: string): Promise<void> {
    await select.click();
    await this.page.getByRole('option', { name: option }).first().click();
  }

  async startRegistration(): Promise<void> {
    await this.registerButton.click();
    await expect(this.form).toBeVisible();
    await expect(this.field('legal-name')).toBeFocused();
  }

  async fillNewCustomer(c: NewCustomer): Promise<void> {
    await this.field('legal-name').fill(c.legalName);
    await this.field('dob').fill(c.dateOfBirth);
    await this.field('national-id').fill(c.nationalId);
    await this.choose(this.page.getByTestId('cust-gender'), c.gender);
    await this.field('occupation').fill(c.occupation);
    await this.field('address').fill(c.address);
    await this.field('city').fill(c.city);
    await this.field('phone').fill(c.phone);
    await this.field('email').fill(c.email);
    const branch = this.page.getByTestId('cust-branch');
    await expect(branch).toBeEnabled();
    await branch.click();
    const options = this.page.getByRole('option');
    await (c.branch ? options.filter({ hasText: c.branch }).first() : options.first()).click();
    if (c.channel) await this.page.getByTestId('cust-channel').getByText(c.channel, { exact: true }).click();
  }

  /** Form → confirmation step. */
  async review(): Promise<void> {
    await this.reviewButton.click();
    await expect(this.confirm).toBeVisible();
  }

  summaryValue(fieldName: string): Locator {
    return this.summary.locator(`[data-field="${fieldName}"]`).getByTestId('summary-value');
  }

  /** Confirms on the summary and lands on the new customer's 360. */
  async confirmRegistration(): Promise<void> {
    const answer = nextApiResponse(this.page, 'customers.register');
    await this.confirmRegister.click();
    expect((await answer).status()).toBe(200);
    await expect(this.view360).toBeVisible();
  }
}
