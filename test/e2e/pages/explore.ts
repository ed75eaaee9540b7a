import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { nextApiResponse } from '../support/api';

/** The explorer's chart geometry (renderer/src/screens/explore/explore-chart.ts): bars of a split run top-down. */
const BAR_GRID = { top: 12, topWithLegend: 36, bottom: 28 } as const;

/** Explore: metric, period, chart with drill-down, breadcrumb, figures, rows, saved views, exports. */
export class ExplorePage {
  readonly root: Locator;
  readonly metric: Locator;
  readonly definition: Locator;
  readonly period: Locator;
  readonly grain: Locator;
  readonly compare: Locator;
  readonly split: Locator;
  readonly breadcrumb: Locator;
  readonly crumbs: Locator;
  readonly source: Locator;
  readonly bankTime: Locator;
  readonly chartPanel: Locator;
  readonly chart: Locator;
  readonly figures: Locator;
  readonly figureRows: Locator;
  readonly viewSwitch: Locator;
  readonly rowsTable: Locator;
  readonly rows: Locator;
  readonly rowsTotal: Locator;
  readonly exportCsv: Locator;
  readonly exportXlsx: Locator;
  readonly saveView: Locator;
  readonly savedViews: Locator;
  readonly viewName: Locator;
  readonly viewSave: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('explore-screen');
    this.metric = page.getByTestId('explore-metric');
    this.definition = page.getByTestId('explore-definition');
    this.period = page.getByTestId('explore-period');
    this.grain = page.getByTestId('explore-grain');
    this.compare = page.getByTestId('explore-compare');
    this.split = page.getByTestId('explore-split');
    this.breadcrumb = page.getByTestId('explore-breadcrumb');
    this.crumbs = page.getByTestId('explore-crumb');
    this.source = page.getByTestId('explore-source');
    this.bankTime = page.getByTestId('explore-bank-time');
    this.chartPanel = page.getByTestId('explore-chart-panel');
    this.chart = page.getByTestId('explore-chart');
    this.figures = page.getByTestId('explore-figures');
    this.figureRows = page.getByTestId('explore-figure-row');
    this.viewSwitch = page.getByTestId('explore-view');
    this.rowsTable = page.getByTestId('explore-rows');
    this.rows = page.getByTestId('explore-row');
    this.rowsTotal = page.getByTestId('explore-rows-total');
    this.exportCsv = page.getByTestId('explore-export-csv');
    this.exportXlsx = page.getByTestId('explore-export-xlsx');
    this.saveView = page.getByTestId('explore-save-view');
    this.savedViews = page.getByTestId('explore-saved-views');
    this.viewName = page.getByTestId('explore-view-name');
    this.viewSave = page.getByTestId('explore-view-save');
  }

  /** The address's explorer state (the query after '#/explore?'). */
  params(): URLSearchParams {
    const hash = new URL(this.page.url()).hash;
    const at = hash.indexOf('?');
    return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
  }

  /** The chart and figures show the answer to the state in the address (not an earlier one still on screen). */
  async waitFigures(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.chartPanel).toHaveAttribute('data-state', 'current');
    await expect(this.chart.locator('svg').first()).toBeVisible();
  }

  /** A figures row by the display text of its first cell (a branch's name, a channel, a period). */
  figureRow(text: string | RegExp): Locator {
    return this.figureRows.filter({ has: this.page.getByTestId('explore-drill').getByText(text, { exact: typeof text === 'string' }) });
  }

  /** The figures as the screen prints them: first cell → value cell text (and currency, when money). */
  async figureTexts(): Promise<{ label: string; value: string; currency: string | null }[]> {
    const out: { label: string; value: string; currency: string | null }[] = [];
    for (const row of await this.figureRows.all()) {
      const label = ((await row.locator('td').first().textContent()) ?? '').trim();
      const value = ((await row.getByTestId('explore-figure-value').textContent()) ?? '').trim();
      const currencyCell = row.getByTestId('explore-figure-currency');
      const currency = (await currencyCell.count()) > 0 ? ((await currencyCell.textContent()) ?? '').trim() : null;
      out.push({ label, value, currency });
    }
    return out;
  }

  /**
   * Clicks the bar of the split's `index`-th category (0 = top, the largest) in the chart itself, at the
   * middle of its row: the explorer answers a click anywhere in a bar's row.
   */
  async clickBar(index: number, count: number, withLegend = false): Promise<void> {
    const box = await this.chart.boundingBox();
    if (!box) throw new Error('The chart is not on screen');
    const top = withLegend ? BAR_GRID.topWithLegend : BAR_GRID.top;
    const plot = box.height - top - BAR_GRID.bottom;
    const y = top + ((index + 0.5) * plot) / count;
    await this.chart.click({ position: { x: box.width * 0.75, y } });
  }

  async showRows(): Promise<void> {
    await this.viewSwitch
      .locator('label')
      .filter({ hasText: /behind them/ })
      .click();
    await expect(this.rowsTable).toBeVisible();
    await expect(this.rows.first()).toBeVisible();
  }

  /** Clicks a header of the rows view and waits for the server's sorted answer. */
  async sortRowsBy(label: string): Promise<void> {
    const answer = nextApiResponse(this.page, 'metrics.rows');
    await this.rowsTable.getByRole('columnheader', { name: label }).getByRole('button').click();
    await answer;
  }

  /** Cell texts of one column of the rows view, for the rows on screen. */
  async columnTexts(key: string): Promise<string[]> {
    return (await this.rows.locator(`td[data-col="${key}"]`).allTextContents()).map((t) => t.trim());
  }

  async download(button: Locator): Promise<Download> {
    const wait = this.page.waitForEvent('download');
    await button.click();
    return wait;
  }

  async saveViewAs(name: string): Promise<void> {
    await this.saveView.click();
    await this.viewName.fill(name);
    const answer = nextApiResponse(this.page, 'metrics.views.save');
    await this.viewSave.click();
    expect((await answer).status()).toBe(200);
    await expect(this.viewName).toBeHidden();
  }

  async openSavedView(name: string): Promise<void> {
    await this.savedViews.click();
    await this.page.getByTestId('explore-saved-view').filter({ hasText: name }).click();
  }
}
