import { z } from 'zod';
import { syncStatusSchema } from './contract/sync';

/** Push events, one typed channel for both transports. */
export const eventSchemas = {
  /** The server ended this session (idle expiry or sign-out elsewhere). */
  'session.expired': z.object({ reason: z.string() }),
  /** Tables whose rows changed; screens showing them refetch. */
  'data.changed': z.object({ tables: z.array(z.string()) }),
  /** Sync progress, freshness and online/offline changes. */
  'sync.status': syncStatusSchema,
  /** A new high-risk fraud alert from the live monitor; sent to sessions that may see alerts. */
  'fraud.alert': z.object({
    id: z.number().int(),
    riskScore: z.number().int(),
    ruleId: z.string(),
    title: z.string(),
    accountNo: z.string(),
    customerName: z.string().nullable(),
    detectedAt: z.number().int(),
  }),
  /** A compliance monitor entered warning or breach (live evaluation); sent to those who act on compliance. */
  'compliance.monitor': z.object({ id: z.string(), name: z.string(), status: z.enum(['warning', 'breach']), from: z.string(), value: z.string(), note: z.string() }),
  /** The outbox changed: an offline write was applied, or hit a conflict the user must see. */
  'outbox.changed': z.object({ pending: z.number().int(), conflicts: z.number().int() }),
  /** A report being generated for this session: figures answered of those asked. */
  'reports.progress': z.object({ jobId: z.string(), done: z.number().int(), total: z.number().int(), step: z.string() }),
} as const;

export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;
export type PushEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];
