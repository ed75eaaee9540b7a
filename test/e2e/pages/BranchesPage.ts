import { expect, type Locator, type Page } from '@playwright/test';

/** Contact: the branch directory. */
export class BranchesPage {
  readonly root: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('branches-screen');
    this.rows = page.getByTestId('branch-row');
    this.search = page.getByTestId('branch-search');
    this.count = page.getByTestId('branch-count');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-branches').click();
    await expect(this.root).toBeVisible();
    await expect(this.rows.first()).toBeVisible();
  }

  phoneLinks(): Locator {
    return this.rows.getByTestId('branch-phone');
  }
}
