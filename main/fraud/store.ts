import type Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { Bank, BankDatabase } from '../source';
import { inTransaction } from '../ledger';
import type { DetectedAlert } from './types';

export interface StoredAlert extends DetectedAlert {
  id: number;
  /** True when this call created the alert; false when it existed (another scan, the live monitor). */
  created: boolean;
}

type AccountQueue = { currency: string; branch_id: number };
type QueueFigures = AccountQueue & { amount: number; txn_count: number };

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
  const accounts = new Map<number, AccountQueue>();
  if (!bank.sqlite) return storeEachMysql(bank.db, alerts, now, accounts);
  const store = sqliteStore(bank.sqlite);
  const out: StoredAlert[] = [];
  for (let i = 0; i < alerts.length; i += SQLITE_CHUNK) {
    const chunk = alerts.slice(i, i + SQLITE_CHUNK);
    // The transaction is Kysely's (its retry on a busy database); the statements run on the same connection.
    out.push(...(await inTransaction(bank, () => Promise.resolve(chunk.map((a) => store(a, now, accounts))), { attempts: 8 })));
  }
  return out;
}

/** The row an alert is stored as; its queue columns (schema v7) are what the review queue sorts and filters on without parsing JSON. */
function alertRow(a: DetectedAlert, explanation: string, now: number, queue: QueueFigures) {
  return {
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
}

/**
 * SQLite: the same statements as `storeEachMysql`, prepared once and run synchronously, with the alert's
 * transactions bound as one JSON list. Building each statement through the query builder was most
 * of a scan's store phase: 1.4 s for the 5,700 alerts of a million imported transactions.
 */
function sqliteStore(db: Database.Database): (a: DetectedAlert, now: number, accounts: Map<number, AccountQueue>) => StoredAlert {
  // Prepared at the first alert, from its row's columns: the insert names what `alertRow` builds.
  let insert: Database.Statement | null = null;
  const idOf = db.prepare('select id from fraud_alerts where alert_key = ?').pluck();
  const refresh = db.prepare(
    "update fraud_alerts set rule_id = @rule_id, rule_version = @rule_version, risk_score = @risk_score, explanation = @explanation, updated_at = @updated_at, amount = @amount, currency = @currency, branch_id = @branch_id, txn_count = @txn_count where id = @id and status = 'new' and explanation <> @explanation",
  );
  const account = db.prepare('select currency, branch_id from accounts where id = ?');
  const largest = db.prepare('select max(abs(amount)) from entries where account_id = ? and journal_id in (select value from json_each(?))').pluck();
  const linkTxns = db.prepare('insert into fraud_alert_txns (alert_id, journal_id) select ?, value from json_each(?) where true on conflict (alert_id, journal_id) do nothing');
  const linkRules = db.prepare('insert into fraud_alert_rules (alert_id, rule_id) select ?, value from json_each(?) where true on conflict (alert_id, rule_id) do nothing');
  return (a, now, accounts) => {
    let acct = accounts.get(a.accountId);
    if (!acct) {
      const r = account.get(a.accountId) as { currency: string; branch_id: number } | undefined;
      acct = { currency: r?.currency ?? 'EUR', branch_id: Number(r?.branch_id ?? 0) };
      accounts.set(a.accountId, acct);
    }
    const journalIds = JSON.stringify(a.journalIds);
    const amount = Number(largest.get(a.accountId, journalIds) ?? 0);
    const explanation = JSON.stringify(a.explanation);
    const row = alertRow(a, explanation, now, { amount, currency: acct.currency, branch_id: acct.branch_id, txn_count: a.journalIds.length });
    insert ??= db.prepare(
      `insert into fraud_alerts (${Object.keys(row).join(', ')}) values (${Object.keys(row)
        .map((c) => `@${c}`)
        .join(', ')}) on conflict (alert_key) do nothing`,
    );
    const created = insert.run(row).changes > 0;
    const id = Number(idOf.get(a.key));
    if (!created) refresh.run({ ...row, id });
    linkTxns.run(id, journalIds);
    linkRules.run(id, JSON.stringify([...new Set(a.explanation.hits.map((h) => h.ruleId))]));
    return { ...a, id, created };
  };
}

async function storeEachMysql(db: Kysely<BankDatabase>, alerts: readonly DetectedAlert[], now: number, accounts: Map<number, AccountQueue>): Promise<StoredAlert[]> {
  const out: StoredAlert[] = [];
  for (const a of alerts) {
    const explanation = JSON.stringify(a.explanation);
    const queue = await queueFigures(db, a, accounts);
    const row = alertRow(a, explanation, now, queue);
    // INSERT IGNORE: affected rows tell insert from duplicate; ON DUPLICATE KEY UPDATE would count a
    // duplicate as found under mysql2's FOUND_ROWS flag.
    const res = await db.insertInto('fraud_alerts').values(row).ignore().executeTakeFirst();
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
    await linkTxns(db, id, a.journalIds);
    await linkRules(db, id, [...new Set(a.explanation.hits.map((h) => h.ruleId))]);
    out.push({ ...a, id, created });
  }
  return out;
}

async function linkTxns(db: Kysely<BankDatabase>, alertId: number, journalIds: readonly number[]): Promise<void> {
  for (let i = 0; i < journalIds.length; i += 500) {
    const rows = journalIds.slice(i, i + 500).map((journal_id) => ({ alert_id: alertId, journal_id }));
    await db
      .insertInto('fraud_alert_txns')
      .values(rows)
      .onDuplicateKeyUpdate((eb) => ({ alert_id: eb.ref('fraud_alert_txns.alert_id') }))
      .execute();
  }
}

/** Largest flagged amount on the subject account, its currency and branch, and the flagged count. */
async function queueFigures(db: Kysely<BankDatabase>, a: DetectedAlert, accounts: Map<number, AccountQueue>): Promise<QueueFigures> {
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
async function linkRules(db: Kysely<BankDatabase>, alertId: number, ruleIds: readonly string[]): Promise<void> {
  if (ruleIds.length === 0) return;
  await db
    .insertInto('fraud_alert_rules')
    .values(ruleIds.map((rule_id) => ({ alert_id: alertId, rule_id })))
    .ignore()
    .execute();
}
