import type { Kysely, Transaction } from 'kysely';
import type { BankDatabase } from '../source';

/**
 * The postings of one account (or of several) joined to their journal: the lines a statement, the
 * customer 360, an investigation and a case's transfer list show, each adding its own filters, order
 * and limit. The journal's currency is the account's (posting refuses legs in another currency, the
 * importers refuse such rows), so no join to accounts is needed for it.
 */
export function accountMovements(db: Kysely<BankDatabase> | Transaction<BankDatabase>, accountIds: number | readonly number[]) {
  const q = db
    .selectFrom('entries as e')
    .innerJoin('journal as j', 'j.id', 'e.journal_id')
    .select(['e.id', 'e.account_id', 'e.amount', 'e.balance_after', 'e.booked_at', 'e.journal_id', 'j.reference', 'j.external_ref'])
    .select(['j.type', 'j.channel', 'j.description', 'j.counterparty_name', 'j.counterparty_account', 'j.currency', 'j.status']);
  return typeof accountIds === 'number' ? q.where('e.account_id', '=', accountIds) : q.where('e.account_id', 'in', accountIds);
}
