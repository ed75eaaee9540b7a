import type { Kysely } from 'kysely';
import type { TransactionHit } from '../../shared/contract';
import type { BankDatabase } from '../source';

/**
 * Transactions by their bank reference or by the external reference another bank or card scheme gave
 * them (what a customer reads out on the phone), exactly: a reference is an identifier, not a phrase.
 * Each hit names the customer account it touched, so the palette can open that account.
 */
export async function findTransactions(db: Kysely<BankDatabase>, reference: string, limit: number): Promise<TransactionHit[]> {
  const ref = reference.trim();
  const rows = await db
    .selectFrom('journal')
    .select(['id', 'reference', 'external_ref', 'booked_at', 'amount', 'currency', 'description', 'status'])
    .where((eb) => eb.or([eb('reference', '=', ref), eb('external_ref', '=', ref)]))
    .orderBy('id')
    .limit(limit)
    .execute();
  if (rows.length === 0) return [];
  const legs = await db
    .selectFrom('entries')
    .innerJoin('accounts', 'accounts.id', 'entries.account_id')
    .select(['entries.journal_id', 'accounts.id', 'accounts.account_no', 'entries.amount'])
    .where(
      'entries.journal_id',
      'in',
      rows.map((r) => r.id),
    )
    .where('accounts.kind', '=', 'customer')
    .orderBy('entries.id')
    .execute();
  return rows.map((r) => {
    // The paying customer's account when there is one (money leaves it), else the receiving one.
    const own = legs.filter((l) => Number(l.journal_id) === Number(r.id));
    const leg = own.find((l) => Number(l.amount) < 0) ?? own[0];
    return {
      journalId: Number(r.id),
      reference: r.reference,
      externalRef: r.external_ref,
      bookedAt: Number(r.booked_at),
      amount: Number(r.amount),
      currency: r.currency,
      description: r.description,
      status: r.status,
      accountId: leg ? Number(leg.id) : null,
      accountNo: leg ? leg.account_no : null,
    };
  });
}
