import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** Where to cut: before the statement reaches the database, or after it is sent but before its answer returns. */
export type CutPoint = { pattern: RegExp; when: 'before' | 'after-sent' };

/**
 * A TCP proxy to MariaDB that cuts the connection at a chosen statement (the text protocol carries
 * SQL in clear): mid-transaction before a write arrives, or after COMMIT was sent with its answer
 * lost — the two ways a network failure meets a money movement.
 */
export class SqlCutProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private armed: CutPoint | null = null;
  /** How many cuts happened. */
  cuts = 0;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** The next statement matching `cut.pattern` cuts its connection (once). */
  arm(cut: CutPoint): void {
    this.armed = cut;
  }

  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection(this.targetPort, this.targetHost);
      let cutOnAnswer = false;
      const cut = (): void => {
        this.cuts++;
        client.destroy();
        upstream.destroy();
      };
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.on('data', (chunk: Buffer) => {
        const a = this.armed;
        if (a && a.pattern.test(chunk.toString('latin1'))) {
          this.armed = null;
          if (a.when === 'before') return cut();
          cutOnAnswer = true;
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        // The database answered the statement (COMMIT done): the client never hears it.
        if (cutOnAnswer) return cut();
        client.write(chunk);
      });
      client.on('end', () => upstream.end());
      upstream.on('end', () => client.end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
