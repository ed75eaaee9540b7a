import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operation } from '../../shared/contract';
import type { Runtime } from '../../main/runtime';
import type { Bank } from '../../main/source';
import { demoRuntime, dispatcherClient, rowCount, verifiedEurAccount } from '../support/demo-runtime';
import { tempDir } from '../support/temp';

/**
 * Issue 14, faults: the disk under the embedded bank fills up during a teller's deposits. SQLite's
 * max_page_count makes the file unable to grow — to SQLite the same SQLITE_FULL a full disk gives —
 * without filling this machine's disk. The deposit that does not fit is answered STORAGE_FULL in words
 * (not INTERNAL), nothing of it is written, the balances still equal their entries, and once there is
 * room the same request (same idempotency key) posts exactly once.
 */
describe('a full disk during deposits on the embedded bank', () => {
  let bank: Bank;
  let dispose: () => Promise<void>;
  let runtime: Runtime;
  let accountId = 0;
  const dir = tempDir('cbdiskfull-');
  const client = dispatcherClient(() => runtime, new Map());

  const deposit = (idempotencyKey: string) => {
    const operation: Operation = { kind: 'deposit', accountId, amount: '125.00', currency: 'EUR', description: 'Cash deposit at the counter' };
    return client.call('teller', 'ops.submit', { operation, idempotencyKey });
  };
  const count = (table: 'journal' | 'entries') => rowCount(bank, table);
  const pages = (): number => Number(bank.sqlite?.pragma('page_count', { simple: true }));

  beforeAll(async () => {
    ({ bank, dispose, runtime } = await demoRuntime('sqlite', 'cbdiskfull', dir.path));
    accountId = await verifiedEurAccount(bank);
    await client.signInAs('teller');
  }, 120_000);

  afterAll(async () => {
    await runtime?.close();
    await dispose?.();
    dir.remove();
  });

  it('answers STORAGE_FULL with nothing written, keeps every balance equal to its entries, and posts once when there is room', async () => {
    expect(bank.sqlite).not.toBeNull();
    // The file may not grow: deposits fill the free space left in its pages, then one does not fit.
    bank.sqlite?.pragma(`max_page_count = ${pages()}`);
    let refused: { key: string; code: string; message: string } | null = null;
    for (let i = 0; i < 2000 && !refused; i++) {
      const key = `disk-full-${randomUUID()}`;
      const journalBefore = await count('journal');
      const entriesBefore = await count('entries');
      const r = await deposit(key);
      if (r.ok) continue;
      refused = { key, code: r.error.code, message: r.error.message };
      // All or nothing: neither the journal row nor either leg of the refused deposit is there.
      expect(await count('journal')).toBe(journalBefore);
      expect(await count('entries')).toBe(entriesBefore);
    }
    expect(refused, 'the capped file never filled up').not.toBeNull();
    if (!refused) return;
    expect(refused.code).toBe('STORAGE_FULL');
    expect(refused.message).toMatch(/^This computer’s disk is full, so nothing was saved\. Free some space/);

    // Every account's balance still equals the sum of its entries; the teller can still read the account.
    const drift = await bank.db
      .selectFrom('accounts as a')
      .leftJoin('entries as e', 'e.account_id', 'a.id')
      .select(['a.id', 'a.balance', (eb) => eb.fn.coalesce(eb.fn.sum<number>('e.amount'), eb.lit(0)).as('sum')])
      .groupBy(['a.id', 'a.balance'])
      .execute();
    expect(drift.filter((r) => Number(r.balance) !== Number(r.sum))).toEqual([]);
    const account = await client.call('teller', 'accounts.get', { id: accountId });
    expect(account.ok).toBe(true);

    // Space freed: the same request posts exactly once, and again answers that same posting.
    bank.sqlite?.pragma('max_page_count = 1073741823');
    const journalBefore = await count('journal');
    const retried = await deposit(refused.key);
    expect(retried.ok, retried.ok ? '' : retried.error.message).toBe(true);
    const again = await deposit(refused.key);
    expect(again.ok && retried.ok && again.result).toEqual(retried.ok && { ...(retried.result as object), replayed: true });
    expect(await count('journal')).toBe(journalBefore + 1);
  }, 300_000);
});
