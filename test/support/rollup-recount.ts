import type Database from 'better-sqlite3-multiple-ciphers';
import { bankDayOf } from '../../shared/bank-time';

type Row = Record<string, number | string>;

/** Sums `values` into groups keyed by `key`, as sorted rows: what a rollup must hold. */
function tally(rows: Iterable<{ key: Row; values: Record<string, number> }>): Row[] {
  const groups = new Map<string, Row>();
  for (const { key, values } of rows) {
    const id = JSON.stringify(key);
    const g = groups.get(id) ?? { ...key, ...Object.fromEntries(Object.keys(values).map((k) => [k, 0])) };
    for (const [k, v] of Object.entries(values)) g[k] = Number(g[k]) + v;
    groups.set(id, g);
  }
  return sortRows([...groups.values()]);
}

const sortRows = (rows: Row[]): Row[] => rows.map((r) => ({ ...r })).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/**
 * The rollups (and the kept reactivations) recounted from the cache's own rows, each instant placed in its bank day by
 * shared/bank-time in JS (not by the SQL under test), next to what the rollup tables hold.
 */
export function rollupsAndRecount(cache: Database.Database, zone: string): Record<'flows' | 'accounts' | 'customers' | 'reactivations', { stored: Row[]; recount: Row[] }> {
  const entries = cache
    .prepare(
      `select e.booked_at, e.amount, a.branch_id, coalesce(a.product_id, 0) as product_id, j.channel, j.type, a.currency
       from entries e join accounts a on a.id = e.account_id join journal j on j.id = e.journal_id where a.kind = 'customer'`,
    )
    .all() as { booked_at: number; amount: number; branch_id: number; product_id: number; channel: string; type: string; currency: string }[];
  const flows = tally(
    entries.map((e) => ({
      key: { day: bankDayOf(e.booked_at, zone), branch_id: e.branch_id, product_id: e.product_id, channel: e.channel, type: e.type, currency: e.currency },
      values: { n: 1, credits: Math.max(0, e.amount), debits: Math.max(0, -e.amount) },
    })),
  );
  const accounts = cache.prepare("select opened_at, closed_at, branch_id, coalesce(product_id, 0) as product_id, currency from accounts where kind = 'customer'").all() as {
    opened_at: number;
    closed_at: number | null;
    branch_id: number;
    product_id: number;
    currency: string;
  }[];
  const opened = tally(
    accounts.flatMap((a) => {
      const at = { branch_id: a.branch_id, product_id: a.product_id, currency: a.currency };
      const out = [{ key: { day: bankDayOf(a.opened_at, zone), ...at }, values: { opened: 1, closed: 0 } }];
      if (a.closed_at !== null) out.push({ key: { day: bankDayOf(a.closed_at, zone), ...at }, values: { opened: 0, closed: 1 } });
      return out;
    }),
  );
  const customers = cache.prepare('select created_at, branch_id from customers').all() as { created_at: number; branch_id: number }[];
  const created = tally(customers.map((c) => ({ key: { day: bankDayOf(c.created_at, zone), branch_id: c.branch_id }, values: { n: 1 } })));
  // Reactivations: a customer account's posting whose previous posting is more than 180 days older.
  const times = cache
    .prepare("select distinct e.account_id, e.booked_at from entries e join accounts a on a.id = e.account_id where a.kind = 'customer' order by e.account_id, e.booked_at")
    .all() as { account_id: number; booked_at: number }[];
  const woken = times.filter((t, i) => {
    const prev = times[i - 1];
    return prev !== undefined && prev.account_id === t.account_id && prev.booked_at < t.booked_at - 180 * 86_400_000;
  });
  const stored = (sql: string): Row[] => sortRows(cache.prepare(sql).all() as Row[]);
  return {
    flows: { stored: stored('select day, branch_id, product_id, channel, type, currency, n, credits, debits from rollup_daily'), recount: flows },
    accounts: { stored: stored('select day, branch_id, product_id, currency, opened, closed from rollup_accounts_daily'), recount: opened },
    customers: { stored: stored('select day, branch_id, n from rollup_customers_daily'), recount: created },
    reactivations: { stored: stored('select account_id, booked_at from cache_reactivations'), recount: sortRows(woken.map((t) => ({ ...t }))) },
  };
}
