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
  const accounts = new Map<number, { currency: string; branch_id: number }>();
  for (const a of alerts) {
    const explanation = JSON.stringify(a.explanation);
    // Queue columns (schema v7): what the review queue sorts and filters on without parsing JSON.
    const queue = await queueFigures(bank, a, accounts);
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
      ...queue,
    };
    // MySQL: INSERT IGNORE (affected rows tell insert from duplicate; ON DUPLICATE KEY UPDATE would
    // count a duplicate as found under mysql2's FOUND_ROWS flag). SQLite: ON CONFLICT DO NOTHING.
    const insert = bank.db.insertInto('fraud_alerts').values(row);
    const res = await (
      bank.dialect === 'mysql' ? insert.ignore() : insert.onConflict((oc) => oc.column('alert_key').doNothing())
    ).executeTakeFirst();
    const created = Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
    const found = await bank.db.selectFrom('fraud_alerts').select('id').where('alert_key', '=', a.key).executeTakeFirstOrThrow();
    const id = Number(found.id);
    if (!created) {
      await bank.db
        .updateTable('fraud_alerts')
        .set({ rule_id: a.ruleId, rule_version: a.ruleVersion, risk_score: a.riskScore, explanation, updated_at: now, ...queue })
        .where('id', '=', id)
        .where('status', '=', 'new')
        .where('explanation', '<>', explanation)
        .execute();
    }
    await linkTxns(bank, id, a.journalIds);
    await linkRules(bank, id, [...new Set(a.explanation.hits.map((h) => h.ruleId))]);
    out.push({ ...a, id, created });
  }
  return out;
}

async function linkTxns(bank: Bank, alertId: number, journalIds: readonly number[]): Promise<void> {
  for (let i = 0; i < journalIds.length; i += 500) {
    const rows = journalIds.slice(i, i + 500).map((journal_id) => ({ alert_id: alertId, journal_id }));
    const insert = bank.db.insertInto('fraud_alert_txns').values(rows);
    await (
      bank.dialect === 'mysql'
        ? insert.onDuplicateKeyUpdate((eb) => ({ alert_id: eb.ref('fraud_alert_txns.alert_id') }))
        : insert.onConflict((oc) => oc.columns(['alert_id', 'journal_id']).doNothing())
    ).execute();
  }
}

/** Largest flagged amount on the subject account, its currency and branch, and the flagged count. */
async function queueFigures(
  bank: Bank,
  a: DetectedAlert,
  accounts: Map<number, { currency: string; branch_id: number }>,
): Promise<{ amount: number; currency: string; branch_id: number; txn_count: number }> {
  let acct = accounts.get(a.accountId);
  if (!acct) {
    const r = await bank.db.selectFrom('accounts').select(['currency', 'branch_id']).where('id', '=', a.accountId).executeTakeFirst();
    acct = { currency: r?.currency ?? 'EUR', branch_id: Number(r?.branch_id ?? 0) };
    accounts.set(a.accountId, acct);
  }
  let amount = 0;
  for (let i = 0; i < a.journalIds.length; i += 500) {
    const r = await bank.db
      .selectFrom('entries')
      .select((eb) => [eb.fn.max('amount').as('hi'), eb.fn.min('amount').as('lo')])
      .where('account_id', '=', a.accountId)
      .where('journal_id', 'in', a.journalIds.slice(i, i + 500))
      .executeTakeFirst();
    amount = Math.max(amount, Math.abs(Number(r?.hi ?? 0)), Math.abs(Number(r?.lo ?? 0)));
  }
  return { amount, currency: acct.currency, branch_id: acct.branch_id, txn_count: a.journalIds.length };
}

/** Every contributing rule, for rule statistics and the queue's rule filter (idempotent). */
async function linkRules(bank: Bank, alertId: number, ruleIds: readonly string[]): Promise<void> {
  if (ruleIds.length === 0) return;
  const insert = bank.db.insertInto('fraud_alert_rules').values(ruleIds.map((rule_id) => ({ alert_id: alertId, rule_id })));
  await (bank.dialect === 'mysql' ? insert.ignore() : insert.onConflict((oc) => oc.columns(['alert_id', 'rule_id']).doNothing())).execute();
}
