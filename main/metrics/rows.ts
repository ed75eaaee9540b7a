import { sql, type RawBuilder } from 'kysely';
import { bankDayStart, dayIso } from '../../shared/bank-time';
import type { MetricRowsQuery, MetricRowsResult, RowColumn as SentColumn } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { metricInfo } from './catalog';
import { checkDimensions, parseRange } from './engine';
import { ACCOUNTS_CLOSED, ACCOUNTS_OPENED, ALERTS_RAISED, alertsDisposed, CASH_POSTINGS, CUSTOMERS, FRAUD_MARKS, LOANS_GRANTED, POSTINGS, REACTIVATIONS } from './fact-tables';
import { filterCondition, timeConditions, type Fact } from './facts';
import { loadLoanBook, positionDim, positionsAt } from './loan-book';
import { POSTING_KEY_SORTS, postingsPage, postingsReady } from './rows-postings';
import { ALERT_SLA_MS } from './evaluators';
import type { MetricStore } from './store';

/**
 * The rows behind a figure: the same fact, period and filters the metric counted, one page at a time,
 * sorted by a whitelisted column. Stock metrics list what was held at the period's end.
 */

type Value = string | number | null;

/** A column as defined here; whether it sorts is said when it is sent, from the sorts the spec whitelists. */
type RowColumn = Omit<SentColumn, 'sortable'>;
const sendColumns = (columns: readonly RowColumn[], sorts: Iterable<string>): SentColumn[] => {
  const can = new Set(sorts);
  return columns.map((c) => ({ ...c, sortable: can.has(c.key) }));
};

/** Rows counted exactly up to this many; beyond it the total is reported as capped. */
const COUNT_CAP = 100_000;
type RowsPage = Pick<MetricRowsResult, 'kind' | 'columns' | 'rows' | 'total' | 'totalCapped'>;

interface SqlRows {
  kind: MetricRowsResult['kind'];
  fact: Fact;
  /** Extra joins for display columns, after the fact's own. */
  joins: RawBuilder<unknown>;
  columns: RowColumn[];
  select: RawBuilder<unknown>;
  sorts: Record<string, RawBuilder<unknown>>;
  defaultSort: string;
  /** Applies a time window other than the fact's own (stocks: held at the end). */
  window?: (store: MetricStore, fromDay: number, toDay: number) => RawBuilder<unknown>[];
  extraWhere?: RawBuilder<unknown>[];
}

const money = (key: string, label: string): RowColumn => ({ key, label, kind: 'money', currencyKey: 'currency' });
const text = (key: string, label: string): RowColumn => ({ key, label, kind: 'text' });

const TRANSACTIONS: Omit<SqlRows, 'fact'> = {
  kind: 'transactions',
  joins: sql`left join customers c on c.id = a.customer_id left join branches b on b.id = a.branch_id left join products p on p.id = a.product_id`,
  columns: [
    { key: 'bookedAt', label: 'Booked', kind: 'instant' },
    text('reference', 'Reference'),
    text('customerName', 'Customer'),
    text('accountNo', 'Account'),
    text('branch', 'Branch'),
    text('channel', 'Channel'),
    text('type', 'Type'),
    money('amount', 'Amount'),
    text('currency', 'Currency'),
    text('description', 'Description'),
  ],
  select: sql`e.id as "id", e.booked_at as "bookedAt", j.reference as "reference", c.legal_name as "customerName", a.customer_id as "customerId",
    a.account_no as "accountNo", b.name as "branch", j.channel as "channel", j.type as "type", e.amount as "amount", a.currency as "currency", j.description as "description"`,
  sorts: { bookedAt: sql`e.booked_at`, amount: sql`e.amount`, reference: sql`j.reference`, customerName: sql`c.legal_name`, accountNo: sql`a.account_no` },
  defaultSort: 'bookedAt',
};

const ACCOUNT_COLUMNS: RowColumn[] = [
  text('accountNo', 'Account'),
  text('customerName', 'Customer'),
  text('branch', 'Branch'),
  text('product', 'Product'),
  text('status', 'Status'),
  { key: 'openedAt', label: 'Opened', kind: 'instant' },
  { key: 'closedAt', label: 'Closed', kind: 'instant' },
  money('balance', 'Balance now'),
  text('currency', 'Currency'),
];
const ACCOUNT_SELECT = sql`a.id as "id", a.account_no as "accountNo", c.legal_name as "customerName", a.customer_id as "customerId", b.name as "branch",
  p.name as "product", a.status as "status", a.opened_at as "openedAt", a.closed_at as "closedAt", a.balance as "balance", a.currency as "currency"`;
const ACCOUNT_JOINS = sql`left join customers c on c.id = a.customer_id left join branches b on b.id = a.branch_id left join products p on p.id = a.product_id`;
const ACCOUNT_SORTS = { openedAt: sql`a.opened_at`, closedAt: sql`a.closed_at`, balance: sql`a.balance`, accountNo: sql`a.account_no`, customerName: sql`c.legal_name` };

const accountsBy = (fact: Fact, defaultSort: string): SqlRows => ({
  kind: 'accounts',
  fact,
  joins: ACCOUNT_JOINS,
  columns: ACCOUNT_COLUMNS,
  select: ACCOUNT_SELECT,
  sorts: ACCOUNT_SORTS,
  defaultSort,
});

/** Accounts open at the period's end: the ones whose balances make up deposits held then. */
const HELD_ACCOUNTS: SqlRows = {
  ...accountsBy(ACCOUNTS_OPENED, 'balance'),
  window: (store, _from, toDay) => {
    const end = bankDayStart(toDay, store.timeZone);
    return [sql`a.opened_at < ${end}`, sql`(a.closed_at is null or a.closed_at >= ${end})`];
  },
};

const CUSTOMER_ROWS: SqlRows = {
  kind: 'customers',
  fact: CUSTOMERS,
  joins: sql`left join branches b on b.id = c.branch_id`,
  columns: [
    text('customerNo', 'Customer no.'),
    text('customerName', 'Name'),
    text('branch', 'Branch'),
    text('riskRating', 'Risk'),
    text('kycStatus', 'KYC'),
    { key: 'createdAt', label: 'Registered', kind: 'instant' },
  ],
  select: sql`c.id as "id", c.id as "customerId", c.customer_no as "customerNo", c.legal_name as "customerName", b.name as "branch", c.risk_rating as "riskRating", c.kyc_status as "kycStatus", c.created_at as "createdAt"`,
  sorts: { createdAt: sql`c.created_at`, customerName: sql`c.legal_name`, customerNo: sql`c.customer_no` },
  defaultSort: 'createdAt',
};

const LOAN_COLUMNS: RowColumn[] = [
  text('loanId', 'Loan'),
  text('customerName', 'Customer'),
  text('accountNo', 'Account'),
  text('branch', 'Branch'),
  { key: 'startDate', label: 'Granted', kind: 'date' },
  money('principal', 'Principal'),
  text('status', 'Status'),
  text('currency', 'Currency'),
];

const GRANTED_LOANS: SqlRows = {
  kind: 'loans',
  fact: LOANS_GRANTED,
  joins: sql`left join customers c on c.id = l.customer_id left join branches b on b.id = a.branch_id`,
  columns: LOAN_COLUMNS,
  select: sql`l.id as "id", l.id as "loanId", c.legal_name as "customerName", l.customer_id as "customerId", a.account_no as "accountNo", b.name as "branch",
    l.start_date as "startDate", l.principal as "principal", l.status as "status", l.currency as "currency"`,
  sorts: { startDate: sql`l.start_date`, principal: sql`l.principal`, customerName: sql`c.legal_name`, loanId: sql`l.id` },
  defaultSort: 'startDate',
};

const ALERT_COLUMNS: RowColumn[] = [
  text('alertId', 'Alert'),
  { key: 'detectedAt', label: 'Detected', kind: 'instant' },
  text('rule', 'Rule'),
  { key: 'riskScore', label: 'Risk', kind: 'count' },
  text('status', 'Status'),
  text('customerName', 'Customer'),
  money('amount', 'Largest amount'),
  text('currency', 'Currency'),
];

const alertsBy = (fact: Fact): SqlRows => ({
  kind: 'alerts',
  fact,
  joins: sql`left join customers c on c.id = f.customer_id`,
  columns: ALERT_COLUMNS,
  select: sql`f.id as "id", f.id as "alertId", f.detected_at as "detectedAt", f.rule_id as "rule", f.risk_score as "riskScore", f.status as "status",
    c.legal_name as "customerName", f.customer_id as "customerId", f.amount as "amount", f.currency as "currency"`,
  sorts: { detectedAt: sql`f.detected_at`, riskScore: sql`f.risk_score`, amount: sql`f.amount`, alertId: sql`f.id` },
  defaultSort: 'detectedAt',
});

const MARKED_TRANSACTIONS: SqlRows = {
  kind: 'transactions',
  fact: FRAUD_MARKS,
  joins: sql``,
  columns: [
    { key: 'markedAt', label: 'Confirmed', kind: 'instant' },
    { key: 'bookedAt', label: 'Booked', kind: 'instant' },
    text('reference', 'Reference'),
    text('channel', 'Channel'),
    text('type', 'Type'),
    money('amount', 'Amount'),
    text('currency', 'Currency'),
    text('description', 'Description'),
  ],
  select: sql`j.id as "id", m.marked_at as "markedAt", j.booked_at as "bookedAt", j.reference as "reference", j.channel as "channel", j.type as "type", j.amount as "amount", j.currency as "currency", j.description as "description"`,
  sorts: { markedAt: sql`m.marked_at`, bookedAt: sql`j.booked_at`, amount: sql`j.amount` },
  defaultSort: 'markedAt',
};

/** Customers whose review date had passed at the period's end (kyc_reviews_overdue). */
const KYC_OVERDUE_CUSTOMERS: SqlRows = {
  ...CUSTOMER_ROWS,
  fact: { ...CUSTOMERS, dims: { branch: sql`c.branch_id`, risk_rating: sql`c.risk_rating` } },
  columns: [...CUSTOMER_ROWS.columns, { key: 'kycNextReview', label: 'Review due', kind: 'date' }],
  select: sql`${CUSTOMER_ROWS.select}, c.kyc_next_review as "kycNextReview"`,
  sorts: { ...CUSTOMER_ROWS.sorts, kycNextReview: sql`c.kyc_next_review` },
  defaultSort: 'kycNextReview',
  window: (store, _from, toDay) => [sql`c.kyc_next_review < ${dayIso(toDay)}`, sql`c.created_at < ${bankDayStart(toDay, store.timeZone)}`],
};

/** Alerts undecided at the period's end and older than the service level then (fraud_alerts_backlog). */
const BACKLOG_ALERTS: SqlRows = {
  ...alertsBy(ALERTS_RAISED),
  window: (store, _from, toDay) => {
    const end = bankDayStart(toDay, store.timeZone);
    return [sql`f.detected_at < ${end - ALERT_SLA_MS}`, sql`(f.disposed_at is null or f.disposed_at >= ${end})`];
  },
};

function sqlRowsFor(metric: MetricRowsQuery['metric']): SqlRows | null {
  switch (metric) {
    case 'transactions_count':
    case 'transactions_volume':
      return { ...TRANSACTIONS, fact: POSTINGS };
    case 'deposits_held':
    case 'average_balance_per_customer':
      return HELD_ACCOUNTS;
    case 'accounts_opened':
      return accountsBy(ACCOUNTS_OPENED, 'openedAt');
    case 'accounts_closed':
      return accountsBy(ACCOUNTS_CLOSED, 'closedAt');
    case 'new_customers':
      return CUSTOMER_ROWS;
    case 'loans_granted_count':
    case 'loans_granted_amount':
    case 'default_rate':
      return GRANTED_LOANS;
    case 'fraud_alerts_raised':
      return alertsBy(ALERTS_RAISED);
    case 'fraud_alerts_confirmed':
      return alertsBy(alertsDisposed('confirmed'));
    case 'fraud_alerts_dismissed':
      return alertsBy(alertsDisposed('dismissed'));
    case 'fraud_confirmed_amount':
      return MARKED_TRANSACTIONS;
    case 'cash_volume':
      return { ...TRANSACTIONS, fact: CASH_POSTINGS };
    case 'dormant_reactivated':
      return { ...TRANSACTIONS, fact: REACTIVATIONS };
    case 'kyc_reviews_overdue':
      return KYC_OVERDUE_CUSTOMERS;
    case 'fraud_alerts_backlog':
      return BACKLOG_ALERTS;
    default:
      return null;
  }
}

function num(v: unknown): Value {
  if (v === null || v === undefined) return null;
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : String(v);
}

async function sqlPage(store: MetricStore, spec: SqlRows, q: MetricRowsQuery, fromDay: number, toDay: number): Promise<RowsPage> {
  const sortKey = q.sort ?? spec.defaultSort;
  const sortColumn = spec.sorts[sortKey];
  if (!sortColumn) throw new AppError('VALIDATION', `sort: rows can be sorted by ${Object.keys(spec.sorts).join(', ')}.`);
  if (spec.fact === POSTINGS && store.rollups && store.bank.dialect === 'sqlite' && POSTING_KEY_SORTS.has(sortKey) && (await postingsReady(store))) {
    return cachedPostingsPage(store, spec, q, sortKey, fromDay, toDay);
  }
  const time = spec.window ? spec.window(store, fromDay, toDay) : timeConditions(store, spec.fact, { fromDay, toDay });
  const where = sql.join([...spec.fact.where, ...time, ...q.filters.map((f) => filterCondition(spec.fact, f)), ...(spec.extraWhere ?? [])], sql` and `);
  const dir = q.direction === 'asc' ? sql`asc` : sql`desc`;
  const [page, count] = await Promise.all([
    sql<
      Record<string, unknown>
    >`select ${spec.select} from ${spec.fact.from} ${spec.joins} where ${where} order by ${sortColumn} ${dir}, 1 ${dir} limit ${q.limit} offset ${q.offset}`.execute(store.bank.db),
    // Counting a year of postings would cost more than the page: past the cap the total says "at least".
    sql<{ n: number }>`select count(*) as n from (select 1 as one from ${spec.fact.from} where ${where} limit ${COUNT_CAP + 1}) counted`.execute(store.bank.db),
  ]);
  const rows = page.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, num(v)])));
  const total = Number(count.rows[0]?.n ?? 0);
  return { kind: spec.kind, columns: sendColumns(spec.columns, Object.keys(spec.sorts)), rows, total: Math.min(total, COUNT_CAP), totalCapped: total > COUNT_CAP };
}

/** On the cache: the page from cache_postings (see rows-postings.ts), joined for its own rows only. */
async function cachedPostingsPage(store: MetricStore, spec: SqlRows, q: MetricRowsQuery, sortKey: string, fromDay: number, toDay: number): Promise<RowsPage> {
  const page = await postingsPage(store, q, sortKey, fromDay, toDay, COUNT_CAP);
  const rows = page.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, num(v)])));
  // The rollups know the exact total; it is capped as the bank's count is, so both stores say the same.
  return {
    kind: spec.kind,
    columns: sendColumns(spec.columns, Object.keys(spec.sorts)),
    rows,
    total: Math.min(page.total, COUNT_CAP),
    totalCapped: page.capped || page.total > COUNT_CAP,
  };
}

const BOOK_COLUMNS: RowColumn[] = [...LOAN_COLUMNS, money('outstanding', 'Outstanding'), { key: 'daysPastDue', label: 'Days past due', kind: 'count' }, text('bucket', 'Bucket')];

/** Loans in the book at the period's end, as the loan-book metrics counted them. */
async function bookPage(store: MetricStore, q: MetricRowsQuery, toDay: number): Promise<RowsPage> {
  const book = await loadLoanBook(store);
  const positions = positionsAt(book, toDay, store.timeZone).filter(
    (p) => q.filters.every((f) => positionDim(p, f.dimension) === f.value) && (q.metric !== 'delinquency' || p.daysPastDue > 0),
  );
  const sortKey = q.sort ?? 'outstanding';
  const sortable: Record<string, (p: (typeof positions)[number]) => number> = {
    outstanding: (p) => p.outstanding,
    daysPastDue: (p) => p.daysPastDue,
    principal: (p) => p.loan.principal,
    startDate: (p) => p.loan.startDay,
    loanId: (p) => p.loan.id,
  };
  const by = sortable[sortKey];
  if (!by) throw new AppError('VALIDATION', `sort: rows can be sorted by ${Object.keys(sortable).join(', ')}.`);
  const sign = q.direction === 'asc' ? 1 : -1;
  positions.sort((a, b) => sign * (by(a) - by(b)) || a.loan.id - b.loan.id);
  const slice = positions.slice(q.offset, q.offset + q.limit);
  const ids = slice.map((p) => p.loan.id);
  const details = ids.length
    ? await sql<{ id: number; customer_id: number; legal_name: string | null; account_no: string; branch: string | null; start_date: string }>`
        select l.id, l.customer_id, c.legal_name, a.account_no, b.name as branch, l.start_date from loans l join accounts a on a.id = l.account_id
        left join customers c on c.id = l.customer_id left join branches b on b.id = a.branch_id where l.id in (${sql.join(ids)})`.execute(store.bank.db)
    : { rows: [] };
  const byId = new Map(details.rows.map((d) => [Number(d.id), d]));
  const rows = slice.map((p) => {
    const d = byId.get(p.loan.id);
    return {
      id: p.loan.id,
      loanId: p.loan.id,
      customerName: d?.legal_name ?? null,
      customerId: d ? Number(d.customer_id) : null,
      accountNo: d?.account_no ?? null,
      branch: d?.branch ?? null,
      startDate: d ? String(d.start_date).slice(0, 10) : null,
      principal: p.loan.principal,
      status: p.loan.status,
      currency: p.loan.currency,
      outstanding: p.outstanding,
      daysPastDue: p.daysPastDue,
      bucket: p.bucket,
    };
  });
  return { kind: 'loans', columns: sendColumns(BOOK_COLUMNS, Object.keys(sortable)), rows, total: positions.length, totalCapped: false };
}

export async function metricRows(store: MetricStore, q: MetricRowsQuery): Promise<MetricRowsResult> {
  const info = metricInfo(q.metric);
  checkDimensions(
    info,
    q.filters.map((f) => f.dimension),
    'filters',
  );
  const { fromDay, toDay } = parseRange(q.from, q.to);
  const spec = sqlRowsFor(q.metric);
  const page = spec ? await sqlPage(store, spec, q, fromDay, toDay) : await bookPage(store, q, toDay);
  return { ...page, source: store.source, asOf: store.asOf, timeZone: store.timeZone };
}
