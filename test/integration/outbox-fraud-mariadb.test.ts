import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MethodName, MethodOutput, Session, SyncStatus } from '../../shared/contract';
import type { EventName } from '../../shared/events';
import { generateDemoBank } from '../../main/demo';
import { scanBank } from '../../main/fraud';
import { applyCommand } from '../../main/fraud-review';
import { silentLogger } from '../../main/log';
import { openRuntime, type Runtime } from '../../main/runtime';
import { migrateToLatest, openMysqlBank, type Bank } from '../../main/source';
import { freshDatabase, MYSQL_SERVER } from '../support/mariadb';
import { TcpProxy } from '../support/tcp-proxy';
import { tempDir } from '../support/temp';

/** Polling for states the runtime reaches on its own (sync rounds, health checks, the replay). */
const WAIT = { timeout: 60_000, interval: 100 };
let n = 0;
const key = () => `outbox-test-${Date.now()}-${++n}-xyz`;

/** Offline review writes go to the cache's outbox and are replayed on reconnect; a conflict is surfaced. Through the real runtime and dispatcher. */
describe('outbox: offline review writes on MariaDB behind a cut network', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let dir: ReturnType<typeof tempDir>;
  let proxy: TcpProxy;
  let direct: Bank;
  let runtime: Runtime;
  let token = '';
  const events: { event: EventName; payload: unknown }[] = [];

  const send = (method: MethodName, input: unknown) => runtime.dispatch({ method, input, sessionToken: token, transport: 'test', origin: 'test' });
  const call = async <K extends MethodName>(method: K, input: unknown): Promise<MethodOutput<K>> => {
    const r = await send(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.result as MethodOutput<K>;
  };

  beforeAll(async () => {
    db = await freshDatabase('cboutbox');
    direct = openMysqlBank(db.url);
    await migrateToLatest(direct.db, 'mysql');
    await generateDemoBank(direct, { customers: 200, months: 4, seed: 11, end: Date.now() });
    await scanBank(direct);
    const target = new URL(MYSQL_SERVER);
    proxy = new TcpProxy(target.hostname, Number(target.port || 3306));
    await proxy.up();
    const url = new URL(db.url);
    url.port = String(proxy.port);
    dir = tempDir();
    runtime = await openRuntime({ dataDir: dir.path, mysqlUrl: url.toString(), log: silentLogger, liveFraudMonitor: false });
    const anonymous = (method: MethodName, input: unknown) => runtime.dispatch({ method, input, sessionToken: null, transport: 'test', origin: 'test' });
    expect(await anonymous('auth.setupAdmin', { username: 'root', displayName: 'Root', password: 'outbox test password' })).toMatchObject({ ok: true });
    const admin = await anonymous('auth.signIn', { username: 'root', password: 'outbox test password' });
    if (!admin.ok) throw new Error(admin.error.message);
    token = (admin.result as Session).token;
    await call('admin.createUser', { username: 'analyst1', displayName: 'Ana Lyst', role: 'fraud_analyst', password: 'outbox review passphrase' });
    const analyst = await anonymous('auth.signIn', { username: 'analyst1', password: 'outbox review passphrase' });
    if (!analyst.ok) throw new Error(analyst.error.message);
    token = (analyst.result as Session).token;
    // An administrator-set password must be replaced first (issue 14, finding 11).
    await call('auth.changePassword', { currentPassword: 'outbox review passphrase', newPassword: 'outbox chosen review words' });
    runtime.events.subscribe(
      (event, payload) => events.push({ event, payload }),
      () => token,
    );
  }, 240_000);
  afterAll(async () => {
    await runtime?.close();
    await direct?.close();
    await proxy?.down();
    await db?.drop();
    dir?.remove();
  });

  it('queues offline, replays on reconnect exactly once, and surfaces a conflicting change', async () => {
    await vi.waitFor(async () => expect(((await call('sync.status', {})) as SyncStatus).state).toBe('live'), WAIT);
    const [a, b] = (await call('alerts.list', { limit: 3 })).rows;
    if (!a || !b) throw new Error('need two alerts');
    const before = await direct.db.selectFrom('fraud_alerts').select(['id', 'status']).where('id', '=', b.id).executeTakeFirstOrThrow();

    await proxy.down();
    await vi.waitFor(async () => expect(((await call('sync.status', {})) as SyncStatus).source).toBe('offline'), WAIT);

    // Offline: reads from the cache, writes queued.
    const list = await call('alerts.list', { limit: 3 });
    expect(list.asOf).not.toBeNull();
    const noteKey = key();
    const q1 = await call('alerts.addNote', { id: a.id, text: 'Written on the train.', idempotencyKey: noteKey });
    expect(q1).toMatchObject({ status: 'queued' });
    const again = await call('alerts.addNote', { id: a.id, text: 'Written on the train.', idempotencyKey: noteKey });
    expect(again.outboxId).toBe(q1.outboxId);
    const q2 = await call('alerts.dismiss', { ids: [a.id], reason: 'known_pattern', comment: 'Seen before', idempotencyKey: key() });
    const q3 = await call('alerts.dismiss', { ids: [b.id], reason: 'duplicate', idempotencyKey: key() });
    expect([q2.status, q3.status]).toEqual(['queued', 'queued']);
    const pending = await call('sync.outbox.list', {});
    expect(pending.map((p) => p.status)).toEqual(['pending', 'pending', 'pending']);
    expect(pending[0]?.summary).toMatch(/Note on alert/);
    expect(events.some((e) => e.event === 'outbox.changed' && (e.payload as { pending: number }).pending === 3)).toBe(true);
    // Confirming fraud freezes money and must reach the bank: refused offline, nothing queued, nothing changed.
    const confirm = await send('alerts.confirmFraud', { id: b.id, comment: 'Card used in two countries at once' });
    expect(confirm).toMatchObject({ ok: false, error: { code: 'OFFLINE', message: expect.stringMatching(/nothing was changed or posted/) } });
    expect((await call('sync.outbox.list', {})).length).toBe(3);
    expect(await direct.db.selectFrom('fraud_alerts').select(['id', 'status']).where('id', '=', b.id).executeTakeFirstOrThrow()).toEqual(before);

    // Meanwhile another analyst dismisses b on the server.
    await applyCommand(direct, key(), { method: 'alerts.dismiss', input: { ids: [b.id], reason: 'other', comment: '' } }, 'analyst2', Date.now());

    await proxy.up();
    const done = await vi.waitFor(async () => {
      const l = await call('sync.outbox.list', {});
      expect(l.map((e) => e.status)).not.toContain('pending');
      return l;
    }, WAIT);
    expect(done.map((e) => e.status)).toEqual(['applied', 'applied', 'conflict']);
    expect(done[2]?.message).toMatch(new RegExp(`Alert ${b.id} was dismissed by analyst2 at .* while you were offline`));

    const onBank = await direct.db.selectFrom('fraud_alerts').select(['id', 'status', 'disposed_by', 'dismiss_reason']).where('id', 'in', [a.id, b.id]).orderBy('id').execute();
    expect(onBank.find((r) => Number(r.id) === a.id)).toMatchObject({ status: 'dismissed', disposed_by: 'analyst1', dismiss_reason: 'known_pattern' });
    expect(onBank.find((r) => Number(r.id) === b.id)).toMatchObject({ status: 'dismissed', disposed_by: 'analyst2', dismiss_reason: 'other' });
    expect(events.at(-1)).toMatchObject({ event: 'outbox.changed', payload: { pending: 0, conflicts: 1 } });

    // A second replay of the same command (a crash between apply and marking it) posts nothing twice.
    const dup = await applyCommand(direct, noteKey, { method: 'alerts.addNote', input: { id: a.id, text: 'Written on the train.' } }, 'analyst1', Date.now());
    expect(dup.duplicate).toBe(true);
    const notes = await direct.db.selectFrom('fraud_alert_notes').select('text').where('alert_id', '=', a.id).execute();
    expect(notes.map((x) => x.text)).toEqual(['Written on the train.']);

    // The user reads the conflict and discards it.
    const conflict = (await call('sync.outbox.list', {})).find((e) => e.status === 'conflict');
    await call('sync.outbox.discard', { id: conflict?.id });
    expect((await call('sync.outbox.list', {})).length).toBe(2);
  }, 120_000);
});
