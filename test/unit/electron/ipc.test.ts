// Electron is stubbed (vi.mock) because its binary cannot be downloaded or run on this machine.
// The runtime is a fake implementing main/runtime/types.ts Runtime, with the real EventHub.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { silentLogger } from '../../../main/log';
import type { Runtime } from '../../../main/runtime';
import { registerIpc, type IpcBridge } from '../../../main/electron/ipc';
import { FakeBrowserWindow, FakeWebContents, fakeElectron, fakeFrame, resetFakeElectron } from './fake-electron';
import { fakeRuntime } from './fake-runtime';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

let win: FakeBrowserWindow | null;
let runtime: ReturnType<typeof fakeRuntime>;
let bridge: IpcBridge;

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

function start(rt: Promise<Runtime>): IpcBridge {
  return registerIpc({ runtime: rt, getWindow: () => win as unknown as BrowserWindow | null, log: silentLogger });
}

beforeEach(async () => {
  resetFakeElectron();
  win = new FakeBrowserWindow({});
  runtime = fakeRuntime();
  bridge = start(Promise.resolve(runtime));
  await flush();
});

type Sender = { sender: unknown; senderFrame: unknown };
const fromApp = (): Sender => ({ sender: win?.webContents, senderFrame: win?.webContents.mainFrame });

function invoke(sender: Sender, message: unknown): Promise<unknown> {
  const handler = fakeElectron.ipcMain.handlers.get('cloudbank:invoke');
  if (!handler) throw new Error('cloudbank:invoke has no handler');
  return handler(sender, message) as Promise<unknown>;
}

function bind(sender: Sender, token: unknown): void {
  fakeElectron.ipcMain.emit('cloudbank:bind-session', sender, token);
}

const call = { method: 'dashboard.summary', input: { day: '2024-01-01' }, sessionToken: 'tok-1' };
const FORBIDDEN = { ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('refused') } };

describe('cloudbank:invoke', () => {
  it('passes a call from the app main frame to runtime.dispatch as an IPC call from the desktop', async () => {
    await expect(invoke(fromApp(), call)).resolves.toEqual({ ok: true, result: { echoed: 'dashboard.summary' } });
    expect(runtime.dispatch).toHaveBeenCalledExactlyOnceWith({ ...call, transport: 'ipc', origin: 'desktop' });
  });

  it.each<[string, () => Sender]>([
    ['another webContents', () => ({ sender: new FakeWebContents(), senderFrame: win?.webContents.mainFrame })],
    ['a subframe of our window', () => ({ sender: win?.webContents, senderFrame: fakeFrame('app://cloudbank/frame.html', win?.webContents.mainFrame ?? null) })],
    ['a frame that is gone (senderFrame null)', () => ({ sender: win?.webContents, senderFrame: null })],
    ["a main frame that is not our window's", () => ({ sender: win?.webContents, senderFrame: fakeFrame('app://cloudbank/index.html') })],
  ])('refuses %s without calling dispatch', async (_name, sender) => {
    await expect(invoke(sender(), call)).resolves.toEqual(FORBIDDEN);
    expect(runtime.dispatch).not.toHaveBeenCalled();
  });

  it.each(['https://evil.example/', 'app://cloudbank.evil/index.html', 'file:///tmp/x.html', 'about:blank'])('refuses our main frame when it shows %s', async (url) => {
    if (!win) throw new Error('no window');
    win.webContents.mainFrame.url = url;
    await expect(invoke(fromApp(), call)).resolves.toEqual(FORBIDDEN);
    expect(runtime.dispatch).not.toHaveBeenCalled();
  });

  it('refuses when the window is destroyed or there is none', async () => {
    const sender = fromApp();
    if (win) win.destroyed = true;
    await expect(invoke(sender, call)).resolves.toEqual(FORBIDDEN);
    win = null;
    await expect(invoke(sender, call)).resolves.toEqual(FORBIDDEN);
    expect(runtime.dispatch).not.toHaveBeenCalled();
  });

  it.each([null, 'dashboard.summary', { input: {} }, { method: 42, input: {}, sessionToken: null }, { method: 'x', input: {}, sessionToken: 7 }])(
    'answers VALIDATION to a malformed message %j without calling dispatch',
    async (message) => {
      await expect(invoke(fromApp(), message)).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(runtime.dispatch).not.toHaveBeenCalled();
    },
  );

  it('waits for a runtime that is still opening', async () => {
    bridge.dispose();
    let open: (rt: Runtime) => void = () => undefined;
    start(new Promise<Runtime>((r) => (open = r)));
    const pending = invoke(fromApp(), call);
    await flush();
    expect(runtime.dispatch).not.toHaveBeenCalled();
    open(runtime);
    await expect(pending).resolves.toMatchObject({ ok: true });
  });

  it('answers INTERNAL (no stack) when the runtime failed to open', async () => {
    bridge.dispose();
    start(Promise.reject(new Error('disk full at /secret/path')));
    const res = await invoke(fromApp(), call);
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(res)).not.toContain('/secret/path');
  });
});

describe('cloudbank:bind-session and events', () => {
  const expired = { reason: 'idle' };

  it('forwards session events to the window once the app frame binds the session', () => {
    runtime.events.toSession('tok-1', 'session.expired', expired);
    expect(win?.webContents.send).not.toHaveBeenCalled();
    bind(fromApp(), 'tok-1');
    expect(bridge.boundSession()).toBe('tok-1');
    runtime.events.toSession('tok-1', 'session.expired', expired);
    runtime.events.toSession('someone-else', 'session.expired', expired);
    runtime.events.broadcast('data.changed', { tables: ['alerts'] });
    expect(win?.webContents.send).toHaveBeenCalledTimes(2);
    expect(win?.webContents.send).toHaveBeenNthCalledWith(1, 'cloudbank:event', 'session.expired', expired);
    expect(win?.webContents.send).toHaveBeenNthCalledWith(2, 'cloudbank:event', 'data.changed', { tables: ['alerts'] });
  });

  it('ignores a bind from a foreign sender or frame, and non-string tokens', () => {
    bind({ sender: new FakeWebContents(), senderFrame: win?.webContents.mainFrame }, 'tok-evil');
    bind({ sender: win?.webContents, senderFrame: fakeFrame('app://cloudbank/x', win?.webContents.mainFrame ?? null) }, 'tok-evil');
    bind(fromApp(), { token: 'x' });
    expect(bridge.boundSession()).toBeNull();
  });

  it('unbinds with null and on resetSession', () => {
    bind(fromApp(), 'tok-1');
    bind(fromApp(), null);
    expect(bridge.boundSession()).toBeNull();
    bind(fromApp(), 'tok-1');
    bridge.resetSession();
    runtime.events.toSession('tok-1', 'session.expired', expired);
    expect(win?.webContents.send).not.toHaveBeenCalled();
  });

  it('does not push to a window that shows another origin', () => {
    bind(fromApp(), 'tok-1');
    if (win) win.webContents.mainFrame.url = 'https://evil.example/';
    runtime.events.toSession('tok-1', 'session.expired', expired);
    expect(win?.webContents.send).not.toHaveBeenCalled();
  });

  it('dispose removes the handler, the listener and the subscription', () => {
    expect(runtime.events.size).toBe(1);
    bridge.dispose();
    expect(runtime.events.size).toBe(0);
    expect(fakeElectron.ipcMain.handlers.has('cloudbank:invoke')).toBe(false);
    expect(fakeElectron.ipcMain.listenerCount('cloudbank:bind-session')).toBe(0);
  });
});
