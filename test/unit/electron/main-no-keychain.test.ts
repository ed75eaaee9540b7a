// Electron is stubbed (vi.mock) because its binary cannot be downloaded or run on this machine.
import { beforeAll, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeElectron, fakeSafeStorage, resetFakeElectron } from './fake-electron';

const openRuntime = vi.hoisted(() => vi.fn());
vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);
vi.mock('../../../main/runtime', () => ({ openRuntime }));

beforeAll(async () => {
  resetFakeElectron();
  fakeSafeStorage.backend = 'basic_text';
  await import('../../../main/electron/main');
  fakeElectron.app.emitReady();
  await new Promise((r) => setImmediate(r));
});

it('without a keychain, asks; on Quit it never opens the runtime with weakly protected secrets', () => {
  expect(fakeElectron.dialog.showMessageBox).toHaveBeenCalledOnce();
  expect(fakeElectron.app.quit).toHaveBeenCalledOnce();
  expect(openRuntime).not.toHaveBeenCalled();
  expect(FakeBrowserWindow.instances).toHaveLength(0);
});
