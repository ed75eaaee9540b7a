import { createServer, request, type Server } from 'node:http';
import type { Socket } from 'node:net';

export type S3Fault =
  | { kind: 'none' }
  /** The connection drops in the middle of the nth upload (1-based) and every request after it, as a network going away. */
  | { kind: 'cut-at-put'; n: number }
  /** Every upload is answered with this status (S3's own 500 InternalError or 503 SlowDown). */
  | { kind: 'status'; status: number };

/**
 * An HTTP proxy in front of the test S3 server that injects faults into uploads: the connection cut
 * mid-upload, or S3 answering 5xx. Counts the uploads (PUTs) that reached the server.
 */
export class S3FaultProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private puts = 0;
  private dead = false;
  fault: S3Fault = { kind: 'none' };
  port = 0;

  constructor(private readonly target: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Clears the fault and the count: the network and S3 are back. */
  heal(): void {
    this.fault = { kind: 'none' };
    this.dead = false;
    this.puts = 0;
  }

  async up(): Promise<void> {
    const target = new URL(this.target);
    const server = createServer((req, res) => {
      const isPut = req.method === 'PUT';
      if (isPut) this.puts++;
      const f = this.fault;
      if (this.dead || (f.kind === 'cut-at-put' && isPut && this.puts >= f.n)) {
        this.dead = true;
        // Let part of the body arrive, then drop the connection without an answer.
        req.once('data', () => req.socket.destroy());
        req.once('end', () => req.socket.destroy());
        return;
      }
      if (f.kind === 'status' && isPut) {
        req.resume();
        req.once('end', () => {
          res.writeHead(f.status, { 'Content-Type': 'application/xml' });
          const code = f.status === 503 ? 'SlowDown' : 'InternalError';
          res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>Injected fault</Message></Error>`);
        });
        return;
      }
      const up = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => req.socket.destroy());
      req.pipe(up);
    });
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
