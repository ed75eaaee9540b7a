import type { Generated } from 'kysely';

/** The fraud review tables (alerts, their rules, notes, marks, cases) and saved rule versions: part of BankDatabase in ./schema. */
export interface FraudAlertTable {
  id: Generated<number>;
  alert_key: string;
  rule_id: string;
  rule_version: number;
  account_id: number;
  customer_id: number | null;
  risk_score: number;
  status: 'new' | 'in_review' | 'confirmed' | 'dismissed' | 'escalated';
  assignee: string | null;
  explanation: string;
  detected_at: number;
  updated_at: number;
  /** Schema v7: largest flagged amount on the subject account (minor units), its currency, flagged transactions, the account's branch. */
  amount: Generated<number>;
  currency: Generated<string>;
  txn_count: Generated<number>;
  branch_id: Generated<number>;
  /** Schema v7: the disposition (confirmed / dismissed / escalated). */
  disposed_by: Generated<string | null>;
  disposed_at: Generated<number | null>;
  dismiss_reason: Generated<string | null>;
  disposition_comment: Generated<string | null>;
}

/** Schema v7: every rule that contributed to an alert. */
export interface FraudAlertRuleTable {
  alert_id: number;
  rule_id: string;
}

/** Schema v7: case notes on an alert, append-only. */
export interface FraudAlertNoteTable {
  id: Generated<number>;
  alert_id: number;
  author: string;
  text: string;
  created_at: number;
}

/** Schema v7: saved rule parameter sets; the highest version of a rule is active. `params` is JSON. */
export interface FraudRuleVersionTable {
  id: Generated<number>;
  rule_id: string;
  version: number;
  params: string;
  enabled: number;
  created_by: string;
  created_at: number;
  note: string;
  /** Schema v15: the second person who approved this version (null: saved before maker–checker, or the cache's older copy). */
  approved_by?: string | null;
  /** Schema v15: the `pending_changes` request it came from. */
  change_id?: number | null;
  /** Schema v15: the version this one restored, when it was a restore. */
  restored_from?: number | null;
}

/** Schema v7: transactions confirmed as fraud by an analyst. */
export interface FraudMarkTable {
  journal_id: number;
  alert_id: number;
  marked_by: string;
  marked_at: number;
}

export interface FraudAlertTxnTable {
  alert_id: number;
  journal_id: number;
}

export interface FraudCaseTable {
  id: Generated<number>;
  alert_id: number | null;
  title: string;
  status: 'open' | 'escalated' | 'closed';
  owner: string | null;
  notes: string;
  created_at: number;
  updated_at: number;
}
