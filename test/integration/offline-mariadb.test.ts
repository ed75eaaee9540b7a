import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Session, SyncStatus } from '../../shared/contract';
import type { EventName } from '../../shared/events';
import { generateDemoBank } from '../../main/demo';
import { silentLogger } from '../../main/log';
import { openRuntime, type Runtime } from '../../main/runtime';
import { migrateToLatest, openMysqlBank } from '../../main/source';
import { freshDatabase, MYSQL_SERVER } from '../support/mariadb';
import { TcpProxy } from '../support/tcp-proxy';
import { tempDir } from '../support/temp';

/** Polling for a state the runtime reaches on its own (sync rounds, health checks): vi.waitFor retries until the expectation holds. */
const WAIT = { timeout: 60_000, interval: 100 };

/** The bank goes away mid-session: reads keep working from the cache, and the status says so. */
describe('offline: the bank becomes unreachable mid-session', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let dir: ReturnType<typeof tempDir>;
  let proxy: TcpProxy;
  let runtime: Runtime;
  let token: string;
  const events: { event: EventName; payload: unknown }[] = [];

  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await runtime.dispatch({ method, input, sessionToken: token, transport: 'test', origin: 'test' });
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.result as T;
  };

  beforeAll(async () => {
    db = await freshDatabase('cboffline');
    const bank = openMysqlBank(db.url);
    await migrateToLatest(bank.db, 'mysql');
    await generateDemoBank(bank, { customers: 80, months: 2, seed: 9, end: Date.now() });
    await bank.close();
    const target = new URL(MYSQL_SERVER);
    proxy = new TcpProxy(target.hostname, Number(target.port || 3306));
    await proxy.up();
    const viaProxy = new URL(db.url);
    viaProxy.port = String(proxy.port);
    dir = tempDir();
    runtime = await openRuntime({ dataDir: dir.path, mysqlUrl: viaProxy.toString(), log: silentLogger });
    const setup = await runtime.dispatch({
      method: 'auth.setupAdmin',
      input: { username: 'root', displayName: 'Root', password: 'offline test password' },
      sessionToken: null,
      transport: 'test',
      origin: 't',
    });
    expect(setup.ok).toBe(true);
    const s = await runtime.dispatch({ method: 'auth.signIn', input: { username: 'root', password: 'offline test password' }, sessionToken: null, transport: 'test', origin: 't' });
    if (!s.ok) throw new Error(s.error.message);
    token = (s.result as Session).token;
    runtime.events.subscribe(
      (event, payload) => events.push({ event, payload }),
      () => token,
    );
  });
  afterAll(async () => {
    await runtime.close();
    await proxy.down();
    await db.drop();
    dir.remove();
  });

  it('serves the dashboard from the cache while offline and goes back online', async () => {
    await vi.waitFor(async () => expect((await call<SyncStatus>('sync.status', {})).state).toBe('live'), WAIT);
    const dayStart = Date.now() - 86_400_000;
    const online = await call<{ customers: number; accounts: number; deposits: unknown }>('dashboard.summary', { dayStart });
    const latest = await call<{ reference: string }[]>('dashboard.activity', { limit: 5 });
    expect(online.customers).toBe(80);
    // A teller, for the banking checks while offline.
    await call('admin.createUser', { username: 'teller1', displayName: 'Tess Teller', role: 'teller', password: 'offline branch passphrase' });
    const t = await runtime.dispatch({
      method: 'auth.signIn',
      input: { username: 'teller1', password: 'offline branch passphrase' },
      sessionToken: null,
      transport: 'test',
      origin: 't',
    });
    if (!t.ok) throw new Error(t.error.message);
    const teller = (t.result as Session).token;
    // An administrator-set password must be replaced first (issue 14, finding 11).
    expect(
      await runtime.dispatch({
        method: 'auth.changePassword',
        input: { currentPassword: 'offline branch passphrase', newPassword: 'offline counter chosen words' },
        sessionToken: teller,
        transport: 'test',
        origin: 't',
      }),
    ).toMatchObject({ ok: true });
    const asTeller = (method: string, input: unknown) => runtime.dispatch({ method, input, sessionToken: teller, transport: 'test', origin: 't' });
    const someAccount = (await call<{ id: number; accountNo: string }[]>('dashboard.activity', { limit: 1 }))[0];
    const account = await asTeller('accounts.get', { accountNo: someAccount?.accountNo ?? '' });
    expect(account).toMatchObject({ ok: true, result: { asOf: null } });

    await proxy.down();
    const offline = await vi.waitFor(async () => {
      const s = await call<SyncStatus>('sync.status', {});
      expect(s.source).toBe('offline');
      return s;
    }, WAIT);
    expect(offline.offlineReason).toMatch(/cannot be reached/);
    expect(offline.asOf).not.toBeNull();
    expect(events.some((e) => e.event === 'sync.status' && (e.payload as SyncStatus).source === 'offline')).toBe(true);

    // Same figures, from the cache, with no error.
    const cached = await call<{ customers: number; accounts: number; deposits: unknown }>('dashboard.summary', { dayStart });
    expect({ ...cached, asOf: 0 }).toEqual({ ...online, asOf: 0 });
    expect((await call<{ reference: string }[]>('dashboard.activity', { limit: 5 })).map((r) => r.reference)).toEqual(latest.map((r) => r.reference));

    // A reload of the app offline: the sign-in gate and the session restore still answer.
    expect(await runtime.dispatch({ method: 'auth.status', input: {}, sessionToken: null, transport: 'test', origin: 't' })).toMatchObject({
      ok: true,
      result: { needsSetup: false },
    });
    expect(await call<{ user: { username: string } }>('auth.me', {})).toMatchObject({ user: { username: 'root' } });

    // Whatever must reach the bank is refused as OFFLINE, with words, not as an internal error.
    // Balances come from the cache and say how old they are; money never moves offline.
    const offlineAccount = await asTeller('accounts.get', { accountNo: someAccount?.accountNo ?? '' });
    expect(offlineAccount).toMatchObject({ ok: true, result: { asOf: expect.any(Number) } });
    const accountId = account.ok ? (account.result as { id: number }).id : 0;
    const deposit = await asTeller('ops.submit', { operation: { kind: 'deposit', accountId, amount: '10', currency: 'EUR' }, idempotencyKey: 'offline-test-deposit-0001' });
    expect(deposit).toMatchObject({ ok: false, error: { code: 'OFFLINE', message: expect.stringMatching(/nothing was changed or posted/) } });
    const signIn = await runtime.dispatch({
      method: 'auth.signIn',
      input: { username: 'root', password: 'offline test password' },
      sessionToken: null,
      transport: 'test',
      origin: 't',
    });
    expect(signIn).toMatchObject({ ok: false, error: { code: 'OFFLINE', message: expect.stringMatching(/cannot be reached/) } });

    await proxy.up();
    await vi.waitFor(async () => expect((await call<SyncStatus>('sync.status', {})).source).toBe('online'), WAIT);
  });
});
