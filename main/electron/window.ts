import { BrowserWindow, type WebPreferences } from 'electron';
import type { Logger } from '../log';
import { guardNavigation } from './navigation-guard';
import { APP_ENTRY_URL } from './origin';

/**
 * The renderer gets no Node, runs in Chromium's sandbox in an isolated world, and sees main only
 * through the preload's one bridge object. Every flag is spelled out, defaults included, so a
 * change of Electron default cannot loosen them silently and the test can assert the full set.
 */
export function mainWindowWebPreferences(preloadPath: string, allowDevTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // On Linux the spellchecker downloads dictionaries from Google; a bank workstation should not.
    spellcheck: false,
    // Packaged builds ship without DevTools: they would let anyone at the desk script the page.
    devTools: allowDevTools,
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  allowDevTools: boolean;
  log: Logger;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    title: 'CloudBank Analytics',
    // Shown on ready-to-show so the analyst never sees a white flash before the dark UI paints.
    show: false,
    backgroundColor: '#1a1b1e',
    autoHideMenuBar: true,
    webPreferences: mainWindowWebPreferences(options.preloadPath, options.allowDevTools),
  });
  guardNavigation(win.webContents, { log: options.log });
  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_ENTRY_URL).catch((e: unknown) => options.log.error('could not load the app page', { error: String(e) }));
  return win;
}
