import type { EventPayload } from '../../shared/events';
import type { Outbox } from '../cache';
import type { Bank } from '../source';

/** What the fraud review capability needs from the runtime. */
export interface FraudReviewDeps {
  /** The authoritative bank: every write, confirm/escalate, rule versions, backtests. */
  bank: Bank;
  /** Where reads go: the bank while it answers, the local cache (with its "as of") while it does not. */
  readSide: () => { bank: Bank; asOf: number | null };
  /** True while the bank is unreachable: review writes go to the outbox instead. */
  offline: () => boolean;
  /** The workstation cache's outbox and its reconnect hook (LiveCache); null without a cache (embedded bank). */
  cache?: { readonly outbox: Outbox; onReconnect(listener: () => void): () => void } | null;
  /** Push events ('outbox.changed' when an offline write is queued, applied or in conflict). */
  events?: { broadcast(event: 'outbox.changed', payload: EventPayload<'outbox.changed'>): void } | null;
  clock?: () => number;
}
