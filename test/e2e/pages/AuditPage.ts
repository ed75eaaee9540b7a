import { expect, type Locator, type Page } from '@playwright/test';
import { nextApiResponse } from '../support/api';

/** The audit log viewer: newest-first entries and the hash-chain check. */
export class AuditPage {
  readonly root: Locator;
  readonly rows: Locator;
  readonly verifyButton: Locator;
  readonly verifyResult: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('audit-screen');
    this.rows = page.getByTestId('audit-row');
    this.verifyButton = page.getByTestId('verify-chain');
    this.verifyResult = page.getByTestId('verify-result');
    this.count = page.getByTestId('audit-count');
  }

  /** Rows whose action is `action` and, when given, whose actor is `actor`. */
  entries(action: string, actor?: string): Locator {
    const byAction = this.rows.filter({ has: this.page.getByText(action, { exact: true }) });
    return actor ? byAction.filter({ has: this.page.getByText(actor, { exact: true }) }) : byAction;
  }

  /** Presses "Verify chain" and waits for the server's answer to be shown. */
  async verifyChain(): Promise<void> {
    const answer = nextApiResponse(this.page, 'audit.verify');
    await this.verifyButton.click();
    expect((await answer).status()).toBe(200);
    await expect(this.verifyButton).not.toHaveAttribute('data-loading');
    await expect(this.verifyResult).toBeVisible();
  }
}
