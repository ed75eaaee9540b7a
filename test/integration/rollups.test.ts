import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheKysely, HISTORY_PER_ACCOUNT, openCacheDatabase, startSyncWorker } from '../../main/cache';
import { customerView } from '../../main/customers/customer360';
import { loadLoanBook, positionsAt } from '../../main/metrics/loan-book';
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
    await startSyncWorker({ cacheFile, keyHex: key.toString('hex'), source: { kind: 'sqlite', file: bankFile }, intervalMs: null, overlap: 200 }).finished;
  };
  const expectRollupsEqualRecount = (): void => {
    const cache = openCacheDatabase(cacheFile, key);
    try {
      const r = rollupsAndRecount(cache, ZONE);
      expect(r.flows.stored.length).toBeGreaterThan(0);
      expect(r.flows.stored).toEqual(r.flows.recount);
      expect(r.accounts.stored).toEqual(r.accounts.recount);
      expect(r.customers.stored).toEqual(r.customers.recount);
      expect(r.reactivations.stored).toEqual(r.reactivations.recount);
      // The explorer's narrow copy of customer postings holds exactly the postings the rows would join.
      const postings = cache.prepare('select booked_at, id, amount, account_id, channel, type, reference, description from cache_postings order by booked_at, id').all();
      const joined = cache
        .prepare(
          `select e.booked_at, e.id, e.amount, e.account_id, j.channel, j.type, j.reference, j.description from entries e join accounts a on a.id = e.account_id
           join journal j on j.id = e.journal_id where a.kind = 'customer' order by e.booked_at, e.id`,
        )
        .all();
      expect(postings.length).toBeGreaterThan(0);
      expect(postings).toEqual(joined);
      // The customer 360's copy: each account's newest postings with their journal's texts, no more.
      const cols =
        'e.account_id, e.booked_at, e.id, e.amount, e.balance_after, e.journal_id, j.reference, j.type, j.channel, j.description, j.counterparty_name, j.counterparty_account, j.currency';
      const history = cache.prepare(`select ${cols.replace(/\b[ej]\./g, '')} from cache_history order by account_id, booked_at, id`).all();
      const newest = cache
        .prepare(
          `select ${cols.replace(/\b[ej]\./g, '')} from (
             select ${cols}, row_number() over (partition by e.account_id order by e.booked_at desc, e.id desc) as k
             from entries e join journal j on j.id = e.journal_id join accounts a on a.id = e.account_id where a.kind = 'customer')
           where k <= ${HISTORY_PER_ACCOUNT} order by account_id, booked_at, id`,
        )
        .all();
      expect(history.length).toBeGreaterThan(0);
      expect(history).toEqual(newest);
      // …and the copy is trimmed somewhere: an account has more postings than it keeps.
      expect(cache.prepare('select max(n) from (select count(*) as n from entries group by account_id)').pluck().get()).toBeGreaterThan(HISTORY_PER_ACCOUNT);
    } finally {
      cache.close();
    }
  };
  /**
   * The daily loan states summed up to each day equal the loan book replayed in memory (main/metrics)
   * at that day, for every day from the first loan's start to 100 days after the last due date.
   */
  const expectLoanStatesEqualBook = async (): Promise<void> => {
    const cacheDb = openCacheDatabase(cacheFile, key);
    const cacheBank: Bank = {
      db: cacheKysely(cacheDb),
      dialect: 'sqlite',
      sqlite: cacheDb,
      describe: 'test cache',
      close: async () => {
        cacheDb.close();
      },
    };
    try {
      const book = await loadLoanBook({ bank: cacheBank, source: 'cache', rollups: false, timeZone: ZONE, asOf: 0 });
      expect(book.length).toBeGreaterThan(0);
      const rows = cacheDb.prepare('select day, branch_id, product_id, currency, status, bucket, npl, n, outstanding from rollup_loans_daily order by day').all() as {
        day: number;
        branch_id: number;
        product_id: number;
        currency: string;
        status: string;
        bucket: string;
        npl: number;
        n: number;
        outstanding: number;
      }[];
      const first = Math.min(...book.map((l) => l.startDay));
      const last = Math.max(...book.flatMap((l) => l.instalments.map((i) => i.dueDay))) + 100;
      const running = new Map<string, { n: number; outstanding: number }>();
      const mismatches: string[] = [];
      let i = 0;
      let nonEmptyDays = 0;
      for (let day = first; day <= last; day++) {
        for (; i < rows.length && (rows[i]?.day ?? Infinity) <= day; i++) {
          const r = rows[i];
          if (!r) break;
          const k = [r.branch_id, r.product_id, r.currency, r.status, r.bucket, r.npl].join('|');
          const g = running.get(k) ?? { n: 0, outstanding: 0 };
          running.set(k, { n: g.n + r.n, outstanding: g.outstanding + r.outstanding });
        }
        const stored = [...running].filter(([, v]) => v.n !== 0 || v.outstanding !== 0).sort(([a], [b]) => a.localeCompare(b));
        const recount = new Map<string, { n: number; outstanding: number }>();
        for (const p of positionsAt(book, day, ZONE)) {
          const k = [p.loan.branch, p.loan.product, p.loan.currency, p.loan.status, p.bucket, p.nonPerforming ? 1 : 0].join('|');
          const g = recount.get(k) ?? { n: 0, outstanding: 0 };
          recount.set(k, { n: g.n + 1, outstanding: g.outstanding + p.outstanding });
        }
        if (recount.size > 0) nonEmptyDays++;
        const expected = [...recount].sort(([a], [b]) => a.localeCompare(b));
        if (JSON.stringify(stored) !== JSON.stringify(expected)) mismatches.push(`${day}: ${JSON.stringify(stored)} != ${JSON.stringify(expected)}`);
      }
      expect(nonEmptyDays).toBeGreaterThan(0);
      expect(mismatches.slice(0, 3)).toEqual([]);
    } finally {
      cacheDb.close();
    }
  };
  /** Every customer's 360 read from the cache (its history copy) equals the one read from the bank. */
  const expect360SameAsBank = async (): Promise<void> => {
    const cacheDb = openCacheDatabase(cacheFile, key);
    const cacheBank: Bank = {
      db: cacheKysely(cacheDb),
      dialect: 'sqlite',
      sqlite: cacheDb,
      describe: 'test cache',
      close: async () => {
        cacheDb.close();
      },
    };
    try {
      const ids = (await bank.db.selectFrom('customers').select('id').orderBy('id').execute()).map((r) => Number(r.id));
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(await customerView(cacheBank, id, null, true)).toEqual(await customerView(bank, id, null, true));
    } finally {
      cacheDb.close();
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
    await expect360SameAsBank();
    await expectLoanStatesEqualBook();
  });

  it('stays equal after incremental rounds adding, changing and deleting bookings, accounts and customers', async () => {
    const now = Date.now();
    const model = await bank.db
      .selectFrom('customers')
      .select(['date_of_birth', 'gender', 'address', 'city', 'phone', 'email', 'occupation', 'risk_rating', 'kyc_status', 'kyc_next_review', 'preferred_channel', 'branch_id'])
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
        .values({ ...model, id, customer_no: `T-${id}`, national_id: `T${id}`, legal_name: `Rollup Test ${id}`, created_at: createdAt, updated_at: now })
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
        .values({ ...modelAccount, id, closed_at: null, account_no: `TEST${id}`, customer_id: customerA, balance: 0, opened_at: openedAt, updated_at: now })
        .execute();
    }
    // An existing account closes at 00:15 in Prague on 25 October (24 October in UTC).
    await bank.db
      .updateTable('accounts')
      .set({ status: 'closed', closed_at: at('2026-10-24T22:15:00Z'), updated_at: now })
      .where('id', '=', modelAccount.id)
      .execute();
    // Each booking is a deposit on one customer account against the internal account of its currency.
    let journal = await nextId('journal');
    let entry = await nextId('entries');
    const deposit = async (accountId: number, amount: number, bookedAt: number, description: string): Promise<void> => {
      await bank.db
        .insertInto('journal')
        .values({
          id: journal,
          reference: `TEST-${journal}`,
          booked_at: bookedAt,
          type: 'deposit',
          channel: 'branch',
          amount,
          currency: modelAccount.currency,
          description,
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
          { id: entry, journal_id: journal, account_id: accountId, amount, balance_after: amount, booked_at: bookedAt },
          { id: entry + 1, journal_id: journal, account_id: internal.id, amount: -amount, balance_after: 0, booked_at: bookedAt },
        ])
        .execute();
      journal++;
      entry += 2;
    };
    // A deposit to account A at 00:45 in Prague on 1 November.
    await deposit(accountA, 12_345, at('2026-10-31T23:45:00Z'), 'rollup test');
    // A booking that arrives late with an old time (a month before the window ends): older than the
    // internal account's newest postings, so the history copy takes it and trims it away again.
    await deposit(modelAccount.id, 500, at('2026-09-30T22:30:00Z'), 'late rollup test');
    // Dormancy, arriving out of time order on account A: 2026-03-01 makes the 2026-11-01 deposit wake
    // the account (245 days later); 2026-07-01 then takes that back (123 days); 2025-08-01 makes
    // 2026-03-01 itself a wakening (212 days).
    for (const iso of ['2026-03-01T10:00:00Z', '2026-07-01T10:00:00Z', '2025-08-01T10:00:00Z']) await deposit(accountA, 100, at(iso), 'dormancy test');
    await syncOnce();
    expectRollupsEqualRecount();
    await expect360SameAsBank();
    {
      const cache = openCacheDatabase(cacheFile, key);
      try {
        expect(cache.prepare('select booked_at from cache_reactivations where account_id = ?').pluck().all(accountA)).toEqual([at('2026-03-01T10:00:00Z')]);
      } finally {
        cache.close();
      }
    }

    const cache = openCacheDatabase(cacheFile, key);
    try {
      const nov1 = parseDayIso('2026-11-01');
      expect(cache.prepare('select n from rollup_customers_daily where day = ? and branch_id = ?').pluck().get(nov1, model.branch_id)).toBeGreaterThanOrEqual(1);
      expect(cache.prepare("select sum(n) from rollup_daily where day = ? and type = 'deposit' and channel = 'branch'").pluck().get(nov1)).toBeGreaterThanOrEqual(1);
    } finally {
      cache.close();
    }

    // Round 3: B is deleted (a tombstone), A moves branch, account C is deleted and the closed account reopens.
    const otherBranch = await bank.db.selectFrom('branches').select('id').where('id', '!=', model.branch_id).orderBy('id').executeTakeFirstOrThrow();
    await bank.db.deleteFrom('customers').where('id', '=', customerB).execute();
    await bank.db
      .updateTable('customers')
      .set({ branch_id: otherBranch.id, updated_at: now + 1 })
      .where('id', '=', customerA)
      .execute();
    await bank.db.deleteFrom('accounts').where('id', '=', accountC).execute();
    // Loans: one defaults, one instalment of another is paid late today, one is recorded unpaid again.
    const loans = await bank.db.selectFrom('loans').select(['id', 'status']).orderBy('id').limit(3).execute();
    expect(loans.length).toBe(3);
    const [defaulting, paying, unpaying] = loans as [(typeof loans)[number], (typeof loans)[number], (typeof loans)[number]];
    await bank.db
      .updateTable('loans')
      .set({ status: 'defaulted', updated_at: now + 1 })
      .where('id', '=', defaulting.id)
      .execute();
    const open = await bank.db
      .selectFrom('loan_repayments')
      .select(['id', 'amount_due'])
      .where('loan_id', '=', paying.id)
      .where('amount_paid', '<', sql<number>`amount_due`)
      .orderBy('installment')
      .executeTakeFirst();
    if (open)
      await bank.db
        .updateTable('loan_repayments')
        .set({ amount_paid: open.amount_due, paid_at: at('2026-10-31T23:15:00Z'), status: 'late', updated_at: now + 1 })
        .where('id', '=', open.id)
        .execute();
    await bank.db
      .updateTable('loan_repayments')
      .set({ amount_paid: 0, paid_at: null, status: 'missed', updated_at: now + 1 })
      .where('loan_id', '=', unpaying.id)
      .where('installment', '=', 1)
      .execute();
    await bank.db
      .updateTable('accounts')
      .set({ status: 'open', closed_at: null, updated_at: now + 1 })
      .where('id', '=', modelAccount.id)
      .execute();
    await syncOnce();
    expectRollupsEqualRecount();
    await expect360SameAsBank();
    await expectLoanStatesEqualBook();
    const after = openCacheDatabase(cacheFile, key);
    try {
      expect(after.prepare('select count(*) from customers where id = ?').pluck().get(customerB)).toBe(0);
      expect(after.prepare('select count(*) from accounts where id = ?').pluck().get(accountC)).toBe(0);
    } finally {
      after.close();
    }

    // Round 4: a loan's account moves branch, and its loan's states move with it. (The daily flows
    // stay with the branch the account had when each posting was booked, where the bank's own
    // count reads today's branch: that is why this round checks the loan states only.)
    const movedLoan = await bank.db.selectFrom('loans').select('account_id').where('id', '=', paying.id).executeTakeFirstOrThrow();
    const loanBranch = await bank.db.selectFrom('accounts').select('branch_id').where('id', '=', movedLoan.account_id).executeTakeFirstOrThrow();
    const elsewhere = await bank.db.selectFrom('branches').select('id').where('id', '!=', loanBranch.branch_id).orderBy('id').executeTakeFirstOrThrow();
    await bank.db
      .updateTable('accounts')
      .set({ branch_id: elsewhere.id, updated_at: now + 1 })
      .where('id', '=', movedLoan.account_id)
      .execute();
    await syncOnce();
    await expectLoanStatesEqualBook();
  });

  it('a cache whose rollups were cut another way (UTC days, version 1) is rebuilt once', async () => {
    const cache = openCacheDatabase(cacheFile, key);
    try {
      cache.exec(
        "update cache_info set value = '1' where key = 'rollup_version'; update rollup_daily set day = day + 100000; delete from rollup_customers_daily; delete from cache_postings; delete from cache_history; delete from rollup_loans_daily;",
      );
    } finally {
      cache.close();
    }
    await syncOnce();
    expectRollupsEqualRecount();
    await expect360SameAsBank();
    await expectLoanStatesEqualBook();
  });
});
