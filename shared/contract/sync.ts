import { z } from 'zod';
import { method } from './define';
import { timestampSchema } from './dashboard';

export const syncProgressSchema = z.object({
  table: z.string(),
  rows: z.number().int(),
  total: z.number().int(),
  rowsPerSec: z.number(),
  etaSec: z.number().nullable(),
});
export type SyncProgressInfo = z.infer<typeof syncProgressSchema>;

export const tableFreshnessSchema = z.object({
  table: z.string(),
  rows: z.number().int(),
  lastSyncedAt: timestampSchema.nullable(),
});

export const syncStatusSchema = z.object({
  /** online: reads come from the bank; offline: from the cache, as of `asOf`. */
  source: z.enum(['online', 'offline']),
  sourceName: z.string(),
  /** Why the source is unreachable, in words a person can act on. */
  offlineReason: z.string().nullable(),
  state: z.enum(['starting', 'initial', 'live', 'stopped', 'error']),
  error: z.string().nullable(),
  progress: syncProgressSchema.nullable(),
  /** Oldest per-table sync time: how old the cached data may be. */
  asOf: timestampSchema.nullable(),
  tables: z.array(tableFreshnessSchema),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncMethods = {
  'sync.status': method({
    summary: 'Whether the bank is reachable, the live sync state and progress, and how fresh each cached table is.',
    permission: 'session',
    reads: 'local',
    input: z.object({}),
    output: syncStatusSchema,
  }),
} as const;
