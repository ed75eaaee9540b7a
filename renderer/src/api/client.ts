import { createClient, type ApiClient } from '../../../shared/client';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { EventName, EventPayload } from '../../../shared/events';
import { createElectronTransport } from './electron-transport';
import { createHttpTransport } from './http-transport';
import { takeLaunchToken } from './launch-token';
import type { ConnectionStatus, RendererTransport } from './transport';

export type ApiSetup = { kind: 'electron' | 'http' } | { kind: 'missing-token' };

let transport: RendererTransport | null = null;
let client: ApiClient | null = null;
let onUnauthenticated: (message: string) => void = () => undefined;

/** Picks the transport once at start: the preload bridge in Electron, HTTP + WebSocket in a browser. */
export function setupApi(): ApiSetup {
  if (window.cloudbank) {
    transport = createElectronTransport(window.cloudbank);
  } else {
    const launchToken = takeLaunchToken();
    if (!launchToken) return { kind: 'missing-token' };
    transport = createHttpTransport(launchToken);
  }
  client = createClient(transport);
  return { kind: transport.kind };
}

function ready(): { client: ApiClient; transport: RendererTransport } {
  if (!client || !transport) throw new Error('setupApi() must run before the first call');
  return { client, transport };
}

/** The session store registers what happens when the server says the session is gone. */
export function setUnauthenticatedHandler(handler: (message: string) => void): void {
  onUnauthenticated = handler;
}

/** A typed contract call. Throws AppError; an UNAUTHENTICATED answer also ends the session in the UI. */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  try {
    return await ready().client.call(method, input);
  } catch (e) {
    if (e instanceof AppError && e.code === 'UNAUTHENTICATED') onUnauthenticated(e.message);
    throw e;
  }
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return ready().client.on(event, listener);
}

export function onConnectionStatus(listener: (status: ConnectionStatus) => void): () => void {
  return ready().transport.onStatus(listener);
}

/** Sets the token sent with calls and binds the push channel to it. */
export function bindSession(token: string | null): void {
  const { client: c, transport: t } = ready();
  c.setSessionToken(token);
  t.bindSession(token);
}

/** A person-readable message for anything a call can throw. */
export function errorMessage(e: unknown): string {
  if (e instanceof AppError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
