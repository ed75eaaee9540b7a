import { expect, type Locator, type Page } from '@playwright/test';

/** The report builder and history (renderer/src/screens/reports). */
export class ReportsPage {
  readonly root: Locator;
  readonly preview: Locator;
  readonly opened: Locator;
  readonly sections: Locator;
  readonly catalogSearch: Locator;
  readonly generate: Locator;
  readonly history: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('reports-screen');
    this.preview = page.getByTestId('report-preview-view');
    this.opened = page.getByTestId('report-opened');
    this.sections = page.getByTestId('report-section-item');
    this.catalogSearch = page.getByTestId('report-catalog-search');
    this.generate = page.getByTestId('report-generate');
    this.history = page.getByTestId('report-history');
  }

  async waitPreview(): Promise<void> {
    await expect(this.preview.getByTestId('report-tile').first()).toBeVisible({ timeout: 60_000 });
  }

  /** The section ids in their order on screen. */
  async sectionOrder(): Promise<string[]> {
    return this.sections.evaluateAll((els) => els.map((e) => (e as unknown as { dataset: Record<string, string | undefined> }).dataset.sectionId ?? ''));
  }

  /** Moves a section one place up with the keyboard (Space to lift, arrow, Space to drop), as dnd-kit's keyboard sensor allows. */
  async moveUp(index: number): Promise<void> {
    const handle = this.sections.nth(index).getByTestId('report-section-handle');
    await handle.focus();
    await this.page.keyboard.press('Space');
    // Lifted: dnd-kit marks the handle pressed; only then does an arrow move it.
    await expect(handle).toHaveAttribute('aria-pressed', 'true');
    await this.page.keyboard.press('ArrowUp');
    await this.page.keyboard.press('Space');
    await expect(handle).not.toHaveAttribute('aria-pressed', 'true');
  }
}

/** Settings → Report storage (renderer/src/screens/settings/ReportStorageScreen.tsx), administrators only. */
export class ReportStoragePage {
  readonly root: Locator;
  readonly save: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('report-storage-screen');
    this.save = page.getByTestId('storage-save');
  }

  async fill(s: { bucket: string; prefix: string; region: string; endpoint: string }): Promise<void> {
    await this.root.getByTestId('storage-bucket').fill(s.bucket);
    await this.root.getByTestId('storage-prefix').fill(s.prefix);
    await this.root.getByTestId('storage-region').fill(s.region);
    await this.root.getByTestId('storage-endpoint').fill(s.endpoint);
  }
}
