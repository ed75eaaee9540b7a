import { expect, test } from './fixtures';
import { saveScreenshot } from './support/screenshot';

// Fixed look: light scheme first, a desktop-sized window, the same zone and locale as the figures tests.
test.use({ colorScheme: 'light', viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'Europe/Prague' });

test('screenshot: sign-in page', async ({ app }, testInfo) => {
  await app.signIn.open();
  await expect(app.signIn.demoUsers).toHaveCount(6);
  await expect(app.signIn.bankName).not.toBeEmpty();
  await saveScreenshot(app.page, testInfo, 'signin');
});

test('screenshots: dashboard in light and dark theme', async ({ app }, testInfo) => {
  const { shell, dashboard } = app;
  await app.signInAs('analyst');
  await shell.setTheme('light');
  await dashboard.waitLoaded();
  await expect(shell.connection).toHaveAttribute('data-status', 'open');
  await expect(dashboard.kpiLoading).toBeHidden();
  await dashboard.waitChartSettled();
  await saveScreenshot(app.page, testInfo, 'dashboard-light');

  await shell.setTheme('dark');
  await dashboard.waitChartSettled();
  await saveScreenshot(app.page, testInfo, 'dashboard-dark');
});
