import { type Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';
import { addColumns, autoId, byAndAt, createNotesTable, index, timestamps, columns } from './columns';

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
    .$call(columns({ input_key: 'varchar(40)' }))
    // '' for figures that have no currency (a ratio band); the ISO code for money and exchange rates.
    .$call(columns({ currency: "varchar(3) default ''", effective_day: 'char(10)', value: 'varchar(60)', version: 'integer' }))
    .$call(columns({ entered_by: 'varchar(80)', approved_by: 'varchar(80)', change_id: 'bigint', created_at: 'bigint' }))
    .addUniqueConstraint('compliance_inputs_version', ['input_key', 'currency', 'effective_day', 'version'])
    .execute();

  await s
    .createTable('compliance_tasks')
    .$call(autoId(dialect))
    .$call(columns({ monitor_id: 'varchar(60)', title: 'varchar(200)', owner: 'varchar(80)', due_day: 'char(10)' }))
    .$call(columns({ status: 'varchar(20)', links: 'text', evidence: 'text', command_id: 'varchar(80) unique' }))
    .$call(byAndAt('created'))
    .$call(columns({ updated_at: 'bigint' }))
    .execute();
  await index(s, 'compliance_tasks_updated', 'compliance_tasks', ['updated_at', 'id']);
  await index(s, 'compliance_tasks_monitor', 'compliance_tasks', ['monitor_id', 'status']);

  await createNotesTable(s, dialect, { table: 'compliance_task_notes', parent: 'task_id', index: 'compliance_task_notes_task' });

  await s
    .createTable('ctr_reports')
    .$call(autoId(dialect))
    .$call(columns({ customer_id: 'bigint', bank_day: 'char(10)', currency: 'varchar(3)', cash_in: 'bigint' }))
    .$call(columns({ cash_out: 'bigint', details: 'text', due_day: 'char(10)', status: 'varchar(20)' }))
    .$call(byAndAt('reviewed', { optional: true }))
    .$call(columns({ filed_reference: 'varchar(80) null' }))
    .$call(byAndAt('filed', { optional: true }))
    .$call(timestamps)
    .addUniqueConstraint('ctr_reports_customer_day', ['customer_id', 'bank_day'])
    .execute();
  await index(s, 'ctr_reports_updated', 'ctr_reports', ['updated_at', 'id']);
  await index(s, 'ctr_reports_due', 'ctr_reports', ['status', 'due_day']);

  await addColumns(s, 'fraud_cases', { suspect_known: 'integer default 1', sar_reference: 'varchar(80) null', sar_filed_by: 'varchar(80) null', sar_filed_at: 'bigint null' });
  await addColumns(s, 'fraud_cases', { closed_reason: 'varchar(400) null', closed_at: 'bigint null' });

  await s
    .createTable('case_sar_drafts')
    .$call(autoId(dialect))
    .$call(columns({ case_id: 'bigint', version: 'integer', text: 'text', author: 'varchar(80)', created_at: 'bigint' }))
    .addUniqueConstraint('case_sar_drafts_version', ['case_id', 'version'])
    .execute();
}
