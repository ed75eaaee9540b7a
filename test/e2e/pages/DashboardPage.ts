import { expect, type Locator, type Page } from '@playwright/test';

export type Kpi = 'customers' | 'accounts' | 'deposits' | 'today-count' | 'today-volume';

/** Headline figures, the 90-day volume chart and the latest-activity table. */
export class DashboardPage {
  readonly root: Locator;
  readonly kpiLoading: Locator;
  readonly depositLines: Locator;
  readonly chart: Locator;
  /** What ECharts draws into: a canvas (or an svg with the SVG renderer). */
  readonly chartSurface: Locator;
  readonly activityTable: Locator;
  readonly activityRows: Locator;
  readonly tooltip: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('dashboard');
    this.kpiLoading = page.getByTestId('kpi-loading');
    this.depositLines = page.getByTestId('kpi-deposits-value').locator('[data-currency]');
    this.chart = page.getByTestId('volume-chart');
    this.chartSurface = this.chart.locator('canvas, svg').first();
    this.activityTable = page.getByTestId('activity-table');
    this.activityRows = page.getByTestId('activity-row');
    this.tooltip = page.getByRole('tooltip');
  }

  kpi(name: Kpi): Locator {
    return this.page.getByTestId(`kpi-${name}-value`);
  }

  depositLine(currency: string): Locator {
    return this.depositLines.and(this.page.locator(`[data-currency="${currency}"]`));
  }

  /** Figures, chart and table are all on screen (not their skeletons). */
  async waitLoaded(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.kpi('customers')).toBeVisible();
    await expect(this.chartSurface).toBeVisible();
    await expect(this.activityRows.first()).toBeVisible();
  }

  /** The exact amount a deposit line shows in its tooltip (the card itself shows the short form). */
  async exactDepositText(currency: string): Promise<string> {
    await this.depositLine(currency).hover();
    await expect(this.tooltip).toBeVisible();
    const text = (await this.tooltip.textContent()) ?? '';
    await this.page.mouse.move(0, 0);
    await expect(this.tooltip).toBeHidden();
    return text;
  }

  /**
   * Waits until the chart has stopped drawing (ECharts animates in): two consecutive pictures of it
   * are identical. Polling a condition, not sleeping a guessed time.
   */
  async waitChartSettled(): Promise<void> {
    let previous: Buffer | null = null;
    await expect
      .poll(
        async () => {
          const shot = await this.chart.screenshot({ animations: 'disabled' });
          const settled = previous !== null && shot.equals(previous);
          previous = shot;
          return settled;
        },
        { message: 'the volume chart keeps changing', intervals: [100, 150, 250, 500] },
      )
      .toBe(true);
  }
}
