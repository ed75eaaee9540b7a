import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, IPC_CHANNELS, type CloudbankBridge, type InvokeMessage } from '../shared/bridge';

/**
 * Runs sandboxed, before the page, in an isolated world. The page gets exactly these three calls
 * and nothing of Electron or Node: no ipcRenderer (it could send on any channel), and never the
 * IpcRendererEvent (its `sender` is ipcRenderer itself).
 */
const bridge: CloudbankBridge = {
  invoke(method, input, sessionToken) {
    const message: InvokeMessage = { method, input, sessionToken };
    return ipcRenderer.invoke(IPC_CHANNELS.invoke, message);
  },
  onEvent(listener) {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a listener function.');
    const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(IPC_CHANNELS.event, forward);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.event, forward);
    };
  },
  bindSession(token) {
    ipcRenderer.send(IPC_CHANNELS.bindSession, token);
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, Object.freeze(bridge));
