import type { Kysely, Transaction } from 'kysely';
import type { Receipt } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { BankDatabase, Row } from '../source';

type Db = Kysely<BankDatabase> | Transaction<BankDatabase>;

/** The operation a journal records, as the teller chose it. */
function kindOf(j: Pick<Row<'journal'>, 'type' | 'status' | 'channel'>): Receipt['kind'] {
  if (j.type === 'deposit') return 'deposit';
  if (j.type === 'withdrawal') return 'withdrawal';
  return j.channel === 'wire' ? 'external_transfer' : 'transfer';
}

/**
 * The customer an operation serves: the one whose account money leaves, or for a deposit the one it
 * reaches. Only that customer's balances appear on a confirmation or receipt.
 */
export function servedCustomer(legs: { amount: number; account: { kind: string; customer_id: number | null } | undefined }[]): number | null {
  const customerLegs = legs.filter((l) => l.account?.kind === 'customer');
  const leg = customerLegs.find((l) => l.amount < 0) ?? customerLegs[0];
  const id = leg?.account?.customer_id;
  return id === null || id === undefined ? null : Number(id);
}

/**
 * A receipt rebuilt from what was posted — so a replayed submit, a reprint and the first answer
 * are the same document. Balances before/after come from the entries' running balances.
 */
export async function receiptFor(db: Db, where: { journalId: number } | { reference: string } | { idempotencyKey: string }, replayed: boolean): Promise<Receipt | null> {
  let q = db.selectFrom('journal').selectAll();
  if ('journalId' in where) q = q.where('id', '=', where.journalId);
  else if ('reference' in where) q = q.where('reference', '=', where.reference);
  else q = q.where('idempotency_key', '=', where.idempotencyKey);
  const j = await q.executeTakeFirst();
  if (!j) return null;
  const entries = await db
    .selectFrom('entries')
    .innerJoin('accounts', 'accounts.id', 'entries.account_id')
    .select(['entries.account_id', 'entries.amount', 'entries.balance_after', 'accounts.account_no', 'accounts.name', 'accounts.kind', 'accounts.customer_id'])
    .where('entries.journal_id', '=', j.id)
    .orderBy('entries.id')
    .execute();
  const served = servedCustomer(entries.map((e) => ({ amount: Number(e.amount), account: e })));
  const notes: string[] = j.status === 'pending' ? ['Sent to the other bank at the next settlement run (status: pending).'] : [];
  return {
    kind: kindOf(j),
    reference: j.reference,
    journalId: Number(j.id),
    postedAt: Number(j.booked_at),
    postedBy: j.created_by,
    amount: Number(j.amount),
    currency: j.currency,
    description: j.description,
    status: j.status,
    notes,
    replayed,
    legs: entries.map((e) => {
      const customer = e.kind === 'customer';
      const showBalance = customer && e.customer_id !== null && Number(e.customer_id) === served;
      const amount = Number(e.amount);
      const after = Number(e.balance_after);
      return {
        accountId: Number(e.account_id),
        accountNo: e.account_no,
        name: e.name,
        kind: customer ? 'customer' : 'internal',
        amount,
        balanceBefore: showBalance ? after - amount : null,
        balanceAfter: showBalance ? after : null,
      };
    }),
  };
}

export async function receiptOrThrow(db: Db, reference: string): Promise<Receipt> {
  const r = await receiptFor(db, { reference }, false);
  if (!r) throw new AppError('NOT_FOUND', `No operation has the reference ${reference}.`);
  return r;
}
