import type { Customer360, CustomerView } from '../../shared/contract/customers';
import { AppError } from '../../shared/errors';
import type { Bank } from '../source';
import { asSeenByPayee } from '../banking';
import { readCustomer, toCustomer, type CustomerShownRow } from './records';
import { RECENT, recentMovements, type MovementRow } from './recent-movements';
import { readCustomerOnSqlite } from './customer360-sqlite';

/** Profile, accounts, the last 50 movements across them, loans with their repayment record, fraud alerts. */
export async function customer360(bank: Bank, id: number, asOf: number | null): Promise<Customer360> {
  const view = await customerView(bank, id, asOf, true);
  return { ...view, alerts: view.alerts ?? [] };
}

export interface AccountRow {
  id: number;
  account_no: string;
  name: string;
  product_name: string | null;
  currency: string;
  balance: number;
  status: 'open' | 'frozen' | 'closed';
  status_reason: string | null;
  opened_at: number;
}
export interface LoanRow {
  id: number;
  product_name: string;
  principal: number;
  currency: string;
  monthly_payment: number;
  term_months: number;
  start_date: string;
  status: string;
  paid: number | null;
  late: number | null;
}
export interface AlertRow {
  id: number;
  rule_id: string;
  risk_score: number;
  status: string;
  detected_at: number;
  account_id: number;
}
/** What a 360 is made of, as read from either engine; `alerts` is empty when they were not to be read. */
export interface CustomerParts {
  row: CustomerShownRow;
  accounts: AccountRow[];
  movements: MovementRow[];
  loans: LoanRow[];
  alerts: AlertRow[];
}

/**
 * The same, with the fraud alerts only when `withAlerts` (the caller's role has fraud.view); without,
 * they are not even read, and `alerts` is null. A SQLite bank (the cache, the embedded bank) answers
 * with statements prepared once per connection (./customer360-sqlite.ts); MySQL through Kysely.
 */
export async function customerView(bank: Bank, id: number, asOf: number | null, withAlerts: boolean): Promise<CustomerView> {
  // A connection inside a transaction belongs to a Kysely write between its awaits (the embedded bank
  // posting): reading it synchronously now would see the write half done, so wait for it as Kysely does.
  const sqlite = bank.sqlite && !bank.sqlite.inTransaction ? bank.sqlite : null;
  const parts = sqlite ? readCustomerOnSqlite(sqlite, id, withAlerts) : await readCustomerParts(bank, id, withAlerts);
  if (!parts) throw new AppError('NOT_FOUND', `There is no customer with id ${id}.`);
  return toView(bank.db, parts, asOf, withAlerts);
}

/** The 360's reads through Kysely, for any engine: what MySQL runs, and what the SQLite path must agree with. */
export async function readCustomerParts(bank: Bank, id: number, withAlerts: boolean): Promise<CustomerParts | null> {
  const db = bank.db;
  const row = await readCustomer(db, id);
  if (!row) return null;
  const accounts = await db
    .selectFrom('accounts as a')
    .leftJoin('products as p', 'p.id', 'a.product_id')
    .select(['a.id', 'a.account_no', 'a.name', 'p.name as product_name', 'a.currency', 'a.balance', 'a.status', 'a.status_reason', 'a.opened_at'])
    .where('a.customer_id', '=', id)
    .orderBy('a.opened_at')
    .orderBy('a.id')
    .execute();
  const ids = accounts.map((a) => Number(a.id));

  const loansQ = db
    .selectFrom('loans as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select((eb) => [
      'l.id',
      'p.name as product_name',
      'l.principal',
      'l.currency',
      'l.monthly_payment',
      'l.term_months',
      'l.start_date',
      'l.status',
      eb
        .selectFrom('loan_repayments as r')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .whereRef('r.loan_id', '=', 'l.id')
        .where('r.status', 'in', ['on_time', 'late'])
        .as('paid'),
      eb
        .selectFrom('loan_repayments as r')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .whereRef('r.loan_id', '=', 'l.id')
        .where('r.status', 'in', ['late', 'missed'])
        .as('late'),
    ])
    .where('l.customer_id', '=', id)
    .orderBy('l.start_date', 'desc')
    .orderBy('l.id', 'desc')
    .execute();
  const alertsQ =
    ids.length === 0 || !withAlerts
      ? Promise.resolve([])
      : db
          .selectFrom('fraud_alerts')
          .select(['id', 'rule_id', 'risk_score', 'status', 'detected_at', 'account_id'])
          .where('account_id', 'in', ids)
          .orderBy('detected_at', 'desc')
          .orderBy('id', 'desc')
          .limit(RECENT)
          .execute();
  const [movements, loans, alerts] = await Promise.all([recentMovements(bank, ids), loansQ, alertsQ]);
  return { row, accounts, movements, loans, alerts };
}

async function toView(db: Bank['db'], parts: CustomerParts, asOf: number | null, withAlerts: boolean): Promise<CustomerView> {
  const { row, accounts, movements, loans, alerts } = parts;
  const accountNo = new Map(accounts.map((a) => [Number(a.id), a.account_no]));
  const recent = await asSeenByPayee(
    db,
    movements.map((m) => ({
      ...m,
      journalId: m.journal_id,
      accountId: m.account_id,
      amount: m.amount,
      counterpartyName: m.counterparty_name,
      counterpartyAccount: m.counterparty_account,
    })),
  );
  return {
    customer: toCustomer(row),
    accounts: accounts.map((a) => ({
      id: Number(a.id),
      accountNo: a.account_no,
      name: a.name,
      productName: a.product_name,
      currency: a.currency,
      balance: Number(a.balance),
      status: a.status,
      statusReason: a.status_reason,
      openedAt: Number(a.opened_at),
    })),
    recentActivity: recent.map((m) => ({
      journalId: Number(m.journal_id),
      reference: m.reference,
      bookedAt: Number(m.booked_at),
      accountNo: accountNo.get(Number(m.account_id)) ?? '',
      type: m.type,
      channel: m.channel,
      description: m.description,
      amount: Number(m.amount),
      currency: m.currency,
      balanceAfter: Number(m.balance_after),
    })),
    loans: loans.map((l) => ({
      id: Number(l.id),
      productName: l.product_name,
      principal: Number(l.principal),
      currency: l.currency,
      monthlyPayment: Number(l.monthly_payment),
      termMonths: Number(l.term_months),
      startDate: l.start_date,
      status: l.status,
      paidInstallments: Number(l.paid ?? 0),
      lateInstallments: Number(l.late ?? 0),
    })),
    alerts: !withAlerts
      ? null
      : alerts.map((a) => ({
          id: Number(a.id),
          ruleId: a.rule_id,
          riskScore: Number(a.risk_score),
          status: a.status,
          detectedAt: Number(a.detected_at),
          accountNo: accountNo.get(Number(a.account_id)) ?? '',
        })),
    asOf,
  };
}
