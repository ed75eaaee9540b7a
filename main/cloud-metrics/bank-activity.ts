import { bankToday, DAY_MS, dayIso } from '../../shared/bank-time';
import { bankZone, queryMetric } from '../metrics';
import type { Bank } from '../source';

/** The review queue's default: alerts nobody has closed, escalated or confirmed yet. */
const BACKLOG_STATUSES = ['new', 'in_review'] as const;

export interface BankActivity {
  /** Staff who signed in during the 24 hours before `now`. */
  activeUsers: number;
  /** The catalog's transactions_count for the previous complete bank day (bank zone). */
  transactionsProcessed: number;
  /** Fraud alerts waiting in the review queue. */
  openAlerts: number;
  /** The bank day `transactionsProcessed` counts (YYYY-MM-DD). */
  bankDay: string;
}

/**
 * What the metrics job publishes. Transactions come from the metric layer (the same figure the
 * dashboard shows for that day); active users and the alert backlog are not catalog figures —
 * they describe the platform, not the bank — and are plain counts.
 */
export async function bankActivity(bank: Bank, now: number): Promise<BankActivity> {
  const timeZone = await bankZone(bank);
  const today = bankToday(now, timeZone);
  const day = dayIso(today - 1);
  const tx = await queryMetric(
    { bank, source: 'bank', rollups: false, timeZone, asOf: now },
    { metric: 'transactions_count', from: day, to: dayIso(today), grain: null, by: [], filters: [], compare: 'none' },
  );
  const users = await bank.db
    .selectFrom('staff_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('last_login_at', '>=', now - DAY_MS)
    .executeTakeFirstOrThrow();
  const alerts = await bank.db
    .selectFrom('fraud_alerts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', [...BACKLOG_STATUSES])
    .executeTakeFirstOrThrow();
  return { activeUsers: Number(users.n), transactionsProcessed: tx.rows.reduce((sum, r) => sum + r.value, 0), openAlerts: Number(alerts.n), bankDay: day };
}
