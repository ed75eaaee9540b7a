import { z } from 'zod';
import { timestampSchema } from './dashboard';
import { method } from './define';

/**
 * Rule governance (issue 16): a changed detection rule takes effect only when a second person with
 * the fraud-rules right approves it (maker–checker, as compliance limits); every version stays in the
 * history with its parameters, and any version can be restored — itself a change that needs approval.
 */

const id = z.number().int().positive();
const paramValue = z.union([z.number(), z.boolean()]);
const paramValues = z.record(z.string(), paramValue);

/** One parameter that differs between two versions. */
export const ruleParamChangeSchema = z.object({ name: z.string(), before: paramValue.nullable(), after: paramValue });
export type RuleParamChange = z.infer<typeof ruleParamChangeSchema>;

/** One version of a rule as the history shows it: the shipped one first (`builtIn`), then every approved one. */
export const ruleVersionSchema = z.object({
  version: z.number().int(),
  builtIn: z.boolean(),
  params: paramValues,
  enabled: z.boolean(),
  /** What differs from the version before it (nothing for the shipped one). */
  changes: z.array(ruleParamChangeSchema),
  enabledBefore: z.boolean().nullable(),
  createdBy: z.string(),
  createdAt: timestampSchema.nullable(),
  /** The second person; null for the shipped version and for versions saved before approval was needed. */
  approvedBy: z.string().nullable(),
  restoredFrom: z.number().int().nullable(),
  note: z.string(),
  active: z.boolean(),
});
export type RuleVersion = z.infer<typeof ruleVersionSchema>;

export const ruleChangeSchema = z.object({
  id: z.number().int(),
  ruleId: z.string(),
  ruleTitle: z.string(),
  /** The version in force when it was proposed: approving it after the rule changed otherwise is refused. */
  baseVersion: z.number().int(),
  /** The version it became, once approved. */
  appliedVersion: z.number().int().nullable(),
  restoreOf: z.number().int().nullable(),
  params: paramValues,
  enabled: z.boolean(),
  enabledBefore: z.boolean(),
  changes: z.array(ruleParamChangeSchema),
  note: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedBy: z.string(),
  requestedAt: timestampSchema,
  decidedBy: z.string().nullable(),
  decidedAt: timestampSchema.nullable(),
  /** Why it was rejected. */
  rejectReason: z.string().nullable(),
});
export type RuleChange = z.infer<typeof ruleChangeSchema>;

const note = z.string().trim().min(5, 'Say what changed and why').max(1000);
const reason = z.string().trim().min(5, 'Say why (at least 5 characters)').max(400);

export const ruleChangeMethods = {
  'fraud.rules.history': method({
    summary: 'Every version of a rule, the shipped one included, with its parameters and what changed from the version before.',
    permission: 'fraud.view',
    reads: 'cache-offline',
    input: z.object({ ruleId: z.string().max(60) }),
    output: z.array(ruleVersionSchema),
  }),
  'fraud.rules.changes.list': method({
    summary: 'Rule changes waiting for a second person, and recent decisions.',
    permission: 'fraud.view',
    reads: 'bank',
    input: z.object({}),
    output: z.array(ruleChangeSchema),
  }),
  'fraud.rules.changes.propose': method({
    summary: 'Propose changed parameters (or on/off) as a rule’s next version; it takes effect only when another person approves it.',
    permission: 'fraud.rules',
    requiresBank: true,
    input: z.object({ ruleId: z.string().max(60), params: paramValues, enabled: z.boolean(), note }),
    output: ruleChangeSchema,
  }),
  'fraud.rules.changes.restore': method({
    summary: 'Propose bringing back an earlier version of a rule (as its next version); it takes effect only when another person approves it.',
    permission: 'fraud.rules',
    requiresBank: true,
    input: z.object({ ruleId: z.string().max(60), version: z.number().int().min(1), note }),
    output: ruleChangeSchema,
  }),
  'fraud.rules.changes.approve': method({
    summary: 'Approve another person’s rule change: it becomes the rule’s next version, used by scans and the live monitor (both steps audited).',
    permission: 'fraud.rules',
    requiresBank: true,
    input: z.object({ id }),
    output: ruleChangeSchema,
  }),
  'fraud.rules.changes.reject': method({
    summary: 'Reject a proposed rule change with a reason (audited).',
    permission: 'fraud.rules',
    requiresBank: true,
    input: z.object({ id, reason }),
    output: ruleChangeSchema,
  }),
} as const;
