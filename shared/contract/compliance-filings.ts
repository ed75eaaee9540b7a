import { z } from 'zod';
import { timestampSchema } from './dashboard';
import { method } from './define';
import { dayText, id } from './compliance-fields';
import { exportFileSchema } from './metrics';

/** What compliance files and reviews: currency transaction reports, cases and their SARs, the KYC review queue. */

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

export const complianceFilingMethods = {
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
