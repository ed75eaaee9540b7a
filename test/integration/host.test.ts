import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AuditVerify, Session, StaffRow } from '../../shared/contract';
import type { ApiError, ApiResult } from '../../shared/errors';
import { PortInUseError, startHost, type RunningHost } from '../../main/host';
import { silentLogger } from '../../main/log';
import { openRuntime, type Runtime } from '../../main/runtime';
import { freshDatabase } from '../support/mariadb';
import { tempDir } from '../support/temp';

/** The browser edition against a live (MySQL) bank on a fresh MariaDB database: first start, no users yet. */
describe('browser edition host', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let dir: ReturnType<typeof tempDir>;
  let runtime: Runtime;
  let host: RunningHost;

  const call = (method: string, input: unknown, headers: Record<string, string> = {}) =>
    fetch(`${host.url}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.launchToken}`, ...headers },
      body: JSON.stringify({ method, input }),
    });

  const envelope = async <T>(res: Response): Promise<ApiResult<T>> => (await res.json()) as ApiResult<T>;
  const result = async <T>(res: Response): Promise<T> => {
    const e = await envelope<T>(res);
    if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`);
    return e.result;
  };
  const failure = async (res: Response): Promise<ApiError> => {
    const e = await envelope<unknown>(res);
    if (e.ok) throw new Error('expected an error');
    return e.error;
  };

  beforeAll(async () => {
    db = await freshDatabase('cbhost');
    dir = tempDir();
    writeFileSync(join(dir.path, 'index.html'), '<!doctype html><title>CloudBank</title>');
    runtime = await openRuntime({ dataDir: dir.path, mysqlUrl: db.url, log: silentLogger, idleTimeoutMs: 60_000 });
    host = await startHost({ runtime, staticDir: dir.path, port: 0, log: silentLogger });
  });
  afterAll(async () => {
    await host.close();
    await runtime.close();
    await db.drop();
    dir.remove();
  });

  it('binds to 127.0.0.1 and serves the app with a strict CSP', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${host.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('refuses API calls without the token (401) or with a wrong one', async () => {
    const none = await fetch(`${host.url}/api/call`, { method: 'POST', body: JSON.stringify({ method: 'auth.status', input: {} }) });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await call('auth.status', {}, { Authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('refuses requests from another Origin, even with the token', async () => {
    const res = await call('auth.status', {}, { Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect((await call('auth.status', {}, { Origin: host.url })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) and paths outside the app', async () => {
    // fetch forbids overriding Host, so a raw request plays the rebinding page.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${host.url}/`, { headers: { Host: `attacker.example:${host.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
    expect((await fetch(`${host.url}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });

  it('first start outside demo mode asks for the administrator, then signs in', async () => {
    const status = await (await call('auth.status', {})).json();
    expect(status).toEqual({ ok: true, result: { mode: 'live', bankName: 'CloudBank', needsSetup: true, demo: null } });
    const bad = await call('auth.setupAdmin', { username: 'Root Admin', displayName: 'A', password: 'short' });
    expect(bad.status).toBe(400);
    const badBody = await failure(bad);
    expect(badBody.code).toBe('VALIDATION');
    expect(badBody.issues?.map((i) => i.path).sort()).toEqual(['displayName', 'password', 'username']);
    expect((await call('auth.setupAdmin', { username: 'root', displayName: 'Root Admin', password: 'a long enough secret' })).status).toBe(200);
    expect((await call('auth.setupAdmin', { username: 'root2', displayName: 'Other', password: 'a long enough secret' })).status).toBe(409);
    const { token } = await result<Session>(await call('auth.signIn', { username: 'root', password: 'a long enough secret' }));
    const users = await result<StaffRow[]>(await call('admin.listUsers', {}, { 'X-CloudBank-Session': token }));
    expect(users.map((u) => u.username)).toEqual(['root']);
    // Without the user session the same call is refused by the dispatcher.
    const anon = await call('admin.listUsers', {});
    expect(anon.status).toBe(401);
    const verify = await result<AuditVerify>(await call('audit.verify', {}, { 'X-CloudBank-Session': token }));
    expect(verify).toMatchObject({ ok: true, firstBroken: null });
    expect(verify.checked).toBeGreaterThanOrEqual(2);
  });

  it('accepts the event socket only with the token and our Origin', async () => {
    const wsUrl = host.url.replace('http', 'ws') + '/ws';
    const outcome = (url: string, origin?: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url, origin ? { origin } : {});
        ws.on('open', () => {
          ws.close();
          resolve('open');
        });
        ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
        ws.on('error', () => resolve('error'));
      });
    expect(await outcome(wsUrl)).toBe('401');
    expect(await outcome(`${wsUrl}?token=${host.launchToken}`, 'http://evil.example')).toBe('403');
    expect(await outcome(`${wsUrl}?token=${host.launchToken}`, host.url)).toBe('open');
  });

  it('reports a port that is taken with a clear error', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startHost({ runtime, staticDir: dir.path, port, log: silentLogger })).rejects.toBeInstanceOf(PortInUseError);
      await expect(startHost({ runtime, staticDir: dir.path, port, log: silentLogger })).rejects.toThrow(/already in use.*--port/);
    } finally {
      blocker.close();
    }
  });
});
