import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Operation, Receipt } from '../../shared/contract';
import { InternalRoutes, submitOperation } from '../../main/banking';
import { generateDemoBank } from '../../main/demo';
import { ImportRejected, importTransactionsCsv } from '../../main/importers';
import { checkLedger } from '../../main/ledger';
import type { Bank } from '../../main/source';
import { freshBank, TINY_DEMO, type Engine } from '../support/banks';
import { tempDir } from '../support/temp';

const HOUR = 3_600_000;
const HEADER = 'txn_id,timestamp,account,counterparty,type,channel,amount,currency,balance_after,label';

/**
 * Issue 14 part B: deposits submitted at 19:21 UTC were stored at 20:21 UTC. The ledger books in time
 * order, so a posting was moved forward to the latest entry on its accounts however far ahead that
 * entry was; one row dated an hour ahead — the bank's Prague wall time written with "Z", or a
 * workstation whose clock is an hour fast — then dated every later posting on the account (and on the
 * branch's cash vault) an hour ahead. Now such rows are refused at import, a posting is moved forward
 * only by a clock difference (5 minutes), and beyond it refused with the account and the gap named.
 */
for (const engine of ['sqlite', 'mysql'] as Engine[]) {
  describe(`booking time on ${engine}`, () => {
    let bank: Bank;
    let dispose: () => Promise<void>;
    let routes: InternalRoutes;
    const dir = tempDir('cbclock-');
    const accounts: Array<{ id: number; no: string; currency: string }> = [];
    let next = 0;
    /** A customer account no other test here has touched. */
    const fresh = () => {
      const a = accounts[next++];
      if (!a) throw new Error('out of accounts');
      return a;
    };
    const deposit = (a: { id: number; currency: string }, k = `clock-${randomUUID()}`): Promise<Receipt> =>
      submitOperation(bank, routes, { kind: 'deposit', accountId: a.id, amount: '10.00', currency: a.currency, description: 'Cash in' } satisfies Operation, k, 'teller');
    const journalCount = async () =>
      Number(
        (
          await bank.db
            .selectFrom('journal')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeAll(async () => {
      ({ bank, dispose } = await freshBank(engine, 'cbclock'));
      await generateDemoBank(bank, { ...TINY_DEMO, end: Date.now() - 2 * HOUR });
      routes = new InternalRoutes(bank);
      const rows = await bank.db
        .selectFrom('accounts')
        .select(['id', 'account_no', 'currency'])
        .where('kind', '=', 'customer')
        .where('status', '=', 'open')
        .orderBy('id')
        .limit(8)
        .execute();
      for (const r of rows) accounts.push({ id: Number(r.id), no: r.account_no, currency: r.currency });
    }, 180_000);
    afterEach(() => {
      vi.useRealTimers();
    });
    afterAll(async () => {
      await dispose?.();
      dir.remove();
    });

    it('a deposit is stored at the instant it is submitted (the bank lives in Europe/Prague)', async () => {
      const a = fresh();
      const before = Date.now();
      const r = await deposit(a);
      expect(r.postedAt).toBeGreaterThanOrEqual(before);
      expect(r.postedAt).toBeLessThanOrEqual(Date.now());
      const stored = await bank.db.selectFrom('journal').select('booked_at').where('id', '=', r.journalId).executeTakeFirstOrThrow();
      expect(Number(stored.booked_at)).toBe(r.postedAt);
    });

    it('refuses an imported row written in Prague wall time marked Z (an hour ahead); the next deposit is not moved', async () => {
      const a = fresh();
      const wallAsUtc = Date.now() + HOUR;
      const file = join(dir.path, `ahead-${engine}.csv`);
      writeFileSync(file, `${HEADER}\r\nahead:${engine}:1,${new Date(wallAsUtc).toISOString()},${a.no},Shop,card,,0.01,${a.currency},,\r\n`);
      const e = await importTransactionsCsv(bank, file).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(ImportRejected);
      const rows = (e as ImportRejected).badRows;
      expect(rows).toHaveLength(1);
      expect(rows[0]?.column).toBe('timestamp');
      expect(rows[0]?.reason).toMatch(/1 h after this import's clock/);
      const before = Date.now();
      const r = await deposit(a);
      expect(r.postedAt - before).toBeLessThan(60_000);
      expect(r.postedAt).toBeLessThanOrEqual(Date.now());
    });

    it('the clock moved back a little: postings keep the ledger in time order and balanced', async () => {
      const a = fresh();
      const first = await deposit(a);
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(first.postedAt - 90_000);
      const second = await deposit(a);
      expect(second.postedAt).toBe(first.postedAt);
      const entries = await bank.db
        .selectFrom('entries')
        .select(['booked_at', 'balance_after', 'amount'])
        .where('account_id', '=', a.id)
        .orderBy('booked_at')
        .orderBy('id')
        .execute();
      for (let i = 1; i < entries.length; i++) {
        const prev = entries[i - 1];
        const cur = entries[i];
        if (!prev || !cur) continue;
        expect(Number(cur.booked_at)).toBeGreaterThanOrEqual(Number(prev.booked_at));
        expect(Number(cur.balance_after)).toBe(Number(prev.balance_after) + Number(cur.amount));
      }
      vi.useRealTimers();
      const report = await checkLedger(bank);
      expect(report.unbalancedJournals + report.balanceMismatches + report.amountMismatches).toBe(0);
    });
    // Last: it leaves the branch's cash vault with an entry an hour ahead.
    it('a workstation an hour fast: the next posting from a right clock is refused (named), not dated ahead; after the clock is right the same key posts once', async () => {
      const a = fresh();
      const real = Date.now();
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(real + HOUR);
      const fast = await deposit(a);
      expect(fast.postedAt).toBe(real + HOUR);
      vi.setSystemTime(real);
      const journals = await journalCount();
      const k = `clock-${randomUUID()}`;
      const refusal = await deposit(a, k).then(
        () => null,
        (x: unknown) => x as { code?: string; message?: string },
      );
      expect(refusal?.code).toBe('CONFLICT');
      // The account's own entry or the branch cash vault's (both took the fast posting): named either way.
      expect(refusal?.message).toMatch(/Account \S+ already has an entry dated/);
      expect(refusal?.message).toMatch(/1 h after this computer’s clock/);
      expect(await journalCount()).toBe(journals);
      // The clock is put right (it is now past the fast entry): the retry with the same key posts once.
      vi.setSystemTime(real + HOUR + 1000);
      const retried = await deposit(a, k);
      const again = await deposit(a, k);
      expect(again.journalId).toBe(retried.journalId);
      expect(await journalCount()).toBe(journals + 1);
    });
  });
}
