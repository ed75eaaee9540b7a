import type { CloudBankBridge } from './bridge';
import { checkEvent } from './event-message';
import type { RendererTransport } from './transport';

/** Electron edition: every call and event goes through the preload bridge (IPC), which is always connected. */
export function createElectronTransport(bridge: CloudBankBridge): RendererTransport {
  return {
    kind: 'electron',
    invoke: (method, input, sessionToken) => bridge.invoke(method, input, sessionToken),
    subscribe: (listener) =>
      bridge.onEvent((name, payload) => {
        const checked = checkEvent(name, payload);
        if (checked) listener(checked.event, checked.payload);
      }),
    bindSession: (token) => bridge.bindSession(token),
    onStatus: (listener) => {
      listener('open');
      return () => undefined;
    },
  };
}
