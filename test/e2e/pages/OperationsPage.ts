import { expect, type Locator, type Page } from '@playwright/test';

export type OperationKindName = 'deposit' | 'withdrawal' | 'transfer' | 'external_transfer';

/** The operation forms, their confirmation step and the receipt. */
export class OperationsPage {
  readonly screen: Locator;
  readonly form: Locator;
  readonly sourceInput: Locator;
  readonly source: Locator;
  readonly toAccount: Locator;
  readonly toAccountFound: Locator;
  readonly beneficiaryIban: Locator;
  readonly beneficiaryName: Locator;
  readonly amount: Locator;
  readonly currency: Locator;
  readonly description: Locator;
  readonly review: Locator;
  readonly refusal: Locator;

  readonly confirm: Locator;
  readonly confirmLegs: Locator;
  readonly confirmNotes: Locator;
  readonly confirmSubmit: Locator;
  readonly back: Locator;

  readonly receipt: Locator;
  readonly receiptReference: Locator;
  readonly receiptBalance: Locator;
  readonly receiptReplayed: Locator;
  readonly receiptNew: Locator;
  readonly receiptAccount: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('operations-screen');
    this.form = page.getByTestId('op-form');
    this.sourceInput = page.getByTestId('op-source-input');
    this.source = page.getByTestId('op-source');
    this.toAccount = page.getByTestId('op-to-account');
    this.toAccountFound = page.getByTestId('op-to-account-found');
    this.beneficiaryIban = page.getByTestId('op-beneficiary-iban');
    this.beneficiaryName = page.getByTestId('op-beneficiary-name');
    this.amount = page.getByTestId('op-amount');
    this.currency = page.getByTestId('op-currency');
    this.description = page.getByTestId('op-description');
    this.review = page.getByTestId('op-review');
    this.refusal = page.getByTestId('refusal');

    this.confirm = page.getByTestId('op-confirm');
    this.confirmLegs = this.confirm.getByTestId('leg');
    this.confirmNotes = page.getByTestId('op-confirm-notes');
    this.confirmSubmit = page.getByTestId('op-confirm-submit');
    this.back = page.getByTestId('op-back');

    this.receipt = page.getByTestId('op-receipt');
    this.receiptReference = page.getByTestId('op-receipt-reference');
    this.receiptBalance = page.getByTestId('op-receipt-balance');
    this.receiptReplayed = page.getByTestId('op-receipt-replayed');
    this.receiptNew = page.getByTestId('op-receipt-new');
    this.receiptAccount = page.getByTestId('op-receipt-account');
  }

  kindTab(kind: OperationKindName): Locator {
    return this.page.getByTestId('op-kind').locator(`input[value="${kind}"]`);
  }

  /** Fills the form for the kind (destination fields when given) and goes to the confirmation step. */
  async fillAndReview(v: { amount: string; description?: string; toAccountNo?: string; beneficiaryIban?: string; beneficiaryName?: string }): Promise<void> {
    await expect(this.form).toBeVisible();
    if (v.toAccountNo !== undefined) {
      await this.toAccount.fill(v.toAccountNo);
      await expect(this.toAccountFound).toBeVisible();
    }
    if (v.beneficiaryIban !== undefined) await this.beneficiaryIban.fill(v.beneficiaryIban);
    if (v.beneficiaryName !== undefined) await this.beneficiaryName.fill(v.beneficiaryName);
    await this.amount.fill(v.amount);
    if (v.description !== undefined) await this.description.fill(v.description);
    await this.review.click();
    await expect(this.confirm).toBeVisible();
  }

  /** Confirms and waits for the receipt; returns its reference. */
  async confirmAndPost(): Promise<string> {
    await this.confirmSubmit.click();
    await expect(this.receipt).toBeVisible();
    return (await this.receiptReference.textContent()) ?? '';
  }
}
