import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiError, ApiResult } from '../../shared/errors';
import type { Logger } from '../log';
import type { Runtime } from '../runtime';
import { hasLaunchToken, hostAllowed, originAllowed } from './access';
import { SECURITY_HEADERS } from './csp';
import { readStatic } from './static-files';
import { HTTP_STATUS } from './status';

export interface HostOptions {
  runtime: Runtime;
  /** Built renderer (index.html at its root). */
  staticDir: string;
  port: number;
  host?: string;
  /** Fixed token for tests; a random one otherwise. */
  launchToken?: string;
  log: Logger;
}

export interface RunningHost {
  url: string;
  /** The URL to open: carries the launch token. */
  openUrl: string;
  port: number;
  launchToken: string;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly host: string,
  ) {
    super(`Port ${port} on ${host} is already in use. Stop the program using it or choose another with --port.`);
  }
}

const MAX_BODY = 1024 * 1024;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, status: number, error: ApiError): void {
  const body: ApiResult<never> = { ok: false, error };
  send(res, status, body);
}

/** A body this large is read to its end and discarded so the kept-alive connection stays usable; past it the connection closes. */
const MAX_DRAIN = 16 * 1024 * 1024;

class BodyTooLarge extends Error {
  constructor(readonly drained: boolean) {
    super('The request body is larger than 1 MB.');
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > MAX_DRAIN) throw new BodyTooLarge(false);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_DRAIN) throw new BodyTooLarge(false);
    // Past the limit, keep reading (not keeping) to the end: the answer is then a clean 413 on a
    // connection the client can go on using, instead of a reset mid-upload (issue 14, finding 12).
    if (size <= MAX_BODY) chunks.push(b);
  }
  if (size > MAX_BODY) throw new BodyTooLarge(true);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

/** The browser edition: the same dispatcher as the desktop, over HTTP + WebSocket, on 127.0.0.1 by default. */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const bindHost = opts.host ?? '127.0.0.1';
  const launchToken = opts.launchToken ?? randomBytes(24).toString('base64url');
  const origins = new Set<string>();
  const hosts = new Set<string>();
  const { runtime, log } = opts;

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!hostAllowed(req, hosts)) return refuse(res, 421, { code: 'FORBIDDEN', message: 'Unknown Host header: open the URL printed at start.' });
    if (url.pathname.startsWith('/api/')) {
      if (!originAllowed(req, origins)) return refuse(res, 403, { code: 'FORBIDDEN', message: 'Requests from another origin are refused.' });
      if (!hasLaunchToken(req, launchToken)) return refuse(res, 401, { code: 'UNAUTHENTICATED', message: 'Missing or wrong access token: open the URL printed at start.' });
      if (req.method !== 'POST' || url.pathname !== '/api/call') return refuse(res, 404, { code: 'NOT_FOUND', message: 'Use POST /api/call.' });
      let body: unknown;
      try {
        body = await readJson(req);
      } catch (e) {
        if (e instanceof BodyTooLarge) {
          const error: ApiError = { code: 'VALIDATION', message: 'The request is larger than 1 MB: send less at once (e.g. import a file in parts).' };
          if (e.drained) return refuse(res, 413, error);
          // Too large to read through: answer, then close (unread bytes cannot be skipped on this connection).
          res.writeHead(413, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' });
          res.end(JSON.stringify({ ok: false, error }));
          req.destroy();
          return;
        }
        return refuse(res, 400, { code: 'VALIDATION', message: `The request body is not valid JSON: ${e instanceof Error ? e.message : String(e)}` });
      }
      const call = (typeof body === 'object' && body !== null ? body : {}) as { method?: unknown; input?: unknown };
      const session = req.headers['x-cloudbank-session'];
      // A page that navigated away or a fetch that was aborted closes the connection: stop its read.
      const cancel = new AbortController();
      res.once('close', () => {
        if (!res.writableFinished) cancel.abort();
      });
      const result = await runtime.dispatch({
        method: typeof call.method === 'string' ? call.method : '',
        input: call.input,
        sessionToken: typeof session === 'string' && session ? session : null,
        transport: 'http',
        origin: req.socket.remoteAddress ?? 'unknown',
        signal: cancel.signal,
      });
      if (cancel.signal.aborted) return;
      return send(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, { code: 'NOT_FOUND', message: 'Method not allowed.' });
    const file = await readStatic(opts.staticDir, url.pathname);
    if (!file) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('Not found');
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type, 'Cache-Control': url.pathname === '/' ? 'no-store' : 'max-age=3600' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  const server: Server = createServer((req, res) => {
    onRequest(req, res).catch((e: unknown) => {
      log.error('request failed', { error: e instanceof Error ? e.message : String(e) });
      if (!res.headersSent) refuse(res, 500, { code: 'INTERNAL', message: 'The request failed on the server.' });
    });
  });

  // Idle kept-alive connections stay open 65 s rather than Node's 5 s. A client that reuses one just as the
  // server drops it gets a reset instead of an answer: Playwright's request client did, 5.7 s after its
  // previous call. Chromium retries such a request by itself; scripts and other HTTP clients do not.
  // Headers must still time out later than the keep-alive.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const reject = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    };
    if (url.pathname !== '/ws' || !hostAllowed(req, hosts)) return reject('404 Not Found');
    if (!originAllowed(req, origins)) return reject('403 Forbidden');
    if (!hasLaunchToken(req, launchToken, url.searchParams.get('token'))) return reject('401 Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => attachSocket(ws));
  });

  const attachSocket = (ws: WebSocket): void => {
    let sessionToken: string | null = null;
    const unsubscribe = runtime.events.subscribe(
      (event, payload) => {
        // A socket whose session was signed out, revoked or expired hears nothing more but the
        // notice that it ended (issue 14, finding 12): the check is per event, not per connection.
        if (event !== 'session.expired' && (sessionToken === null || !runtime.isLiveSession(sessionToken))) return;
        ws.send(JSON.stringify({ event, payload }));
      },
      () => sessionToken,
    );
    ws.on('message', (data) => {
      try {
        const msg = JSON.parse(String(data)) as { type?: unknown; token?: unknown };
        if (msg.type === 'session') sessionToken = typeof msg.token === 'string' && runtime.isLiveSession(msg.token) ? msg.token : null;
      } catch {
        ws.close(1003, 'Expected JSON');
      }
    });
    ws.on('close', unsubscribe);
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new PortInUseError(opts.port, bindHost) : e));
    server.listen(opts.port, bindHost, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  for (const h of new Set([bindHost, '127.0.0.1', 'localhost'])) {
    hosts.add(`${h}:${port}`);
    origins.add(`http://${h}:${port}`);
  }
  const base = `http://${bindHost === '0.0.0.0' ? '127.0.0.1' : bindHost}:${port}`;
  return {
    url: base,
    openUrl: `${base}/?token=${launchToken}`,
    port,
    launchToken,
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
    },
  };
}
