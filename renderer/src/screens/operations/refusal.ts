import type { AccountDetail } from '../../../../shared/contract';
import { AppError, type ErrorCode } from '../../../../shared/errors';
import { formatMoney } from '../../format/money';

export interface Refusal {
  code: ErrorCode | 'UNKNOWN';
  title: string;
  /** What it means for the customer, in the teller's words. */
  explanation: string;
  /** The server's own message, shown under the explanation when it adds something. */
  detail: string | null;
  /** Trying the very same confirmation again can help (the bank was unreachable, a conflict); rule refusals need an edit. */
  retryable: boolean;
}

/** What the screen knows about the accounts involved, to say how much is available or what the limit is. */
export interface RefusalContext {
  account?: AccountDetail | null;
  destination?: AccountDetail | null;
  currency?: string;
}

function dailyLimitText(a: AccountDetail): string | null {
  const limit = a.product?.dailyWithdrawalLimit ?? 0;
  if (limit <= 0) return null;
  const left = Math.max(0, limit - a.withdrawnToday);
  return `The daily withdrawal limit is ${formatMoney(limit, a.currency)}; ${formatMoney(a.withdrawnToday, a.currency)} was already withdrawn today, so at most ${formatMoney(left, a.currency)} more can be paid out today.`;
}

/** Turns anything an operation can throw into a refusal the teller can read out to the customer. */
export function explainRefusal(e: unknown, ctx: RefusalContext = {}): Refusal {
  if (!(e instanceof AppError)) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      code: 'UNKNOWN',
      title: 'Something went wrong',
      explanation: 'The request did not complete. Nothing is shown as posted; check the account before trying again.',
      detail: message,
      retryable: true,
    };
  }
  const a = ctx.account ?? null;
  const server = e.message;
  const make = (title: string, explanation: string, retryable = false): Refusal => ({
    code: e.code,
    title,
    explanation,
    detail: server && server !== explanation ? server : null,
    retryable,
  });
  switch (e.code) {
    case 'INSUFFICIENT_FUNDS':
      return make(
        'Not enough money on the account',
        a
          ? `Available now: ${formatMoney(a.available, a.currency)} (balance ${formatMoney(a.balance, a.currency)}${a.product && a.product.overdraftLimit > 0 ? ` plus an arranged overdraft of ${formatMoney(a.product.overdraftLimit, a.currency)}` : ', no arranged overdraft'}). Lower the amount.`
          : 'The amount is more than the account’s balance plus its arranged overdraft. Lower the amount.',
      );
    case 'ACCOUNT_FROZEN':
      return make(
        'The account is frozen',
        `Debits are refused while the account is frozen${a?.statusReason ? ` (reason: ${a.statusReason})` : ''}. Deposits are still accepted; someone with the freeze permission can unfreeze it.`,
      );
    case 'ACCOUNT_CLOSED':
      return make('The account is closed', 'A closed account takes no deposits, withdrawals or transfers. Check the account number.');
    case 'CURRENCY_MISMATCH':
      return make(
        'The currencies do not match',
        ctx.destination && a && ctx.destination.currency !== a.currency
          ? `The source account holds ${a.currency} and the destination holds ${ctx.destination.currency}. Transfers between currencies are not offered here.`
          : `The operation must be in the account’s own currency${ctx.currency ? ` (${ctx.currency})` : ''}.`,
      );
    case 'LIMIT_EXCEEDED':
      return make('Over the daily withdrawal limit', (a && dailyLimitText(a)) ?? 'The amount is over the account’s daily withdrawal limit.');
    case 'OFFLINE':
      return make(
        'The bank is unreachable — nothing was posted',
        'Money never moves while the workstation is offline. Your entries are kept: post again once the connection is back (the same confirmation will not post twice).',
        true,
      );
    case 'CONFLICT':
      return make('Changed meanwhile', 'Something about these accounts changed while you were working. Review the operation again.', true);
    case 'NOT_FOUND':
      return make('Account not found', 'No account has that number. Check it with the customer.');
    case 'VALIDATION':
      return make('Check the entries', e.issues && e.issues.length > 0 ? e.issues.map((i) => i.message).join(' ') : server);
    case 'FORBIDDEN':
      return make('Not allowed for your role', 'Your role may not do this. Ask a colleague with the right permission.');
    case 'INTERNAL':
      return make('The bank could not complete this', 'Nothing is shown as posted. Try again; if it keeps failing, report the message below.', true);
    default:
      return make('Refused', server);
  }
}
