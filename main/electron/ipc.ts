import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS, type InvokeMessage } from '../../shared/bridge';
import type { ApiResult } from '../../shared/errors';
import type { Logger } from '../log';
import type { Runtime } from '../runtime';
import { isAppUrl } from './origin';

export interface IpcBridgeOptions {
  /** Resolves once the runtime is open; calls made before that simply wait for it. */
  runtime: Promise<Runtime>;
  /** The one app window, or null while there is none. */
  getWindow: () => BrowserWindow | null;
  log: Logger;
}

export interface IpcBridge {
  /** The session token the window said it holds; session-scoped events go to it. */
  boundSession(): string | null;
  /** Forget the bound session (the window closed or reloaded without it). */
  resetSession(): void;
  dispose(): void;
}

/**
 * Only the main frame of our own window, showing app://cloudbank, may talk to the runtime. An
 * iframe, another window, or our window after it somehow left the app origin is refused.
 */
export function isTrustedSender(event: IpcMainEvent | IpcMainInvokeEvent, win: BrowserWindow | null): boolean {
  if (win === null || win.isDestroyed()) return false;
  const contents = win.webContents;
  if (event.sender !== contents) return false;
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  if (frame.frameTreeNodeId !== contents.mainFrame.frameTreeNodeId) return false;
  return isAppUrl(frame.url);
}

function parseInvokeMessage(message: unknown): InvokeMessage | null {
  if (typeof message !== 'object' || message === null) return null;
  const { method, input, sessionToken } = message as Record<string, unknown>;
  if (typeof method !== 'string') return null;
  if (sessionToken !== null && typeof sessionToken !== 'string') return null;
  return { method, input, sessionToken };
}

const REFUSED: ApiResult<unknown> = { ok: false, error: { code: 'FORBIDDEN', message: 'This request did not come from the CloudBank window and was refused.' } };
const MALFORMED: ApiResult<unknown> = { ok: false, error: { code: 'VALIDATION', message: 'The call was malformed (expected a method name, an input and a session token).' } };
const NOT_STARTED: ApiResult<unknown> = { ok: false, error: { code: 'INTERNAL', message: 'The application did not start correctly. The details are in the application log.' } };

/** Wires the preload's three calls to the runtime. No business logic: the dispatcher decides. */
export function registerIpc({ runtime, getWindow, log }: IpcBridgeOptions): IpcBridge {
  let bound: string | null = null;
  const refuse = (event: IpcMainEvent | IpcMainInvokeEvent, channel: string): void =>
    // The frame's origin only: its full URL could carry a query string worth keeping out of logs.
    log.warn('refused IPC from an untrusted sender', { channel, origin: event.senderFrame?.origin ?? null });

  ipcMain.handle(IPC_CHANNELS.invoke, async (event, message: unknown): Promise<ApiResult<unknown>> => {
    if (!isTrustedSender(event, getWindow())) {
      refuse(event, IPC_CHANNELS.invoke);
      return REFUSED;
    }
    const call = parseInvokeMessage(message);
    if (call === null) return MALFORMED;
    let rt: Runtime;
    try {
      rt = await runtime;
    } catch {
      return NOT_STARTED; // main.ts already logged why and told the user.
    }
    return rt.dispatch({ ...call, transport: 'ipc', origin: 'desktop' });
  });

  const onBind = (event: IpcMainEvent, token: unknown): void => {
    if (!isTrustedSender(event, getWindow())) return refuse(event, IPC_CHANNELS.bindSession);
    if (token === null || typeof token === 'string') bound = token;
  };
  ipcMain.on(IPC_CHANNELS.bindSession, onBind);

  let unsubscribe: (() => void) | null = null;
  let disposed = false;
  runtime.then(
    (rt) => {
      if (disposed) return;
      unsubscribe = rt.events.subscribe(
        (event, payload) => {
          const win = getWindow();
          // Never push to a window that is gone or, against all guards, shows another origin.
          if (win === null || win.isDestroyed() || !isAppUrl(win.webContents.getURL())) return;
          win.webContents.send(IPC_CHANNELS.event, event, payload);
        },
        () => bound,
      );
    },
    () => undefined, // the invoke handler reports a failed start; nothing to subscribe to.
  );

  return {
    boundSession: () => bound,
    resetSession: () => {
      bound = null;
    },
    dispose: () => {
      disposed = true;
      unsubscribe?.();
      ipcMain.removeHandler(IPC_CHANNELS.invoke);
      ipcMain.removeListener(IPC_CHANNELS.bindSession, onBind);
    },
  };
}
