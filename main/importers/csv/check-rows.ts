import type { BadRows } from '../bad-rows';
import { aheadText, MAX_CLOCK_SKEW_MS } from '../../ledger/clock-skew';
import { formatMinorPlain, formatMoneyText, MAX_MINOR } from '../../../shared/money';
import type { KnownAccount } from './known-state';
import type { NewAccountPlan } from './new-accounts';
import type { CsvTxn, TransactionType } from './row-schema';

/** Which way money moves for the file's account, by canonical type. */
export const INFLOW: Record<TransactionType, boolean> = {
  deposit: true,
  withdrawal: false,
  transfer_out: false,
  transfer_in: true,
  payment: false,
  card: false,
  fee: false,
  interest: true,
};

export const signedAmount = (t: CsvTxn): number => (INFLOW[t.type] ? t.amount : -t.amount);

export interface CheckedRows {
  /** Rows in booking order: by timestamp, then file line. */
  ordered: CsvTxn[];
  newAccounts: NewAccountPlan[];
}

/**
 * Everything that needs the bank's state: the account exists (or may be opened), is a customer
 * account, open, in the row's currency; the txn_id was not imported before; rows go after what
 * is already booked on the account (the ledger only appends, so running balances stay true) and
 * not after the import's clock (beyond a clock difference);
 * balance_after, when given, equals the running balance; no balance leaves the safe-integer range
 * (2^53 − 1 minor units), where the ledger could no longer add its entries up exactly.
 */
export function checkRows(
  rows: readonly CsvTxn[],
  known: ReadonlyMap<string, KnownAccount>,
  imported: ReadonlyMap<string, string>,
  createMissing: boolean,
  bad: BadRows,
  now: number,
): CheckedRows {
  const planned = new Map<string, NewAccountPlan>();
  const usable: CsvTxn[] = [];
  for (const t of rows) {
    if (t.at - now > MAX_CLOCK_SKEW_MS) {
      // Booked, it would date every later posting on the account that far ahead (the ledger only appends).
      bad.add(
        null,
        t.line,
        'timestamp',
        `${new Date(t.at).toISOString()} is ${aheadText(t.at - now)} after this import's clock (${new Date(now).toISOString()}): the ledger books nothing in the future. A local time marked Z? Write it with its offset (e.g. +01:00) or in UTC`,
      );
      continue;
    }
    const ref = imported.get(t.txnId.toLowerCase());
    if (ref) {
      bad.add(null, t.line, 'txn_id', `${t.txnId} was already imported (journal ${ref}): re-importing is refused`);
      continue;
    }
    const key = t.account.toLowerCase();
    const a = known.get(key);
    if (a) {
      if (a.kind !== 'customer') bad.add(null, t.line, 'account', `${t.account} is one of the bank's own ledger accounts, not a customer account`);
      else if (a.status === 'closed') bad.add(null, t.line, 'account', `${t.account} is closed`);
      else if (a.currency !== t.currency) bad.add(null, t.line, 'currency', `account ${t.account} is in ${a.currency}, the row says ${t.currency}`);
      else usable.push(t);
      continue;
    }
    if (!createMissing) {
      bad.add(null, t.line, 'account', `the bank has no account ${t.account} (add --create-missing-accounts to open it)`);
      continue;
    }
    const plan = planned.get(key);
    if (!plan) planned.set(key, { account: t.account, currency: t.currency, openedAt: t.at });
    else if (plan.currency !== t.currency) bad.add(null, t.line, 'currency', `account ${t.account} is opened in ${plan.currency} (its first row), the row says ${t.currency}`);
    else plan.openedAt = Math.min(plan.openedAt, t.at);
    if (!plan || plan.currency === t.currency) usable.push(t);
  }

  const ordered = usable.sort((x, y) => x.at - y.at || x.line - y.line);
  const running = new Map<string, number>();
  // The import's clearing account per currency takes the other side of every row: its balance must stay exact too.
  const clearing = new Map<string, number>();
  for (const t of ordered) {
    const key = t.account.toLowerCase();
    const a = known.get(key);
    if (a?.lastBookedAt !== null && a?.lastBookedAt !== undefined && t.at < a.lastBookedAt) {
      bad.add(
        null,
        t.line,
        'timestamp',
        `${new Date(t.at).toISOString()} is before the last entry already on ${t.account} (${new Date(a.lastBookedAt).toISOString()}); the ledger only appends`,
      );
    }
    const balance = (running.get(key) ?? a?.balance ?? 0) + signedAmount(t);
    const counter = (clearing.get(t.currency) ?? 0) - signedAmount(t);
    if (!Number.isSafeInteger(balance) || !Number.isSafeInteger(counter)) {
      const what = Number.isSafeInteger(balance) ? `the import's ${t.currency} clearing total` : `the balance of ${t.account}`;
      bad.add(null, t.line, 'amount', `this row takes ${what} beyond ±${formatMoneyText(MAX_MINOR, t.currency)}, the most the ledger holds exactly`);
      continue;
    }
    running.set(key, balance);
    clearing.set(t.currency, counter);
    if (t.balanceAfter !== null && t.balanceAfter !== balance) {
      // Written as the file writes numbers (no grouping), so the figure can be found in it.
      bad.add(
        null,
        t.line,
        'balance_after',
        `the running balance of ${t.account} after this row is ${formatMinorPlain(balance, t.currency)} ${t.currency}, the file says ${formatMinorPlain(t.balanceAfter, t.currency)}`,
      );
      // Carry on from the file's figure, so one wrong row is reported once rather than cascading.
      running.set(key, t.balanceAfter);
    }
  }
  return { ordered, newAccounts: [...planned.values()] };
}
