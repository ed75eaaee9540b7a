import { z } from 'zod';
import { timestampSchema } from './dashboard';
import { method } from './define';
import { alertRowSchema } from './fraud';

const id = z.number().int().positive();
const idempotencyKey = z.string().min(16).max(80);

export const CASE_STATUSES = ['open', 'escalated'] as const;

export const caseSummarySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.enum(CASE_STATUSES),
  /** Who holds the claim; null when released. */
  owner: z.string().nullable(),
  createdBy: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  alertIds: z.array(z.number().int()),
  /** The compliance case it became when escalated. */
  complianceCaseId: z.number().int().nullable(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

/** One line of a case's timeline: every action on the case, its alerts and its customers. */
export const caseEventSchema = z.object({
  id: z.number().int(),
  at: timestampSchema,
  actor: z.string(),
  kind: z.string(),
  summary: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number()]))])),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

export const caseCardSchema = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  accountNo: z.string(),
  type: z.string(),
  last4: z.string(),
  status: z.enum(['active', 'blocked', 'expired']),
  blockedBy: z.string().nullable(),
  blockedAt: timestampSchema.nullable(),
});

/** An outgoing transfer from one of the case's accounts to another bank, and whether it can still be stopped. */
export const caseTransferSchema = z.object({
  journalId: z.number().int(),
  reference: z.string(),
  bookedAt: timestampSchema,
  amount: z.number().int(),
  currency: z.string().length(3),
  accountId: z.number().int(),
  accountNo: z.string(),
  beneficiary: z.string().nullable(),
  iban: z.string().nullable(),
  /** pending: still waiting for settlement (can be recalled); recalled: reversed; settled: gone. */
  state: z.enum(['pending', 'recalled', 'settled']),
  recalledBy: z.string().nullable(),
  recalledAt: timestampSchema.nullable(),
  reversalReference: z.string().nullable(),
});
export type CaseTransfer = z.infer<typeof caseTransferSchema>;

export const CASE_CONTACT_CHANNELS = ['phone_call', 'branch_visit'] as const;
export const CASE_CONTACT_OUTCOMES = ['customer_denies', 'customer_authorised', 'no_answer', 'callback_requested', 'advised_customer', 'other'] as const;

export const caseContactSchema = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerName: z.string(),
  channel: z.enum(CASE_CONTACT_CHANNELS),
  outcome: z.enum(CASE_CONTACT_OUTCOMES),
  spokeWith: z.string(),
  contactedAt: timestampSchema,
  summary: z.string(),
  recordedBy: z.string(),
  recordedAt: timestampSchema,
});

export const caseDetailSchema = z.object({
  case: caseSummarySchema,
  alerts: z.array(alertRowSchema),
  customers: z.array(z.object({ id: z.number().int(), name: z.string(), customerNo: z.string(), phone: z.string() })),
  accounts: z.array(
    z.object({
      id: z.number().int(),
      accountNo: z.string(),
      customerId: z.number().int().nullable(),
      currency: z.string().length(3),
      balance: z.number().int(),
      status: z.string(),
    }),
  ),
  cards: z.array(caseCardSchema),
  transfers: z.array(caseTransferSchema),
  contacts: z.array(caseContactSchema),
  /** Oldest first. */
  timeline: z.array(caseEventSchema),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

const outcome = z.object({ caseId: z.number().int(), message: z.string() });

export const fraudCaseMethods = {
  'cases.list': method({
    summary: 'Review cases: open ones (or all), those holding an alert, those someone owns.',
    permission: 'fraud.view',
    reads: 'bank',
    input: z.object({ status: z.enum(['open', 'escalated', 'all']).default('open'), alertId: id.optional(), owner: z.string().max(40).optional() }),
    output: z.array(caseSummarySchema),
  }),
  'cases.get': method({
    summary: 'A case: its alerts, customers, accounts, cards, outgoing transfers, contacts and the timeline of every action.',
    permission: 'fraud.view',
    reads: 'bank',
    input: z.object({ id }),
    output: caseDetailSchema,
  }),
  'cases.create': method({
    summary: 'Group alerts (on one account, one customer or one network) into a case owned by the caller. An alert is in one case at most.',
    permission: 'fraud.review',
    requiresBank: true,
    input: z.object({ alertIds: z.array(id).min(1, 'Choose the alerts to group').max(50), title: z.string().trim().max(200).optional(), idempotencyKey }),
    output: outcome,
  }),
  'cases.addAlerts': method({
    summary: 'Add alerts to an open case.',
    permission: 'fraud.review',
    requiresBank: true,
    input: z.object({ id, alertIds: z.array(id).min(1).max(50), idempotencyKey }),
    output: outcome,
  }),
  'cases.assign': method({
    summary: 'Reassign the case (and its open alerts) to another fraud reviewer, or release the claim (owner null).',
    permission: 'fraud.review',
    requiresBank: true,
    input: z.object({ id, owner: z.string().max(40).nullable(), idempotencyKey }),
    output: outcome,
  }),
  'cases.escalate': method({
    summary: 'Escalate the case to compliance: one compliance case for its alerts; the open alerts are marked escalated.',
    permission: 'fraud.review',
    requiresBank: true,
    input: z.object({ id, comment: z.string().trim().min(5, 'Say why (at least 5 characters)').max(2000), idempotencyKey }),
    output: outcome.extend({ complianceCaseId: z.number().int() }),
  }),
  'alerts.reopen': method({
    summary: 'Reopen a dismissed alert with a reason: it returns to review (its assignee keeps it), the dismissal stays in the audit log.',
    permission: 'fraud.review',
    requiresBank: true,
    input: z.object({ id, reason: z.string().trim().min(5, 'Say why it is reopened (at least 5 characters)').max(1000), idempotencyKey }),
    output: z.object({ message: z.string() }),
  }),
} as const;
