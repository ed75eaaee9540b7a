import { MUTABLE_TABLES } from '../source';

/**
 * How each source table reaches the cache.
 * - append: rows never change after insert; copied by id (`key`).
 * - mutable: copied by (`updated_at`, id) and upserted; deletions arrive as tombstones.
 * - snapshot: small tables without a usable watermark; copied whole each round.
 * Order matters: parents before children, so drill-down joins never see orphans.
 * Not copied: staff_users (credentials stay on the server) and fraud_labels (ground truth for
 * benchmarks, which detection must never read).
 */
export type SyncSpec =
  | { table: string; mode: 'append'; key: string; boundBy?: { column: string; table: string } }
  | { table: string; mode: 'mutable' }
  | { table: string; mode: 'snapshot'; key: string[] };

const mutable = (table: (typeof MUTABLE_TABLES)[number]): SyncSpec => ({ table, mode: 'mutable' });

export const SYNC_SPECS: readonly SyncSpec[] = [
  mutable('branches'),
  mutable('products'),
  mutable('customers'),
  mutable('accounts'),
  mutable('cards'),
  mutable('loans'),
  { table: 'journal', mode: 'append', key: 'id' },
  // An entry is copied only once its journal is in the cache, so rollups always find it.
  { table: 'entries', mode: 'append', key: 'id', boundBy: { column: 'journal_id', table: 'journal' } },
  mutable('loan_repayments'),
  mutable('fraud_alerts'),
  { table: 'fraud_alert_txns', mode: 'snapshot', key: ['alert_id', 'journal_id'] },
  mutable('fraud_cases'),
  // Fraud review (schema v7), so the investigation screen reads notes, marks and rules offline.
  // Not copied: fraud_alert_rules (rule statistics read the bank) and applied_commands (bank-side idempotency).
  { table: 'fraud_alert_notes', mode: 'append', key: 'id' },
  { table: 'fraud_marks', mode: 'snapshot', key: ['journal_id'] },
  { table: 'fraud_rule_versions', mode: 'append', key: 'id' },
  mutable('compliance_thresholds'),
  // Compliance (schema v9): monitors, tasks, reports and cases read offline from the cache.
  { table: 'compliance_inputs', mode: 'append', key: 'id' },
  { table: 'compliance_tasks', mode: 'mutable' },
  { table: 'compliance_task_notes', mode: 'append', key: 'id' },
  { table: 'ctr_reports', mode: 'mutable' },
  { table: 'case_sar_drafts', mode: 'append', key: 'id' },
  { table: 'audit_log', mode: 'append', key: 'seq' },
  { table: 'bank_meta', mode: 'snapshot', key: ['key'] },
  { table: 'row_deletions', mode: 'append', key: 'id' },
];
