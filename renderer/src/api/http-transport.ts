import { toApiResult } from './api-result';
import { connectEventSocket } from './event-socket';
import type { RendererTransport } from './transport';

export const UNREACHABLE_MESSAGE = 'Cannot reach the CloudBank service. Check that `cloudbank serve` (or `npm start`) is still running, then try again.';

/** Browser edition: `POST /api/call` for methods, a WebSocket for push events. */
export function createHttpTransport(launchToken: string): RendererTransport {
  const socket = connectEventSocket(launchToken);
  return {
    kind: 'http',
    async invoke(method, input, sessionToken) {
      const headers: Record<string, string> = { Authorization: `Bearer ${launchToken}`, 'Content-Type': 'application/json' };
      if (sessionToken) headers['X-CloudBank-Session'] = sessionToken;
      let response: Response;
      try {
        response = await fetch('/api/call', { method: 'POST', headers, body: JSON.stringify({ method, input }), credentials: 'omit', cache: 'no-store' });
      } catch {
        return { ok: false, error: { code: 'OFFLINE', message: UNREACHABLE_MESSAGE } };
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        body = null;
      }
      return toApiResult(body, response.status);
    },
    subscribe: (listener) => socket.onEvent(listener),
    bindSession: (token) => socket.bindSession(token),
    onStatus: (listener) => socket.onStatus(listener),
  };
}
