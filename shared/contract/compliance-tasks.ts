import { z } from 'zod';
import { timestampSchema } from './dashboard';
import { method } from './define';
import { dayText, id, idempotencyKey } from './compliance-fields';
import { monitorIdSchema } from './compliance-monitors';
import { evidenceItemSchema } from './task-evidence';

/** Corrective tasks linked to a monitor and its rows; they work offline through the outbox. */

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

export const complianceTaskMethods = {
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
} as const;
