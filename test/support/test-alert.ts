import { randomUUID } from 'node:crypto';
import type { Bank } from '../../main/source';

/**
 * A new fraud alert on an account, as a scan would store it, for tests that start from an alert rather
 * than from detection; with its flagged transactions when given. Returns the alert's id.
 */
export async function insertTestAlert(
  bank: Bank,
  a: { accountId: number; customerId: number | null; ruleId?: string; riskScore?: number; flagged?: readonly number[] },
): Promise<number> {
  const now = Date.now();
  const res = await bank.db
    .insertInto('fraud_alerts')
    .values({
      alert_key: `test-${randomUUID()}`,
      rule_id: a.ruleId ?? 'account_drained',
      rule_version: 1,
      account_id: a.accountId,
      customer_id: a.customerId,
      risk_score: a.riskScore ?? 90,
      status: 'new',
      assignee: null,
      explanation: '{}',
      detected_at: now,
      updated_at: now,
    })
    .executeTakeFirstOrThrow();
  const id = Number(res.insertId);
  for (const journalId of a.flagged ?? []) await bank.db.insertInto('fraud_alert_txns').values({ alert_id: id, journal_id: journalId }).execute();
  return id;
}
