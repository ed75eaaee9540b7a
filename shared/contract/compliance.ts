import { z } from 'zod';
import { isCurrencyCode, unknownCurrencyReason } from '../money';
import { timestampSchema } from './dashboard';
import { method } from './define';
import { dimensionSchema, exportFileSchema, metricIdSchema } from './metrics';
import { evidenceItemSchema } from './task-evidence';

/**
 * Compliance monitors (issue 10): each monitor is a catalog metric (or a bank input) with a limit, a
 * warning band and a direction; evaluated on the bank or, offline, on the cache. Limits, bands and bank
 * inputs change only through maker–checker. Corrective tasks work offline through the outbox.
 */

const id = z.number().int().positive();
const dayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-04');
const idempotencyKey = z.string().min(16).max(80);
const metricFilterSchema = z.object({ dimension: dimensionSchema, value: z.string().min(1).max(100) });
const currencyCode = z.string().refine(isCurrencyCode, { error: (i) => unknownCurrencyReason(String(i.input)) });
/** Decimal text as people type it ("10000", "0.25", "25.3"): never a float on the wire. */
const decimalText = z
  .string()
  .trim()
  .regex(/^-?\d{1,15}(\.\d{1,10})?$/, 'Use digits with at most one decimal point, e.g. 10000 or 0.0425');

export const MONITOR_IDS = [
  'ctr_large_cash',
  'structuring',
  'sar_deadlines',
  'large_exposures',
  'loan_to_deposit',
  'liquidity_coverage',
  'capital_ratio',
  'kyc_overdue_all',
  'kyc_overdue_high_risk',
  'dormant_reactivated',
  'fraud_alert_backlog',
  'npl_ratio',
] as const;
export const monitorIdSchema = z.enum(MONITOR_IDS);
export type MonitorId = z.infer<typeof monitorIdSchema>;

export const MONITOR_UNITS = ['count', 'money', 'ratio', 'days'] as const;
export type MonitorUnit = (typeof MONITOR_UNITS)[number];
export const MONITOR_STATUSES = ['ok', 'warning', 'breach', 'unknown'] as const;
export type MonitorStatus = (typeof MONITOR_STATUSES)[number];
/** max: the value must stay at or below the limit; min: at or above it. */
export const monitorDirectionSchema = z.enum(['max', 'min']);
export type MonitorDirection = z.infer<typeof monitorDirectionSchema>;

/** Bank-level figures entered by compliance leads (maker–checker); money in the reporting currency's minor units as decimal text. */
export const INPUT_KEYS = [
  'reporting_currency',
  'ctr_threshold',
  'tier1_capital',
  'cet1_capital',
  'risk_weighted_assets',
  'liquid_assets',
  'liquid_assets_haircut',
  'deposit_runoff_rate',
  'fx_rate',
] as const;
export const inputKeySchema = z.enum(INPUT_KEYS);
export type InputKey = z.infer<typeof inputKeySchema>;

export const monitorDefinitionSchema = z.object({
  id: monitorIdSchema,
  name: z.string(),
  /** The rule it serves, e.g. "31 CFR 1010.311 / 1010.313". */
  citation: z.string(),
  definition: z.string(),
  unit: z.enum(MONITOR_UNITS),
  direction: monitorDirectionSchema,
  ownerRole: z.string(),
  cadence: z.string(),
  /** The catalog metric it stands on (drill-down opens it), or null when it is a deadline or bank-input monitor. */
  metric: metricIdSchema.nullable(),
  /** Filters applied to that metric (e.g. risk_rating = high). */
  metricFilters: z.array(metricFilterSchema),
});
export type MonitorDefinition = z.infer<typeof monitorDefinitionSchema>;

export const trendPointSchema = z.object({ day: dayText, value: z.number().nullable() });

export const monitorResultSchema = monitorDefinitionSchema.extend({
  status: z.enum(MONITOR_STATUSES),
  /** count: integer; money: minor units of `currency`; ratio: 0..1 (0.25 = 25 %); days: days. Null when it cannot be computed (missing bank input). */
  value: z.number().nullable(),
  limit: z.number(),
  /** The edge of the warning band: past it (towards the limit) the monitor warns. */
  warning: z.number(),
  /** Version of the limit/band in force. */
  limitVersion: z.number().int(),
  currency: z.string().nullable(),
  /** Words: what drives the figure now, or what is missing to compute it. */
  note: z.string(),
  /** 90 bank days up to the evaluation day. */
  trend: z.array(trendPointSchema),
  /** The bank day the limit will be crossed at the current trend (linear fit of the last 30 days), or null. */
  projectedCrossing: dayText.nullable(),
  /** 0 (fine) … higher is more urgent: breach, then warning by distance to the limit. */
  urgency: z.number(),
  /** Figures that could not be summed (money in a currency with no rate that day), listed apart. */
  unconverted: z.array(z.object({ currency: z.string(), amount: z.number().int(), day: dayText.nullable() })),
});
export type MonitorResult = z.infer<typeof monitorResultSchema>;

export const evaluationSchema = z.object({
  at: dayText,
  evaluatedAt: timestampSchema,
  source: z.enum(['bank', 'cache']),
  asOf: timestampSchema,
  timeZone: z.string(),
  reportingCurrency: z.string(),
  monitors: z.array(monitorResultSchema),
  deadlines: z.array(z.object({ kind: z.enum(['ctr', 'sar']), id: z.number().int(), title: z.string(), dueDay: dayText, status: z.enum(['due', 'overdue', 'filed']) })),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const driverSchema = z.object({
  dimension: z.string(),
  value: z.string(),
  label: z.string(),
  currency: z.string().nullable(),
  current: z.number(),
  previous: z.number().nullable(),
  /** Share of the total change this value accounts for (−1…1), null when there was no change. */
  contribution: z.number().nullable(),
});

export const monitorDetailSchema = z.object({
  monitor: monitorResultSchema,
  /** The metric question the drill-down opens in Explore (last 30 bank days against the 30 before). */
  query: z.object({ metric: metricIdSchema, from: dayText, to: dayText, filters: z.array(metricFilterSchema) }).nullable(),
  drivers: z.array(driverSchema),
  history: z.array(
    z.object({ version: z.number().int(), limit: z.number(), warning: z.number(), approvedBy: z.string().nullable(), proposedBy: z.string().nullable(), at: timestampSchema }),
  ),
  source: z.enum(['bank', 'cache']),
  asOf: timestampSchema,
});
export type MonitorDetail = z.infer<typeof monitorDetailSchema>;

export const bankInputSchema = z.object({
  key: inputKeySchema,
  currency: z.string(),
  effectiveDay: dayText,
  value: z.string(),
  version: z.number().int(),
  enteredBy: z.string(),
  approvedBy: z.string(),
  at: timestampSchema,
});
export type BankInput = z.infer<typeof bankInputSchema>;

/** What a maker proposes; the checker approves exactly this. */
export const changeProposalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('limit'), monitor: monitorIdSchema, limit: decimalText, warning: decimalText }),
  z.object({ kind: z.literal('input'), key: inputKeySchema.exclude(['fx_rate']), value: z.string().trim().min(1).max(60), effectiveDay: dayText }),
  z.object({ kind: z.literal('rate'), currency: currencyCode, day: dayText, rate: decimalText }),
]);
export type ChangeProposal = z.infer<typeof changeProposalSchema>;

export const pendingChangeSchema = z.object({
  id: z.number().int(),
  proposal: changeProposalSchema,
  summary: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedBy: z.string(),
  requestedAt: timestampSchema,
  decidedBy: z.string().nullable(),
  decidedAt: timestampSchema.nullable(),
});
export type PendingChangeView = z.infer<typeof pendingChangeSchema>;

export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export const taskLinksSchema = z.object({
  customers: z.array(id).max(50).default([]),
  accounts: z.array(id).max(50).default([]),
  transactions: z.array(z.string().max(40)).max(200).default([]),
});
export const taskSchema = z.object({
  id: z.number().int(),
  monitorId: monitorIdSchema,
  title: z.string(),
  owner: z.string(),
  dueDay: dayText,
  status: taskStatusSchema,
  links: taskLinksSchema,
  evidence: z.array(evidenceItemSchema),
  notes: z.array(z.object({ id: z.number().int(), author: z.string(), text: z.string(), at: timestampSchema })),
  createdBy: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  /** Changes made offline and not yet on the bank. */
  pending: z.array(z.object({ outboxId: z.number().int(), summary: z.string(), status: z.string(), message: z.string().nullable() })),
});
export type ComplianceTask = z.infer<typeof taskSchema>;

export const taskWriteOutcomeSchema = z.object({
  status: z.enum(['applied', 'queued']),
  outboxId: z.number().int().nullable(),
  message: z.string(),
  taskId: z.number().int().nullable(),
});

export const ctrReportSchema = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerNo: z.string(),
  customerName: z.string(),
  dateOfBirth: z.string().nullable(),
  nationalId: z.string().nullable(),
  address: z.string().nullable(),
  day: dayText,
  currency: z.string(),
  cashIn: z.number().int(),
  cashOut: z.number().int(),
  accounts: z.array(z.string()),
  transactions: z.array(
    z.object({
      reference: z.string(),
      externalRef: z.string().nullable(),
      bookedAt: timestampSchema,
      direction: z.enum(['in', 'out']),
      amount: z.number().int(),
      currency: z.string(),
      accountNo: z.string(),
      converted: z.number().int().nullable(),
    }),
  ),
  unconverted: z.array(z.object({ currency: z.string(), cashIn: z.number().int(), cashOut: z.number().int() })),
  dueDay: dayText,
  status: z.enum(['due', 'overdue', 'filed']),
  reviewedBy: z.string().nullable(),
  filedReference: z.string().nullable(),
  filedBy: z.string().nullable(),
  filedAt: timestampSchema.nullable(),
});
export type CtrReport = z.infer<typeof ctrReportSchema>;

export const caseSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.string(),
  owner: z.string().nullable(),
  alertId: z.number().int().nullable(),
  customerId: z.number().int().nullable(),
  customerName: z.string().nullable(),
  accounts: z.array(z.string()),
  escalatedAt: timestampSchema,
  suspectKnown: z.boolean(),
  sarDueDay: dayText,
  sarStatus: z.enum(['due', 'overdue', 'filed']),
  sarReference: z.string().nullable(),
  sarFiledBy: z.string().nullable(),
  sarFiledAt: timestampSchema.nullable(),
  closedReason: z.string().nullable(),
  notes: z.string(),
  drafts: z.array(z.object({ version: z.number().int(), text: z.string(), author: z.string(), at: timestampSchema })),
});
export type ComplianceCase = z.infer<typeof caseSchema>;

export const kycItemSchema = z.object({
  customerId: z.number().int(),
  customerNo: z.string(),
  name: z.string(),
  riskRating: z.string(),
  kycStatus: z.string(),
  nextReview: dayText,
  reason: z.enum(['submitted', 'overdue', 'due_soon']),
  branch: z.string(),
});

export const complianceMethods = {
  'compliance.evaluate': method({
    summary: 'Every compliance monitor: status, value against limit, 90-day trend, projected crossing day, and the filing deadlines.',
    permission: 'compliance.view',
    reads: 'cache-first',
    input: z.object({ at: dayText.optional() }),
    output: evaluationSchema,
  }),
  'compliance.monitor': method({
    summary: 'One monitor with the dimensions that drive it (each one’s contribution to the change) and the history of its limit.',
    permission: 'compliance.view',
    reads: 'cache-first',
    input: z.object({ id: monitorIdSchema, at: dayText.optional() }),
    output: monitorDetailSchema,
  }),
  'compliance.inputs': method({
    summary: 'Bank inputs in force (and their history) and the exchange rates entered per day.',
    permission: 'compliance.view',
    reads: 'cache-offline',
    input: z.object({}),
    output: z.object({ current: z.array(bankInputSchema), history: z.array(bankInputSchema), rates: z.array(bankInputSchema) }),
  }),
  'compliance.changes.list': method({
    summary: 'Changes of limits, bands and bank inputs waiting for a second person, and recent decisions.',
    permission: 'compliance.view',
    reads: 'cache-offline',
    input: z.object({}),
    output: z.array(pendingChangeSchema),
  }),
  'compliance.changes.propose': method({
    summary: 'Propose a change of a limit, band, bank input or exchange rate; it takes effect only when another person approves it.',
    permission: 'compliance.act',
    requiresBank: true,
    input: z.object({ proposal: changeProposalSchema, reason: z.string().trim().min(5, 'Say why (at least 5 characters)').max(400) }),
    output: pendingChangeSchema,
  }),
  'compliance.changes.approve': method({
    summary: 'Approve another person’s proposed change: it takes effect now (both steps audited).',
    permission: 'compliance.approve',
    requiresBank: true,
    input: z.object({ id }),
    output: pendingChangeSchema,
  }),
  'compliance.changes.reject': method({
    summary: 'Reject a proposed change with a reason (audited).',
    permission: 'compliance.approve',
    requiresBank: true,
    input: z.object({ id, reason: z.string().trim().min(5, 'Say why (at least 5 characters)').max(400) }),
    output: pendingChangeSchema,
  }),
  'compliance.tasks.list': method({
    summary: 'Corrective tasks, with changes made offline still waiting to reach the bank.',
    permission: 'compliance.view',
    reads: 'cache-offline',
    input: z.object({ monitorId: monitorIdSchema.optional(), status: taskStatusSchema.optional() }),
    output: z.object({ tasks: z.array(taskSchema), asOf: timestampSchema.nullable() }),
  }),
  'compliance.tasks.create': method({
    summary: 'Open a corrective task linked to a monitor and the rows behind it. Queued in the outbox while offline.',
    permission: 'compliance.act',
    input: z.object({
      monitorId: monitorIdSchema,
      title: z.string().trim().min(3, 'Give the task a title').max(200),
      owner: z.string().trim().min(1, 'Choose an owner').max(80),
      dueDay: dayText,
      links: taskLinksSchema.default({ customers: [], accounts: [], transactions: [] }),
      note: z.string().trim().max(4000).default(''),
      idempotencyKey,
    }),
    output: taskWriteOutcomeSchema,
  }),
  'compliance.tasks.update': method({
    summary:
      'Change a task’s status, owner or due day or add a note (evidence: compliance.tasks.evidence.attach). Queued in the outbox while offline; a change made on the bank meanwhile is reported as a conflict.',
    permission: 'compliance.act',
    input: z.object({
      id,
      status: taskStatusSchema.optional(),
      owner: z.string().trim().min(1).max(80).optional(),
      dueDay: dayText.optional(),
      note: z.string().trim().max(4000).optional(),
      idempotencyKey,
    }),
    output: taskWriteOutcomeSchema,
  }),
  'compliance.ctr.list': method({
    summary: 'Currency transaction reports (one per customer and bank day, cash in and out apart): due, overdue, filed.',
    permission: 'compliance.view',
    reads: 'cache-offline',
    input: z.object({ from: dayText, to: dayText, status: z.enum(['due', 'overdue', 'filed']).optional() }),
    output: z.object({ reports: z.array(ctrReportSchema), threshold: z.number().int(), currency: z.string() }),
  }),
  'compliance.ctr.generate': method({
    summary: 'Generate (or refresh, while not filed) the report records for the large-cash days in a period.',
    permission: 'compliance.act',
    requiresBank: true,
    input: z.object({ from: dayText, to: dayText }),
    output: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
  }),
  'compliance.ctr.review': method({
    summary: 'Mark reports as reviewed by you (before filing).',
    permission: 'compliance.act',
    requiresBank: true,
    input: z.object({ ids: z.array(id).min(1).max(500) }),
    output: z.object({ reviewed: z.number().int() }),
  }),
  'compliance.ctr.file': method({
    summary: 'Mark reports filed with the regulator’s filing reference.',
    permission: 'compliance.act',
    requiresBank: true,
    input: z.object({ ids: z.array(id).min(1).max(500), reference: z.string().trim().min(3, 'Enter the filing reference').max(80) }),
    output: z.object({ filed: z.number().int() }),
  }),
  'compliance.ctr.export': method({
    summary: 'Export reports as CSV or structured JSON (the fields a regulator’s form needs).',
    permission: 'compliance.view',
    reads: 'cache-offline',
    input: z.object({ from: dayText, to: dayText, ids: z.array(id).max(5000).optional(), format: z.enum(['csv', 'json']) }),
    output: exportFileSchema,
  }),
  'compliance.cases.list': method({
    summary: 'Cases escalated from fraud review, with their SAR deadline.',
    permission: 'compliance.view',
    reads: 'cache-offline',
    input: z.object({ status: z.enum(['open', 'closed', 'all']).default('open') }),
    output: z.array(caseSchema),
  }),
  'compliance.cases.get': method({
    summary: 'One case: owner, status, linked alert and accounts, notes, every saved SAR draft.',
    permission: 'compliance.view',
    reads: 'cache-offline',
    input: z.object({ id }),
    output: caseSchema,
  }),
  'compliance.cases.update': method({
    summary: 'Take a case, say whether a suspect is identified (SAR due in 30 or 60 days), add a note.',
    permission: 'compliance.act',
    requiresBank: true,
    input: z.object({ id, owner: z.string().trim().max(80).nullable().optional(), suspectKnown: z.boolean().optional(), note: z.string().trim().max(4000).optional() }),
    output: caseSchema,
  }),
  'compliance.cases.saveSar': method({
    summary: 'Save the SAR draft as a new version (edits are never lost; an older base version is a conflict).',
    permission: 'compliance.act',
    requiresBank: true,
    input: z.object({ id, text: z.string().trim().min(1, 'Write the narrative').max(20000), baseVersion: z.number().int().min(0) }),
    output: caseSchema,
  }),
  'compliance.cases.fileSar': method({
    summary: 'Record the SAR as filed with the regulator’s reference.',
    permission: 'compliance.act',
    requiresBank: true,
    input: z.object({ id, reference: z.string().trim().min(3, 'Enter the filing reference').max(80) }),
    output: caseSchema,
  }),
  'compliance.cases.close': method({
    summary: 'Close a case with a reason.',
    permission: 'compliance.act',
    requiresBank: true,
    input: z.object({ id, reason: z.string().trim().min(5, 'Say why (at least 5 characters)').max(400) }),
    output: caseSchema,
  }),
  'compliance.kyc.queue': method({
    summary: 'KYC review queue: submitted by tellers, overdue and due for periodic review; high-risk first.',
    permission: 'compliance.view',
    reads: 'cache-offline',
    input: z.object({ limit: z.number().int().min(1).max(500).default(200) }),
    output: z.object({ items: z.array(kycItemSchema), total: z.number().int() }),
  }),
  'compliance.kyc.verify': method({
    summary: 'Verify (or reject) a customer’s KYC and set the next periodic review by risk.',
    permission: 'kyc.verify',
    requiresBank: true,
    input: z.object({
      customerId: id,
      outcome: z.enum(['verified', 'rejected']),
      riskRating: z.enum(['low', 'medium', 'high']).optional(),
      note: z.string().trim().max(400).default(''),
    }),
    output: z.object({ customerId: z.number().int(), kycStatus: z.string(), nextReview: dayText, riskRating: z.string() }),
  }),
} as const;
