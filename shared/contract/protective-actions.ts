import { z } from 'zod';
import { timestampSchema } from './dashboard';
import { method } from './define';
import { CASE_CONTACT_CHANNELS, CASE_CONTACT_OUTCOMES } from './fraud-cases';

const id = z.number().int().positive();
const idempotencyKey = z.string().min(16).max(80);
const reason = z.string().trim().min(5, 'Say why (at least 5 characters)').max(400);

/** Protective actions beyond a freeze, taken within a review case by fraud review (issue 16). */
export const protectiveActionMethods = {
  'cards.block': method({
    summary: 'Block cards of a customer in the case (audited; on the case timeline). A card already blocked is reported, not blocked again.',
    permission: 'fraud.review',
    requiresBank: true,
    input: z.object({ caseId: id, cardIds: z.array(id).min(1, 'Choose the cards to block').max(20), reason, idempotencyKey }),
    output: z.object({ blocked: z.array(z.object({ cardId: z.number().int(), last4: z.string(), alreadyBlocked: z.boolean() })), message: z.string() }),
  }),
  'transfers.recall': method({
    summary:
      'Stop an outgoing transfer from a case account that is still pending settlement: posts the reversing journal through the ledger (the money returns to the account), audited, on the case timeline. Once only; a settled transfer cannot be recalled.',
    permission: 'fraud.review',
    requiresBank: true,
    input: z.object({ caseId: id, journalId: id, reason, idempotencyKey }),
    output: z.object({
      reference: z.string(),
      reversalReference: z.string(),
      reversalJournalId: z.number().int(),
      amount: z.number().int(),
      currency: z.string().length(3),
      accountNo: z.string(),
      balanceAfter: z.number().int(),
      message: z.string(),
    }),
  }),
  'contacts.record': method({
    summary: 'Record a contact with a customer of the case (call or branch visit): when, who spoke with whom, the outcome.',
    permission: 'fraud.review',
    requiresBank: true,
    input: z.object({
      caseId: id,
      customerId: id,
      channel: z.enum(CASE_CONTACT_CHANNELS),
      outcome: z.enum(CASE_CONTACT_OUTCOMES),
      spokeWith: z.string().trim().min(2, 'Who did you speak with?').max(160),
      contactedAt: timestampSchema,
      summary: z.string().trim().min(5, 'Say what was said (at least 5 characters)').max(2000),
      idempotencyKey,
    }),
    output: z.object({ contactId: z.number().int(), message: z.string() }),
  }),
} as const;
