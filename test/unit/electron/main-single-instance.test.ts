// Electron is stubbed (vi.mock) because its binary cannot be downloaded or run on this machine.
import { beforeAll, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeElectron, resetFakeElectron } from './fake-electron';

const openRuntime = vi.hoisted(() => vi.fn());
vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);
vi.mock('../../../main/runtime', () => ({ openRuntime }));

beforeAll(async () => {
  resetFakeElectron();
  fakeElectron.app.requestSingleInstanceLock.mockReturnValue(false);
  await import('../../../main/electron/main');
  fakeElectron.app.emitReady();
  await new Promise((r) => setImmediate(r));
});

it('a second instance quits at once and opens neither the runtime nor a window', () => {
  expect(fakeElectron.app.quit).toHaveBeenCalledOnce();
  expect(openRuntime).not.toHaveBeenCalled();
  expect(FakeBrowserWindow.instances).toHaveLength(0);
  expect(fakeElectron.ipcMain.handlers.size).toBe(0);
});
