import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkWriter, type WriteRow } from '../../main/ledger';
import type { Bank } from '../../main/source';
import { freshBank } from '../support/banks';

const T0 = Date.UTC(2024, 0, 1);
const branch: WriteRow<'branches'> = {
  id: 1,
  code: 'B1',
  name: 'Brno',
  region: 'South Moravia',
  address: 'Masarykova 1',
  city: 'Brno',
  phone: '+420 500 000 000',
  hours: '9–17',
  created_at: T0,
  updated_at: T0,
};
const account = (id: number): WriteRow<'accounts'> => ({
  id,
  account_no: `ACC${id}`,
  kind: 'internal',
  name: `Account ${id}`,
  customer_id: null,
  product_id: null,
  branch_id: 1,
  currency: 'EUR',
  balance: 0,
  status: 'open',
  status_reason: null,
  opened_at: T0,
  closed_at: null,
  updated_at: T0,
});
const journal = (id: number): WriteRow<'journal'> => ({
  id,
  reference: `BW${id}`,
  booked_at: T0 + id,
  type: 'transfer',
  channel: 'system',
  amount: 100,
  currency: 'EUR',
  description: 'bulk',
  counterparty_name: null,
  counterparty_account: null,
  idempotency_key: null,
  external_ref: null,
  status: 'posted',
  created_by: 'test',
});
const entry = (id: number, journalId: number, accountId: number, amount: number): WriteRow<'entries'> => ({
  id,
  journal_id: journalId,
  account_id: accountId,
  amount,
  balance_after: amount,
  booked_at: T0 + journalId,
});

/** The one bulk write path (importers, demo generator): table order, batches, foreign keys, all or nothing. */
for (const engine of ['sqlite', 'mysql'] as const) {
  describe(`bulk writer on ${engine}`, () => {
    let bank: Bank;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ bank, dispose } = await freshBank(engine, 'cbbulk'));
    }, 60_000);
    afterAll(async () => dispose?.());
    const count = async (table: 'journal' | 'entries' | 'accounts') =>
      Number(
        (
          await bank.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('writes children handed over before their parents, across batch sizes, and sets balances', async () => {
      const w = await BulkWriter.begin(bank);
      try {
        // Entries first, then journals, then accounts and the branch: the writer sends parents first (MySQL) or checks at commit (SQLite).
        for (let j = 1; j <= 150; j++) {
          w.insert('entries', entry(2 * j - 1, j, 1, -100));
          w.insert('entries', entry(2 * j, j, 2, 100));
        }
        for (let j = 1; j <= 150; j++) w.insert('journal', journal(j));
        w.insert('accounts', account(1));
        w.insert('accounts', account(2));
        w.insert('branches', branch);
        await w.setBalances([
          { id: 1, balance: -15_000, updated_at: T0 + 150 },
          { id: 2, balance: 15_000, updated_at: T0 + 150 },
        ]);
        await w.commit();
      } finally {
        await w.release();
      }
      expect(w.counts).toEqual({ entries: 300, journal: 150, accounts: 2, branches: 1 });
      expect([await count('journal'), await count('entries')]).toEqual([150, 300]);
      const balances = await bank.db.selectFrom('accounts').select(['id', 'balance', 'updated_at']).orderBy('id').execute();
      expect(balances.map((a) => [Number(a.id), Number(a.balance), Number(a.updated_at)])).toEqual([
        [1, -15_000, T0 + 150],
        [2, 15_000, T0 + 150],
      ]);
    });

    it('refuses an entry on a journal that does not exist and leaves the bank as it was', async () => {
      const w = await BulkWriter.begin(bank);
      try {
        w.insert('journal', journal(151));
        w.insert('entries', entry(301, 151, 1, -100));
        w.insert('entries', entry(302, 999, 2, 100));
        await expect(w.commit()).rejects.toThrow(/foreign key/i);
        await w.rollback();
      } finally {
        await w.release();
      }
      expect([await count('journal'), await count('entries')]).toEqual([150, 300]);
      // The connection is free again: a plain write goes through.
      await bank.db.updateTable('accounts').set({ name: 'still usable' }).where('id', '=', 1).execute();
    });
  });
}
