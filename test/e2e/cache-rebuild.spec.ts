import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { App } from './pages/App';
import { copyTemplate, serveDataDir, templateDir, type E2eServer } from './support/server';
import { saveScreenshot } from './support/screenshot';

test.use({ locale: 'en-US', timezoneId: 'Europe/Prague' });

/**
 * Issue 14, faults, as a person meets them: the workstation's cache file is damaged while it is closed.
 * The next start does not fail: the Sync & cache screen says the cache is copied again and where the
 * damaged file was kept, and the copy reaches live.
 */
test('a damaged cache: the workstation starts, says it copies the bank again, and reaches live', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'cloudbank-e2e-rebuild-'));
  let server: E2eServer | null = null;
  try {
    copyTemplate(templateDir(), dataDir);
    server = await serveDataDir(dataDir);
    let app = new App(page, server);
    await app.signInAs('teller');
    await app.shell.goTo('settings/sync');
    await expect(app.sync.state).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
    await expect(page.getByTestId('sync-rebuild-notice')).toHaveCount(0);
    await server.stop();
    server = null;

    // The first pages of the encrypted cache overwritten, as a failing disk or a stray write would.
    const fd = openSync(join(dataDir, 'cache.db'), 'r+');
    try {
      writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 0);
    } finally {
      closeSync(fd);
    }

    server = await serveDataDir(dataDir);
    app = new App(page, server);
    await app.signInAs('teller');
    await app.shell.goTo('settings/sync');
    const notice = page.getByTestId('sync-rebuild-notice');
    await expect(notice).toContainText('The local cache could not be read');
    const aside = readdirSync(dataDir).find((f) => f.startsWith('cache.db.damaged-'));
    expect(aside).toBeDefined();
    await expect(notice).toContainText(aside as string);
    await expect(app.sync.state).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
    await saveScreenshot(page, testInfo, 'sync-cache-rebuilt');
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
