import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection, type ConnectionSettings, type Credential } from '../../main/connections';
import { firstGreeting, pinnedLookup } from '../../main/connections/target-guard';
import { MYSQL_SERVER } from '../support/mariadb';
import { freePort } from '../support/private-mariadb';
import { tempDir } from '../support/temp';

/**
 * Issue 14, finding 12: `connections.test` runs where the runtime runs — on a hosted browser edition,
 * a server — and told apart a closed local port ("nothing accepts connections"), an open one of
 * another service ("closed the connection during the handshake") and a silent one ("no answer"), and
 * a missing CA file from a folder or a non-certificate. Now every such target gets one answer, after
 * the same minimum time, while a real MySQL server on the same machine is still diagnosed in detail.
 */
describe('connections.test is no probe of the machine it runs on', () => {
  const TIMEOUT_MS = 700;
  const LOCAL_MYSQL = new URL(MYSQL_SERVER);
  const pw: Credential = { kind: 'password', password: 'not used' };
  const dir = tempDir('cbprobe-');
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  const ports: Record<string, number> = {};

  async function listen(name: string, onConnection: (s: Socket) => void): Promise<void> {
    const server = createServer((s) => {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
      onConnection(s);
    });
    const port = await freePort();
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    servers.push(server);
    ports[name] = port;
  }

  beforeAll(async () => {
    ports.closed = await freePort();
    await listen('silent', () => undefined);
    await listen('ssh', (s) => s.end('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'));
    await listen('reset', (s) => s.resetAndDestroy());
    await listen('http', (s) => s.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n'));
    // Five bytes that look like the start of a MySQL packet, then nothing: still not a greeting.
    await listen('almost', (s) => s.write(Buffer.from([0x20, 0, 0, 0, 10])));
  });

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    dir.remove();
  });

  const settings = (over: Partial<ConnectionSettings>): ConnectionSettings => ({
    host: '127.0.0.1',
    port: 3306,
    database: 'bank',
    user: 'probe',
    auth: 'password',
    awsRegion: undefined,
    tls: { mode: 'verify-rds', caFile: undefined },
    readerHost: undefined,
    readerPort: undefined,
    poolSize: 2,
    ...over,
  });

  it('answers a closed, a silent, a resetting and an open port of another service alike, never sooner than the timeout', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const answers = [];
      for (const [name, port] of Object.entries(ports)) {
        const started = Date.now();
        const r = await testConnection(settings({ host, port }), pw, { connectTimeoutMs: TIMEOUT_MS });
        const took = Date.now() - started;
        answers.push({ name, took, elapsedMs: r.elapsedMs ?? 0, shape: { ...r, elapsedMs: 0, message: r.message.replace(`:${port} `, ':PORT ') } });
      }
      const first = answers[0]?.shape;
      expect(first).toMatchObject({ ok: false, cause: 'unreachable' });
      expect(first?.message).toBe(`No MySQL server answered at ${host}:PORT within 0.7 s. Check the host and port, and that the server is running.`);
      for (const a of answers) {
        expect([a.name, a.shape]).toEqual([a.name, first]);
        // The time to answer does not tell them apart either: none answers before the timeout.
        expect([a.name, a.took >= TIMEOUT_MS, a.elapsedMs >= TIMEOUT_MS]).toEqual([a.name, true, true]);
      }
    }
  }, 60_000);

  it('still diagnoses a real MySQL server on this machine (it greets first)', async () => {
    // The machine's MariaDB offers no TLS (Debian's default): a MySQL-specific answer, not the uniform one.
    const r = await testConnection(settings({ host: LOCAL_MYSQL.hostname, port: Number(LOCAL_MYSQL.port || 3306) }), pw, { connectTimeoutMs: 3000 });
    expect(r.ok).toBe(false);
    expect(r.message).not.toMatch(/No MySQL server answered/);
  });

  it('finds the greeting on whichever local address has it (localhost may be ::1 and 127.0.0.1) and connects only there', async () => {
    // A MySQL-style greeting: length 0x2a, sequence 0, protocol 10, "8.0.0-fake\0", padding.
    const payload = Buffer.concat([Buffer.from([10]), Buffer.from('8.0.0-fake\0', 'latin1'), Buffer.alloc(30)]);
    const header = Buffer.from([payload.length & 0xff, (payload.length >> 8) & 0xff, 0, 0]);
    await listen('greets', (s) => s.write(Buffer.concat([header, payload])));
    const port = ports.greets ?? 0;
    delete ports.greets; // not one of the non-MySQL ports the first test compares
    expect(await firstGreeting(['::1', '127.0.0.1'], port, TIMEOUT_MS)).toBe('127.0.0.1');
    expect(await firstGreeting(['::1', '127.0.0.1'], ports.ssh ?? 0, TIMEOUT_MS)).toBeNull();
    const lookup = pinnedLookup(['127.0.0.1']);
    const all = await new Promise((r) => lookup('attacker.example', { all: true }, (_e, a) => r(a)));
    expect(all).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });

  it('never contacts a link-local address (cloud instance metadata)', async () => {
    const started = Date.now();
    const r = await testConnection(settings({ host: '169.254.169.254', port: 80 }), pw, { connectTimeoutMs: 5000 });
    expect(r).toMatchObject({ ok: false, cause: 'unreachable' });
    expect(r.message).toMatch(/link-local address/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('says the same of a missing CA file, a folder, a device, a non-certificate and an unreadable file', async () => {
    mkdirSync(join(dir.path, 'folder.pem'));
    writeFileSync(join(dir.path, 'notes.pem'), 'shopping list\n');
    writeFileSync(join(dir.path, 'locked.pem'), '-----BEGIN CERTIFICATE-----\n', { mode: 0o000 });
    chmodSync(join(dir.path, 'locked.pem'), 0o000);
    const files = [
      join(dir.path, 'missing.pem'),
      join(dir.path, 'folder.pem'),
      '/dev/zero',
      join(dir.path, 'notes.pem'),
      ...(process.getuid?.() === 0 ? [] : [join(dir.path, 'locked.pem')]),
    ];
    const answers = [];
    for (const caFile of files) {
      const r = await testConnection(settings({ host: LOCAL_MYSQL.hostname, port: Number(LOCAL_MYSQL.port || 3306), tls: { mode: 'verify-custom', caFile } }), pw, {
        connectTimeoutMs: TIMEOUT_MS,
      });
      answers.push({ ...r, elapsedMs: 0, message: r.message.replace(caFile, 'FILE') });
    }
    expect(answers[0]).toMatchObject({ ok: false, cause: 'tls' });
    expect(answers[0]?.message).toMatch(/^The CA file FILE cannot be used/);
    for (const a of answers) expect(a).toEqual(answers[0]);
  });
});
