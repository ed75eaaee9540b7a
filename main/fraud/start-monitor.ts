import { AdaptiveDelay } from '../cache';
import { LiveMonitor } from './live';
import { maxEntryId } from './read';
import type { StoredAlert } from './store';
import type { Logger } from '../log';
import type { Bank } from '../source';

/** Alerts at or above this risk are pushed to analysts at once (desktop notification, dashboard). */
export const PUSH_RISK = 70;

export interface FraudMonitorOptions {
  bank: Bank;
  offline: () => boolean;
  /**
   * False while something more urgent uses the machine: a new workstation's first copy of the bank.
   * Scoring waits, then catches up from where the bank stood when the monitor was created.
   */
  ready?: () => boolean;
  log: Logger;
  /** Every alert the monitor created, so queues refresh. */
  onAlerts: (created: StoredAlert[]) => void;
  /** How often new bookings are scored while they arrive; 1 s keeps "alert within 3 s of commit". */
  intervalMs?: number;
  /** The longest wait while nothing is booked (default 5 s); `nudge()` ends it early. */
  idleIntervalMs?: number;
}

export interface FraudMonitorHandle {
  /** New bookings are known to exist (the cache's sync copied some): score them now, then poll fast again. */
  nudge(): void;
  stop(): void;
}

/**
 * The live half of detection: the overnight scan's engine kept warm in memory, scoring what is
 * booked while the app runs. Warming (replaying recent history) happens in the background so the
 * app answers at once; while offline it waits, and catches up from its position on reconnect.
 */
export function startFraudMonitor(o: FraudMonitorOptions): FraudMonitorHandle {
  let monitor: LiveMonitor | null = null;
  let busy = false;
  /** A nudge arrived during a look: look again right after it. */
  let nudged = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  // Fast while bookings arrive, backing off to a few looks a minute while none do (an idle laptop's battery).
  const fastMs = o.intervalMs ?? 1000;
  const delay = new AdaptiveDelay(fastMs, Math.max(fastMs, o.idleIntervalMs ?? 5000));
  // Where "new" begins: the bank's newest booking now, even if warming up has to wait.
  const startAfter = maxEntryId(o.bank).catch(() => undefined);

  /** One look; true when it scored new bookings. */
  const look = async (): Promise<boolean> => {
    if (o.offline() || o.ready?.() === false) return false;
    try {
      monitor ??= await LiveMonitor.start(o.bank, { startAfter: await startAfter });
      const before = monitor.position;
      const created = (await monitor.poll()).filter((a) => a.created);
      if (created.length && !stopped) o.onAlerts(created);
      return monitor.position !== before;
    } catch (e) {
      o.log.warn('live fraud monitor: scoring failed; retrying', { error: e instanceof Error ? e.message : String(e) });
      return false;
    }
  };
  const schedule = (ms: number): void => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
    timer.unref();
  };
  const tick = async (): Promise<void> => {
    if (busy || stopped) return;
    busy = true;
    // Waiting for the first copy or for the bank: keep checking at the fast pace (no query is made).
    const waiting = o.offline() || o.ready?.() === false;
    nudged = false;
    try {
      const moved = await look();
      schedule(nudged ? 0 : waiting ? fastMs : delay.next(moved));
    } finally {
      busy = false;
    }
  };
  void tick();
  return {
    nudge() {
      delay.reset();
      if (busy) nudged = true;
      else schedule(0);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/** The push payload for a new alert: who and what, in words an analyst reads in a notification. */
export async function alertNotice(
  bank: Bank,
  a: StoredAlert,
): Promise<{ id: number; riskScore: number; ruleId: string; title: string; accountNo: string; customerName: string | null; detectedAt: number }> {
  const row = await bank.db
    .selectFrom('accounts')
    .leftJoin('customers', 'customers.id', 'accounts.customer_id')
    .select(['accounts.account_no', 'customers.legal_name'])
    .where('accounts.id', '=', a.accountId)
    .executeTakeFirst();
  const primary = a.explanation.hits.find((h) => h.ruleId === a.ruleId) ?? a.explanation.hits[0];
  return {
    id: a.id,
    riskScore: a.riskScore,
    ruleId: a.ruleId,
    title: primary?.title ?? a.ruleId,
    accountNo: row?.account_no ?? String(a.accountId),
    customerName: row?.legal_name ?? null,
    detectedAt: Date.now(),
  };
}
