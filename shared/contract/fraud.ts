import { z } from 'zod';
import { FRAUD_ALERT_STATUSES, fraudExplanationSchema } from '../fraud-explanation';
import { currencyCodeSchema } from './banking';
import { customer360Schema } from './customers';
import { timestampSchema } from './dashboard';
import { method } from './define';

const id = z.number().int().positive();
export const alertStatusSchema = z.enum(FRAUD_ALERT_STATUSES);

/** Why an analyst dismissed an alert: coded, so rule statistics can count false positives by cause. */
export const DISMISS_REASONS = ['customer_confirmed', 'known_pattern', 'duplicate', 'insufficient_evidence', 'other'] as const;
export const dismissReasonSchema = z.enum(DISMISS_REASONS);

export const alertRowSchema = z.object({
  id: z.number().int(),
  ruleId: z.string(),
  /** Every rule that contributed, strongest first. */
  rules: z.array(z.string()),
  riskScore: z.number().int(),
  status: alertStatusSchema,
  assignee: z.string().nullable(),
  accountId: z.number().int(),
  accountNo: z.string(),
  customerId: z.number().int().nullable(),
  customerName: z.string().nullable(),
  branchId: z.number().int(),
  branchName: z.string(),
  /** Largest single amount among the flagged transactions, minor units. */
  amount: z.number().int(),
  currency: z.string().length(3),
  txnCount: z.number().int(),
  detectedAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type AlertRow = z.infer<typeof alertRowSchema>;

export const alertFilterSchema = z.object({
  status: z.array(alertStatusSchema).default(['new', 'in_review']),
  ruleId: z.string().max(60).optional(),
  /** A username, "me" or "unassigned". */
  assignee: z.string().max(40).optional(),
  /** Alerts in this currency only; amounts are minor units of the alert's own currency, so a range belongs to one. */
  currency: currencyCodeSchema.optional(),
  minAmount: z.number().int().nonnegative().optional(),
  maxAmount: z.number().int().nonnegative().optional(),
  branchId: id.optional(),
  minRisk: z.number().int().min(0).max(100).optional(),
});
export type AlertFilter = z.infer<typeof alertFilterSchema>;

export const alertNoteSchema = z.object({ id: z.number().int(), author: z.string(), text: z.string(), at: timestampSchema });

export const flaggedTxnSchema = z.object({
  journalId: z.number().int(),
  reference: z.string(),
  externalRef: z.string().nullable(),
  bookedAt: timestampSchema,
  type: z.string(),
  channel: z.string(),
  description: z.string(),
  counterpartyName: z.string().nullable(),
  counterpartyAccount: z.string().nullable(),
  amount: z.number().int(),
  currency: z.string().length(3),
  balanceAfter: z.number().int(),
  /** Part of this alert's evidence (vs. ordinary context). */
  flagged: z.boolean(),
  /** Confirmed as fraud by an analyst. */
  confirmedFraud: z.boolean(),
});

export const alertDetailSchema = z.object({
  alert: alertRowSchema,
  explanation: fraudExplanationSchema,
  customer: customer360Schema.nullable(),
  /** The subject account's movements around the alert (flagged and context), oldest first, for the timeline. */
  timeline: z.array(flaggedTxnSchema),
  /** The customer's normal range before the alert: daily amount percentiles, for the chart's band. */
  normalRange: z.object({ p10: z.number().int(), p50: z.number().int(), p90: z.number().int(), days: z.number().int() }).nullable(),
  counterparties: z.array(
    z.object({
      account: z.string().nullable(),
      name: z.string().nullable(),
      paidByCustomer: z.number().int(),
      paidToCustomer: z.number().int(),
      count: z.number().int(),
      /** Other customers of this bank who paid or were paid by the same counterparty (mule networks). */
      otherCustomers: z.array(z.object({ customerId: z.number().int(), name: z.string(), count: z.number().int() })),
    }),
  ),
  related: z.array(alertRowSchema),
  notes: z.array(alertNoteSchema),
  case: z.object({ id: z.number().int(), status: z.string(), title: z.string() }).nullable(),
  disposition: z.object({ by: z.string(), at: timestampSchema, reason: z.string().nullable(), comment: z.string() }).nullable(),
  asOf: timestampSchema.nullable(),
});
export type AlertDetail = z.infer<typeof alertDetailSchema>;

/** What an offline write became: applied at once, or queued in the outbox for replay. */
export const writeOutcomeSchema = z.object({ status: z.enum(['applied', 'queued']), outboxId: z.number().int().nullable(), message: z.string() });

export const ruleParamSchema = z.object({ name: z.string(), value: z.union([z.number(), z.boolean()]), defaultValue: z.union([z.number(), z.boolean()]), description: z.string() });

export const ruleSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  version: z.number().int(),
  enabled: z.boolean(),
  params: z.array(ruleParamSchema),
  /**
   * Money parameters are minor units, compared with each account's own currency; screens show them in
   * this one (the bank's base currency), with its ISO 4217 decimals.
   */
  currency: z.string().length(3),
  stats: z.object({
    hits: z.number().int(),
    confirmed: z.number().int(),
    /** Escalated to compliance: suspicious enough to hand on, so not a false positive. */
    escalated: z.number().int(),
    dismissed: z.number().int(),
    open: z.number().int(),
    /** dismissed ÷ decided (confirmed + escalated + dismissed); read it with `decided`, its sample size. */
    falsePositiveRate: z.number().nullable(),
    decided: z.number().int(),
  }),
  history: z.array(z.object({ version: z.number().int(), createdBy: z.string(), createdAt: timestampSchema, note: z.string() })),
});
export type FraudRule = z.infer<typeof ruleSchema>;

const paramValues = z.record(z.string(), z.union([z.number(), z.boolean()]));

export const fraudMethods = {
  'fraud.summary': method({
    summary: 'What needs the analyst now: open alerts by status, high-risk new ones, what arrived since a time (e.g. overnight), the oldest waiting.',
    permission: 'fraud.view',
    reads: 'cache-offline',
    input: z.object({ since: timestampSchema }),
    output: z.object({
      byStatus: z.record(z.string(), z.number().int()),
      newSince: z.number().int(),
      highRiskOpen: z.number().int(),
      oldestOpenAt: timestampSchema.nullable(),
      top: z.array(alertRowSchema),
      asOf: timestampSchema.nullable(),
    }),
  }),
  'alerts.list': method({
    summary: 'The review queue: filtered, sorted by risk or age, one window of rows at a time (virtualized scrolling over 100,000 alerts).',
    permission: 'fraud.view',
    reads: 'cache-offline',
    input: alertFilterSchema.extend({
      sort: z.enum(['risk', 'age', 'amount']).default('risk'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ total: z.number().int(), rows: z.array(alertRowSchema), asOf: timestampSchema.nullable() }),
  }),
  'alerts.get': method({
    summary: 'An alert with everything needed to investigate it: explanation, customer 360, timeline, counterparties, related alerts, notes.',
    permission: 'fraud.view',
    reads: 'cache-offline',
    input: z.object({ id }),
    output: alertDetailSchema,
  }),
  'alerts.assign': method({
    summary: 'Claim (assignee = yourself), assign or unassign alerts; several at once for bulk assignment. Queued in the outbox while offline.',
    permission: 'fraud.review',
    input: z.object({ ids: z.array(id).min(1).max(1000), assignee: z.string().max(40).nullable(), idempotencyKey: z.string().min(16).max(80) }),
    output: writeOutcomeSchema,
  }),
  'alerts.dismiss': method({
    summary: 'Dismiss alerts with a reason code (bulk allowed). Queued in the outbox while offline; a conflicting change on the server is reported, never overwritten.',
    permission: 'fraud.review',
    input: z.object({
      ids: z.array(id).min(1).max(1000),
      reason: dismissReasonSchema,
      comment: z.string().trim().max(1000).default(''),
      idempotencyKey: z.string().min(16).max(80),
    }),
    output: writeOutcomeSchema,
  }),
  'alerts.addNote': method({
    summary: 'A case note on an alert. Queued in the outbox while offline.',
    permission: 'fraud.review',
    input: z.object({ id, text: z.string().trim().min(1, 'Write the note').max(4000), idempotencyKey: z.string().min(16).max(80) }),
    output: writeOutcomeSchema,
  }),
  'alerts.confirmFraud': method({
    summary: 'Confirm fraud: freeze the affected accounts (through banking operations, audited) and mark the transactions. Needs the bank: refused offline.',
    permission: 'fraud.review',
    requiresBank: true,
    input: z.object({
      id,
      /** Accounts to freeze; by default the alert's subject account. */
      freezeAccountIds: z.array(id).max(20).optional(),
      /** Transactions to mark as fraud, chosen by the analyst; by default the alert's flagged ones. */
      journalIds: z.array(id).min(1, 'Select at least one transaction to mark as fraud').max(500).optional(),
      /** Why: required, as for a plain freeze — it goes to the audit log and the alert. */
      comment: z.string().trim().min(5, 'Say what you found (at least 5 characters)').max(1000),
    }),
    output: z.object({ frozen: z.array(z.object({ accountId: z.number().int(), accountNo: z.string(), alreadyFrozen: z.boolean() })), marked: z.number().int() }),
  }),
  'alerts.escalate': method({
    summary: 'Escalate to compliance as a case (one case per alert).',
    permission: 'fraud.review',
    requiresBank: true,
    input: z.object({ id, comment: z.string().trim().min(5, 'Say why (at least 5 characters)').max(2000) }),
    output: z.object({ caseId: z.number().int() }),
  }),
  'alerts.sarDraft': method({
    summary: 'A draft suspicious-activity report with the facts pre-filled (subject, accounts, transactions, narrative) for the analyst to edit.',
    permission: 'fraud.review',
    reads: 'cache-offline',
    input: z.object({ id }),
    output: z.object({
      title: z.string(),
      subject: z.object({
        name: z.string(),
        customerNo: z.string().nullable(),
        dateOfBirth: z.string().nullable(),
        nationalId: z.string().nullable(),
        address: z.string().nullable(),
      }),
      accounts: z.array(z.string()),
      transactions: z.array(flaggedTxnSchema),
      totalAmount: z.number().int(),
      currency: z.string().length(3),
      period: z.object({ from: timestampSchema, to: timestampSchema }),
      narrative: z.string(),
    }),
  }),
  'fraud.rules.list': method({
    summary: 'The rule catalog with parameters, versions and performance from dispositions (hits, confirmed, dismissed, false-positive rate).',
    permission: 'fraud.view',
    reads: 'cache-offline',
    input: z.object({}),
    output: z.array(ruleSchema),
  }),
  'fraud.rules.backtest': method({
    summary: 'Run one rule with changed parameters over recent history: how many alerts it would raise and how many confirmed or labelled frauds it would catch.',
    permission: 'fraud.rules',
    reads: 'bank',
    requiresBank: true,
    input: z.object({ ruleId: z.string().max(60), params: paramValues, days: z.number().int().min(7).max(730).default(90) }),
    output: z.object({
      ruleId: z.string(),
      days: z.number().int(),
      transactions: z.number().int(),
      current: z.object({ alerts: z.number().int(), accounts: z.number().int(), confirmedCaught: z.number().int(), labelledCaught: z.number().int() }),
      proposed: z.object({ alerts: z.number().int(), accounts: z.number().int(), confirmedCaught: z.number().int(), labelledCaught: z.number().int() }),
      confirmedTotal: z.number().int(),
      labelledTotal: z.number().int(),
      tookMs: z.number().int(),
    }),
  }),
} as const;
