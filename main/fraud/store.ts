import type { Bank } from '../source';
import type { DetectedAlert } from './types';

export interface StoredAlert extends DetectedAlert {
  id: number;
  /** True when this call created the alert; false when it existed (another scan, the live monitor). */
  created: boolean;
}

/**
 * Stores alerts with insert-ignore semantics on the unique `alert_key`, so reruns and parallel
 * scanners never double-alert. An alert that already exists and is still `new` takes the latest
 * evidence (score, explanation); one an analyst has picked up keeps what they saw. Transactions are
 * linked idempotently. Statements run one by one outside a transaction on purpose: on MySQL a
 * concurrent duplicate insert waits for the other scanner's commit and then sees its row.
 */
export async function storeAlerts(bank: Bank, alerts: readonly DetectedAlert[], now = Date.now()): Promise<StoredAlert[]> {
  const out: StoredAlert[] = [];
  for (const a of alerts) {
    const explanation = JSON.stringify(a.explanation);
    const row = {
      alert_key: a.key,
      rule_id: a.ruleId,
      rule_version: a.ruleVersion,
      account_id: a.accountId,
      customer_id: a.customerId,
      risk_score: a.riskScore,
      status: 'new' as const,
      assignee: null,
      explanation,
      detected_at: now,
      updated_at: now,
    };
    // MySQL: INSERT IGNORE (affected rows tell insert from duplicate; ON DUPLICATE KEY UPDATE would
    // count a duplicate as found under mysql2's FOUND_ROWS flag). SQLite: ON CONFLICT DO NOTHING.
    const insert = bank.db.insertInto('fraud_alerts').values(row);
    const res = await (bank.dialect === 'mysql' ? insert.ignore() : insert.onConflict((oc) => oc.column('alert_key').doNothing())).executeTakeFirst();
    const created = Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
    const found = await bank.db.selectFrom('fraud_alerts').select('id').where('alert_key', '=', a.key).executeTakeFirstOrThrow();
    const id = Number(found.id);
    if (!created) {
      await bank.db
        .updateTable('fraud_alerts')
        .set({ rule_id: a.ruleId, rule_version: a.ruleVersion, risk_score: a.riskScore, explanation, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'new')
        .where('explanation', '<>', explanation)
        .execute();
    }
    await linkTxns(bank, id, a.journalIds);
    out.push({ ...a, id, created });
  }
  return out;
}

async function linkTxns(bank: Bank, alertId: number, journalIds: readonly number[]): Promise<void> {
  for (let i = 0; i < journalIds.length; i += 500) {
    const rows = journalIds.slice(i, i + 500).map((journal_id) => ({ alert_id: alertId, journal_id }));
    const insert = bank.db.insertInto('fraud_alert_txns').values(rows);
    await (bank.dialect === 'mysql'
      ? insert.onDuplicateKeyUpdate((eb) => ({ alert_id: eb.ref('fraud_alert_txns.alert_id') }))
      : insert.onConflict((oc) => oc.columns(['alert_id', 'journal_id']).doNothing())
    ).execute();
  }
}
