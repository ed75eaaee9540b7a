import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Receipt } from '../../shared/contract';
import type { ApiResult } from '../../shared/errors';
import { generateDemoBank } from '../../main/demo';
import { checkLedger } from '../../main/ledger';
import { silentLogger } from '../../main/log';
import { createRuntime, type Runtime } from '../../main/runtime';
import { migrateToLatest, openMysqlBank, type Bank } from '../../main/source';
import { TINY_DEMO } from '../support/banks';
import { dispatcherClient } from '../support/demo-runtime';
import { freshDatabase } from '../support/mariadb';
import { SqlCutProxy } from '../support/sql-cut-proxy';
import { tempDir } from '../support/temp';

/**
 * Issue 14 part B, faults: the connection to MariaDB cut in the middle of a transfer — before the
 * entries reach the database, and after COMMIT was sent with its answer lost. Either way the caller gets
 * a clear OFFLINE answer (not INTERNAL), nothing is half-written (every journal whole, every balance
 * the sum of its entries), and repeating the request with the same idempotency key posts exactly once.
 */
describe('MariaDB connection cut during a transfer', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let direct: Bank;
  let viaProxy: Bank;
  let proxy: SqlCutProxy;
  let runtime: Runtime;
  const dir = tempDir('cbcut-');
  const tokens = new Map<string, string>();
  const { call, signInAs } = dispatcherClient(() => runtime, tokens);
  let from: { id: number; currency: string; balance: number };
  let toNo: string;

  const journals = async () => Number((await sql<{ n: number }>`select count(*) as n from journal`.execute(direct.db)).rows[0]?.n);
  const balanceOf = async (id: number) => Number((await direct.db.selectFrom('accounts').select('balance').where('id', '=', id).executeTakeFirstOrThrow()).balance);
  const transfer = (k: string): Promise<ApiResult<unknown>> =>
    call('teller', 'ops.submit', {
      operation: { kind: 'transfer', fromAccountId: from.id, toAccountNo: toNo, amount: '3.21', currency: from.currency, description: 'cut test' },
      idempotencyKey: k,
    });
  /** Once the link is back (the pool reconnects), the same request posts or replays. */
  const retry = async (k: string): Promise<Receipt> => {
    let receipt: Receipt | null = null;
    await vi.waitFor(
      async () => {
        const r = await transfer(k);
        if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
        receipt = r.result as Receipt;
      },
      { timeout: 30_000, interval: 200 },
    );
    if (!receipt) throw new Error('no receipt');
    return receipt;
  };
  const ledgerWhole = async () => {
    const r = await checkLedger(direct);
    return r.unbalancedJournals + r.journalsWithoutEntries + r.amountMismatches + r.balanceMismatches;
  };

  beforeAll(async () => {
    db = await freshDatabase('cbcut');
    direct = openMysqlBank(db.url);
    await migrateToLatest(direct.db, 'mysql');
    await generateDemoBank(direct, { ...TINY_DEMO, end: Date.now() - 86_400_000 });
    const u = new URL(db.url);
    proxy = new SqlCutProxy(u.hostname, Number(u.port || 3306));
    await proxy.up();
    u.host = `127.0.0.1:${proxy.port}`;
    viaProxy = openMysqlBank(u.toString());
    runtime = await createRuntime(viaProxy, 'demo', { dataDir: dir.path, log: silentLogger, liveFraudMonitor: false }, async () => undefined);
    await signInAs('teller');
    const rows = await direct.db
      .selectFrom('accounts as a')
      .innerJoin('customers as c', 'c.id', 'a.customer_id')
      .select(['a.id', 'a.currency', 'a.balance', 'a.account_no', 'a.customer_id'])
      .where('a.kind', '=', 'customer')
      .where('a.status', '=', 'open')
      .where('c.kyc_status', '=', 'verified')
      .where('a.currency', '=', 'EUR')
      .orderBy('a.balance', 'desc')
      .limit(10)
      .execute();
    const [a, ...rest] = rows;
    const b = rest.find((r) => r.customer_id !== a?.customer_id);
    if (!a || !b) throw new Error('need two customers');
    from = { id: Number(a.id), currency: a.currency, balance: Number(a.balance) };
    toNo = b.account_no;
  }, 180_000);
  afterAll(async () => {
    await runtime?.close();
    await proxy?.close();
    await direct?.close();
    await db?.drop();
    dir.remove();
  });

  it('cut before the entries are written: OFFLINE, nothing written; the retry with the same key posts once', async () => {
    const before = { journals: await journals(), balance: await balanceOf(from.id) };
    const k = `cut-${randomUUID()}`;
    proxy.arm({ pattern: /insert into `entries`/i, when: 'before' });
    const r = await transfer(k);
    expect(proxy.cuts).toBe(1);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('OFFLINE');
      expect(r.error.message).toMatch(/same request|same key|again/i);
    }
    expect(await journals()).toBe(before.journals);
    expect(await balanceOf(from.id)).toBe(before.balance);
    expect(await ledgerWhole()).toBe(0);
    const first = await retry(k);
    const again = await retry(k);
    expect(again.reference).toBe(first.reference);
    expect(await journals()).toBe(before.journals + 1);
    expect(await balanceOf(from.id)).toBe(before.balance - 321);
  }, 60_000);

  it('cut after COMMIT was sent (the answer lost): OFFLINE, posted whole once; the retry with the same key answers that posting', async () => {
    const before = { journals: await journals(), balance: await balanceOf(from.id) };
    const k = `cut-${randomUUID()}`;
    proxy.arm({ pattern: /^[\s\S]{0,8}commit/i, when: 'after-sent' });
    const cutsBefore = proxy.cuts;
    const r = await transfer(k);
    expect(proxy.cuts).toBe(cutsBefore + 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('OFFLINE');
    // Committed on the server although the caller never heard it: whole, once.
    expect(await journals()).toBe(before.journals + 1);
    expect(await ledgerWhole()).toBe(0);
    const replay = await retry(k);
    expect(replay.replayed).toBe(true);
    expect(await journals()).toBe(before.journals + 1);
    expect(await balanceOf(from.id)).toBe(before.balance - 321);
  }, 60_000);
});
