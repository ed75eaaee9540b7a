import { AppError } from '../../shared/errors';
import type { EventPayload } from '../../shared/events';
import { isLinkError, type Bank } from '../source';
import type { Outbox, ReplayOutcome, ReplaySummary } from './outbox';

/** The cache's side of a capability whose writes wait in the outbox while the bank is away (LiveCache). */
export interface OutboxHost {
  readonly outbox: Outbox;
  onReconnect(listener: () => void): () => void;
}

/** What a capability that queues its writes offline (fraud review, compliance tasks) needs from the runtime. */
export interface OfflineWriteDeps {
  /** The authoritative bank: every write. */
  bank: Bank;
  /** Where plain reads go: the bank while it answers, the local cache (with its "as of") while it does not. */
  readSide: () => { bank: Bank; asOf: number | null };
  /** True while the bank is unreachable: writes go to the outbox instead. */
  offline: () => boolean;
  /** The workstation cache's outbox and its reconnect hook; null without a cache (embedded bank). */
  cache?: OutboxHost | null;
  /** Push events ('outbox.changed' when an offline write is queued, applied or in conflict). */
  events?: { broadcast(event: 'outbox.changed', payload: EventPayload<'outbox.changed'>): void } | null;
  clock?: () => number;
}

/** A capability built on OfflineWriteDeps (fraud review, compliance), as the runtime holds it. */
export interface OfflineCapability<Handlers> {
  handlers: Handlers;
  /** Replays the outbox's pending commands of this capability on the bank (no-op offline or without a cache). */
  replay(): Promise<ReplaySummary | null>;
  /** Stops listening to the cache (reconnect, outbox changes). */
  dispose(): void;
}

/** The refusal of a write while the bank is away on a workstation with no cache to queue it in. */
export function noOutbox(): AppError {
  return new AppError('OFFLINE', 'The bank cannot be reached and this workstation has no local cache to keep the change in. Try again when the bank is back.');
}

/**
 * Applies one stored command on the bank and says what came of it: a refusal the bank gives (CONFLICT
 * or another typed error) is final; the bank going away again keeps the command for the next reconnect.
 */
export async function replayOutcome(apply: () => Promise<{ message: string }>): Promise<ReplayOutcome> {
  try {
    const r = await apply();
    return { status: 'applied', message: r.message };
  } catch (e) {
    if (e instanceof AppError) return e.code === 'CONFLICT' ? { status: 'conflict', message: e.message } : { status: 'failed', message: e.message };
    if (isLinkError(e)) return { status: 'retry', message: 'The bank went away again; will retry on reconnect.' };
    throw e;
  }
}

/**
 * Replays on every reconnect, and once right after start when the app was closed with commands of
 * this capability pending. Returns the unsubscribe.
 */
export function replayOnReconnect(host: OutboxHost, replay: () => Promise<unknown>, pendingAtStart: boolean): () => void {
  const run = (): void => void replay().catch(() => undefined);
  const off = host.onReconnect(run);
  if (pendingAtStart) setTimeout(run, 0).unref();
  return off;
}
