// Electron is stubbed (vi.mock) because its binary cannot be downloaded or run on this machine;
// the runtime is a fake too. This drives main.ts through start-up as Electron would.
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeElectron, resetFakeElectron } from './fake-electron';
import { fakeRuntime } from './fake-runtime';

const runtime = fakeRuntime();
const openRuntime = vi.hoisted(() => vi.fn());

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);
vi.mock('../../../main/runtime', () => ({ openRuntime }));

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

beforeAll(async () => {
  resetFakeElectron();
  openRuntime.mockResolvedValue(runtime);
  await import('../../../main/electron/main');
});

describe('main.ts', () => {
  it('before ready: sandboxes every renderer, registers the app scheme, takes the single-instance lock, opens nothing', () => {
    expect(fakeElectron.app.enableSandbox).toHaveBeenCalledOnce();
    expect(fakeElectron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    expect(fakeElectron.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(openRuntime).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('on ready: hardens the session, serves app://, opens the runtime with the keychain store, opens the window', async () => {
    fakeElectron.app.emitReady();
    await flush();
    const ses = fakeElectron.session.defaultSession;
    expect(ses.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(ses.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    expect(fakeElectron.protocol.handle).toHaveBeenCalledExactlyOnceWith('app', expect.any(Function));
    expect(openRuntime).toHaveBeenCalledOnce();
    const opts = openRuntime.mock.calls[0]?.[0] as { dataDir: string; secrets: { kind: string } };
    expect(opts.dataDir).toBe('/fake/userData');
    expect(opts.secrets.kind).toBe('os-keychain');
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const prefs = FakeBrowserWindow.instances[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String(prefs.preload).endsWith(join('preload', 'preload.cjs'))).toBe(true);
  });

  it('wires the window to the runtime over IPC', async () => {
    const win = FakeBrowserWindow.instances[0];
    const handler = fakeElectron.ipcMain.handlers.get('cloudbank:invoke');
    if (!win || !handler) throw new Error('not started');
    const res = await handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, { method: 'auth.status', input: {}, sessionToken: null });
    expect(res).toMatchObject({ ok: true });
    expect(runtime.dispatch).toHaveBeenCalledWith(expect.objectContaining({ method: 'auth.status', transport: 'ipc', origin: 'desktop' }));
  });

  it('forbids <webview> in any webContents', () => {
    const contents = new (FakeBrowserWindow.instances[0]?.webContents.constructor as new () => import('./fake-electron').FakeWebContents)();
    fakeElectron.app.emit('web-contents-created', {}, contents);
    const ev = {
      defaultPrevented: false,
      preventDefault() {
        ev.defaultPrevented = true;
      },
    };
    contents.emit('will-attach-webview', ev, {}, {});
    expect(ev.defaultPrevented).toBe(true);
  });

  it('focuses the existing window when a second instance starts', () => {
    fakeElectron.app.emit('second-instance');
    expect(FakeBrowserWindow.instances[0]?.focus).toHaveBeenCalledOnce();
  });

  it('closes the runtime before quitting', async () => {
    const ev = {
      defaultPrevented: false,
      preventDefault() {
        ev.defaultPrevented = true;
      },
    };
    fakeElectron.app.emit('will-quit', ev);
    expect(ev.defaultPrevented).toBe(true);
    await flush();
    expect(runtime.close).toHaveBeenCalledOnce();
    expect(fakeElectron.app.quit).toHaveBeenCalledOnce();
    // The second will-quit (from that app.quit) goes through.
    const again = {
      defaultPrevented: false,
      preventDefault() {
        again.defaultPrevented = true;
      },
    };
    fakeElectron.app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });
});
