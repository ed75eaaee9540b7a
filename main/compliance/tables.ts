import type { Generated, Kysely, Transaction } from 'kysely';
import type { Bank, BankDatabase } from '../source';

/** Tables of schema v9 (migration 008), typed here so the shared schema file stays as it is. */
export type ComplianceInputTable = {
  id: Generated<number>;
  input_key: string;
  currency: string;
  effective_day: string;
  value: string;
  version: number;
  entered_by: string;
  approved_by: string;
  change_id: number;
  created_at: number;
};

export type ComplianceTaskTable = {
  id: Generated<number>;
  monitor_id: string;
  title: string;
  owner: string;
  due_day: string;
  status: string;
  links: string;
  evidence: string;
  command_id: string;
  created_by: string;
  created_at: number;
  updated_at: number;
};

export type ComplianceTaskNoteTable = { id: Generated<number>; task_id: number; author: string; text: string; created_at: number };

/** Schema v17 (migration 017): a task's evidence files. */
export type ComplianceTaskEvidenceTable = {
  id: Generated<number>;
  task_id: number;
  filename: string;
  media_type: string;
  source: string;
  bytes: number;
  sha256: string;
  content: Buffer;
  command_id: string;
  attached_by: string;
  attached_at: number;
};

export type CtrReportTable = {
  id: Generated<number>;
  customer_id: number;
  bank_day: string;
  currency: string;
  cash_in: number;
  cash_out: number;
  details: string;
  due_day: string;
  status: string;
  reviewed_by: string | null;
  reviewed_at: number | null;
  filed_reference: string | null;
  filed_by: string | null;
  filed_at: number | null;
  created_at: number;
  updated_at: number;
};

export type CaseSarDraftTable = { id: Generated<number>; case_id: number; version: number; text: string; author: string; created_at: number };

/** fraud_cases columns added by schema v9. */
export type CaseComplianceColumns = {
  suspect_known: Generated<number>;
  sar_reference: string | null;
  sar_filed_by: string | null;
  sar_filed_at: number | null;
  closed_reason: string | null;
  closed_at: number | null;
};

export type ComplianceTables = {
  compliance_inputs: ComplianceInputTable;
  compliance_tasks: ComplianceTaskTable;
  compliance_task_notes: ComplianceTaskNoteTable;
  compliance_task_evidence: ComplianceTaskEvidenceTable;
  ctr_reports: CtrReportTable;
  case_sar_drafts: CaseSarDraftTable;
  fraud_cases: BankDatabase['fraud_cases'] & CaseComplianceColumns;
};

export type ComplianceDb = Kysely<BankDatabase & ComplianceTables>;

/** The bank (or a transaction on it) with the compliance tables typed; same connection. */
export function cdb(bank: Bank | Transaction<BankDatabase>): ComplianceDb {
  return ('db' in bank ? bank.db : bank).withTables<ComplianceTables>();
}
