import type { Kysely } from 'kysely';
import type { AlertFilter, AlertRow } from '../../shared/contract/fraud';
import { contributingRules, readFraudExplanation, type FraudAlertStatus } from '../../shared/fraud-explanation';
import type { BankDatabase } from '../source';

/** Statuses still waiting for an analyst. */
export const OPEN_STATUSES: FraudAlertStatus[] = ['new', 'in_review'];

/** The alerts matching a queue filter (no joins: the count uses exactly this). */
export function filtered(db: Kysely<BankDatabase>, f: Partial<AlertFilter>, caller: string) {
  let q = db.selectFrom('fraud_alerts as f');
  if (f.status && f.status.length) q = q.where('f.status', 'in', f.status);
  if (f.ruleId) q = q.where('f.rule_id', '=', f.ruleId);
  if (f.assignee !== undefined) {
    if (f.assignee === 'unassigned') q = q.where('f.assignee', 'is', null);
    else q = q.where('f.assignee', '=', f.assignee === 'me' ? caller : f.assignee);
  }
  if (f.currency !== undefined) q = q.where('f.currency', '=', f.currency);
  if (f.minAmount !== undefined) q = q.where('f.amount', '>=', f.minAmount);
  if (f.maxAmount !== undefined) q = q.where('f.amount', '<=', f.maxAmount);
  if (f.branchId !== undefined) q = q.where('f.branch_id', '=', f.branchId);
  if (f.minRisk !== undefined) q = q.where('f.risk_score', '>=', f.minRisk);
  return q;
}

/** Adds the joins and columns of a queue row. */
export function withRowColumns(q: ReturnType<typeof filtered>) {
  return q
    .innerJoin('accounts as a', 'a.id', 'f.account_id')
    .leftJoin('customers as c', 'c.id', 'f.customer_id')
    .leftJoin('branches as b', 'b.id', 'a.branch_id')
    .select([
      'f.id',
      'f.rule_id',
      'f.risk_score',
      'f.status',
      'f.assignee',
      'f.account_id',
      'a.account_no',
      'f.customer_id',
      'c.legal_name',
      'a.branch_id',
      'b.name as branch_name',
      'f.amount',
      'f.currency',
      'f.txn_count',
      'f.detected_at',
      'f.updated_at',
      'f.explanation',
    ]);
}

export type RawAlertRow = Awaited<ReturnType<ReturnType<typeof withRowColumns>['execute']>>[number];

export function toAlertRow(r: RawAlertRow): AlertRow {
  return {
    id: Number(r.id),
    ruleId: r.rule_id,
    rules: contributingRules(readFraudExplanation(r.explanation), r.rule_id),
    riskScore: Number(r.risk_score),
    status: r.status,
    assignee: r.assignee,
    accountId: Number(r.account_id),
    accountNo: r.account_no,
    customerId: r.customer_id === null ? null : Number(r.customer_id),
    customerName: r.legal_name ?? null,
    branchId: Number(r.branch_id),
    branchName: r.branch_name ?? '',
    amount: Number(r.amount),
    currency: r.currency,
    txnCount: Number(r.txn_count),
    detectedAt: Number(r.detected_at),
    updatedAt: Number(r.updated_at),
  };
}

export async function alertRowsByIds(db: Kysely<BankDatabase>, ids: number[]): Promise<AlertRow[]> {
  if (ids.length === 0) return [];
  const rows = await withRowColumns(db.selectFrom('fraud_alerts as f').where('f.id', 'in', ids)).execute();
  return rows.map(toAlertRow);
}

/** UTC, minutes: for messages (the UI shows instants in the user's zone; messages are text). */
export function fmtTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
