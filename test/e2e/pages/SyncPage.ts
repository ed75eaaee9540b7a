import type { Locator, Page } from '@playwright/test';

/** Settings → Sync & cache: source, sync state and progress, data as of, and the cached tables. */
export class SyncPage {
  readonly root: Locator;
  readonly sourceStatus: Locator;
  readonly state: Locator;
  readonly progress: Locator;
  readonly asOf: Locator;
  readonly table: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('sync-screen');
    this.sourceStatus = page.getByTestId('sync-source-status');
    this.state = page.getByTestId('sync-state');
    this.progress = page.getByTestId('sync-progress');
    this.asOf = page.getByTestId('sync-as-of');
    this.table = page.getByTestId('sync-table');
    this.rows = page.getByTestId('sync-table-row');
  }

  /** One cached table's row, by the table's name. */
  row(table: string): Locator {
    return this.page.locator(`[data-testid="sync-table-row"][data-table="${table}"]`);
  }

  /** The row count the screen shows for a table, as displayed (grouped digits). */
  rowCount(table: string): Locator {
    return this.row(table).getByTestId('sync-table-rows');
  }
}
