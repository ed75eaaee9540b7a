import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';
import { auditEntry, autoId, index, timestamps, columns } from './columns';

/** Schema v1: the whole bank domain. Uses only types both MySQL and SQLite understand. */
export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const s = db.schema;
  // Names, addresses and descriptions are Unicode (Czech diacritics, any customer's name): a database
  // created with the server's default (often latin1 on RDS) would mangle them. Tables inherit this.
  if (dialect === 'mysql') await sql`alter database character set utf8mb4 collate utf8mb4_unicode_ci`.execute(db);

  await s
    .createTable('branches')
    .$call(autoId(dialect))
    .$call(columns({ code: 'varchar(16) unique', name: 'varchar(120)', region: 'varchar(80)' }))
    .$call(columns({ address: 'varchar(200)', city: 'varchar(80)', phone: 'varchar(40)', hours: 'varchar(120)' }))
    .$call(timestamps)
    .execute();

  await s
    .createTable('products')
    .$call(autoId(dialect))
    .$call(columns({ code: 'varchar(32) unique', name: 'varchar(120)', kind: 'varchar(20)', currency: 'char(3)' }))
    .$call(columns({ interest_rate_bp: 'integer default 0', monthly_fee: 'bigint default 0', overdraft_limit: 'bigint default 0' }))
    .$call(columns({ daily_withdrawal_limit: 'bigint default 0', active: 'integer default 1', description: "varchar(400) default ''" }))
    .$call(timestamps)
    .execute();

  await s
    .createTable('customers')
    .$call(autoId(dialect))
    .$call(columns({ customer_no: 'varchar(20) unique', legal_name: 'varchar(160)', date_of_birth: 'char(10)', gender: 'char(1)', national_id: 'varchar(40) unique' }))
    .$call(columns({ address: 'varchar(200)', city: 'varchar(80)', phone: 'varchar(40)', email: 'varchar(160)', occupation: 'varchar(80)', risk_rating: 'varchar(10)' }))
    .$call(columns({ kyc_status: 'varchar(10)', kyc_next_review: 'char(10)', preferred_channel: 'varchar(10)', branch_id: 'bigint references branches.id' }))
    .$call(timestamps)
    .execute();
  await index(s, 'customers_name', 'customers', ['legal_name', 'date_of_birth']);
  await index(s, 'customers_updated', 'customers', ['updated_at', 'id']);

  await s
    .createTable('accounts')
    .$call(autoId(dialect))
    .$call(columns({ account_no: 'varchar(34) unique', kind: 'varchar(10)', name: 'varchar(120)', customer_id: 'bigint null references customers.id' }))
    .$call(columns({ product_id: 'bigint null references products.id', branch_id: 'bigint references branches.id', currency: 'char(3)', balance: 'bigint default 0' }))
    .$call(columns({ status: 'varchar(10)', status_reason: 'varchar(400) null', opened_at: 'bigint', closed_at: 'bigint null', updated_at: 'bigint' }))
    .execute();
  await index(s, 'accounts_customer', 'accounts', ['customer_id']);
  await index(s, 'accounts_updated', 'accounts', ['updated_at', 'id']);

  await s
    .createTable('journal')
    .$call(autoId(dialect))
    .$call(columns({ reference: 'varchar(40) unique', booked_at: 'bigint', type: 'varchar(20)', channel: 'varchar(10)', amount: 'bigint' }))
    .$call(columns({ currency: 'char(3)', description: 'varchar(200)', counterparty_name: 'varchar(160) null', counterparty_account: 'varchar(40) null' }))
    .$call(columns({ idempotency_key: 'varchar(80) null unique', external_ref: 'varchar(80) null', status: 'varchar(10)', created_by: 'varchar(80)' }))
    .execute();
  await index(s, 'journal_booked', 'journal', ['booked_at']);
  await index(s, 'journal_external', 'journal', ['external_ref']);

  await s
    .createTable('entries')
    .$call(autoId(dialect))
    .$call(columns({ journal_id: 'bigint references journal.id', account_id: 'bigint references accounts.id', amount: 'bigint', balance_after: 'bigint', booked_at: 'bigint' }))
    .execute();
  await index(s, 'entries_journal', 'entries', ['journal_id']);
  await index(s, 'entries_account_time', 'entries', ['account_id', 'booked_at']);

  await s
    .createTable('cards')
    .$call(autoId(dialect))
    .$call(columns({ account_id: 'bigint references accounts.id', customer_id: 'bigint references customers.id' }))
    .$call(columns({ type: 'varchar(20)', pan_last4: 'char(4)', issued_at: 'bigint', status: 'varchar(10)', updated_at: 'bigint' }))
    .execute();
  await index(s, 'cards_account', 'cards', ['account_id']);

  await s
    .createTable('loans')
    .$call(autoId(dialect))
    .$call(columns({ account_id: 'bigint references accounts.id', customer_id: 'bigint references customers.id' }))
    .$call(columns({ product_id: 'bigint references products.id', principal: 'bigint', currency: 'char(3)', interest_rate_bp: 'integer' }))
    .$call(columns({ term_months: 'integer', monthly_payment: 'bigint', start_date: 'char(10)', status: 'varchar(12)' }))
    .$call(timestamps)
    .execute();
  await index(s, 'loans_customer', 'loans', ['customer_id']);

  await s
    .createTable('loan_repayments')
    .$call(autoId(dialect))
    .$call(columns({ loan_id: 'bigint references loans.id', installment: 'integer', due_date: 'char(10)', amount_due: 'bigint' }))
    .$call(columns({ amount_paid: 'bigint default 0', paid_at: 'bigint null', status: 'varchar(10)', journal_id: 'bigint null references journal.id' }))
    .addUniqueConstraint('loan_repayments_installment', ['loan_id', 'installment'])
    .execute();

  await s
    .createTable('staff_users')
    .$call(autoId(dialect))
    .$call(columns({ username: 'varchar(40) unique', display_name: 'varchar(80)', role: 'varchar(24)', password_hash: 'varchar(255)' }))
    .$call(columns({ mfa_secret: 'varchar(255) null', mfa_pending_secret: 'varchar(255) null', mfa_enabled: 'integer default 0' }))
    .$call(columns({ failed_attempts: 'integer default 0', locked_until: 'bigint null', last_login_at: 'bigint null' }))
    .$call(timestamps)
    .execute();

  await s
    .createTable('audit_log')
    .$call(columns({ seq: 'bigint pk' }))
    .$call(auditEntry)
    .$call(columns({ prev_hash: 'char(64)', hash: 'char(64)' }))
    .execute();
  await index(s, 'audit_actor', 'audit_log', ['actor', 'seq']);
  await s
    .createTable('audit_head')
    .$call(columns({ id: 'integer pk', last_seq: 'bigint', last_hash: 'char(64)' }))
    .execute();
  await sql`insert into audit_head (id, last_seq, last_hash) values (1, 0, ${'0'.repeat(64)})`.execute(db);

  await s
    .createTable('fraud_alerts')
    .$call(autoId(dialect))
    .$call(columns({ alert_key: 'varchar(160) unique', rule_id: 'varchar(60)', rule_version: 'integer', account_id: 'bigint references accounts.id' }))
    .$call(columns({ customer_id: 'bigint null references customers.id', risk_score: 'integer', status: 'varchar(12)' }))
    .$call(columns({ assignee: 'varchar(40) null', explanation: 'text', detected_at: 'bigint', updated_at: 'bigint' }))
    .execute();
  await index(s, 'fraud_alerts_status', 'fraud_alerts', ['status', 'risk_score']);
  await s
    .createTable('fraud_alert_txns')
    .$call(columns({ alert_id: 'bigint references fraud_alerts.id', journal_id: 'bigint references journal.id' }))
    .addPrimaryKeyConstraint('fraud_alert_txns_pk', ['alert_id', 'journal_id'])
    .execute();
  await s
    .createTable('fraud_cases')
    .$call(autoId(dialect))
    .$call(columns({ alert_id: 'bigint null references fraud_alerts.id', title: 'varchar(200)', status: 'varchar(12)', owner: 'varchar(40) null', notes: 'text' }))
    .$call(timestamps)
    .execute();

  await s
    .createTable('compliance_thresholds')
    .$call(autoId(dialect))
    .$call(columns({ metric: 'varchar(60)', description: 'varchar(400)', unit: 'varchar(20)', warn_at: 'bigint', breach_at: 'bigint', version: 'integer' }))
    .$call(columns({ status: 'varchar(20)', proposed_by: 'varchar(40) null', approved_by: 'varchar(40) null', updated_at: 'bigint' }))
    .addUniqueConstraint('compliance_thresholds_version', ['metric', 'version'])
    .execute();

  await s
    .createTable('fraud_labels')
    .$call(columns({ journal_id: 'bigint pk references journal.id', pattern: 'varchar(40)', scenario: 'integer' }))
    .execute();

  await s
    .createTable('bank_meta')
    .$call(columns({ key: 'varchar(60) pk', value: 'text' }))
    .execute();
}
