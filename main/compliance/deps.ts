import type { EventPayload } from '../../shared/events';
import type { Outbox } from '../cache';
import type { MetricRunner, MetricStore } from '../metrics';
import type { Bank } from '../source';

/** What the compliance capability needs from the runtime. */
export interface ComplianceDeps {
  /** The authoritative bank: every write. */
  bank: Bank;
  /** Where analytics read (the metric layer's store: cache once it holds a full copy, bank before). */
  store: () => Promise<MetricStore>;
  runner: MetricRunner;
  /** Where plain reads go: the bank while it answers, the cache (with its age) while it does not. */
  readSide: () => { bank: Bank; asOf: number | null };
  offline: () => boolean;
  cache?: { readonly outbox: Outbox; onReconnect(listener: () => void): () => void } | null;
  events?: { broadcast(event: 'outbox.changed', payload: EventPayload<'outbox.changed'>): void } | null;
  clock?: () => number;
}
