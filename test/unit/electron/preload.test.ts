// Electron is stubbed (vi.mock) because its binary cannot be downloaded or run on this machine.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CloudbankBridge } from '../../../shared/bridge';
import { fakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

let exposedName: unknown;
let bridge: CloudbankBridge;

beforeAll(async () => {
  await import('../../../preload/index');
  expect(fakeElectron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
  const [name, api] = fakeElectron.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, CloudbankBridge];
  exposedName = name;
  bridge = api;
});

beforeEach(() => {
  fakeElectron.ipcRenderer.invoke.mockClear();
  fakeElectron.ipcRenderer.send.mockClear();
  fakeElectron.ipcRenderer.removeAllListeners();
});

describe('preload bridge', () => {
  it('exposes exactly one frozen object, window.cloudbank, with exactly invoke, onEvent and bindSession', () => {
    expect(exposedName).toBe('cloudbank');
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Reflect.ownKeys(bridge).sort()).toEqual(['bindSession', 'invoke', 'onEvent']);
    for (const key of ['bindSession', 'invoke', 'onEvent'] as const) expect(typeof bridge[key]).toBe('function');
    // Nothing of Electron rides along: the prototype is a plain object's.
    expect(Object.getPrototypeOf(bridge)).toBe(Object.prototype);
  });

  it('invoke sends {method, input, sessionToken} on cloudbank:invoke and returns the main process answer', async () => {
    fakeElectron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: 42 });
    await expect(bridge.invoke('dashboard.summary', { a: 1 }, 'tok')).resolves.toEqual({ ok: true, result: 42 });
    expect(fakeElectron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith('cloudbank:invoke', { method: 'dashboard.summary', input: { a: 1 }, sessionToken: 'tok' });
  });

  it('onEvent passes only (event, payload) to the page, never the IpcRendererEvent', () => {
    const listener = vi.fn();
    bridge.onEvent(listener);
    const ipcEvent = { sender: fakeElectron.ipcRenderer, senderId: 0 };
    fakeElectron.ipcRenderer.emit('cloudbank:event', ipcEvent, 'data.changed', { tables: ['alerts'] });
    expect(listener).toHaveBeenCalledOnce();
    expect(listener.mock.calls[0]).toEqual(['data.changed', { tables: ['alerts'] }]);
    expect(listener.mock.calls[0]).toHaveLength(2);
  });

  it('onEvent returns an unsubscribe that removes its own listener only', () => {
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.onEvent(a);
    bridge.onEvent(b);
    expect(fakeElectron.ipcRenderer.listenerCount('cloudbank:event')).toBe(2);
    offA();
    expect(fakeElectron.ipcRenderer.listenerCount('cloudbank:event')).toBe(1);
    fakeElectron.ipcRenderer.emit('cloudbank:event', {}, 'session.expired', { reason: 'idle' });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledOnce();
  });

  it('onEvent refuses a non-function listener', () => {
    expect(() => bridge.onEvent('nope' as unknown as () => void)).toThrow(TypeError);
  });

  it('bindSession sends the token on cloudbank:bind-session', () => {
    bridge.bindSession('tok');
    bridge.bindSession(null);
    expect(fakeElectron.ipcRenderer.send.mock.calls).toEqual([
      ['cloudbank:bind-session', 'tok'],
      ['cloudbank:bind-session', null],
    ]);
  });

  it('bundles (as scripts/build-main.mjs does) to a script that requires only electron', async () => {
    // A sandboxed preload can require nothing but 'electron'; zod or Node modules would break it.
    const out = await build({
      entryPoints: [fileURLToPath(new URL('../../../preload/index.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]?.text ?? '';
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
  });
});
