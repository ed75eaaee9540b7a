import { AppError } from '../../shared/errors';
import { formatMoneyText } from '../../shared/money';
import { appendAudit } from '../audit';
import { blockCards, recallTransfer, type CardBlockResult, type RecallResult } from '../banking';
import { addCaseEvent } from '../fraud-review';
import { runOnce } from '../idempotency';
import { isDuplicateKey } from '../ledger';
import type { Transaction } from 'kysely';
import { caseDb, type Bank, type BankDatabase } from '../source';
import { lockCase } from './cases';
import { caseScope } from './read';

const CONTACT_LABEL = { phone_call: 'Call', branch_visit: 'Branch visit' } as const;

/** The case, locked, and what it covers; a protective action needs the case still with fraud review. */
async function openCaseScope(trx: Transaction<BankDatabase>, bank: Bank, caseId: number) {
  const k = await lockCase(trx, bank, caseId);
  return { k, scope: await caseScope(caseDb(trx), caseId) };
}

export async function blockCaseCards(
  bank: Bank,
  input: { caseId: number; cardIds: number[]; reason: string; idempotencyKey: string },
  actor: string,
): Promise<{ blocked: CardBlockResult[]; message: string }> {
  const cardIds = [...new Set(input.cardIds)].sort((a, b) => a - b);
  type Out = { blocked: CardBlockResult[]; message: string };
  return runOnce(
    bank,
    { key: input.idempotencyKey, actor, method: 'cards.block', input: { caseId: input.caseId, cardIds, reason: input.reason } },
    {
      record: (r: Out) => r,
      replay: async (r) => ('legacyText' in r ? { blocked: [], message: r.legacyText } : r),
      work: async (trx, now) => {
        const { k, scope } = await openCaseScope(trx, bank, input.caseId);
        const blocked = await blockCards(trx, bank, { cardIds, reason: input.reason, caseId: k.id, customerIds: scope.customerIds }, actor, now);
        const fresh = blocked.filter((b) => !b.alreadyBlocked);
        const cards = blocked.map((b) => `•••• ${b.last4}${b.alreadyBlocked ? ' (already blocked)' : ''}`).join(', ');
        await addCaseEvent(
          trx,
          k.id,
          { actor, kind: 'card.blocked', summary: `Blocked card ${cards}: ${input.reason}`, details: { cards: blocked.map((b) => b.last4), reason: input.reason } },
          now,
        );
        const message = fresh.length ? `Card ${fresh.map((b) => `•••• ${b.last4}`).join(', ')} blocked.` : 'The cards were already blocked; nothing changed.';
        return { blocked, message };
      },
    },
  );
}

export async function recallCaseTransfer(
  bank: Bank,
  input: { caseId: number; journalId: number; reason: string; idempotencyKey: string },
  actor: string,
): Promise<RecallResult & { message: string }> {
  type Out = RecallResult & { message: string };
  try {
    return await runOnce(
      bank,
      { key: input.idempotencyKey, actor, method: 'transfers.recall', input: { caseId: input.caseId, journalId: input.journalId, reason: input.reason } },
      {
        record: (r: Out) => r,
        replay: async (r) => {
          if ('legacyText' in r) throw new AppError('CONFLICT', r.legacyText);
          return r;
        },
        work: async (trx, now) => {
          const { k, scope } = await openCaseScope(trx, bank, input.caseId);
          const r = await recallTransfer(trx, bank, { journalId: input.journalId, reason: input.reason, caseId: k.id, accountIds: scope.accountIds }, actor, now);
          const money = formatMoneyText(r.amount, r.currency);
          await addCaseEvent(
            trx,
            k.id,
            {
              actor,
              kind: 'transfer.recalled',
              summary: `Recalled transfer ${r.reference} (${money}); reversed by ${r.reversalReference}, back on ${r.accountNo}: ${input.reason}`,
              details: { reference: r.reference, reversal: r.reversalReference, amount: r.amount, currency: r.currency, accountNo: r.accountNo, reason: input.reason },
            },
            now,
          );
          return { ...r, message: `${r.reference} recalled: ${money} is back on ${r.accountNo} (reversal ${r.reversalReference}).` };
        },
      },
    );
  } catch (e) {
    // Another recall of the same transfer committed first (its recall row's primary key): say so.
    if (!isDuplicateKey(e)) throw e;
    const r = await caseDb(bank).selectFrom('transfer_recalls').select(['recalled_by']).where('journal_id', '=', input.journalId).executeTakeFirst();
    if (!r) throw e;
    throw new AppError('CONFLICT', `Transaction ${input.journalId} was already recalled by ${r.recalled_by}.`);
  }
}

export async function recordContact(
  bank: Bank,
  input: {
    caseId: number;
    customerId: number;
    channel: 'phone_call' | 'branch_visit';
    outcome: string;
    spokeWith: string;
    contactedAt: number;
    summary: string;
    idempotencyKey: string;
  },
  actor: string,
): Promise<{ contactId: number; message: string }> {
  const { idempotencyKey, ...rest } = input;
  return runOnce(
    bank,
    { key: idempotencyKey, actor, method: 'contacts.record', input: rest },
    {
      record: (r: { contactId: number; message: string }) => r,
      replay: async (r) => ('legacyText' in r ? { contactId: 0, message: r.legacyText } : r),
      work: async (trx, now) => {
        // A contact happened already: a time ahead of the bank's clock (beyond a minute's skew) is a typing error.
        if (input.contactedAt > now + 60_000) throw new AppError('VALIDATION', 'The contact cannot be in the future.', [{ path: 'contactedAt', message: 'In the future' }]);
        const { k, scope } = await openCaseScope(trx, bank, input.caseId);
        if (!scope.customerIds.includes(input.customerId))
          throw new AppError('VALIDATION', `Customer ${input.customerId} is not a customer of case ${k.id}.`, [{ path: 'customerId', message: 'Not a customer of this case' }]);
        const customer = await trx.selectFrom('customers').select('legal_name').where('id', '=', input.customerId).executeTakeFirstOrThrow();
        const res = await caseDb(trx)
          .insertInto('customer_contacts')
          .values({
            case_id: k.id,
            customer_id: input.customerId,
            channel: input.channel,
            outcome: input.outcome,
            spoke_with: input.spokeWith,
            contacted_at: input.contactedAt,
            summary: input.summary,
            recorded_by: actor,
            recorded_at: now,
          })
          .executeTakeFirstOrThrow();
        const contactId = Number(res.insertId);
        const outcome = input.outcome.replace(/_/g, ' ');
        await appendAudit(
          trx,
          bank.dialect,
          {
            actor,
            action: 'customer.contact',
            entity: 'customer',
            entityId: input.customerId,
            details: { caseId: k.id, channel: input.channel, outcome: input.outcome, spokeWith: input.spokeWith, contactedAt: input.contactedAt, summary: input.summary },
          },
          now,
        );
        await addCaseEvent(
          trx,
          k.id,
          {
            actor,
            kind: 'customer.contact',
            summary: `${CONTACT_LABEL[input.channel]} with ${input.spokeWith} (${customer.legal_name}): ${outcome} — ${input.summary}`,
            details: { channel: input.channel, outcome: input.outcome, spokeWith: input.spokeWith, contactedAt: input.contactedAt },
          },
          now,
        );
        return { contactId, message: `${CONTACT_LABEL[input.channel]} with ${input.spokeWith} recorded on case ${k.id}.` };
      },
    },
  );
}
