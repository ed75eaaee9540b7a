import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';

// Fixed look: light scheme first, a desktop-sized window, the same zone and locale as the figures tests.
test.use({ colorScheme: 'light', viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'Europe/Prague' });

/** Saved for people to look at (test-results/screenshots/), not compared pixel by pixel. */
async function save(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  // No hover effects or tooltips from the last click in the picture.
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready.then(() => true));
  const path = join(testInfo.project.outputDir, 'screenshots', `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('screenshot: sign-in page', async ({ app }, testInfo) => {
  await app.signIn.open();
  await expect(app.signIn.demoUsers).toHaveCount(6);
  await expect(app.signIn.bankName).not.toBeEmpty();
  await save(app.page, testInfo, 'signin');
});

test('screenshots: dashboard in light and dark theme', async ({ app }, testInfo) => {
  const { shell, dashboard } = app;
  await app.signInAs('analyst');
  await shell.setTheme('light');
  await dashboard.waitLoaded();
  await expect(shell.connection).toHaveAttribute('data-status', 'open');
  await expect(dashboard.kpiLoading).toBeHidden();
  await dashboard.waitChartSettled();
  await save(app.page, testInfo, 'dashboard-light');

  await shell.setTheme('dark');
  await dashboard.waitChartSettled();
  await save(app.page, testInfo, 'dashboard-dark');
});
