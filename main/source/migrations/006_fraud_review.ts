import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';
import { addColumns, autoId, byAndAt, createNotesTable, index, columns } from './columns';

/**
 * Schema v7: the fraud review queue, investigation and dispositions.
 * - `fraud_alerts` gains what the queue filters and sorts on without a join or a JSON parse:
 *   `amount` (largest flagged amount on the subject account, minor units), `currency`, `txn_count`,
 *   `branch_id` (the subject account's branch); and the disposition (`disposed_by`, `disposed_at`,
 *   `dismiss_reason`, `disposition_comment`). Existing alerts are backfilled here; main/fraud/store.ts
 *   fills them for new ones.
 * - `fraud_alert_rules`: every rule that contributed to an alert (rule statistics, "filter by rule").
 * - `fraud_alert_notes`: case notes, append-only (the cache copies them by id).
 * - `fraud_rule_versions`: saved parameter sets; the highest version of a rule is the active one.
 * - `fraud_marks`: transactions an analyst confirmed as fraud.
 * - `applied_commands`: idempotency keys of review writes already applied on the bank, so a
 *   double-click or two replays of an offline outbox (a crash between them) never apply twice.
 * Indexes: the queue's filters each lead an index that ends in its sort key, so a 500-row window of
 * 100,000 alerts reads the window, not the table.
 */
export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const s = db.schema;
  await addColumns(s, 'fraud_alerts', { amount: 'bigint default 0', currency: "varchar(3) default 'EUR'", txn_count: 'integer default 0', branch_id: 'bigint default 0' });
  await addColumns(s, 'fraud_alerts', {
    disposed_by: 'varchar(80) null',
    disposed_at: 'bigint null',
    dismiss_reason: 'varchar(40) null',
    disposition_comment: 'varchar(1000) null',
  });

  await sql`update fraud_alerts set
      txn_count = (select count(*) from fraud_alert_txns t where t.alert_id = fraud_alerts.id),
      amount = coalesce((select max(abs(e.amount)) from fraud_alert_txns t join entries e on e.journal_id = t.journal_id and e.account_id = fraud_alerts.account_id where t.alert_id = fraud_alerts.id), 0),
      currency = coalesce((select a.currency from accounts a where a.id = fraud_alerts.account_id), 'EUR'),
      branch_id = coalesce((select a.branch_id from accounts a where a.id = fraud_alerts.account_id), 0)`.execute(db);

  await index(s, 'fraud_alerts_status_age', 'fraud_alerts', ['status', 'detected_at']);
  await index(s, 'fraud_alerts_status_amount', 'fraud_alerts', ['status', 'amount']);
  await index(s, 'fraud_alerts_assignee', 'fraud_alerts', ['assignee', 'status', 'risk_score']);
  await index(s, 'fraud_alerts_branch', 'fraud_alerts', ['branch_id', 'status', 'risk_score']);
  await index(s, 'fraud_alerts_rule', 'fraud_alerts', ['rule_id', 'status', 'risk_score']);
  await index(s, 'fraud_alerts_customer', 'fraud_alerts', ['customer_id']);
  if (dialect === 'sqlite') await index(s, 'fraud_alert_txns_journal', 'fraud_alert_txns', ['journal_id']);
  // "Who else paid this counterparty": the investigation screen looks transactions up by it.
  await index(s, 'journal_counterparty', 'journal', ['counterparty_account']);

  await s
    .createTable('fraud_alert_rules')
    .$call(columns({ alert_id: 'bigint', rule_id: 'varchar(60)' }))
    .addPrimaryKeyConstraint('fraud_alert_rules_pk', ['alert_id', 'rule_id'])
    .execute();
  await index(s, 'fraud_alert_rules_rule', 'fraud_alert_rules', ['rule_id']);
  // Backfill from the stored explanations, a page at a time.
  let after = 0;
  for (;;) {
    const page = (await sql<{ id: number; explanation: string }>`select id, explanation from fraud_alerts where id > ${after} order by id limit 2000`.execute(db)).rows;
    if (page.length === 0) break;
    const pairs: [number, string][] = [];
    for (const r of page) {
      after = Number(r.id);
      for (const ruleId of rulesOf(r.explanation)) pairs.push([after, ruleId]);
    }
    for (let i = 0; i < pairs.length; i += 500) {
      const chunk = pairs.slice(i, i + 500);
      await sql`insert into fraud_alert_rules (alert_id, rule_id) values ${sql.join(chunk.map(([a, r]) => sql`(${a}, ${r})`))}`.execute(db);
    }
  }

  await createNotesTable(s, dialect, { table: 'fraud_alert_notes', parent: 'alert_id', index: 'fraud_alert_notes_alert' });

  await s
    .createTable('fraud_rule_versions')
    .$call(autoId(dialect))
    .$call(columns({ rule_id: 'varchar(60)', version: 'integer', params: 'text', enabled: 'integer' }))
    .$call(byAndAt('created'))
    .$call(columns({ note: 'varchar(1000)' }))
    .addUniqueConstraint('fraud_rule_versions_version', ['rule_id', 'version'])
    .execute();

  await s
    .createTable('fraud_marks')
    .$call(columns({ journal_id: 'bigint pk', alert_id: 'bigint' }))
    .$call(byAndAt('marked'))
    .execute();

  await s
    .createTable('applied_commands')
    .$call(columns({ command_id: 'varchar(80) pk', method: 'varchar(60)', actor: 'varchar(80)', applied_at: 'bigint', outcome: 'varchar(1000)' }))
    .execute();
}

/** The rule ids of a stored explanation's hits (empty when it cannot be read). */
function rulesOf(explanation: string): string[] {
  try {
    const e = JSON.parse(explanation) as { hits?: { ruleId?: unknown }[] };
    return [...new Set((e.hits ?? []).map((h) => h.ruleId).filter((r): r is string => typeof r === 'string'))];
  } catch {
    return [];
  }
}
