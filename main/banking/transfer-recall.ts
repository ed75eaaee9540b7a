import type { Transaction } from 'kysely';
import { AppError } from '../../shared/errors';
import { formatMoneyText } from '../../shared/money';
import { appendAudit } from '../audit';
import { lockAccounts, writeJournal } from '../ledger';
import { caseDb, type Bank, type BankDatabase } from '../source';

export interface RecallResult {
  reference: string;
  reversalReference: string;
  reversalJournalId: number;
  amount: number;
  currency: string;
  accountNo: string;
  balanceAfter: number;
}

const when = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Stops an outgoing transfer to another bank that is still pending settlement, inside the caller's
 * transaction: the reversing journal (every leg negated) is posted through the ledger on the locked
 * accounts, so the money is back on the customer's account, and the recall is recorded and audited.
 * The transfer's row is locked first (MySQL): a second recall racing this one waits, then finds the
 * recall and is refused; the recall's primary key refuses it even without the lock. A settled
 * transfer, an already recalled one, or one from an account outside `accountIds` is refused.
 */
export async function recallTransfer(
  trx: Transaction<BankDatabase>,
  bank: Bank,
  input: { journalId: number; reason: string; caseId: number; accountIds: readonly number[] },
  actor: string,
  now: number,
): Promise<RecallResult> {
  const jq = trx.selectFrom('journal').selectAll().where('id', '=', input.journalId);
  const j = await (bank.dialect === 'mysql' ? jq.forUpdate() : jq).executeTakeFirst();
  if (!j) throw new AppError('NOT_FOUND', `There is no transaction ${input.journalId}.`);
  if (j.type !== 'transfer' || j.channel !== 'wire')
    throw new AppError('VALIDATION', `${j.reference} is not an outgoing transfer to another bank; only those can be recalled.`, [
      { path: 'journalId', message: 'Not an outgoing transfer' },
    ]);
  const legs = (await trx.selectFrom('entries').select(['account_id', 'amount']).where('journal_id', '=', j.id).execute()).map((l) => ({
    account: Number(l.account_id),
    amount: Number(l.amount),
  }));
  const accounts = await lockAccounts(
    trx,
    bank.dialect,
    legs.map((l) => l.account),
  );
  const debit = legs.find((l) => l.amount < 0 && accounts.get(l.account)?.kind === 'customer');
  const payer = debit ? accounts.get(debit.account) : undefined;
  if (!debit || !payer || !input.accountIds.includes(debit.account))
    throw new AppError('VALIDATION', `${j.reference} was not sent from an account of case ${input.caseId}.`, [{ path: 'journalId', message: 'Not a transfer of this case' }]);
  const rq = caseDb(trx).selectFrom('transfer_recalls').selectAll().where('journal_id', '=', j.id);
  const earlier = await (bank.dialect === 'mysql' ? rq.forUpdate() : rq).executeTakeFirst();
  if (earlier)
    throw new AppError(
      'CONFLICT',
      `${j.reference} was already recalled by ${earlier.recalled_by} at ${when(Number(earlier.recalled_at))}; the money is back on ${payer.account_no}.`,
    );
  if (j.status !== 'pending')
    throw new AppError(
      'CONFLICT',
      `${j.reference} has settled: the money has left the bank and the transfer can no longer be recalled. Ask the receiving bank for a return instead.`,
    );
  const posted = await writeJournal(
    trx,
    accounts,
    {
      type: 'transfer',
      channel: 'wire',
      amount: Number(j.amount),
      currency: j.currency,
      description: `Recall of ${j.reference}`.slice(0, 200),
      counterpartyName: j.counterparty_name,
      counterpartyAccount: j.counterparty_account,
      idempotencyKey: null,
      status: 'posted',
      createdBy: actor,
      legs: legs.map((l) => ({ account: l.account, amount: -l.amount })),
    },
    now,
  );
  await caseDb(trx)
    .insertInto('transfer_recalls')
    .values({ journal_id: j.id, reversal_journal_id: posted.journalId, case_id: input.caseId, reason: input.reason, recalled_by: actor, recalled_at: posted.bookedAt })
    .execute();
  const balanceAfter = posted.balances.get(debit.account) ?? payer.balance;
  await appendAudit(
    trx,
    bank.dialect,
    {
      actor,
      action: 'transfer.recall',
      entity: 'journal',
      entityId: j.reference,
      details: {
        reversal: posted.reference,
        amount: Number(j.amount),
        currency: j.currency,
        accountNo: payer.account_no,
        beneficiary: j.counterparty_name,
        reason: input.reason,
        caseId: input.caseId,
        text: `${formatMoneyText(Number(j.amount), j.currency)} back on ${payer.account_no}`,
      },
    },
    posted.bookedAt,
  );
  return {
    reference: j.reference,
    reversalReference: posted.reference,
    reversalJournalId: posted.journalId,
    amount: Number(j.amount),
    currency: j.currency,
    accountNo: payer.account_no,
    balanceAfter,
  };
}
