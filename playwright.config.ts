import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium here and in CI (`npx playwright install` cannot download browsers on these machines);
// on a desktop without it, set CHROMIUM_PATH or let Playwright use its own browser.
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/support/global-setup.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // Budgets are about six times a flow's time alone on a quiet 2-core machine: CI ran the same tests two to
  // five times slower than a quiet run and found three 20–30 s flows past the old 60 s.
  timeout: 180_000,
  expect: { timeout: 25_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
});
