import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';
import { auditEntry, autoId, index, timestamps } from './columns';

/** Schema v1: the whole bank domain. Uses only types both MySQL and SQLite understand. */
export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const s = db.schema;
  // Names, addresses and descriptions are Unicode (Czech diacritics, any customer's name): a database
  // created with the server's default (often latin1 on RDS) would mangle them. Tables inherit this.
  if (dialect === 'mysql') await sql`alter database character set utf8mb4 collate utf8mb4_unicode_ci`.execute(db);

  await s
    .createTable('branches')
    .$call(autoId(dialect))
    .addColumn('code', 'varchar(16)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('region', 'varchar(80)', (c) => c.notNull())
    .addColumn('address', 'varchar(200)', (c) => c.notNull())
    .addColumn('city', 'varchar(80)', (c) => c.notNull())
    .addColumn('phone', 'varchar(40)', (c) => c.notNull())
    .addColumn('hours', 'varchar(120)', (c) => c.notNull())
    .$call(timestamps)
    .execute();

  await s
    .createTable('products')
    .$call(autoId(dialect))
    .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('interest_rate_bp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('monthly_fee', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('overdraft_limit', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('daily_withdrawal_limit', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('description', 'varchar(400)', (c) => c.notNull().defaultTo(''))
    .$call(timestamps)
    .execute();

  await s
    .createTable('customers')
    .$call(autoId(dialect))
    .addColumn('customer_no', 'varchar(20)', (c) => c.notNull().unique())
    .addColumn('legal_name', 'varchar(160)', (c) => c.notNull())
    .addColumn('date_of_birth', 'char(10)', (c) => c.notNull())
    .addColumn('gender', 'char(1)', (c) => c.notNull())
    .addColumn('national_id', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('address', 'varchar(200)', (c) => c.notNull())
    .addColumn('city', 'varchar(80)', (c) => c.notNull())
    .addColumn('phone', 'varchar(40)', (c) => c.notNull())
    .addColumn('email', 'varchar(160)', (c) => c.notNull())
    .addColumn('occupation', 'varchar(80)', (c) => c.notNull())
    .addColumn('risk_rating', 'varchar(10)', (c) => c.notNull())
    .addColumn('kyc_status', 'varchar(10)', (c) => c.notNull())
    .addColumn('kyc_next_review', 'char(10)', (c) => c.notNull())
    .addColumn('preferred_channel', 'varchar(10)', (c) => c.notNull())
    .addColumn('branch_id', 'bigint', (c) => c.notNull().references('branches.id'))
    .$call(timestamps)
    .execute();
  await index(s, 'customers_name', 'customers', ['legal_name', 'date_of_birth']);
  await index(s, 'customers_updated', 'customers', ['updated_at', 'id']);

  await s
    .createTable('accounts')
    .$call(autoId(dialect))
    .addColumn('account_no', 'varchar(34)', (c) => c.notNull().unique())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.references('customers.id'))
    .addColumn('product_id', 'bigint', (c) => c.references('products.id'))
    .addColumn('branch_id', 'bigint', (c) => c.notNull().references('branches.id'))
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('balance', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('status_reason', 'varchar(400)')
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await index(s, 'accounts_customer', 'accounts', ['customer_id']);
  await index(s, 'accounts_updated', 'accounts', ['updated_at', 'id']);

  await s
    .createTable('journal')
    .$call(autoId(dialect))
    .addColumn('reference', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('booked_at', 'bigint', (c) => c.notNull())
    .addColumn('type', 'varchar(20)', (c) => c.notNull())
    .addColumn('channel', 'varchar(10)', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('description', 'varchar(200)', (c) => c.notNull())
    .addColumn('counterparty_name', 'varchar(160)')
    .addColumn('counterparty_account', 'varchar(40)')
    .addColumn('idempotency_key', 'varchar(80)', (c) => c.unique())
    .addColumn('external_ref', 'varchar(80)')
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(80)', (c) => c.notNull())
    .execute();
  await index(s, 'journal_booked', 'journal', ['booked_at']);
  await index(s, 'journal_external', 'journal', ['external_ref']);

  await s
    .createTable('entries')
    .$call(autoId(dialect))
    .addColumn('journal_id', 'bigint', (c) => c.notNull().references('journal.id'))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('balance_after', 'bigint', (c) => c.notNull())
    .addColumn('booked_at', 'bigint', (c) => c.notNull())
    .execute();
  await index(s, 'entries_journal', 'entries', ['journal_id']);
  await index(s, 'entries_account_time', 'entries', ['account_id', 'booked_at']);

  await s
    .createTable('cards')
    .$call(autoId(dialect))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('type', 'varchar(20)', (c) => c.notNull())
    .addColumn('pan_last4', 'char(4)', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await index(s, 'cards_account', 'cards', ['account_id']);

  await s
    .createTable('loans')
    .$call(autoId(dialect))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('product_id', 'bigint', (c) => c.notNull().references('products.id'))
    .addColumn('principal', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('interest_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('term_months', 'integer', (c) => c.notNull())
    .addColumn('monthly_payment', 'bigint', (c) => c.notNull())
    .addColumn('start_date', 'char(10)', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .$call(timestamps)
    .execute();
  await index(s, 'loans_customer', 'loans', ['customer_id']);

  await s
    .createTable('loan_repayments')
    .$call(autoId(dialect))
    .addColumn('loan_id', 'bigint', (c) => c.notNull().references('loans.id'))
    .addColumn('installment', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'char(10)', (c) => c.notNull())
    .addColumn('amount_due', 'bigint', (c) => c.notNull())
    .addColumn('amount_paid', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_at', 'bigint')
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('journal_id', 'bigint', (c) => c.references('journal.id'))
    .addUniqueConstraint('loan_repayments_installment', ['loan_id', 'installment'])
    .execute();

  await s
    .createTable('staff_users')
    .$call(autoId(dialect))
    .addColumn('username', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(80)', (c) => c.notNull())
    .addColumn('role', 'varchar(24)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('mfa_secret', 'varchar(255)')
    .addColumn('mfa_pending_secret', 'varchar(255)')
    .addColumn('mfa_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'bigint')
    .addColumn('last_login_at', 'bigint')
    .$call(timestamps)
    .execute();

  await s
    .createTable('audit_log')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .$call(auditEntry)
    .addColumn('prev_hash', 'char(64)', (c) => c.notNull())
    .addColumn('hash', 'char(64)', (c) => c.notNull())
    .execute();
  await index(s, 'audit_actor', 'audit_log', ['actor', 'seq']);
  await s
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('last_hash', 'char(64)', (c) => c.notNull())
    .execute();
  await sql`insert into audit_head (id, last_seq, last_hash) values (1, 0, ${'0'.repeat(64)})`.execute(db);

  await s
    .createTable('fraud_alerts')
    .$call(autoId(dialect))
    .addColumn('alert_key', 'varchar(160)', (c) => c.notNull().unique())
    .addColumn('rule_id', 'varchar(60)', (c) => c.notNull())
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
    .addColumn('customer_id', 'bigint', (c) => c.references('customers.id'))
    .addColumn('risk_score', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('assignee', 'varchar(40)')
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await index(s, 'fraud_alerts_status', 'fraud_alerts', ['status', 'risk_score']);
  await s
    .createTable('fraud_alert_txns')
    .addColumn('alert_id', 'bigint', (c) => c.notNull().references('fraud_alerts.id'))
    .addColumn('journal_id', 'bigint', (c) => c.notNull().references('journal.id'))
    .addPrimaryKeyConstraint('fraud_alert_txns_pk', ['alert_id', 'journal_id'])
    .execute();
  await s
    .createTable('fraud_cases')
    .$call(autoId(dialect))
    .addColumn('alert_id', 'bigint', (c) => c.references('fraud_alerts.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('owner', 'varchar(40)')
    .addColumn('notes', 'text', (c) => c.notNull())
    .$call(timestamps)
    .execute();

  await s
    .createTable('compliance_thresholds')
    .$call(autoId(dialect))
    .addColumn('metric', 'varchar(60)', (c) => c.notNull())
    .addColumn('description', 'varchar(400)', (c) => c.notNull())
    .addColumn('unit', 'varchar(20)', (c) => c.notNull())
    .addColumn('warn_at', 'bigint', (c) => c.notNull())
    .addColumn('breach_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('proposed_by', 'varchar(40)')
    .addColumn('approved_by', 'varchar(40)')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('compliance_thresholds_version', ['metric', 'version'])
    .execute();

  await s
    .createTable('fraud_labels')
    .addColumn('journal_id', 'bigint', (c) => c.primaryKey().references('journal.id'))
    .addColumn('pattern', 'varchar(40)', (c) => c.notNull())
    .addColumn('scenario', 'integer', (c) => c.notNull())
    .execute();

  await s
    .createTable('bank_meta')
    .addColumn('key', 'varchar(60)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}
