import { expect, type Locator, type Page } from '@playwright/test';

/** The compliance screen: monitor tiles, a monitor's drill-down, tasks, limit changes. */
export class CompliancePage {
  readonly header: Locator;
  readonly tiles: Locator;
  readonly deadlines: Locator;
  readonly detail: Locator;
  readonly detailStatus: Locator;
  readonly drivers: Locator;
  readonly newTask: Locator;
  readonly changeLimit: Locator;
  readonly pendingLimit: Locator;
  readonly tasksTable: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByTestId('compliance-header');
    this.tiles = page.getByTestId('monitor-tiles');
    this.deadlines = page.getByTestId('deadlines');
    this.detail = page.getByTestId('monitor-detail');
    this.detailStatus = page.getByTestId('detail-status');
    this.drivers = page.getByTestId('drivers');
    this.newTask = page.getByTestId('new-task');
    this.changeLimit = page.getByTestId('change-limit');
    this.pendingLimit = page.getByTestId('pending-limit');
    this.tasksTable = page.getByTestId('tasks-table');
  }

  tile(id: string): Locator {
    return this.page.getByTestId(`monitor-${id}`);
  }

  async open(baseUrl: string, sub = ''): Promise<void> {
    await this.page.goto(`${baseUrl}/#/compliance${sub ? `/${sub}` : ''}`);
  }

  /** The tiles in the order shown, with their status. */
  async tileStatuses(): Promise<{ id: string; status: string }[]> {
    await expect(this.tiles).toBeVisible();
    const tiles = this.tiles.locator('[data-testid^="monitor-"][data-status]');
    const out: { id: string; status: string }[] = [];
    for (let i = 0; i < (await tiles.count()); i++) {
      const t = tiles.nth(i);
      out.push({ id: ((await t.getAttribute('data-testid')) ?? '').replace(/^monitor-/, ''), status: (await t.getAttribute('data-status')) ?? '' });
    }
    return out;
  }

  taskRow(title: string): Locator {
    return this.tasksTable.locator('tr').filter({ hasText: title });
  }
}
