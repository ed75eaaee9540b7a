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
} as const;

export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;
export type PushEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];
