import { AppError } from '../../shared/errors';
import { formatMinorPlain, parseAmount } from '../../shared/money';
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

const show = (minor: number, currency: string): string => `${formatMinorPlain(minor, currency)} ${currency}`;

/** The typed amount in minor units, or VALIDATION on `field` saying what to fix. */
export function amountOf(text: string, currency: string, field = 'amount'): number {
  const parsed = parseAmount(text, currency);
  if (!parsed.ok) throw new AppError('VALIDATION', parsed.reason, [{ path: field, message: parsed.reason }]);
  return parsed.minor;
}

export function assertCustomerAccount(a: LockedAccount, field: string): void {
  if (a.kind !== 'customer') {
    throw new AppError('VALIDATION', `${a.account_no} is one of the bank's own ledger accounts; operations post only to customer accounts.`, [{ path: field, message: 'Not a customer account' }]);
  }
}

/** Checked before the transaction too (an account's currency never changes), on a plain row. */
export function assertCurrency(a: Pick<LockedAccount, 'account_no' | 'currency'>, currency: string, field = 'currency'): void {
  if (a.currency !== currency) {
    throw new AppError('CURRENCY_MISMATCH', `Account ${a.account_no} is held in ${a.currency}; this operation is in ${currency}. Use ${a.currency}, or an account in ${currency}.`, [
      { path: field, message: `The account is in ${a.currency}` },
    ]);
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
