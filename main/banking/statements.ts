import type { Kysely, Transaction } from 'kysely';
import type { Statement } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { formatMoneyText, MAX_MINOR } from '../../shared/money';
import { accountMovements } from '../ledger';
import type { BankDatabase } from '../source';
import { accountDetail } from './accounts';
import { asSeenByPayee } from './incoming-transfers';

type Db = Kysely<BankDatabase> | Transaction<BankDatabase>;

/** A statement longer than this is refused with advice, rather than freezing the screen or the PDF. */
export const MAX_STATEMENT_LINES = 20_000;

/**
 * Opening balance = the running balance just before the period, closing = just after its last
 * movement; every line carries the running balance the ledger recorded when it posted.
 */
export async function statementFor(db: Db, input: { accountId: number; from: number; to: number }, asOf: number | null): Promise<Statement> {
  const account = await accountDetail(db, { id: input.accountId }, asOf);
  const before = await db
    .selectFrom('entries')
    .select('balance_after')
    .where('account_id', '=', input.accountId)
    .where('booked_at', '<', input.from)
    .orderBy('booked_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const rows = await accountMovements(db, input.accountId)
    .where('e.booked_at', '>=', input.from)
    .where('e.booked_at', '<', input.to)
    .orderBy('e.booked_at')
    .orderBy('e.id')
    .limit(MAX_STATEMENT_LINES + 1)
    .execute();
  if (rows.length > MAX_STATEMENT_LINES) {
    throw new AppError('VALIDATION', `This period has more than ${MAX_STATEMENT_LINES.toLocaleString('en')} movements: choose a shorter period.`, [
      { path: 'from', message: 'Choose a shorter period' },
    ]);
  }
  const opening = before ? Number(before.balance_after) : 0;
  let credits = 0;
  let debits = 0;
  const sides = await asSeenByPayee(
    db,
    rows.map((r) => ({
      row: r,
      journalId: Number(r.journal_id),
      accountId: input.accountId,
      amount: Number(r.amount),
      description: r.description,
      counterpartyName: r.counterparty_name,
      counterpartyAccount: r.counterparty_account,
    })),
  );
  const lines = sides.map(({ row: r, description, counterpartyName }) => {
    const amount = Number(r.amount);
    if (amount > 0) credits += amount;
    else debits -= amount;
    return {
      journalId: Number(r.journal_id),
      reference: r.reference,
      bookedAt: Number(r.booked_at),
      type: r.type,
      channel: r.channel,
      description,
      counterparty: counterpartyName,
      amount,
      balanceAfter: Number(r.balance_after),
    };
  });
  // Every balance is a safe integer (postings see to it), but a period's credits can add up past 2^53 − 1
  // (money in and out again): say so instead of answering with a total that is no longer exact.
  if (!Number.isSafeInteger(credits) || !Number.isSafeInteger(debits)) {
    const reason = `The ${Number.isSafeInteger(credits) ? 'debits' : 'credits'} in this period add up to more than ${formatMoneyText(MAX_MINOR, account.currency)}, the most a total holds exactly: choose a shorter period.`;
    throw new AppError('VALIDATION', reason, [{ path: 'from', message: 'Choose a shorter period' }]);
  }
  const closing = lines.at(-1)?.balanceAfter ?? opening;
  return { account, from: input.from, to: input.to, opening, closing, credits, debits, lines };
}
