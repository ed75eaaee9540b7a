import { parseMessage } from './event-message';
import { listenerSet, type ConnectionStatus } from './transport';

const MAX_BACKOFF_MS = 15_000;

/**
 * The browser edition's push channel: `/ws?token=…` on the same host, told which session it
 * serves after every (re)connect, reconnecting with capped exponential backoff. After a
 * reconnect it announces `data.changed` for every table, since changes during the gap were missed.
 */
export function connectEventSocket(launchToken: string) {
  const events = listenerSet<[string, unknown]>();
  const statuses = listenerSet<[ConnectionStatus]>();
  let status: ConnectionStatus = 'connecting';
  let session: string | null = null;
  let socket: WebSocket | null = null;
  let attempt = 0;
  let everOpened = false;

  const setStatus = (next: ConnectionStatus) => {
    status = next;
    statuses.emit(next);
  };
  const sendSession = () => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'session', token: session }));
  };

  const open = () => {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${window.location.host}/ws?token=${encodeURIComponent(launchToken)}`);
    socket = ws;
    if (status !== 'connecting') setStatus('connecting');
    ws.onopen = () => {
      attempt = 0;
      sendSession();
      setStatus('open');
      if (everOpened) events.emit('data.changed', { tables: ['*'] });
      everOpened = true;
    };
    ws.onmessage = (msg) => {
      const parsed = parseMessage(msg.data);
      if (parsed) events.emit(parsed.event, parsed.payload);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      setStatus('closed');
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      attempt += 1;
      window.setTimeout(open, delay);
    };
  };
  open();

  return {
    onEvent: (listener: (event: string, payload: unknown) => void) => events.add(listener),
    onStatus(listener: (status: ConnectionStatus) => void) {
      listener(status);
      return statuses.add(listener);
    },
    bindSession(token: string | null) {
      session = token;
      sendSession();
    },
  };
}
