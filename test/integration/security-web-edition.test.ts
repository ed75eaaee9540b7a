import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Receipt } from '../../shared/contract';
import { formatMinorPlain } from '../../shared/money';
import { checkLedger } from '../../main/ledger';
import { startHost, type RunningHost } from '../../main/host';
import { silentLogger } from '../../main/log';
import type { Runtime } from '../../main/runtime';
import type { Bank } from '../../main/source';
import { demoRuntime } from '../support/demo-runtime';
import { freshBank, TINY_DEMO } from '../support/banks';
import { generateDemoBank } from '../../main/demo';
import { createRuntime } from '../../main/runtime';
import { tempDir } from '../support/temp';
import { rawRequest, webClient } from '../support/web-client';
import { insertTestAlert } from '../support/test-alert';

const key = (): string => `web-${randomUUID()}`;

/**
 * Issue 14 part B, over HTTP against the real browser-edition server on MariaDB: object-level access
 * (IDOR), session fixation, Origin/Host/CSRF defences, and concurrency attacks — 50 identical
 * transfers with one idempotency key, 50 with their own keys that together overdraw.
 */
describe('browser edition under attack (MariaDB)', () => {
  let bank: Bank;
  let dispose: () => Promise<void>;
  let runtime: Runtime;
  let host: RunningHost;
  let web: ReturnType<typeof webClient>;
  const dir = tempDir('cbweb-');
  const s: Record<string, string> = {};
  const journals = async () => Number((await sql<{ n: number }>`select count(*) as n from journal`.execute(bank.db)).rows[0]?.n);
  /** Two open accounts in one currency of two KYC-verified customers: a source with money and a destination. */
  const pair = async (skip: number) => {
    const rows = await bank.db
      .selectFrom('accounts as a')
      .innerJoin('customers as c', 'c.id', 'a.customer_id')
      .innerJoin('products as p', 'p.id', 'a.product_id')
      .select(['a.id', 'a.account_no', 'a.currency', 'a.balance', 'a.customer_id', 'p.overdraft_limit'])
      .where('a.kind', '=', 'customer')
      .where('a.status', '=', 'open')
      .where('c.kyc_status', '=', 'verified')
      .where('a.currency', '=', 'EUR')
      .where('a.balance', '>', 200_000)
      .orderBy('a.id')
      .execute();
    const from = rows[skip];
    const to = rows.find((r) => r.customer_id !== from?.customer_id && r.id !== from?.id);
    if (!from || !to) throw new Error('need two verified customers');
    return { from, to };
  };

  beforeAll(async () => {
    ({ bank, dispose, runtime } = await demoRuntime('mysql', 'cbweb', dir.path));
    writeFileSync(join(dir.path, 'index.html'), '<!doctype html><title>CloudBank</title>');
    host = await startHost({ runtime, staticDir: dir.path, port: 0, log: silentLogger });
    web = webClient(host);
    for (const u of ['teller', 'analyst', 'compliance', 'auditor', 'manager']) s[u] = await web.signIn(u);
  }, 240_000);
  afterAll(async () => {
    await host?.close();
    await runtime?.close();
    await dispose?.();
    dir.remove();
  });

  describe('Origin, Host and CSRF', () => {
    const transfer = async () => {
      const { from, to } = await pair(0);
      return { kind: 'transfer', fromAccountId: Number(from.id), toAccountNo: to.account_no, amount: '1.00', currency: 'EUR', description: 'csrf' };
    };

    it('a page on another origin cannot post, even holding a valid session and token; nothing is written', async () => {
      const before = await journals();
      const body = JSON.stringify({ method: 'ops.submit', input: { operation: await transfer(), idempotencyKey: key() } });
      for (const origin of ['http://evil.example', 'null', `http://localhost:${host.port + 1}`, host.url.replace('127.0.0.1', 'localhost.evil.example')]) {
        const r = await rawRequest(host, '/api/call', { headers: { ...web.headers(s.teller ?? null), Origin: origin }, body });
        expect(r.status, origin).toBe(403);
        expect(r.headers['access-control-allow-origin']).toBeUndefined();
      }
      expect(await journals()).toBe(before);
    });

    it('a forged cross-site form (no custom headers, no token) is refused before the body is read', async () => {
      const before = await journals();
      const form = `method=ops.submit&input=${encodeURIComponent(JSON.stringify({ operation: await transfer(), idempotencyKey: key() }))}`;
      for (const contentType of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
        // A browser submitting the form from our own origin (a stored-XSS pivot) still has no launch token header.
        const r = await rawRequest(host, '/api/call', { headers: { 'Content-Type': contentType, Origin: host.url, Host: new URL(host.url).host }, body: form });
        expect(r.status, contentType).toBe(401);
      }
      // The launch token in the query string (where referrers and logs carry it) is not accepted on the API.
      const q = await rawRequest(host, `/api/call?token=${encodeURIComponent(host.launchToken)}`, {
        headers: { 'Content-Type': 'application/json', Origin: host.url, Host: new URL(host.url).host, 'X-CloudBank-Session': s.teller ?? '' },
        body: JSON.stringify({ method: 'ops.submit', input: { operation: await transfer(), idempotencyKey: key() } }),
      });
      expect(q.status).toBe(401);
      // No state change over GET.
      const g = await rawRequest(host, '/api/call', { method: 'GET', headers: web.headers(s.teller ?? null) });
      expect(g.status).toBe(404);
      expect(await journals()).toBe(before);
    });

    it('a DNS-rebinding Host is refused on the API, the pages and the event socket', async () => {
      for (const h of ['evil.example', `evil.example:${host.port}`, `127.0.0.1.nip.io:${host.port}`]) {
        const api = await rawRequest(host, '/api/call', { headers: { ...web.headers(s.teller ?? null), Host: h }, body: JSON.stringify({ method: 'auth.me', input: {} }) });
        expect(api.status, `api ${h}`).toBe(421);
        expect(api.text).not.toContain('teller');
        const page = await rawRequest(host, '/', { method: 'GET', headers: { Host: h } });
        expect(page.status, `page ${h}`).toBe(421);
      }
      const ws = await rawRequest(host, `/ws?token=${host.launchToken}`, {
        method: 'GET',
        headers: { Host: 'evil.example', Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' },
      });
      expect(ws.status).toBe(404);
      const wsOrigin = await rawRequest(host, `/ws?token=${host.launchToken}`, {
        method: 'GET',
        headers: {
          Host: new URL(host.url).host,
          Origin: 'http://evil.example',
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      });
      expect(wsOrigin.status).toBe(403);
    });
  });

  describe('session fixation', () => {
    it('sign-in never adopts a session id the client brings; it issues a new one each time and ends it at sign-out', async () => {
      const planted = 'attacker-chosen-session-id-0123456789abcdef';
      const token = await web.signIn('teller', { 'X-CloudBank-Session': planted });
      expect(token).not.toBe(planted);
      expect((await web.call(planted, 'auth.me', {})).result.ok).toBe(false);
      // An attacker who learnt the pre-sign-in token of a victim's page gets nothing from it after the victim signs in again.
      const second = await web.signIn('teller', { 'X-CloudBank-Session': token });
      expect(second).not.toBe(token);
      expect(second).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await web.ok(token, 'auth.signOut', {});
      const after = await web.call(token, 'auth.me', {});
      expect(after.status).toBe(401);
      expect(after.result.ok).toBe(false);
      expect((await web.call(second, 'auth.me', {})).result.ok).toBe(true);
    });
  });

  describe('object-level access (IDOR)', () => {
    const alertOn = async (accountId: number, customerId: number | null) => {
      return insertTestAlert(bank, { accountId, customerId });
    };

    it('a teller cannot reach alerts, SAR drafts (national ids) or reports by id, nor learn of alerts through the customer', async () => {
      const { from } = await pair(1);
      const alertId = await alertOn(Number(from.id), from.customer_id);
      for (const [method, input] of [
        ['alerts.get', { id: alertId }],
        ['alerts.sarDraft', { id: alertId }],
        ['alerts.dismiss', { ids: [alertId], reason: 'customer_confirmed', comment: 'not fraud', idempotencyKey: key() }],
        ['reports.open', { id: randomUUID() }],
        ['admin.listUsers', {}],
      ] as const) {
        const r = await web.call(s.teller ?? null, method, input);
        expect(r.status, method).toBe(403);
      }
      const c = await web.ok<{ alerts: unknown }>(s.teller ?? null, 'customers.get', { id: from.customer_id });
      expect(c.alerts).toBeNull();
      expect((await bank.db.selectFrom('fraud_alerts').select('status').where('id', '=', alertId).executeTakeFirstOrThrow()).status).toBe('new');
    });

    it('an auditor reads but changes nothing; an analyst cannot manage users or sign others out', async () => {
      const { from, to } = await pair(2);
      const before = await journals();
      const op = await web.call(s.auditor ?? null, 'ops.submit', {
        operation: { kind: 'transfer', fromAccountId: Number(from.id), toAccountNo: to.account_no, amount: '1.00', currency: 'EUR', description: 'x' },
        idempotencyKey: key(),
      });
      expect(op.status).toBe(403);
      expect((await web.call(s.auditor ?? null, 'accounts.setStatus', { accountId: Number(from.id), status: 'frozen', reason: 'audit test' })).status).toBe(403);
      const teller = await bank.db.selectFrom('staff_users').select('id').where('username', '=', 'teller').executeTakeFirstOrThrow();
      expect((await web.call(s.analyst ?? null, 'admin.revokeSessions', { id: Number(teller.id) })).status).toBe(403);
      expect((await web.call(s.teller ?? null, 'auth.me', {})).result.ok).toBe(true);
      expect(await journals()).toBe(before);
    });

    it('one reviewer cannot approve the unfreeze they asked for (a second person is needed)', async () => {
      const { from } = await pair(3);
      const alertId = await alertOn(Number(from.id), from.customer_id);
      const flagged = await bank.db
        .selectFrom('entries')
        .select('journal_id')
        .where('account_id', '=', Number(from.id))
        .orderBy('journal_id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      await bank.db
        .insertInto('fraud_alert_txns')
        .values({ alert_id: alertId, journal_id: Number(flagged.journal_id) })
        .execute();
      await web.ok(s.analyst ?? null, 'alerts.confirmFraud', {
        id: alertId,
        freezeAccountIds: [Number(from.id)],
        journalIds: [Number(flagged.journal_id)],
        comment: 'stolen card used',
      });
      const asked = await web.ok<{ requestId: number }>(s.analyst ?? null, 'accounts.requestUnfreeze', { accountId: Number(from.id), reason: 'customer identified in branch' });
      const self = await web.call(s.analyst ?? null, 'accounts.approveUnfreeze', { requestId: asked.requestId });
      expect(self.result.ok).toBe(false);
      expect((await web.call(s.teller ?? null, 'accounts.approveUnfreeze', { requestId: asked.requestId })).status).toBe(403);
      expect((await web.call(s.teller ?? null, 'accounts.setStatus', { accountId: Number(from.id), status: 'open', reason: 'customer asked' })).result.ok).toBe(false);
      expect((await bank.db.selectFrom('accounts').select('status').where('id', '=', Number(from.id)).executeTakeFirstOrThrow()).status).toBe('frozen');
      await web.ok(s.compliance ?? null, 'accounts.approveUnfreeze', { requestId: asked.requestId });
      expect((await bank.db.selectFrom('accounts').select('status').where('id', '=', Number(from.id)).executeTakeFirstOrThrow()).status).toBe('open');
    });
  });

  describe('a claimed alert belongs to the person holding it', () => {
    it('another reviewer cannot dismiss, confirm or escalate it (nothing frozen); notes stay open; an audited reassignment hands it over', async () => {
      const { from } = await pair(4);
      const alertId = await insertTestAlert(bank, { accountId: Number(from.id), customerId: from.customer_id });
      await web.ok(s.analyst ?? null, 'alerts.assign', { ids: [alertId], assignee: 'analyst', idempotencyKey: key() });

      const attempts = [
        ['alerts.dismiss', { ids: [alertId], reason: 'customer_confirmed', comment: 'not fraud', idempotencyKey: key() }],
        ['alerts.confirmFraud', { id: alertId, freezeAccountIds: [Number(from.id)], comment: 'taking it over' }],
        ['alerts.escalate', { id: alertId, comment: 'to compliance now' }],
      ] as const;
      for (const [method, input] of attempts) {
        const r = await web.call(s.compliance ?? null, method, input);
        expect(r.result.ok, method).toBe(false);
        if (!r.result.ok) {
          expect(r.result.error.code, method).toBe('CONFLICT');
          expect(r.result.error.message, method).toContain('claimed by analyst');
        }
      }
      const after = await bank.db.selectFrom('fraud_alerts').select(['status', 'assignee']).where('id', '=', alertId).executeTakeFirstOrThrow();
      expect(after).toEqual({ status: 'in_review', assignee: 'analyst' });
      expect((await bank.db.selectFrom('accounts').select('status').where('id', '=', Number(from.id)).executeTakeFirstOrThrow()).status).toBe('open');
      expect(await bank.db.selectFrom('fraud_cases').select('id').where('alert_id', '=', alertId).execute()).toEqual([]);

      // A bulk dismiss holding one claimed alert is refused whole.
      const free = await insertTestAlert(bank, { accountId: Number(from.id), customerId: from.customer_id });
      const bulk = await web.call(s.compliance ?? null, 'alerts.dismiss', { ids: [free, alertId], reason: 'customer_confirmed', comment: 'not fraud', idempotencyKey: key() });
      expect(bulk.result.ok).toBe(false);
      expect((await bank.db.selectFrom('fraud_alerts').select('status').where('id', '=', free).executeTakeFirstOrThrow()).status).toBe('new');

      // Notes only append: anyone in fraud review may add one.
      await web.ok(s.compliance ?? null, 'alerts.addNote', { id: alertId, text: 'Seen the same pattern on a related account.', idempotencyKey: key() });
      // Taking it over is one recorded step, then the new holder decides.
      await web.ok(s.compliance ?? null, 'alerts.assign', { ids: [alertId], assignee: 'compliance', idempotencyKey: key() });
      await web.ok(s.compliance ?? null, 'alerts.dismiss', { ids: [alertId], reason: 'customer_confirmed', comment: 'verified with the customer', idempotencyKey: key() });
      // Sealed entries in chain order, then those still waiting for the sealer.
      const sealed = await bank.db
        .selectFrom('audit_log')
        .select(['actor', 'action'])
        .where('entity', '=', 'fraud_alert')
        .where('entity_id', '=', String(alertId))
        .orderBy('seq')
        .execute();
      const waiting = await bank.db
        .selectFrom('audit_pending')
        .select(['actor', 'action'])
        .where('entity', '=', 'fraud_alert')
        .where('entity_id', '=', String(alertId))
        .orderBy('id')
        .execute();
      const audit = [...sealed, ...waiting];
      expect(audit).toEqual([
        { actor: 'analyst', action: 'fraud.assign' },
        { actor: 'compliance', action: 'fraud.note' },
        { actor: 'compliance', action: 'fraud.assign' },
        { actor: 'compliance', action: 'fraud.dismiss' },
      ]);
      // The holder acts on their own claim as before.
      const mine = await insertTestAlert(bank, { accountId: Number(from.id), customerId: from.customer_id });
      await web.ok(s.analyst ?? null, 'alerts.assign', { ids: [mine], assignee: 'analyst', idempotencyKey: key() });
      await web.ok(s.analyst ?? null, 'alerts.escalate', { id: mine, comment: 'needs a SAR review' });
    });
  });

  describe('parallel submits over HTTP', () => {
    it('50 identical transfers with one idempotency key post once and all answer the same receipt', async () => {
      const { from, to } = await pair(5);
      const before = await journals();
      const k = key();
      const input = {
        operation: { kind: 'transfer', fromAccountId: Number(from.id), toAccountNo: to.account_no, amount: '12.34', currency: 'EUR', description: 'same key x50' },
        idempotencyKey: k,
      };
      const answers = await Promise.all(Array.from({ length: 50 }, () => web.call<Receipt>(s.teller ?? null, 'ops.submit', input)));
      const refs = new Set<string>();
      for (const a of answers) {
        expect(a.result.ok, a.result.ok ? '' : `${a.result.error.code} ${a.result.error.message}`).toBe(true);
        if (a.result.ok) refs.add(a.result.result.reference);
      }
      expect(refs.size).toBe(1);
      expect(await journals()).toBe(before + 1);
      const bal = await bank.db.selectFrom('accounts').select('balance').where('id', '=', Number(from.id)).executeTakeFirstOrThrow();
      expect(Number(bal.balance)).toBe(Number(from.balance) - 1234);
    });

    it('50 transfers with their own keys that together overdraw: exactly those that fit post, the rest are refused, the ledger balances', async () => {
      const { from, to } = await pair(6);
      const available = Number(from.balance) + Number(from.overdraft_limit);
      const amount = Math.floor(available / 7);
      const fit = Math.floor(available / amount);
      const before = await journals();
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          web.call<Receipt>(s.teller ?? null, 'ops.submit', {
            operation: {
              kind: 'transfer',
              fromAccountId: Number(from.id),
              toAccountNo: to.account_no,
              amount: formatMinorPlain(amount, 'EUR'),
              currency: 'EUR',
              description: `overdraw ${i}`,
            },
            idempotencyKey: key(),
          }),
        ),
      );
      const posted = answers.filter((a) => a.result.ok);
      const codes = answers.flatMap((a) => (a.result.ok ? [] : [a.result.error.code]));
      expect(posted).toHaveLength(fit);
      expect(new Set(codes)).toEqual(new Set(['INSUFFICIENT_FUNDS']));
      expect(await journals()).toBe(before + fit);
      const after = await bank.db.selectFrom('accounts').select('balance').where('id', '=', Number(from.id)).executeTakeFirstOrThrow();
      expect(Number(after.balance)).toBe(Number(from.balance) - fit * amount);
      expect(Number(after.balance)).toBeGreaterThanOrEqual(-Number(from.overdraft_limit));
      const report = await checkLedger(bank);
      expect(report.unbalancedJournals + report.balanceMismatches + report.amountMismatches + report.journalsWithoutEntries).toBe(0);
    });
  });
});

/**
 * Session expiry over HTTP: a session ends after the idle time without calls, and at its maximum age
 * after sign-in however busy it is (there was no absolute limit: a token kept in use lived for ever).
 */
describe('browser edition session expiry', () => {
  const IDLE = 3000;
  const MAX = 7000;
  let bank: Bank;
  let dispose: () => Promise<void>;
  let runtime: Runtime;
  let host: RunningHost;
  let web: ReturnType<typeof webClient>;
  const dir = tempDir('cbwebexp-');

  beforeAll(async () => {
    ({ bank, dispose } = await freshBank('sqlite', 'cbwebexp'));
    await generateDemoBank(bank, { ...TINY_DEMO, end: Date.now() - 86_400_000 });
    runtime = await createRuntime(bank, 'demo', { dataDir: dir.path, log: silentLogger, liveFraudMonitor: false, idleTimeoutMs: IDLE, sessionMaxMs: MAX }, async () => undefined);
    writeFileSync(join(dir.path, 'index.html'), '<!doctype html><title>CloudBank</title>');
    host = await startHost({ runtime, staticDir: dir.path, port: 0, log: silentLogger });
    web = webClient(host);
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    await runtime?.close();
    await dispose?.();
    dir.remove();
  });

  it('ends a session left idle, and says why', async () => {
    const token = await web.signIn('analyst');
    expect((await web.call(token, 'auth.me', {})).result.ok).toBe(true);
    // Waits without using the session (any call would keep it alive).
    await vi.waitFor(() => expect(runtime.isLiveSession(token)).toBe(false), { timeout: IDLE * 5, interval: 200 });
    const r = await web.call(token, 'auth.me', {});
    expect(r.status).toBe(401);
    expect(r.result.ok ? '' : r.result.error.message).toMatch(/without activity/);
  });

  it('ends a busy session at its maximum age after sign-in', async () => {
    const signedIn = Date.now();
    const token = await web.signIn('analyst');
    let last: { status: number; message: string } = { status: 0, message: '' };
    // Busy: a call every 250 ms, well inside the idle time.
    await vi.waitFor(
      async () => {
        const r = await web.call(token, 'auth.me', {});
        last = { status: r.status, message: r.result.ok ? '' : r.result.error.message };
        expect(r.result.ok).toBe(false);
      },
      { timeout: MAX * 4, interval: 250 },
    );
    expect(Date.now() - signedIn).toBeGreaterThanOrEqual(MAX);
    expect(last.status).toBe(401);
    expect(last.message).toMatch(/limit of/);
  }, 60_000);
});
