// Electron is stubbed (vi.mock) because its binary cannot be downloaded or run on this machine: the
// test drives main.ts as an installed app started by the OS (packaged, no --js-flags on its command line).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAIN_PROCESS_JS_FLAGS, RELAUNCHED_ENV, relaunchArgsForJsFlags } from '../../../main/electron/main-process-flags';
import { FakeBrowserWindow, fakeElectron, resetFakeElectron } from './fake-electron';

const openRuntime = vi.hoisted(() => vi.fn());
vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);
vi.mock('../../../main/runtime', () => ({ openRuntime }));

const EXE = '/opt/CloudBank Analytics/cloudbank-analytics';

describe('relaunchArgsForJsFlags', () => {
  it('adds the flags when the command line has none, keeping the other arguments in order', () => {
    expect(relaunchArgsForJsFlags([EXE, '--disable-gpu', 'file.txt'], {})).toEqual(['--js-flags=--no-memory-reducer', '--disable-gpu', 'file.txt']);
  });

  it('merges them into a --js-flags the user gave (Chromium reads one), keeping the user’s flags', () => {
    expect(relaunchArgsForJsFlags([EXE, '--js-flags=--max-old-space-size=4096', '-x'], {})).toEqual(['--js-flags=--max-old-space-size=4096 --no-memory-reducer', '-x']);
  });

  it('asks for nothing when the flags are already there (npm start passes them)', () => {
    expect(relaunchArgsForJsFlags([EXE, `--js-flags=${MAIN_PROCESS_JS_FLAGS.join(' ')}`, '/repo'], {})).toBeNull();
    expect(relaunchArgsForJsFlags([EXE, '--js-flags=--expose-gc --no-memory-reducer'], {})).toBeNull();
  });

  it('never relaunches twice: a relaunched process without the flags runs as it is', () => {
    expect(relaunchArgsForJsFlags([EXE], { [RELAUNCHED_ENV]: '1' })).toBeNull();
  });
});

describe('main.ts started by the OS as an installed app', () => {
  const argv = process.argv;
  beforeAll(async () => {
    resetFakeElectron();
    fakeElectron.app.isPackaged = true;
    process.argv = [EXE, '--some-switch'];
    delete process.env[RELAUNCHED_ENV];
    await import('../../../main/electron/main');
  });
  afterAll(() => {
    process.argv = argv;
    delete process.env[RELAUNCHED_ENV];
  });

  it('starts itself again with the V8 flags and exits before taking the lock or opening anything', () => {
    expect(fakeElectron.app.relaunch).toHaveBeenCalledExactlyOnceWith({ args: ['--js-flags=--no-memory-reducer', '--some-switch'] });
    expect(fakeElectron.app.exit).toHaveBeenCalledExactlyOnceWith(0);
    expect(process.env[RELAUNCHED_ENV]).toBe('1');
    expect(fakeElectron.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    fakeElectron.app.emitReady();
    expect(openRuntime).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});
