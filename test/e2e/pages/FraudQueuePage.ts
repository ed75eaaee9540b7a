import { expect, type Locator, type Page } from '@playwright/test';

/** A numeric attribute of every element a locator matches, in order. */
async function numbers(list: Locator, attribute: string): Promise<number[]> {
  const out: number[] = [];
  for (const el of await list.all()) out.push(Number(await el.getAttribute(attribute)));
  return out;
}

/** The dashboard's fraud panel: overnight count, high-risk open, oldest waiting, the top five alerts. */
export class FraudAlertsPanel {
  readonly root: Locator;
  readonly loading: Locator;
  readonly overnight: Locator;
  readonly highRisk: Locator;
  readonly oldest: Locator;
  readonly topAlerts: Locator;
  readonly openQueueButton: Locator;
  readonly enableDesktopAlerts: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('fraud-panel');
    this.loading = page.getByTestId('fraud-panel-loading');
    this.overnight = page.getByTestId('fraud-overnight-value');
    this.highRisk = page.getByTestId('fraud-high-risk-value');
    this.oldest = page.getByTestId('fraud-oldest-value');
    this.topAlerts = this.root.getByTestId('fraud-top-alert');
    this.openQueueButton = this.root.getByTestId('open-queue');
    this.enableDesktopAlerts = this.root.getByTestId('enable-desktop-alerts');
  }

  async waitLoaded(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.overnight).toBeVisible();
  }

  /** The alert ids of the top list, in the order shown. */
  async topIds(): Promise<number[]> {
    return numbers(this.topAlerts, 'data-alert-id');
  }

  async topRisks(): Promise<number[]> {
    return numbers(this.topAlerts, 'data-risk');
  }
}

/** The review queue: virtualized rows, filters, sort, selection and bulk actions, keyboard review. */
export class FraudQueuePage {
  readonly root: Locator;
  readonly count: Locator;
  readonly rows: Locator;
  readonly activeRow: Locator;
  readonly scroller: Locator;
  readonly sort: Locator;
  readonly filters: Locator;
  readonly bulkBar: Locator;
  readonly bulkAssign: Locator;
  readonly bulkDismiss: Locator;
  readonly shortcutsHint: Locator;
  readonly outboxIndicator: Locator;
  readonly dismissModal: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('fraud-queue');
    this.count = page.getByTestId('queue-count');
    this.rows = page.getByTestId('alert-row');
    this.activeRow = page.locator('[data-testid="alert-row"][data-active="true"]');
    this.scroller = page.getByTestId('queue-scroll');
    this.sort = page.getByTestId('queue-sort');
    this.filters = page.getByTestId('queue-filters');
    this.bulkBar = page.getByTestId('bulk-bar');
    this.bulkAssign = page.getByTestId('bulk-assign');
    this.bulkDismiss = page.getByTestId('bulk-dismiss');
    this.shortcutsHint = page.getByTestId('shortcuts-hint');
    this.outboxIndicator = page.getByTestId('outbox-indicator');
    // The dialog itself (Mantine's root element around it has no size of its own).
    this.dismissModal = page.getByRole('dialog').filter({ has: page.getByTestId('dismiss-submit') });
  }

  /** Through the left navigation, as a person would. */
  async open(): Promise<void> {
    await this.page.getByTestId('nav-fraud').click();
    await this.waitLoaded();
  }

  async waitLoaded(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.rows.first()).toBeVisible();
  }

  /** The amount range: a currency (searchable select), then the minimum as typed. */
  async filterAmount(currency: string, min: string): Promise<void> {
    await this.page.getByTestId('filter-currency').fill(currency);
    await this.page.getByRole('option', { name: currency, exact: true }).click();
    await this.page.getByTestId('filter-min').fill(min);
  }

  async resetFilters(): Promise<void> {
    await this.filters.getByRole('button', { name: /^Reset/ }).click();
  }

  row(alertId: number): Locator {
    return this.page.locator(`[data-testid="alert-row"][data-alert-id="${alertId}"]`);
  }

  /** The alert ids of the rendered rows, top to bottom. */
  async visibleIds(): Promise<number[]> {
    return numbers(this.rows, 'data-alert-id');
  }

  async sortBy(label: 'Highest risk' | 'Oldest first' | 'Largest amount'): Promise<void> {
    await this.sort.getByText(label, { exact: true }).click();
  }

  /** Dismisses through the reason modal (the one the d key and "Dismiss…" open). */
  async dismissWith(reasonLabel: string, comment = ''): Promise<void> {
    await expect(this.dismissModal).toBeVisible();
    await this.page.getByTestId('dismiss-reason').click();
    await this.page.getByRole('option', { name: reasonLabel }).click();
    if (comment) await this.page.getByTestId('dismiss-comment').fill(comment);
    await this.page.getByTestId('dismiss-submit').click();
    await expect(this.dismissModal).toBeHidden();
  }
}
