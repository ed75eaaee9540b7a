import { app } from 'electron';
import electronUpdater from 'electron-updater';
import type { Logger } from '../log';

/** How often a running workstation looks for a new release (besides at start). */
const CHECK_EVERY_MS = 4 * 60 * 60_000;

/**
 * Keeps an installed workstation current with electron-updater: the feed is the release bucket's
 * HTTPS address baked in at packaging (electron-builder.yml publish → app-update.yml); updates are
 * signed installers, verified by electron-updater against the publisher (Windows) or the code
 * signature (macOS) before they are installed on quit. Nothing happens in development runs, or when
 * the bank's desktop management turns it off (CLOUDBANK_DISABLE_AUTO_UPDATE=1) to push releases itself.
 */
export function startAutoUpdate(log: Logger): void {
  if (!app.isPackaged || process.env.CLOUDBANK_DISABLE_AUTO_UPDATE === '1') return;
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  // Never downgrade, never take pre-releases: what runs at a bank is what was released.
  autoUpdater.allowDowngrade = false;
  autoUpdater.allowPrerelease = false;
  autoUpdater.on('update-downloaded', (info) => log.info('update downloaded; it installs when the app quits', { version: info.version }));
  autoUpdater.on('error', (e) => log.warn('update check failed', { error: e instanceof Error ? e.message : String(e) }));
  const check = (): void => {
    autoUpdater.checkForUpdates().catch((e: unknown) => log.warn('update check failed', { error: e instanceof Error ? e.message : String(e) }));
  };
  check();
  setInterval(check, CHECK_EVERY_MS).unref();
}
