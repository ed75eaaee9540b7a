import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountDetail } from '../../main/banking/accounts';
import { generateDemoBank } from '../../main/demo';
import type { Bank } from '../../main/source';
import { emptySqliteBank, TINY_DEMO } from '../support/banks';
import { tempDir } from '../support/temp';

const at = (iso: string): number => Date.parse(iso);

/**
 * The daily cash limit counts the BANK day (bank_meta.timezone, Europe/Prague for the demo bank),
 * not the UTC day: at 00:30 in Prague a withdrawal made at 23:30 the evening before is yesterday's,
 * though both instants share a UTC date.
 */
describe('daily cash limit per bank day (embedded demo bank)', () => {
  let dir: ReturnType<typeof tempDir>;
  let bank: Bank;
  let accountId = 0;

  const withdraw = async (id: number, amount: number, bookedAt: number): Promise<void> => {
    const journal =
      Number(
        (
          await bank.db
            .selectFrom('journal')
            .select((eb) => eb.fn.max('id').as('m'))
            .executeTakeFirstOrThrow()
        ).m,
      ) + 1;
    const entry =
      Number(
        (
          await bank.db
            .selectFrom('entries')
            .select((eb) => eb.fn.max('id').as('m'))
            .executeTakeFirstOrThrow()
        ).m,
      ) + 1;
    await bank.db
      .insertInto('journal')
      .values({
        id: journal,
        reference: `DAY-${journal}`,
        booked_at: bookedAt,
        type: 'withdrawal',
        channel: 'branch',
        amount,
        currency: 'EUR',
        description: 'bank day test',
        counterparty_name: null,
        counterparty_account: null,
        idempotency_key: null,
        external_ref: null,
        status: 'posted',
        created_by: 'test',
      })
      .execute();
    await bank.db.insertInto('entries').values({ id: entry, journal_id: journal, account_id: id, amount: -amount, balance_after: 0, booked_at: bookedAt }).execute();
  };

  beforeAll(async () => {
    dir = tempDir('cbbankday-');
    bank = await emptySqliteBank(dir.path);
    await generateDemoBank(bank, { ...TINY_DEMO, end: Date.UTC(2026, 5, 1) });
    const a = await bank.db.selectFrom('accounts').select('id').where('kind', '=', 'customer').where('currency', '=', 'EUR').orderBy('id').executeTakeFirstOrThrow();
    accountId = Number(a.id);
    // Summer time (UTC+2): 21:30 UTC is 23:30 on 1 July, 22:10 UTC is 00:10 on 2 July in Prague.
    await withdraw(accountId, 30_000, at('2026-07-01T21:30:00Z'));
    await withdraw(accountId, 5_000, at('2026-07-01T22:10:00Z'));
  });
  afterAll(async () => {
    await bank.close();
    dir.remove();
  });

  it('counts only the withdrawals of the current bank day', async () => {
    // 00:30 on 2 July in Prague: only the 00:10 withdrawal is today's.
    expect((await accountDetail(bank.db, { id: accountId }, null, at('2026-07-01T22:30:00Z'))).withdrawnToday).toBe(5_000);
  });

  it('follows the zone the bank records', async () => {
    await bank.db.updateTable('bank_meta').set({ value: 'UTC' }).where('key', '=', 'timezone').execute();
    try {
      // In UTC both withdrawals fall on 1 July.
      expect((await accountDetail(bank.db, { id: accountId }, null, at('2026-07-01T22:30:00Z'))).withdrawnToday).toBe(35_000);
    } finally {
      await bank.db.updateTable('bank_meta').set({ value: 'Europe/Prague' }).where('key', '=', 'timezone').execute();
    }
  });
});
