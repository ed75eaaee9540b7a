import type { Generated, Kysely, Transaction } from 'kysely';
import type { Bank } from './open';
import type { BankDatabase } from './schema';

/** An analyst's case (schema v13): alerts worked together; escalation hands it to compliance as one fraud_cases row. */
export type ReviewCaseTable = {
  id: Generated<number>;
  title: string;
  status: 'open' | 'escalated';
  owner: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
  compliance_case_id: number | null;
};

export type ReviewCaseAlertTable = { alert_id: number; case_id: number; added_by: string; added_at: number };

/** One line of a case's timeline; `details` is JSON of scalar values. */
export type ReviewCaseEventTable = { id: Generated<number>; case_id: number; at: number; actor: string; kind: string; summary: string; details: string };

/** Schema v14: protective actions. */
export type CardBlockTable = { card_id: number; case_id: number; reason: string; blocked_by: string; blocked_at: number };
export type TransferRecallTable = { journal_id: number; reversal_journal_id: number; case_id: number; reason: string; recalled_by: string; recalled_at: number };
export type CustomerContactTable = {
  id: Generated<number>;
  case_id: number;
  customer_id: number;
  channel: 'phone_call' | 'branch_visit';
  outcome: string;
  spoke_with: string;
  contacted_at: number;
  summary: string;
  recorded_by: string;
  recorded_at: number;
};

export type CaseTables = {
  review_cases: ReviewCaseTable;
  review_case_alerts: ReviewCaseAlertTable;
  review_case_events: ReviewCaseEventTable;
  card_blocks: CardBlockTable;
  transfer_recalls: TransferRecallTable;
  customer_contacts: CustomerContactTable;
};

/** The tables of schema v13–v14 (the least-privileged users' grants list them). */
export const CASE_TABLE_NAMES = [
  'review_cases',
  'review_case_alerts',
  'review_case_events',
  'card_blocks',
  'transfer_recalls',
  'customer_contacts',
] as const satisfies readonly (keyof CaseTables)[];

export type CaseDb = Kysely<BankDatabase & CaseTables>;

/** The bank (or a transaction on it) with the case tables typed; same connection. */
export function caseDb(bank: Bank | Kysely<BankDatabase> | Transaction<BankDatabase>): CaseDb {
  const db = 'dialect' in bank && 'db' in bank ? bank.db : bank;
  return db.withTables<CaseTables>();
}
