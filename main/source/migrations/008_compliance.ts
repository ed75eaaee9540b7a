import { type Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';
import { addColumns, autoId, byAndAt, createNotesTable, index, timestamps } from './columns';

/**
 * Schema v9: compliance monitors (issue 10).
 * - `compliance_inputs`: bank-level figures transactions cannot give (Tier 1 capital, CET1, risk-weighted
 *   assets, liquid assets and their haircut, policy bands, the reporting currency, exchange rates per
 *   day). Append-only and versioned: a row is written only when a second person approved the change
 *   (`pending_changes`, kind 'compliance.input'), so the history of every figure stays readable.
 * - `compliance_thresholds` (schema v1) keeps each monitor's limit and warning band per version;
 *   approved changes add a version there.
 * - `compliance_tasks` + `compliance_task_notes`: corrective actions linked to a monitor and the rows
 *   behind it (customers, accounts, transactions); notes append only, so offline notes never conflict.
 * - `ctr_reports`: one currency transaction report per customer and bank day, cash in and cash out
 *   apart, with the transactions' references; filed with the regulator's reference.
 * - `fraud_cases` gains what a compliance case needs: whether a suspect is identified (SAR due in 30
 *   days, else 60), the SAR filing (reference, who, when), the closing reason. `case_sar_drafts`
 *   keeps every saved version of a case's SAR narrative.
 */
export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const s = db.schema;

  await s
    .createTable('compliance_inputs')
    .$call(autoId(dialect))
    .addColumn('input_key', 'varchar(40)', (c) => c.notNull())
    // '' for figures that have no currency (a ratio band); the ISO code for money and exchange rates.
    .addColumn('currency', 'varchar(3)', (c) => c.notNull().defaultTo(''))
    .addColumn('effective_day', 'char(10)', (c) => c.notNull())
    .addColumn('value', 'varchar(60)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('entered_by', 'varchar(80)', (c) => c.notNull())
    .addColumn('approved_by', 'varchar(80)', (c) => c.notNull())
    .addColumn('change_id', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('compliance_inputs_version', ['input_key', 'currency', 'effective_day', 'version'])
    .execute();

  await s
    .createTable('compliance_tasks')
    .$call(autoId(dialect))
    .addColumn('monitor_id', 'varchar(60)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('owner', 'varchar(80)', (c) => c.notNull())
    .addColumn('due_day', 'char(10)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('links', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('command_id', 'varchar(80)', (c) => c.notNull().unique())
    .$call(byAndAt('created'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await index(s, 'compliance_tasks_updated', 'compliance_tasks', ['updated_at', 'id']);
  await index(s, 'compliance_tasks_monitor', 'compliance_tasks', ['monitor_id', 'status']);

  await createNotesTable(s, dialect, { table: 'compliance_task_notes', parent: 'task_id', index: 'compliance_task_notes_task' });

  await s
    .createTable('ctr_reports')
    .$call(autoId(dialect))
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('bank_day', 'char(10)', (c) => c.notNull())
    .addColumn('currency', 'varchar(3)', (c) => c.notNull())
    .addColumn('cash_in', 'bigint', (c) => c.notNull())
    .addColumn('cash_out', 'bigint', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('due_day', 'char(10)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .$call(byAndAt('reviewed', { optional: true }))
    .addColumn('filed_reference', 'varchar(80)')
    .$call(byAndAt('filed', { optional: true }))
    .$call(timestamps)
    .addUniqueConstraint('ctr_reports_customer_day', ['customer_id', 'bank_day'])
    .execute();
  await index(s, 'ctr_reports_updated', 'ctr_reports', ['updated_at', 'id']);
  await index(s, 'ctr_reports_due', 'ctr_reports', ['status', 'due_day']);

  await addColumns(s, 'fraud_cases', (t) => [
    t.addColumn('suspect_known', 'integer', (c) => c.notNull().defaultTo(1)),
    t.addColumn('sar_reference', 'varchar(80)'),
    t.addColumn('sar_filed_by', 'varchar(80)'),
    t.addColumn('sar_filed_at', 'bigint'),
    t.addColumn('closed_reason', 'varchar(400)'),
    t.addColumn('closed_at', 'bigint'),
  ]);

  await s
    .createTable('case_sar_drafts')
    .$call(autoId(dialect))
    .addColumn('case_id', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author', 'varchar(80)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('case_sar_drafts_version', ['case_id', 'version'])
    .execute();
}
