import { z } from 'zod';
import { method } from './define';
import { timestampSchema } from './dashboard';

/**
 * `copy`: rows of `table` copied from the bank; `summaries`: after a first copy, the cache's summaries
 * built step by step (`table` names the step, `rows` of `total` steps are done).
 */
export const syncProgressSchema = z.object({
  phase: z.enum(['copy', 'summaries']),
  table: z.string(),
  rows: z.number().int(),
  total: z.number().int(),
  rowsPerSec: z.number(),
  etaSec: z.number().nullable(),
});
export type SyncProgressInfo = z.infer<typeof syncProgressSchema>;

export const tableFreshnessSchema = z.object({ table: z.string(), rows: z.number().int(), lastSyncedAt: timestampSchema.nullable() });

export const syncStatusSchema = z.object({
  /** online: reads come from the bank; offline: from the cache, as of `asOf`. */
  source: z.enum(['online', 'offline']),
  sourceName: z.string(),
  /** Why the source is unreachable, in words a person can act on. */
  offlineReason: z.string().nullable(),
  state: z.enum(['starting', 'initial', 'live', 'stopped', 'error']),
  error: z.string().nullable(),
  /** Why the local cache is being copied again from scratch (it was deleted or could not be read). */
  notice: z.string().nullable(),
  progress: syncProgressSchema.nullable(),
  /** Oldest per-table sync time: how old the cached data may be. */
  asOf: timestampSchema.nullable(),
  tables: z.array(tableFreshnessSchema),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** A write made offline, kept in this workstation's outbox until the bank takes it. */
export const outboxEntrySchema = z.object({
  id: z.number().int(),
  method: z.string(),
  summary: z.string(),
  createdAt: timestampSchema,
  createdBy: z.string(),
  status: z.enum(['pending', 'applied', 'conflict', 'failed']),
  /** Conflict or failure, in words; what changed on the server meanwhile. */
  message: z.string().nullable(),
  attempts: z.number().int(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

export const syncMethods = {
  'sync.status': method({
    summary: 'Whether the bank is reachable, the live sync state and progress, and how fresh each cached table is.',
    permission: 'session',
    reads: 'local',
    input: z.object({}),
    output: syncStatusSchema,
  }),
  'sync.outbox.list': method({
    summary: 'Writes made offline: waiting, applied on reconnect, or in conflict with a change made on the server meanwhile.',
    permission: 'session',
    reads: 'local',
    input: z.object({}),
    output: z.array(outboxEntrySchema),
  }),
  'sync.outbox.discard': method({
    summary: 'Drop a conflicting or failed outbox entry after reading it (the server’s version stays).',
    permission: 'session',
    input: z.object({ id: z.number().int().positive() }),
    output: z.object({ ok: z.literal(true) }),
  }),
} as const;
