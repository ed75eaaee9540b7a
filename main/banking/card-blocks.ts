import type { Transaction } from 'kysely';
import { AppError } from '../../shared/errors';
import { appendAudit } from '../audit';
import { caseDb, type Bank, type BankDatabase } from '../source';

export interface CardBlockResult {
  cardId: number;
  last4: string;
  alreadyBlocked: boolean;
}

/**
 * Blocks cards inside the caller's transaction (with its audit entry): each card must belong to one
 * of `customerIds` (the case's customers), an expired card is refused, a blocked one is reported as
 * such and left alone. Card rows are locked in id order on MySQL, so two blocks queue.
 */
export async function blockCards(
  trx: Transaction<BankDatabase>,
  bank: Bank,
  input: { cardIds: number[]; reason: string; caseId: number; customerIds: readonly number[] },
  actor: string,
  now: number,
): Promise<CardBlockResult[]> {
  const ids = [...new Set(input.cardIds)].sort((a, b) => a - b);
  const q = trx
    .selectFrom('cards as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .select(['c.id', 'c.customer_id', 'c.pan_last4', 'c.status', 'a.account_no'])
    .where('c.id', 'in', ids)
    .orderBy('c.id');
  const cards = await (bank.dialect === 'mysql' ? q.forUpdate() : q).execute();
  const missing = ids.filter((i) => !cards.some((c) => Number(c.id) === i));
  if (missing.length) throw new AppError('NOT_FOUND', `There is no card ${missing.join(', ')}.`);
  const allowed = new Set(input.customerIds);
  const foreign = cards.filter((c) => !allowed.has(Number(c.customer_id)));
  if (foreign.length)
    throw new AppError('VALIDATION', `Card ${foreign.map((c) => `•••• ${c.pan_last4}`).join(', ')} does not belong to a customer of case ${input.caseId}.`, [
      { path: 'cardIds', message: 'Not a card of this case' },
    ]);
  const expired = cards.filter((c) => c.status === 'expired');
  if (expired.length) throw new AppError('CONFLICT', `Card •••• ${expired.map((c) => c.pan_last4).join(', ')} has expired; there is nothing to block.`);
  const toBlock = cards.filter((c) => c.status === 'active').map((c) => Number(c.id));
  if (toBlock.length) {
    await trx.updateTable('cards').set({ status: 'blocked', updated_at: now }).where('id', 'in', toBlock).execute();
    await caseDb(trx)
      .insertInto('card_blocks')
      .values(toBlock.map((card_id) => ({ card_id, case_id: input.caseId, reason: input.reason, blocked_by: actor, blocked_at: now })))
      .execute();
  }
  const result = cards.map((c) => ({ cardId: Number(c.id), last4: c.pan_last4, alreadyBlocked: c.status !== 'active' }));
  await appendAudit(
    trx,
    bank.dialect,
    {
      actor,
      action: 'card.block',
      entity: 'card',
      entityId: ids.join(','),
      details: { cards: cards.map((c) => ({ last4: c.pan_last4, accountNo: c.account_no, alreadyBlocked: c.status !== 'active' })), reason: input.reason, caseId: input.caseId },
    },
    now,
  );
  return result;
}
