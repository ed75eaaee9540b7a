import type { ApiResult } from './errors';

/**
 * The one object the Electron preload puts on `window.cloudbank`. The renderer types its Electron
 * transport with this; the browser edition provides the same calls over HTTP + WebSocket.
 */
export interface CloudbankBridge {
  /** Calls a contract method; the main process authenticates, checks permission and validates. */
  invoke(method: string, input: unknown, sessionToken: string | null): Promise<ApiResult<unknown>>;
  /** Receives push events (see shared/events.ts). Returns the unsubscribe function. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  /** Tells the main process which session this window holds, so session-scoped events reach it. */
  bindSession(token: string | null): void;
}

/** Name of the global the preload exposes (`window.cloudbank`). */
export const BRIDGE_GLOBAL = 'cloudbank';

/** IPC channel names; the preload and main/electron must agree on them, so they live in one place. */
export const IPC_CHANNELS = { invoke: 'cloudbank:invoke', event: 'cloudbank:event', bindSession: 'cloudbank:bind-session' } as const;

/** The payload the preload sends on `cloudbank:invoke`. */
export interface InvokeMessage {
  method: string;
  input: unknown;
  sessionToken: string | null;
}
