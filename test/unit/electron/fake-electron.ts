/**
 * A stand-in for the `electron` module. Electron's binary cannot be downloaded or run on this
 * machine (see DESIGN.md §9), so the shell's unit tests replace the module with these fakes via
 * `vi.mock('electron', …)` and drive the handlers the shell registers on them. One instance per
 * test file (vitest isolates files); call `resetFakeElectron()` in beforeEach.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export interface FakeFrame {
  url: string;
  origin: string;
  parent: FakeFrame | null;
  frameTreeNodeId: number;
}

let nextFrameId = 1;
export function fakeFrame(url: string, parent: FakeFrame | null = null): FakeFrame {
  let origin = 'null';
  try {
    const u = new URL(url);
    origin = `${u.protocol}//${u.host}`;
  } catch {
    // keep "null", like Chromium for opaque origins
  }
  return { url, origin, parent, frameTreeNodeId: nextFrameId++ };
}

type OpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  mainFrame: FakeFrame = fakeFrame('app://cloudbank/index.html');
  openHandler: OpenHandler | null = null;
  readonly send = vi.fn();
  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances;
  }
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  destroyed = false;
  minimized = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
}

type Listener = (...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, fn: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

/** Reversible and visibly not plaintext; `available`/`backend` simulate the machine's keychain. */
export const fakeSafeStorage = {
  available: true,
  backend: 'gnome_libsecret' as 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown',
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  getSelectedStorageBackend() {
    return this.backend;
  },
  encryptString(plain: string): Buffer {
    return Buffer.concat([Buffer.from('KEYCHAIN'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]);
  },
  decryptString(sealed: Buffer): string {
    if (!sealed.subarray(0, 8).equals(Buffer.from('KEYCHAIN'))) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(sealed.subarray(8).map((b) => b ^ 0x5a)).toString('utf8');
  },
};

class FakeApp extends EventEmitter {
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly relaunch = vi.fn();
  readonly enableSandbox = vi.fn();
  readonly getPath = vi.fn((name: string) => `/fake/${name}`);
  isPackaged = false;
  private ready: () => void = () => undefined;
  private readyPromise = new Promise<void>((r) => (this.ready = r));
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  isReady(): boolean {
    return true;
  }
  /** Test hook: fire `ready`. */
  emitReady(): void {
    this.ready();
  }
  resetReady(): void {
    this.readyPromise = new Promise<void>((r) => (this.ready = r));
  }
}

/** Electron's main-process Notification: records what was shown; `click()` stands in for the user's click. */
export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  readonly show = vi.fn();
  constructor(readonly options: { title?: string; body?: string; urgency?: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  click(): void {
    this.emit('click');
  }
}

export const fakeElectron = {
  Notification: FakeNotification,
  app: new FakeApp(),
  BrowserWindow: FakeBrowserWindow,
  ipcMain: new FakeIpcMain(),
  ipcRenderer: Object.assign(new EventEmitter(), { invoke: vi.fn(async (_channel: string, _message: unknown): Promise<unknown> => ({ ok: true, result: null })), send: vi.fn() }),
  contextBridge: { exposeInMainWorld: vi.fn() },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  shell: { openExternal: vi.fn(async (_url: string) => undefined) },
  session: {
    defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn(), webRequest: { onHeadersReceived: vi.fn() } },
  },
  dialog: { showMessageBox: vi.fn(async () => ({ response: 1, checkboxChecked: false })), showErrorBox: vi.fn() },
  safeStorage: fakeSafeStorage,
};

export function resetFakeElectron(): void {
  FakeNotification.instances = [];
  FakeNotification.supported = true;
  vi.clearAllMocks();
  FakeBrowserWindow.instances = [];
  fakeElectron.ipcMain.handlers.clear();
  fakeElectron.ipcMain.removeAllListeners();
  fakeElectron.ipcRenderer.removeAllListeners();
  fakeElectron.app.removeAllListeners();
  fakeElectron.app.resetReady();
  fakeElectron.app.requestSingleInstanceLock.mockReturnValue(true);
  fakeElectron.app.isPackaged = false;
  fakeSafeStorage.available = true;
  fakeSafeStorage.backend = 'gnome_libsecret';
}

/** An Electron-style navigation event: the listener reads `url` and may call preventDefault. */
export function navigationEvent(url: string): { url: string; preventDefault: () => void; defaultPrevented: boolean } {
  const ev = {
    url,
    defaultPrevented: false,
    preventDefault() {
      ev.defaultPrevented = true;
    },
  };
  return ev;
}
