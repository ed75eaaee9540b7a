import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCacheDatabase, startSyncWorker } from '../../main/cache';
import { generateDemoBank } from '../../main/demo';
import type { Bank } from '../../main/source';
import { bankDayOf, parseDayIso } from '../../shared/bank-time';
import { emptySqliteBank } from '../support/banks';
import { rollupsAndRecount } from '../support/rollup-recount';
import { tempDir } from '../support/temp';

const ZONE = 'Europe/Prague';
const at = (iso: string): number => Date.parse(iso);

/**
 * The cache's rollups against a recount of its own rows in bank days (Europe/Prague), on the embedded
 * demo bank as source: after the first copy (bulk rebuild) and after incremental rounds that add,
 * change and delete bookings, accounts and customers (kept by triggers). The demo window ends on
 * 2026-11-01, so it spans the 25-hour day of 2026-10-25; the added rows sit near local midnight,
 * where the bank day and the UTC day differ.
 */
describe('cache rollups in bank days (embedded demo bank as source)', () => {
  let dir: ReturnType<typeof tempDir>;
  let bank: Bank;
  let bankFile: string;
  let cacheFile: string;
  const key = randomBytes(32);

  const syncOnce = async (): Promise<void> => {
    await startSyncWorker({
      cacheFile,
      keyHex: key.toString('hex'),
      source: { kind: 'sqlite', file: bankFile },
      intervalMs: null,
      overlap: 200,
    }).finished;
  };
  const expectRollupsEqualRecount = (): void => {
    const cache = openCacheDatabase(cacheFile, key);
    try {
      const r = rollupsAndRecount(cache, ZONE);
      expect(r.flows.stored.length).toBeGreaterThan(0);
      expect(r.flows.stored).toEqual(r.flows.recount);
      expect(r.accounts.stored).toEqual(r.accounts.recount);
      expect(r.customers.stored).toEqual(r.customers.recount);
      // The explorer's narrow copy of customer postings holds exactly the postings the rows would join.
      const postings = cache
        .prepare(
          'select booked_at, id, amount, account_id, channel, type, reference, description from cache_postings order by booked_at, id',
        )
        .all();
      const joined = cache
        .prepare(
          `select e.booked_at, e.id, e.amount, e.account_id, j.channel, j.type, j.reference, j.description from entries e join accounts a on a.id = e.account_id
           join journal j on j.id = e.journal_id where a.kind = 'customer' order by e.booked_at, e.id`,
        )
        .all();
      expect(postings.length).toBeGreaterThan(0);
      expect(postings).toEqual(joined);
    } finally {
      cache.close();
    }
  };
  const nextId = async (table: 'customers' | 'accounts' | 'journal' | 'entries'): Promise<number> => {
    const r = await bank.db
      .selectFrom(table)
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirstOrThrow();
    return Number(r.m ?? 0) + 1;
  };

  beforeAll(async () => {
    dir = tempDir('cbrollups-');
    bank = await emptySqliteBank(dir.path);
    bankFile = join(dir.path, 'bank.sqlite');
    cacheFile = join(dir.path, 'cache.db');
    await generateDemoBank(bank, { customers: 60, months: 3, seed: 11, end: Date.UTC(2026, 10, 1) });
  });
  afterAll(async () => {
    await bank.close();
    dir.remove();
  });

  it('after the first copy each rollup equals a recount of the rows by bank day', async () => {
    await syncOnce();
    expectRollupsEqualRecount();
    const cache = openCacheDatabase(cacheFile, key);
    try {
      expect(cache.prepare("select value from cache_info where key = 'rollup_zone'").pluck().get()).toBe(ZONE);
      // The test means something only if some bookings fall on a different UTC day than bank day.
      const times = cache.prepare('select booked_at from entries').pluck().all() as number[];
      expect(times.some((t) => bankDayOf(t, ZONE) !== Math.floor(t / 86_400_000))).toBe(true);
    } finally {
      cache.close();
    }
  });

  it('stays equal after incremental rounds adding, changing and deleting bookings, accounts and customers', async () => {
    const now = Date.now();
    const model = await bank.db
      .selectFrom('customers')
      .select([
        'date_of_birth',
        'gender',
        'address',
        'city',
        'phone',
        'email',
        'occupation',
        'risk_rating',
        'kyc_status',
        'kyc_next_review',
        'preferred_channel',
        'branch_id',
      ])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const customerA = await nextId('customers');
    const customerB = customerA + 1;
    // A: 00:30 in Prague on 1 November (still 31 October in UTC); B: 23:59 on the long day of 25 October.
    for (const [id, createdAt] of [
      [customerA, at('2026-10-31T23:30:00Z')],
      [customerB, at('2026-10-25T22:59:00Z')],
    ] as const) {
      await bank.db
        .insertInto('customers')
        .values({
          ...model,
          id,
          customer_no: `T-${id}`,
          national_id: `T${id}`,
          legal_name: `Rollup Test ${id}`,
          created_at: createdAt,
          updated_at: now,
        })
        .execute();
    }
    const modelAccount = await bank.db
      .selectFrom('accounts')
      .select(['id', 'kind', 'name', 'product_id', 'branch_id', 'currency', 'status', 'status_reason'])
      .where('kind', '=', 'customer')
      .where('closed_at', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const internal = await bank.db
      .selectFrom('accounts')
      .select('id')
      .where('kind', '=', 'internal')
      .where('currency', '=', modelAccount.currency)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const accountA = await nextId('accounts');
    const accountC = accountA + 1;
    for (const [id, openedAt] of [
      [accountA, at('2026-10-31T23:10:00Z')],
      [accountC, at('2026-10-26T23:20:00Z')],
    ] as const) {
      await bank.db
        .insertInto('accounts')
        .values({
          ...modelAccount,
          id,
          closed_at: null,
          account_no: `TEST${id}`,
          customer_id: customerA,
          balance: 0,
          opened_at: openedAt,
          updated_at: now,
        })
        .execute();
    }
    // An existing account closes at 00:15 in Prague on 25 October (24 October in UTC).
    await bank.db
      .updateTable('accounts')
      .set({ status: 'closed', closed_at: at('2026-10-24T22:15:00Z'), updated_at: now })
      .where('id', '=', modelAccount.id)
      .execute();
    // A deposit to account A at 00:45 in Prague on 1 November.
    const journal = await nextId('journal');
    const entry = await nextId('entries');
    const bookedAt = at('2026-10-31T23:45:00Z');
    await bank.db
      .insertInto('journal')
      .values({
        id: journal,
        reference: `TEST-${journal}`,
        booked_at: bookedAt,
        type: 'deposit',
        channel: 'branch',
        amount: 12_345,
        currency: modelAccount.currency,
        description: 'rollup test',
        counterparty_name: null,
        counterparty_account: null,
        idempotency_key: null,
        external_ref: null,
        status: 'posted',
        created_by: 'test',
      })
      .execute();
    await bank.db
      .insertInto('entries')
      .values([
        { id: entry, journal_id: journal, account_id: accountA, amount: 12_345, balance_after: 12_345, booked_at: bookedAt },
        { id: entry + 1, journal_id: journal, account_id: internal.id, amount: -12_345, balance_after: 0, booked_at: bookedAt },
      ])
      .execute();
    await syncOnce();
    expectRollupsEqualRecount();

    const cache = openCacheDatabase(cacheFile, key);
    try {
      const nov1 = parseDayIso('2026-11-01');
      expect(
        cache.prepare('select n from rollup_customers_daily where day = ? and branch_id = ?').pluck().get(nov1, model.branch_id),
      ).toBeGreaterThanOrEqual(1);
      expect(
        cache.prepare("select sum(n) from rollup_daily where day = ? and type = 'deposit' and channel = 'branch'").pluck().get(nov1),
      ).toBeGreaterThanOrEqual(1);
    } finally {
      cache.close();
    }

    // Round 3: B is deleted (a tombstone), A moves branch, account C is deleted and the closed account reopens.
    const otherBranch = await bank.db
      .selectFrom('branches')
      .select('id')
      .where('id', '!=', model.branch_id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await bank.db.deleteFrom('customers').where('id', '=', customerB).execute();
    await bank.db
      .updateTable('customers')
      .set({ branch_id: otherBranch.id, updated_at: now + 1 })
      .where('id', '=', customerA)
      .execute();
    await bank.db.deleteFrom('accounts').where('id', '=', accountC).execute();
    await bank.db
      .updateTable('accounts')
      .set({ status: 'open', closed_at: null, updated_at: now + 1 })
      .where('id', '=', modelAccount.id)
      .execute();
    await syncOnce();
    expectRollupsEqualRecount();
    const after = openCacheDatabase(cacheFile, key);
    try {
      expect(after.prepare('select count(*) from customers where id = ?').pluck().get(customerB)).toBe(0);
      expect(after.prepare('select count(*) from accounts where id = ?').pluck().get(accountC)).toBe(0);
    } finally {
      after.close();
    }
  });

  it('a cache whose rollups were cut another way (UTC days, version 1) is rebuilt once', async () => {
    const cache = openCacheDatabase(cacheFile, key);
    try {
      cache.exec(
        "update cache_info set value = '1' where key = 'rollup_version'; update rollup_daily set day = day + 100000; delete from rollup_customers_daily; delete from cache_postings;",
      );
    } finally {
      cache.close();
    }
    await syncOnce();
    expectRollupsEqualRecount();
  });
});
