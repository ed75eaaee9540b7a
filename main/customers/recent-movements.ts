import { sql } from 'kysely';
import { HISTORY_PER_ACCOUNT, ROLLUP_VERSION } from '../cache';
import { accountMovements } from '../ledger';
import type { Bank } from '../source';

/** How many movements a customer's 360 shows, newest first, across all their accounts. */
export const RECENT = HISTORY_PER_ACCOUNT;

export interface MovementRow {
  id: number;
  account_id: number;
  amount: number;
  balance_after: number;
  booked_at: number;
  journal_id: number;
  reference: string;
  type: string;
  channel: string;
  description: string;
  counterparty_name: string | null;
  counterparty_account: string | null;
  currency: string;
}

/**
 * The newest RECENT postings on `accountIds`, newest first (ties by id). On a cache whose rollups
 * carry `cache_history` (./cache/history.ts) they come from that copy in one read; elsewhere (the
 * bank, or a cache not yet rebuilt) newest RECENT per account from the (account_id, booked_at) index,
 * merged: never a sort of a whole history. Both give the same rows.
 */
export async function recentMovements(bank: Bank, accountIds: readonly number[]): Promise<MovementRow[]> {
  if (accountIds.length === 0) return [];
  if (await historyReady(bank)) {
    const r = await sql<MovementRow>`
      select id, account_id, amount, balance_after, booked_at, journal_id, reference, type, channel, description,
             counterparty_name, counterparty_account, currency
      from cache_history where account_id in (${sql.join(accountIds)})
      order by booked_at desc, id desc limit ${RECENT}`.execute(bank.db);
    return r.rows;
  }
  const perAccount = await Promise.all(
    accountIds.map((accountId) => accountMovements(bank.db, accountId).orderBy('e.booked_at', 'desc').orderBy('e.id', 'desc').limit(RECENT).execute()),
  );
  return perAccount
    .flat()
    .map((m) => ({
      ...m,
      id: Number(m.id),
      account_id: Number(m.account_id),
      amount: Number(m.amount),
      balance_after: Number(m.balance_after),
      booked_at: Number(m.booked_at),
      journal_id: Number(m.journal_id),
    }))
    .sort((a, b) => b.booked_at - a.booked_at || b.id - a.id)
    .slice(0, RECENT);
}

/** Banks known to be caches (they have cache_info, which never goes away once made). */
const caches = new WeakSet<Bank>();

/**
 * Whether `bank` is a cache whose rollups (and so its history copy) are built at this code's version.
 * The embedded bank and MySQL have no cache_info; a cache being emptied or still on its first copy
 * has no recorded version.
 */
async function historyReady(bank: Bank): Promise<boolean> {
  if (bank.dialect !== 'sqlite') return false;
  if (!caches.has(bank)) {
    const t = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'cache_info'`.execute(bank.db);
    if (Number(t.rows[0]?.n ?? 0) === 0) return false;
    caches.add(bank);
  }
  const r = await sql<{ v: string }>`select value as v from cache_info where key = 'rollup_version'`.execute(bank.db);
  return r.rows[0]?.v === ROLLUP_VERSION;
}
