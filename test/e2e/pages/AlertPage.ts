import { expect, type Locator, type Page } from '@playwright/test';

/** One alert's investigation: header, explanation, timeline, counterparties, customer, notes and the actions. */
export class AlertPage {
  readonly root: Locator;
  readonly header: Locator;
  readonly status: Locator;
  readonly explanation: Locator;
  readonly hits: Locator;
  readonly hitSummaries: Locator;
  readonly timelineChart: Locator;
  readonly timelineSurface: Locator;
  readonly counterparties: Locator;
  readonly customerPanel: Locator;
  readonly customerAccounts: Locator;
  readonly notes: Locator;
  readonly noteInput: Locator;
  readonly addNote: Locator;
  readonly claimButton: Locator;
  readonly confirmButton: Locator;
  readonly dismissButton: Locator;
  readonly escalateButton: Locator;
  readonly sarButton: Locator;
  readonly confirmModal: Locator;
  readonly freezeAccounts: Locator;
  readonly confirmComment: Locator;
  readonly confirmSubmit: Locator;
  readonly confirmResult: Locator;
  readonly frozenAccounts: Locator;
  readonly disposition: Locator;
  readonly assignee: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('investigation');
    this.header = page.getByTestId('alert-header');
    this.status = this.header.getByTestId('alert-status');
    this.explanation = page.getByTestId('explanation');
    this.hits = page.getByTestId('explanation-hit');
    this.hitSummaries = page.getByTestId('hit-summary');
    this.timelineChart = page.getByTestId('timeline-chart');
    this.timelineSurface = this.timelineChart.locator('svg, canvas').first();
    this.counterparties = page.getByTestId('counterparties');
    this.customerPanel = page.getByTestId('customer-panel');
    this.customerAccounts = page.getByTestId('customer-accounts');
    this.notes = page.getByTestId('note');
    this.noteInput = page.getByTestId('note-input');
    this.addNote = page.getByTestId('note-add');
    this.claimButton = page.getByTestId('claim');
    this.confirmButton = page.getByTestId('confirm-fraud');
    this.dismissButton = page.getByTestId('dismiss');
    this.escalateButton = page.getByTestId('escalate');
    this.sarButton = page.getByTestId('draft-sar');
    this.confirmModal = page.getByRole('dialog').filter({ has: page.locator('[data-testid="confirm-submit"], [data-testid="confirm-result"]') });
    this.freezeAccounts = page.getByTestId('freeze-account');
    this.confirmComment = page.getByTestId('confirm-comment');
    this.confirmSubmit = page.getByTestId('confirm-submit');
    this.confirmResult = page.getByTestId('confirm-result');
    this.frozenAccounts = page.getByTestId('frozen-account');
    this.disposition = page.getByTestId('disposition');
    this.assignee = page.getByTestId('alert-assignee');
  }

  async alertId(): Promise<number> {
    return Number(await this.root.getAttribute('data-alert-id'));
  }

  async waitLoaded(alertId?: number): Promise<void> {
    await expect(this.root).toBeVisible();
    if (alertId !== undefined) await expect(this.root).toHaveAttribute('data-alert-id', String(alertId));
    await expect(this.hits.first()).toBeVisible();
  }

  /** The account's status badge in the customer panel ("open", "frozen"). */
  accountStatus(accountId: number): Locator {
    return this.customerAccounts.locator(`[data-account-id="${accountId}"]`).getByTestId('account-status');
  }

  /**
   * Opens the confirm-fraud form and waits until it has settled: the comment holds the focus the modal gives it
   * once open. A click sent while the modal still animates in can miss on a loaded machine.
   */
  async openConfirm(): Promise<void> {
    await this.confirmButton.click();
    await expect(this.confirmModal).toBeVisible();
    await expect(this.confirmComment).toBeFocused();
  }

  /** Confirm fraud with the default choice of accounts (the subject) and a comment; returns once the result shows. */
  async confirmFraud(comment: string): Promise<void> {
    await this.openConfirm();
    await this.confirmComment.fill(comment);
    await this.confirmSubmit.click();
    await expect(this.confirmResult).toBeVisible();
  }

  async closeConfirmResult(): Promise<void> {
    await this.page.getByTestId('confirm-done').click();
    await expect(this.confirmModal).toBeHidden();
  }

  /** Waits until the chart has stopped drawing: two consecutive pictures are identical. */
  async waitChartSettled(): Promise<void> {
    let previous: Buffer | null = null;
    await expect
      .poll(
        async () => {
          const shot = await this.timelineChart.screenshot({ animations: 'disabled' });
          const settled = previous !== null && shot.equals(previous);
          previous = shot;
          return settled;
        },
        { message: 'the timeline keeps changing', intervals: [100, 150, 250, 500] },
      )
      .toBe(true);
  }
}
