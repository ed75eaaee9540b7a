import { app, dialog, Notification, session, type BrowserWindow } from 'electron';
import { consoleLogger } from '../log';
import { openRuntime, type Runtime } from '../runtime';
import { startAutoUpdate } from './auto-update';
import { enforceSecurityHeaders } from './csp';
import { registerIpc, type IpcBridge } from './ipc';
import { startMonitorNotifications } from './monitor-notifications';
import { shellPaths } from './paths';
import { denyPermissions } from './permissions';
import { MAIN_PROCESS_JS_FLAGS, RELAUNCHED_ENV, relaunchArgsForJsFlags } from './main-process-flags';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { chooseSecretStore } from './secret-store-choice';
import { createMainWindow } from './window';

/**
 * Electron entry (bundled to dist/electron/main.cjs). It only wires Electron to the runtime:
 * every method, permission and event is the runtime's business.
 */
const log = consoleLogger('desktop');
const paths = shellPaths(__dirname);

// An installed app started by the OS has no --js-flags: start once more with them before anything
// opens (the new process is launched as this one exits, so it can take the single-instance lock).
const relaunchArgs = app.isPackaged ? relaunchArgsForJsFlags(process.argv, process.env) : null;

// Both must happen before `ready`: Chromium fixes its scheme list and sandbox policy at startup.
// enableSandbox makes every renderer sandboxed, even one created without our webPreferences.
app.enableSandbox();
registerAppScheme();

// Two instances would open the same encrypted cache and demo bank; the first one owns them.
if (relaunchArgs !== null) {
  log.info('starting again with the main process V8 flags', { flags: MAIN_PROCESS_JS_FLAGS.join(' ') });
  process.env[RELAUNCHED_ENV] = '1';
  app.relaunch({ args: relaunchArgs });
  app.exit(0);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  startShell();
}

function startShell(): void {
  let win: BrowserWindow | null = null;
  let ipc: IpcBridge | null = null;
  let runtime: Runtime | null = null;
  let closing = false;
  let stopNotifications: (() => void) | null = null;

  const openWindow = (): void => {
    const created = createMainWindow({ preloadPath: paths.preload, allowDevTools: !app.isPackaged, log });
    created.on('closed', () => {
      win = null;
      // A new window (macOS dock click) starts signed out; it must not receive the old session's events.
      ipc?.resetSession();
    });
    win = created;
  };

  app.on('second-instance', () => {
    if (win === null) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  // Defence in depth: no webContents in this app may ever attach a <webview>.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && ipc !== null && win === null) openWindow();
  });

  // Close the runtime (cache writer, database pools) before the process goes away.
  app.on('will-quit', (event) => {
    if (closing || runtime === null) return;
    event.preventDefault();
    closing = true;
    stopNotifications?.();
    ipc?.dispose();
    runtime
      .close()
      .catch((e: unknown) => log.error('runtime did not close cleanly', { error: String(e) }))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(async () => {
      denyPermissions(session.defaultSession);
      enforceSecurityHeaders(session.defaultSession);
      handleAppProtocol(paths.renderer);
      const secrets = await chooseSecretStore(log);
      if (secrets === null) return app.quit();
      // Promise.resolve().then: a synchronous throw from openRuntime becomes a rejection here too.
      const opening: Promise<Runtime> = Promise.resolve().then(() =>
        openRuntime({
          // `cloudbank start --data-dir` passes its folder through the environment.
          dataDir: process.env.CLOUDBANK_DATA_DIR ?? app.getPath('userData'),
          secrets,
          log,
          onProgress: (message) => log.info(message),
          // Told in a window, not only logged: e.g. that an earlier version's plaintext bank was just encrypted.
          onNotice: (message) => {
            log.warn(message);
            void dialog.showMessageBox({
              type: 'info',
              title: 'CloudBank Analytics',
              message: 'Your local bank data is now encrypted',
              detail: message,
              buttons: ['OK'],
              noLink: true,
            });
          },
        }),
      );
      // The window opens at once; its first calls wait for the runtime (first start builds the demo bank).
      ipc = registerIpc({ runtime: opening, getWindow: () => win, log });
      const bridge = ipc;
      stopNotifications = startMonitorNotifications({ runtime: opening, boundSession: () => bridge.boundSession(), getWindow: () => win, Notification, log });
      openWindow();
      runtime = await opening;
      log.info('runtime ready', { mode: runtime.info.mode, source: runtime.info.source });
      startAutoUpdate(log);
    })
    .catch((e: unknown) => {
      log.error('could not start', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      dialog.showErrorBox('CloudBank Analytics could not start', e instanceof Error ? e.message : String(e));
      app.exit(1);
    });
}
