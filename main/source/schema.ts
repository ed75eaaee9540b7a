import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * The bank's logical schema, identical on MySQL and SQLite.
 * Money: integer minor units (BIGINT). Instants: UTC epoch milliseconds (BIGINT).
 * Calendar dates (birth, due dates): 'YYYY-MM-DD' text.
 */
export interface BranchTable {
  id: Generated<number>;
  code: string;
  name: string;
  region: string;
  address: string;
  city: string;
  phone: string;
  hours: string;
  created_at: number;
  updated_at: number;
}

export interface ProductTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: 'current' | 'savings' | 'term_deposit' | 'loan' | 'mortgage';
  currency: string;
  interest_rate_bp: number;
  monthly_fee: number;
  overdraft_limit: number;
  daily_withdrawal_limit: number;
  active: number;
  description: string;
  created_at: number;
  updated_at: number;
}

export interface CustomerTable {
  id: Generated<number>;
  customer_no: string;
  legal_name: string;
  date_of_birth: string;
  gender: 'F' | 'M' | 'X';
  national_id: string;
  address: string;
  city: string;
  phone: string;
  email: string;
  occupation: string;
  risk_rating: 'low' | 'medium' | 'high';
  kyc_status: 'pending' | 'verified' | 'expired' | 'rejected';
  kyc_next_review: string;
  preferred_channel: 'email' | 'phone' | 'sms' | 'post' | 'branch';
  branch_id: number;
  created_at: number;
  updated_at: number;
}

/** Customer accounts and the bank's own ledger accounts (cash vaults, clearing, income, expense). */
export interface AccountTable {
  id: Generated<number>;
  account_no: string;
  kind: 'customer' | 'internal';
  name: string;
  customer_id: number | null;
  product_id: number | null;
  branch_id: number;
  currency: string;
  balance: number;
  status: 'open' | 'frozen' | 'closed';
  status_reason: string | null;
  opened_at: number;
  closed_at: number | null;
  updated_at: number;
}

export type FreezeKind = 'customer_request' | 'fraud' | 'compliance';

/** Why and by whom a frozen account is frozen (schema v8): who may lift it depends on the kind. One row while frozen. */
export interface AccountFreezeTable {
  account_id: number;
  kind: FreezeKind;
  frozen_by: string;
  frozen_at: number;
}

/** One money movement = one journal transaction; its entries sum to zero. */
export interface JournalTable {
  id: Generated<number>;
  reference: string;
  booked_at: number;
  type: 'deposit' | 'withdrawal' | 'transfer' | 'payment' | 'card' | 'fee' | 'interest' | 'salary' | 'loan_disbursement' | 'loan_repayment';
  channel: 'branch' | 'atm' | 'card' | 'online' | 'wire' | 'system';
  amount: number;
  currency: string;
  description: string;
  counterparty_name: string | null;
  counterparty_account: string | null;
  idempotency_key: string | null;
  external_ref: string | null;
  status: 'posted' | 'pending';
  created_by: string;
}

export interface EntryTable {
  id: Generated<number>;
  journal_id: number;
  account_id: number;
  amount: number;
  balance_after: number;
  booked_at: number;
}

export interface CardTable {
  id: Generated<number>;
  account_id: number;
  customer_id: number;
  type: 'debit_classic' | 'debit_gold' | 'junior';
  pan_last4: string;
  issued_at: number;
  status: 'active' | 'blocked' | 'expired';
  updated_at: number;
}

export interface LoanTable {
  id: Generated<number>;
  account_id: number;
  customer_id: number;
  product_id: number;
  principal: number;
  currency: string;
  interest_rate_bp: number;
  term_months: number;
  monthly_payment: number;
  start_date: string;
  status: 'running' | 'in_arrears' | 'repaid' | 'defaulted';
  created_at: number;
  updated_at: number;
}

export interface LoanRepaymentTable {
  id: Generated<number>;
  loan_id: number;
  installment: number;
  due_date: string;
  amount_due: number;
  amount_paid: number;
  paid_at: number | null;
  status: 'scheduled' | 'on_time' | 'late' | 'missed';
  journal_id: number | null;
  updated_at: Generated<number>;
}

export interface StaffUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  mfa_secret: string | null;
  mfa_pending_secret: string | null;
  mfa_enabled: number;
  failed_attempts: number;
  locked_until: number | null;
  last_login_at: number | null;
  created_at: number;
  updated_at: number;
  /** Told to the user at the next sign-in, then cleared (schema v8). */
  security_notice: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AuditLogTable {
  seq: number;
  at: number;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/** Audit entries written inside busy transactions, waiting to be sealed into the chain (schema v6). */
export interface AuditPendingTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  details: string;
}

/** Single row (id = 1): the chain's head, locked while appending so writers serialize. */
export interface AuditHeadTable {
  id: number;
  last_seq: number;
  last_hash: string;
}

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
}

/** Schema v7: transactions confirmed as fraud by an analyst. */
export interface FraudMarkTable {
  journal_id: number;
  alert_id: number;
  marked_by: string;
  marked_at: number;
}

/** Schema v7: idempotency keys of review writes already applied on the bank (online or replayed from an outbox). */
export interface AppliedCommandTable {
  command_id: string;
  method: string;
  actor: string;
  applied_at: number;
  outcome: string;
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

/** Maker–checker: a change requested by one person, applied when another approves it (schema v8). */
export interface PendingChangeTable {
  id: Generated<number>;
  kind: 'account.unfreeze';
  /** What it changes, e.g. the account id. */
  subject: string;
  /** JSON: what the approver will apply. */
  payload: string;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  requested_by: string;
  requested_at: number;
  decided_by: string | null;
  decided_at: number | null;
  updated_at: number;
}

export interface ComplianceThresholdTable {
  id: Generated<number>;
  metric: string;
  description: string;
  unit: string;
  warn_at: number;
  breach_at: number;
  version: number;
  status: 'active' | 'pending_approval' | 'retired';
  proposed_by: string | null;
  approved_by: string | null;
  updated_at: number;
}

/**
 * Ground truth for the demo bank's injected fraud and laundering patterns.
 * Written by the generator, read only by benchmarks: detection code must never read it.
 */
export interface FraudLabelTable {
  journal_id: number;
  pattern: string;
  scenario: number;
}

/** Tombstones written by triggers on delete, so caches learn about deletions by watermark. */
export interface RowDeletionTable {
  id: Generated<number>;
  table_name: string;
  row_id: number;
  deleted_at: number;
}

/** Which internal ledger account takes the other side of a customer operation (schema v3). */
export interface InternalRouteTable {
  purpose: 'cash' | 'clearing';
  currency: string;
  /** 0 = any branch. */
  branch_id: number;
  account_id: number;
}

export interface BankMetaTable {
  key: string;
  value: string;
}

export interface BankDatabase {
  branches: BranchTable;
  products: ProductTable;
  customers: CustomerTable;
  accounts: AccountTable;
  account_freezes: AccountFreezeTable;
  journal: JournalTable;
  entries: EntryTable;
  cards: CardTable;
  loans: LoanTable;
  loan_repayments: LoanRepaymentTable;
  staff_users: StaffUserTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_pending: AuditPendingTable;
  fraud_alerts: FraudAlertTable;
  fraud_alert_txns: FraudAlertTxnTable;
  fraud_cases: FraudCaseTable;
  fraud_alert_rules: FraudAlertRuleTable;
  fraud_alert_notes: FraudAlertNoteTable;
  fraud_rule_versions: FraudRuleVersionTable;
  fraud_marks: FraudMarkTable;
  applied_commands: AppliedCommandTable;
  compliance_thresholds: ComplianceThresholdTable;
  pending_changes: PendingChangeTable;
  fraud_labels: FraudLabelTable;
  bank_meta: BankMetaTable;
  row_deletions: RowDeletionTable;
  internal_routes: InternalRouteTable;
}

export type Row<T extends keyof BankDatabase> = Selectable<BankDatabase[T]>;
export type NewRow<T extends keyof BankDatabase> = Insertable<BankDatabase[T]>;
