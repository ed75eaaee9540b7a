import { AppError } from '../../shared/errors';
import { formatMoneyText, MAX_MINOR, parseAmount } from '../../shared/money';
import type { LockedAccount } from '../ledger';

/**
 * The banking rules as pure checks: each refusal is a typed error with a sentence the teller can
 * read to the customer. Operations call them on rows they have locked, so the answer cannot go stale
 * before the posting.
 */

export interface Limits {
  overdraftLimit: number;
  dailyWithdrawalLimit: number;
}

const show = formatMoneyText;

/**
 * The typed amount in minor units, or VALIDATION on `field` saying what to fix: unknown currency,
 * too many decimals, zero, more than 2^53 − 1 minor units or more than the bank's `max` per operation.
 */
export function amountOf(text: string, currency: string, field = 'amount', max = MAX_MINOR): number {
  const parsed = parseAmount(text, currency);
  if (!parsed.ok) throw new AppError('VALIDATION', parsed.reason, [{ path: field, message: parsed.reason }]);
  if (parsed.minor > max) {
    throw new AppError('VALIDATION', `At most ${show(max, currency)} can be moved in one operation at this bank.`, [{ path: field, message: `At most ${show(max, currency)}` }]);
  }
  return parsed.minor;
}

/**
 * Every balance a posting moves must stay a safe integer: past 2^53 − 1 minor units a balance no
 * longer equals the sum of its entries, and nothing downstream (statements, sync, dashboards) can
 * read it. Checked on the plan, so the confirmation step already refuses and nothing is written.
 */
export function assertBalancesStayExact(accounts: ReadonlyMap<number, LockedAccount>, legs: ReadonlyArray<{ account: number; amount: number }>, currency: string): void {
  for (const l of legs) {
    const a = accounts.get(l.account);
    if (!a || Number.isSafeInteger(a.balance + l.amount)) continue;
    const whose = a.kind === 'customer' ? `account ${a.account_no}` : `the bank's ${a.name}`;
    const reason = `This would take the balance of ${whose} beyond ±${show(MAX_MINOR, currency)}, the most the ledger holds exactly. Nothing was posted.`;
    throw new AppError('VALIDATION', reason, [{ path: 'amount', message: 'Amount too large for this account' }]);
  }
}

export function assertCustomerAccount(a: LockedAccount, field: string): void {
  if (a.kind !== 'customer') {
    throw new AppError('VALIDATION', `${a.account_no} is one of the bank's own ledger accounts; operations post only to customer accounts.`, [
      { path: field, message: 'Not a customer account' },
    ]);
  }
}

/** Checked before the transaction too (an account's currency never changes), on a plain row. */
export function assertCurrency(a: Pick<LockedAccount, 'account_no' | 'currency'>, currency: string, field = 'currency'): void {
  if (a.currency !== currency) {
    throw new AppError(
      'CURRENCY_MISMATCH',
      `Account ${a.account_no} is held in ${a.currency}; this operation is in ${currency}. Use ${a.currency}, or an account in ${currency}.`,
      [{ path: field, message: `The account is in ${a.currency}` }],
    );
  }
}

/** Credits reach open and frozen accounts (a freeze stops money leaving), never closed ones. */
export function assertCanCredit(a: LockedAccount): void {
  if (a.status === 'closed') throw new AppError('ACCOUNT_CLOSED', `Account ${a.account_no} is closed and cannot receive money.`);
}

/**
 * A debit of `amount` from `a`: refused on a frozen or closed account, beyond the arranged
 * overdraft, and — for cash — beyond the product's daily withdrawal limit.
 */
export function assertCanDebit(a: LockedAccount, amount: number, limits: Limits, cash: { withdrawnToday: number } | null): void {
  if (a.status === 'frozen') {
    throw new AppError('ACCOUNT_FROZEN', `Account ${a.account_no} is frozen${a.status_reason ? ` (${a.status_reason})` : ''}: no money may leave it until it is unfrozen.`);
  }
  if (a.status === 'closed') throw new AppError('ACCOUNT_CLOSED', `Account ${a.account_no} is closed.`);
  const available = a.balance + limits.overdraftLimit;
  if (amount > available) {
    throw new AppError(
      'INSUFFICIENT_FUNDS',
      `Not enough money: ${show(Math.max(0, available), a.currency)} is available on ${a.account_no} (balance ${show(a.balance, a.currency)}${limits.overdraftLimit > 0 ? `, overdraft ${show(limits.overdraftLimit, a.currency)}` : ''}).`,
      [{ path: 'amount', message: `At most ${show(Math.max(0, available), a.currency)}` }],
    );
  }
  if (cash && limits.dailyWithdrawalLimit > 0 && cash.withdrawnToday + amount > limits.dailyWithdrawalLimit) {
    const left = Math.max(0, limits.dailyWithdrawalLimit - cash.withdrawnToday);
    throw new AppError(
      'LIMIT_EXCEEDED',
      `Daily cash limit: ${show(limits.dailyWithdrawalLimit, a.currency)} a day, ${show(cash.withdrawnToday, a.currency)} already withdrawn today — at most ${show(left, a.currency)} more.`,
      [{ path: 'amount', message: `At most ${show(left, a.currency)} today` }],
    );
  }
}

/** What the teller should mention: overdraft use, what remains of the daily cash limit. */
export function debitNotes(a: LockedAccount, amount: number, limits: Limits, cash: { withdrawnToday: number } | null): string[] {
  const notes: string[] = [];
  const after = a.balance - amount;
  if (after < 0) notes.push(`Uses ${show(Math.min(-after, limits.overdraftLimit), a.currency)} of the ${show(limits.overdraftLimit, a.currency)} overdraft.`);
  if (cash && limits.dailyWithdrawalLimit > 0) {
    notes.push(`${show(limits.dailyWithdrawalLimit - cash.withdrawnToday - amount, a.currency)} of today's cash limit remains after this.`);
  }
  return notes;
}
