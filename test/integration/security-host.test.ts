import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { Session } from '../../shared/contract';
import type { ApiResult } from '../../shared/errors';
import { DEMO_PASSWORD } from '../../main/auth';
import { generateDemoBank } from '../../main/demo';
import { startHost, type RunningHost } from '../../main/host';
import { silentLogger } from '../../main/log';
import { createRuntime, type Runtime } from '../../main/runtime';
import type { Bank } from '../../main/source';
import { freshBank, TINY_DEMO } from '../support/banks';
import { tempDir } from '../support/temp';

/**
 * Issue 14, finding 12, on the browser edition: a body over 1 MB answered 400 and broke the
 * kept-alive connection (413 is right); the event socket kept sending to a signed-out session; the
 * CSP let the page open WebSockets to any host.
 */
describe('browser edition hardening', () => {
  let bank: Bank;
  let dispose: () => Promise<void>;
  let runtime: Runtime;
  let host: RunningHost;
  const dir = tempDir('cbsechost-');

  beforeAll(async () => {
    ({ bank, dispose } = await freshBank('sqlite', 'cbsechost'));
    await generateDemoBank(bank, { ...TINY_DEMO, end: Date.now() - 86_400_000 });
    runtime = await createRuntime(bank, 'demo', { dataDir: dir.path, log: silentLogger, liveFraudMonitor: false }, async () => undefined);
    writeFileSync(join(dir.path, 'index.html'), '<!doctype html><title>CloudBank</title>');
    host = await startHost({ runtime, staticDir: dir.path, port: 0, log: silentLogger });
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    await runtime?.close();
    await dispose?.();
    dir.remove();
  });

  /** POSTs on one kept-alive socket; resolves with the status and the local port the request used. */
  const post = (agent: Agent, body: string): Promise<{ status: number; port: number; text: string }> =>
    new Promise((resolve, reject) => {
      const url = new URL(`${host.url}/api/call`);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent,
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.launchToken}`, Origin: host.url, 'Content-Length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, port: req.socket?.localPort ?? -1, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  it('keeps an idle connection past Node’s 5 s default: a client reusing it after a pause is answered on it', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const call = JSON.stringify({ method: 'auth.status', input: {} });
      const first = await post(agent, call);
      // The pause is the behaviour under test (an idle connection), not a wait for something to happen.
      await new Promise((r) => setTimeout(r, 6_000));
      const next = await post(agent, call);
      expect([first.status, next.status]).toEqual([200, 200]);
      expect(next.port).toBe(first.port);
    } finally {
      agent.destroy();
    }
  }, 20_000);

  it('answers a body over 1 MB with 413 and the same connection serves the next request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = JSON.stringify({ method: 'auth.status', input: { pad: 'x'.repeat(1_200_000) } });
      const first = await post(agent, big);
      expect(first.status).toBe(413);
      expect((JSON.parse(first.text) as ApiResult<unknown>).ok).toBe(false);
      const next = await post(agent, JSON.stringify({ method: 'auth.status', input: {} }));
      expect(next.status).toBe(200);
      expect(next.port).toBe(first.port);
    } finally {
      agent.destroy();
    }
  });

  it('limits connect-src to the page’s own origin', async () => {
    const res = await fetch(`${host.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
    expect(csp).not.toMatch(/ws:|wss:/);
  });

  it('stops pushing events to a socket whose session signed out', async () => {
    const signIn = (await (
      await fetch(`${host.url}/api/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.launchToken}`, Origin: host.url },
        body: JSON.stringify({ method: 'auth.signIn', input: { username: 'analyst', password: DEMO_PASSWORD } }),
      })
    ).json()) as ApiResult<Session>;
    if (!signIn.ok) throw new Error(signIn.error.message);
    const token = signIn.result.token;
    const ws = new WebSocket(`${host.url.replace('http', 'ws')}/ws?token=${host.launchToken}`, { origin: host.url });
    const got: string[] = [];
    ws.on('message', (d) => got.push((JSON.parse(String(d)) as { event: string }).event));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'session', token }));
    await vi.waitFor(() => {
      runtime.events.broadcast('data.changed', { tables: ['journal'] });
      expect(got).toContain('data.changed');
    });
    await fetch(`${host.url}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.launchToken}`, Origin: host.url, 'X-CloudBank-Session': token },
      body: JSON.stringify({ method: 'auth.signOut', input: {} }),
    });
    got.length = 0;
    runtime.events.broadcast('data.changed', { tables: ['journal'] });
    runtime.events.broadcastWhere(() => true, 'data.changed', { tables: ['fraud_alerts'] });
    // A round trip on the same socket: anything sent before it would have arrived first.
    await new Promise<void>((resolve) => {
      ws.once('pong', () => resolve());
      ws.ping();
    });
    expect(got).toEqual([]);
    ws.close();
  });
});
