import { z } from 'zod';
import { method } from './define';
import { timestampSchema } from './dashboard';

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: timestampSchema,
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditVerifySchema = z.object({ ok: z.boolean(), checked: z.number().int(), firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable() });
export type AuditVerify = z.infer<typeof auditVerifySchema>;

export const auditMethods = {
  'audit.list': method({
    summary: 'Audit log, newest first, filtered by actor, action and time.',
    permission: 'audit.view',
    reads: 'bank',
    input: z.object({
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).default(100),
      actor: z.string().trim().max(80).optional(),
      action: z.string().trim().max(80).optional(),
      /** Entries at or after this instant (the start of a day in the reader's zone). */
      from: timestampSchema.optional(),
      /** Entries before this instant (the end of a day in the reader's zone). */
      to: timestampSchema.optional(),
    }),
    output: z.object({ entries: z.array(auditEntrySchema), total: z.number().int() }),
  }),
  'audit.verify': method({
    summary: 'Re-compute the hash chain and report the first broken entry.',
    permission: 'audit.view',
    reads: 'bank',
    input: z.object({}),
    output: auditVerifySchema,
  }),
} as const;
