import { contributingRules, readFraudExplanation, type FraudAlertStatus } from '../../shared/fraud-explanation';
import type { Bank } from '../source';
import { csvCell } from '../../shared/spreadsheet-cell';

export interface ExportedTxn {
  journalId: number;
  reference: string;
  externalRef: string | null;
  bookedAt: string;
  type: string;
  amount: number;
  currency: string;
  counterparty: string | null;
}

/** One alert as handed to case-management and BI systems. */
export interface ExportedAlert {
  id: number;
  alertKey: string;
  rules: string[];
  primaryRule: string;
  ruleVersion: number;
  riskScore: number;
  status: string;
  assignee: string | null;
  accountNo: string;
  customerNo: string | null;
  detectedAt: string;
  transactions: ExportedTxn[];
}

/** Alerts (optionally of one status), highest risk first, each with its transactions and their references. */
export async function exportAlerts(bank: Bank, opts: { status?: FraudAlertStatus } = {}): Promise<ExportedAlert[]> {
  let q = bank.db
    .selectFrom('fraud_alerts as f')
    .innerJoin('accounts as a', 'a.id', 'f.account_id')
    .leftJoin('customers as c', 'c.id', 'f.customer_id')
    .select(['f.id', 'f.alert_key', 'f.rule_id', 'f.rule_version', 'f.risk_score', 'f.status', 'f.assignee', 'f.explanation', 'f.detected_at', 'a.account_no', 'c.customer_no']);
  if (opts.status) q = q.where('f.status', '=', opts.status);
  const alerts = await q.orderBy('f.risk_score', 'desc').orderBy('f.id').execute();
  const txns = new Map<number, ExportedTxn[]>();
  for (let i = 0; i < alerts.length; i += 500) {
    const ids = alerts.slice(i, i + 500).map((a) => Number(a.id));
    const rows = await bank.db
      .selectFrom('fraud_alert_txns as t')
      .innerJoin('journal as j', 'j.id', 't.journal_id')
      .select(['t.alert_id', 'j.id', 'j.reference', 'j.external_ref', 'j.booked_at', 'j.type', 'j.amount', 'j.currency', 'j.counterparty_name'])
      .where('t.alert_id', 'in', ids)
      .orderBy('t.alert_id')
      .orderBy('j.booked_at')
      .orderBy('j.id')
      .execute();
    for (const r of rows) {
      const list = txns.get(Number(r.alert_id)) ?? [];
      list.push({
        journalId: Number(r.id),
        reference: r.reference,
        externalRef: r.external_ref,
        bookedAt: new Date(Number(r.booked_at)).toISOString(),
        type: r.type,
        amount: Number(r.amount),
        currency: r.currency,
        counterparty: r.counterparty_name,
      });
      txns.set(Number(r.alert_id), list);
    }
  }
  return alerts.map((a) => ({
    id: Number(a.id),
    alertKey: a.alert_key,
    rules: contributingRules(readFraudExplanation(a.explanation), a.rule_id),
    primaryRule: a.rule_id,
    ruleVersion: Number(a.rule_version),
    riskScore: Number(a.risk_score),
    status: a.status,
    assignee: a.assignee,
    accountNo: a.account_no,
    customerNo: a.customer_no,
    detectedAt: new Date(Number(a.detected_at)).toISOString(),
    transactions: txns.get(Number(a.id)) ?? [],
  }));
}

const CSV_HEADER = ['id', 'alert_key', 'rules', 'risk_score', 'status', 'assignee', 'account_no', 'customer_no', 'detected_at', 'transaction_count', 'references', 'external_refs'];

/** Assignees, keys and references are free text: a formula in them stays text (issue 14, finding 9). */
const cell = csvCell;

/** One line per alert; a cell lists the alert's transactions' references (and external refs) separated by `;`. */
export function alertsToCsv(alerts: readonly ExportedAlert[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const a of alerts) {
    lines.push(
      [
        a.id,
        a.alertKey,
        a.rules.join(';'),
        a.riskScore,
        a.status,
        a.assignee,
        a.accountNo,
        a.customerNo,
        a.detectedAt,
        a.transactions.length,
        a.transactions.map((t) => t.reference).join(';'),
        a.transactions.map((t) => t.externalRef ?? '').join(';'),
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
