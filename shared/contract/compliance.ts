import { z } from 'zod';
import { method } from './define';
import { changeProposalSchema, bankInputSchema, pendingChangeSchema } from './compliance-changes';
import { dayText, id } from './compliance-fields';
import { complianceFilingMethods } from './compliance-filings';
import { evaluationSchema, monitorDetailSchema, monitorIdSchema } from './compliance-monitors';
import { complianceTaskMethods } from './compliance-tasks';

/**
 * Compliance monitors (issue 10): each monitor is a catalog metric (or a bank input) with a limit, a
 * warning band and a direction; evaluated on the bank or, offline, on the cache. Limits, bands and bank
 * inputs change only through maker–checker. Corrective tasks work offline through the outbox.
 */

export * from './compliance-monitors';
export * from './compliance-changes';
export * from './compliance-tasks';
export * from './compliance-filings';

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
  ...complianceTaskMethods,
  ...complianceFilingMethods,
} as const;
