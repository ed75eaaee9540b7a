// Electron is stubbed (vi.mock) because its binary cannot be downloaded or run on this machine.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../main/log';
import { createMainWindow } from '../../../main/electron/window';
import { FakeBrowserWindow, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

beforeEach(resetFakeElectron);

function open(allowDevTools: boolean): FakeBrowserWindow {
  createMainWindow({ preloadPath: '/app/dist/preload/preload.cjs', allowDevTools, log: silentLogger });
  const win = FakeBrowserWindow.instances[0];
  if (!win) throw new Error('no window was created');
  return win;
}

describe('main window', () => {
  it('uses exactly the hardened webPreferences', () => {
    expect(open(false).options.webPreferences).toStrictEqual({
      preload: '/app/dist/preload/preload.cjs',
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
      spellcheck: false,
      devTools: false,
    });
  });

  it('allows DevTools only when asked (unpackaged builds)', () => {
    expect(open(true).options.webPreferences).toMatchObject({ devTools: true, contextIsolation: true, sandbox: true, nodeIntegration: false });
  });

  it('loads the app from app://cloudbank and shows only when painted', () => {
    const win = open(false);
    expect(win.loadURL).toHaveBeenCalledExactlyOnceWith('app://cloudbank/index.html');
    expect(win.options.show).toBe(false);
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledOnce();
  });

  it('installs the navigation guard on its contents', () => {
    const win = open(false);
    expect(win.webContents.openHandler).not.toBeNull();
    expect(win.webContents.listenerCount('will-navigate')).toBe(1);
    expect(win.webContents.listenerCount('will-redirect')).toBe(1);
    expect(win.webContents.listenerCount('will-attach-webview')).toBe(1);
  });
});
