import type { Kysely } from 'kysely';
import type { Bank, BankDatabase } from '../source';
import { inTransaction } from '../ledger';
import type { DetectedAlert } from './types';

export interface StoredAlert extends DetectedAlert {
  id: number;
  /** True when this call created the alert; false when it existed (another scan, the live monitor). */
  created: boolean;
}

/** Alerts stored per SQLite transaction: one commit instead of six per alert, short enough for other writers. */
const SQLITE_CHUNK = 250;

/**
 * Stores alerts with insert-ignore semantics on the unique `alert_key`, so reruns and parallel
 * scanners never double-alert. An alert that already exists and is still `new` takes the latest
 * evidence (score, explanation); one an analyst has picked up keeps what they saw. Transactions are
 * linked idempotently. On MySQL statements run one by one outside a transaction on purpose: a
 * concurrent duplicate insert waits for the other scanner's commit and then sees its row. SQLite has
 * one writer at a time, so there chunks of alerts share a transaction (a scan storing thousands of
 * alerts spent most of its store phase committing).
 */
export async function storeAlerts(bank: Bank, alerts: readonly DetectedAlert[], now = Date.now()): Promise<StoredAlert[]> {
  const accounts = new Map<number, { currency: string; branch_id: number }>();
  if (bank.dialect === 'mysql') return storeEach(bank.db, 'mysql', alerts, now, accounts);
  const out: StoredAlert[] = [];
  for (let i = 0; i < alerts.length; i += SQLITE_CHUNK) {
    const chunk = alerts.slice(i, i + SQLITE_CHUNK);
    out.push(...(await inTransaction(bank, (trx) => storeEach(trx, 'sqlite', chunk, now, accounts), { attempts: 8 })));
  }
  return out;
}

async function storeEach(
  db: Kysely<BankDatabase>,
  dialect: Bank['dialect'],
  alerts: readonly DetectedAlert[],
  now: number,
  accounts: Map<number, { currency: string; branch_id: number }>,
): Promise<StoredAlert[]> {
  const out: StoredAlert[] = [];
  for (const a of alerts) {
    const explanation = JSON.stringify(a.explanation);
    // Queue columns (schema v7): what the review queue sorts and filters on without parsing JSON.
    const queue = await queueFigures(db, a, accounts);
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
    const insert = db.insertInto('fraud_alerts').values(row);
    const res = await (dialect === 'mysql' ? insert.ignore() : insert.onConflict((oc) => oc.column('alert_key').doNothing())).executeTakeFirst();
    const created = Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
    const found = await db.selectFrom('fraud_alerts').select('id').where('alert_key', '=', a.key).executeTakeFirstOrThrow();
    const id = Number(found.id);
    if (!created) {
      await db
        .updateTable('fraud_alerts')
        .set({ rule_id: a.ruleId, rule_version: a.ruleVersion, risk_score: a.riskScore, explanation, updated_at: now, ...queue })
        .where('id', '=', id)
        .where('status', '=', 'new')
        .where('explanation', '<>', explanation)
        .execute();
    }
    await linkTxns(db, dialect, id, a.journalIds);
    await linkRules(db, dialect, id, [...new Set(a.explanation.hits.map((h) => h.ruleId))]);
    out.push({ ...a, id, created });
  }
  return out;
}

async function linkTxns(db: Kysely<BankDatabase>, dialect: Bank['dialect'], alertId: number, journalIds: readonly number[]): Promise<void> {
  for (let i = 0; i < journalIds.length; i += 500) {
    const rows = journalIds.slice(i, i + 500).map((journal_id) => ({ alert_id: alertId, journal_id }));
    const insert = db.insertInto('fraud_alert_txns').values(rows);
    await (
      dialect === 'mysql'
        ? insert.onDuplicateKeyUpdate((eb) => ({ alert_id: eb.ref('fraud_alert_txns.alert_id') }))
        : insert.onConflict((oc) => oc.columns(['alert_id', 'journal_id']).doNothing())
    ).execute();
  }
}

/** Largest flagged amount on the subject account, its currency and branch, and the flagged count. */
async function queueFigures(
  db: Kysely<BankDatabase>,
  a: DetectedAlert,
  accounts: Map<number, { currency: string; branch_id: number }>,
): Promise<{ amount: number; currency: string; branch_id: number; txn_count: number }> {
  let acct = accounts.get(a.accountId);
  if (!acct) {
    const r = await db.selectFrom('accounts').select(['currency', 'branch_id']).where('id', '=', a.accountId).executeTakeFirst();
    acct = { currency: r?.currency ?? 'EUR', branch_id: Number(r?.branch_id ?? 0) };
    accounts.set(a.accountId, acct);
  }
  let amount = 0;
  for (let i = 0; i < a.journalIds.length; i += 500) {
    const r = await db
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
async function linkRules(db: Kysely<BankDatabase>, dialect: Bank['dialect'], alertId: number, ruleIds: readonly string[]): Promise<void> {
  if (ruleIds.length === 0) return;
  const insert = db.insertInto('fraud_alert_rules').values(ruleIds.map((rule_id) => ({ alert_id: alertId, rule_id })));
  await (dialect === 'mysql' ? insert.ignore() : insert.onConflict((oc) => oc.columns(['alert_id', 'rule_id']).doNothing())).execute();
}
