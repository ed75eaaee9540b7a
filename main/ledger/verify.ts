import { sql, type RawBuilder } from 'kysely';
import type { Bank } from '../source';

/**
 * Ledger invariants, checked in SQL on either engine: after a demo generation, an import or a
 * run of operations (tests, the ops benchmark, and anyone doubting a bank).
 * Every count below is a number of violations and must be 0.
 */
export interface LedgerReport {
  journals: number;
  /** Journals whose entries do not sum to zero or that have fewer than two entries. */
  unbalancedJournals: number;
  journalsWithoutEntries: number;
  /** journal.amount differs from the sum of the journal's positive entries. */
  amountMismatches: number;
  /** An entry on an account whose currency is not the journal's. */
  currencyMismatches: number;
  /** An entry booked at a different instant than its journal. */
  timeMismatches: number;
  /** accounts.balance differs from the sum of the account's entries. */
  balanceMismatches: number;
  /** entries.balance_after differs from the running sum in (booked_at, id) order. */
  runningBalanceMismatches: number;
  /** Customer-account entries leaving the balance below the product's overdraft limit. */
  belowOverdraft: number;
  firstBookedAt: number | null;
  lastBookedAt: number | null;
}

async function count(bank: Bank, query: RawBuilder<{ n: number | string | null }>): Promise<number> {
  const r = await query.execute(bank.db);
  return Number(r.rows[0]?.n ?? 0);
}

export async function checkLedger(bank: Bank): Promise<LedgerReport> {
  const span = await sql<{ lo: number | null; hi: number | null; n: number }>`select min(booked_at) as lo, max(booked_at) as hi, count(*) as n from journal`.execute(bank.db);
  const first = span.rows[0];
  return {
    journals: Number(first?.n ?? 0),
    unbalancedJournals: await count(bank, sql`select count(*) as n from (select journal_id from entries group by journal_id having sum(amount) <> 0 or count(*) < 2) t`),
    journalsWithoutEntries: await count(bank, sql`select count(*) as n from journal j where not exists (select 1 from entries e where e.journal_id = j.id)`),
    amountMismatches: await count(
      bank,
      sql`select count(*) as n from journal j join (select journal_id, sum(case when amount > 0 then amount else 0 end) as pos from entries group by journal_id) e on e.journal_id = j.id where e.pos <> j.amount`,
    ),
    currencyMismatches: await count(
      bank,
      sql`select count(*) as n from entries e join journal j on j.id = e.journal_id join accounts a on a.id = e.account_id where a.currency <> j.currency`,
    ),
    timeMismatches: await count(bank, sql`select count(*) as n from entries e join journal j on j.id = e.journal_id where e.booked_at <> j.booked_at`),
    balanceMismatches: await count(
      bank,
      sql`select count(*) as n from accounts a left join (select account_id, sum(amount) as s from entries group by account_id) e on e.account_id = a.id where a.balance <> coalesce(e.s, 0)`,
    ),
    runningBalanceMismatches: await count(
      bank,
      sql`select count(*) as n from (select balance_after, sum(amount) over (partition by account_id order by booked_at, id rows between unbounded preceding and current row) as running from entries) t where t.balance_after <> t.running`,
    ),
    belowOverdraft: await count(
      bank,
      sql`select count(*) as n from entries e join accounts a on a.id = e.account_id join products p on p.id = a.product_id where a.kind = 'customer' and e.balance_after < -p.overdraft_limit`,
    ),
    firstBookedAt: first?.lo === null || first?.lo === undefined ? null : Number(first.lo),
    lastBookedAt: first?.hi === null || first?.hi === undefined ? null : Number(first.hi),
  };
}
