import { expect, type Locator, type Page } from '@playwright/test';

/** Reads an element's exact minor units (data-minor), as the account and statement screens expose them. */
export async function minorOf(locator: Locator): Promise<number> {
  await expect(locator).toHaveAttribute('data-minor', /^-?\d+$/);
  return Number(await locator.getAttribute('data-minor'));
}

/** Balance inquiry, the account page (figures, actions, freeze / close), account opening and the statement. */
export class AccountsPage {
  readonly inquiry: Locator;
  readonly inquiryInput: Locator;
  readonly inquirySubmit: Locator;
  readonly recent: Locator;

  readonly page: Locator;
  readonly number: Locator;
  readonly owner: Locator;
  readonly status: Locator;
  readonly balance: Locator;
  readonly available: Locator;
  readonly asOf: Locator;
  readonly statusModal: Locator;
  readonly statusReason: Locator;
  readonly statusSubmit: Locator;

  readonly openScreen: Locator;
  readonly openProducts: Locator;
  readonly openDeposit: Locator;
  readonly openReview: Locator;
  readonly openConfirm: Locator;
  readonly openSubmit: Locator;
  readonly openDone: Locator;
  readonly openDoneAccountNo: Locator;
  readonly openDoneAccount: Locator;

  readonly statement: Locator;
  readonly statementLines: Locator;
  readonly statementOpening: Locator;
  readonly statementClosing: Locator;
  readonly statementCredits: Locator;
  readonly statementDebits: Locator;
  readonly statementPdf: Locator;
  readonly statementCsv: Locator;
  readonly statementChart: Locator;

  constructor(readonly tab: Page) {
    this.inquiry = tab.getByTestId('balance-inquiry');
    this.inquiryInput = tab.getByTestId('inquiry-account-no');
    this.inquirySubmit = tab.getByTestId('inquiry-submit');
    this.recent = tab.getByTestId('recent-account');

    this.page = tab.getByTestId('account-page');
    this.number = tab.getByTestId('account-number');
    this.owner = tab.getByTestId('account-owner');
    this.status = this.page.getByTestId('account-status');
    this.balance = tab.getByTestId('account-balance');
    this.available = tab.getByTestId('account-available');
    this.asOf = tab.getByTestId('account-as-of');
    this.statusModal = tab.getByRole('dialog');
    this.statusReason = tab.getByTestId('status-reason');
    this.statusSubmit = tab.getByTestId('status-submit');

    this.openScreen = tab.getByTestId('open-account');
    this.openProducts = tab.getByTestId('open-product');
    this.openDeposit = tab.getByTestId('open-deposit');
    this.openReview = tab.getByTestId('open-review');
    this.openConfirm = tab.getByTestId('open-confirm');
    this.openSubmit = tab.getByTestId('open-submit');
    this.openDone = tab.getByTestId('open-done');
    this.openDoneAccountNo = tab.getByTestId('open-done-account-no');
    this.openDoneAccount = tab.getByTestId('open-done-account');

    this.statement = tab.getByTestId('statement-screen');
    this.statementLines = tab.getByTestId('statement-line');
    this.statementOpening = tab.getByTestId('statement-opening');
    this.statementClosing = tab.getByTestId('statement-closing');
    this.statementCredits = tab.getByTestId('statement-credits');
    this.statementDebits = tab.getByTestId('statement-debits');
    this.statementPdf = tab.getByTestId('statement-pdf');
    this.statementCsv = tab.getByTestId('statement-csv');
    this.statementChart = tab.getByTestId('statement-chart');
  }

  action(name: 'deposit' | 'withdrawal' | 'transfer' | 'external_transfer' | 'statement' | 'freeze' | 'unfreeze' | 'close' | 'request-unfreeze' | 'approve-unfreeze'): Locator {
    return this.tab.getByTestId(`account-action-${name}`);
  }

  /** Balance inquiry: types (or pastes) the number and waits for the account page. */
  async lookUp(accountNo: string): Promise<void> {
    await this.tab.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/accounts'));
    await expect(this.inquiryInput).toBeVisible();
    await this.inquiryInput.fill(accountNo);
    await this.inquiryInput.press('Enter');
    await expect(this.page).toBeVisible();
  }

  /** Opens the account page by id, as a link from elsewhere in the app would. */
  async open(id: number): Promise<void> {
    await this.tab.evaluate((to) => ((globalThis as unknown as { location: { hash: string } }).location.hash = to), `#/accounts/${id}`);
    await expect(this.page).toBeVisible();
  }

  /** What kind of freeze, by whom, and who may lift it (shown while frozen). */
  get freezeKind(): Locator {
    return this.tab.getByTestId('account-freeze-kind');
  }

  async balanceMinor(): Promise<number> {
    return minorOf(this.balance);
  }

  /** Opening an account from accounts/open/<customerId>: product by code, optional deposit, confirm; returns the new account's id and number. */
  async openAccount(productCode: string | null, initialDeposit: string): Promise<{ id: number; accountNo: string }> {
    await expect(this.openProducts.first()).toBeVisible();
    const card = productCode ? this.openProducts.and(this.tab.locator(`[data-code="${productCode}"]`)) : this.openProducts.first();
    await card.click();
    await this.openDeposit.fill(initialDeposit);
    await this.openReview.click();
    await expect(this.openConfirm).toBeVisible();
    await this.openSubmit.click();
    await expect(this.openDone).toBeVisible();
    return { id: Number(await this.openDone.getAttribute('data-account-id')), accountNo: String(await this.openDone.getAttribute('data-account-no')) };
  }

  async setStatus(action: 'freeze' | 'unfreeze' | 'close', reason: string): Promise<void> {
    await this.action(action).click();
    await expect(this.statusReason).toBeVisible();
    await this.statusReason.fill(reason);
    await this.statusSubmit.click();
    await expect(this.statusReason).toBeHidden();
  }

  /** Statement period inputs (YYYY-MM-DD, days in the browser's zone). */
  async statementPeriod(first: string, last: string): Promise<void> {
    await this.tab.getByTestId('statement-from').fill(first);
    await this.tab.getByTestId('statement-to').fill(last);
  }

  async statementPreset(label: 'This month' | 'Last month' | 'Last 90 days' | 'Year to date'): Promise<void> {
    await this.tab.getByTestId('statement-presets').getByText(label, { exact: true }).click();
  }
}
