import { GRAINS } from '../../shared/bank-time';
import type { Dimension, MetricId, MetricInfo } from '../../shared/contract';

/**
 * The metric catalog: every figure the product shows, defined once. Screens, compliance monitors,
 * reports and the CLI ask for these by id; how each is computed lives in ./evaluators.ts.
 */

const ALL_GRAINS = [...GRAINS];
const FLOW_DIMS: Dimension[] = ['branch', 'product', 'channel', 'type', 'currency', 'direction'];
const ACCOUNT_DIMS: Dimension[] = ['branch', 'product', 'currency'];
const LOAN_DIMS: Dimension[] = ['branch', 'product', 'currency', 'loan_status'];
const BOOK_DIMS: Dimension[] = ['branch', 'product', 'currency', 'loan_status', 'dpd_bucket'];
const ALERT_DIMS: Dimension[] = ['branch', 'alert_status', 'rule'];

// Metrics read off the same rows and split the same ways share these; each then says what it measures.
/** Postings counted and summed (transactions_count, transactions_volume). */
const POSTINGS_FLOW = { kind: 'flow', dimensions: FLOW_DIMS, additive: true, rows: 'transactions', better: 'neutral' } as const;
/** Loans granted in the period, counted and summed. */
const LOANS_GRANTED = { kind: 'flow', dimensions: LOAN_DIMS, additive: true, rows: 'loans', better: 'up' } as const;
/** The NPL ratio by amount and by count. */
const NPL_RATIO = { unit: 'ratio', kind: 'stock', dimensions: LOAN_DIMS, additive: false, rows: 'loans', better: 'down' } as const;
/** Fraud alerts counted by the day of a step in their life (raised, confirmed, dismissed). */
const ALERT_COUNT = { unit: 'count', kind: 'flow', dimensions: ALERT_DIMS, additive: true, rows: 'alerts', better: 'neutral' } as const;

function m(info: Omit<MetricInfo, 'grains'> & { grains?: MetricInfo['grains'] }): MetricInfo {
  return { grains: ALL_GRAINS, ...info };
}

export const CATALOG: readonly MetricInfo[] = [
  m({
    id: 'transactions_count',
    label: 'Transactions',
    definition: 'Postings on customer accounts in the period: each deposit, withdrawal, payment or fee counts once; a transfer between two customers counts once on each account.',
    unit: 'count',
    ...POSTINGS_FLOW,
  }),
  m({
    id: 'transactions_volume',
    label: 'Transaction volume',
    definition:
      'The amounts of those postings, money in and out added without sign, per currency (never summed across currencies). Split by direction to see money in and money out.',
    unit: 'money',
    ...POSTINGS_FLOW,
  }),
  m({
    id: 'deposits_held',
    label: 'Deposits held',
    definition: 'The balances of customer accounts (current, savings and term deposits) at the end of the period, net of overdrafts, per currency.',
    unit: 'money',
    kind: 'stock',
    dimensions: ACCOUNT_DIMS,
    additive: true,
    rows: 'accounts',
    better: 'up',
  }),
  m({
    id: 'average_balance_per_customer',
    label: 'Average balance per customer',
    definition: 'Deposits held at the end of the period divided by the customers holding an open account in that currency then.',
    unit: 'money',
    kind: 'stock',
    dimensions: ACCOUNT_DIMS,
    additive: false,
    rows: 'accounts',
    better: 'up',
  }),
  m({
    id: 'new_customers',
    label: 'New customers',
    definition: 'Customers registered in the period, by their home branch.',
    unit: 'count',
    kind: 'flow',
    dimensions: ['branch'],
    additive: true,
    rows: 'customers',
    better: 'up',
  }),
  m({
    id: 'accounts_opened',
    label: 'Accounts opened',
    definition: 'Customer accounts opened in the period.',
    unit: 'count',
    kind: 'flow',
    dimensions: ACCOUNT_DIMS,
    additive: true,
    rows: 'accounts',
    better: 'up',
  }),
  m({
    id: 'accounts_closed',
    label: 'Accounts closed',
    definition: 'Customer accounts closed in the period.',
    unit: 'count',
    kind: 'flow',
    dimensions: ACCOUNT_DIMS,
    additive: true,
    rows: 'accounts',
    better: 'down',
  }),
  m({
    id: 'loans_granted_count',
    label: 'Loans granted',
    definition: 'Loans whose start date falls in the period. Split by loan status to see how they stand today (their current status as stored).',
    unit: 'count',
    ...LOANS_GRANTED,
  }),
  m({
    id: 'loans_granted_amount',
    label: 'Loans granted (amount)',
    definition: 'The principal of the loans whose start date falls in the period, per currency.',
    unit: 'money',
    ...LOANS_GRANTED,
  }),
  m({
    id: 'loan_portfolio_outstanding',
    label: 'Loan portfolio outstanding',
    definition: 'What borrowers still owed at the end of the period under their repayment schedules (instalments, principal and interest, not yet paid by then), per currency.',
    unit: 'money',
    kind: 'stock',
    dimensions: [...BOOK_DIMS, 'customer'],
    additive: true,
    rows: 'loans',
    better: 'neutral',
  }),
  m({
    id: 'delinquency',
    label: 'Delinquent loans',
    definition:
      'Outstanding on loans with an instalment past due at the end of the period, by days past due of the oldest unpaid instalment (1–29, 30–59, 60–89, 90+); loans with nothing past due are current and not counted here.',
    unit: 'money',
    kind: 'stock',
    dimensions: BOOK_DIMS,
    additive: true,
    rows: 'loans',
    better: 'down',
  }),
  m({
    id: 'npl_ratio',
    label: 'Non-performing loans (by amount)',
    definition:
      'Outstanding on loans 90 or more days past due or defaulted, as a share of all outstanding, per currency, at the end of the period. Defaulted is the loan’s current status.',
    ...NPL_RATIO,
  }),
  m({
    id: 'npl_ratio_count',
    label: 'Non-performing loans (by count)',
    definition: 'Loans 90 or more days past due or defaulted, as a share of all loans with something outstanding, at the end of the period.',
    ...NPL_RATIO,
  }),
  m({
    id: 'default_rate',
    label: 'Default rate',
    definition: 'Of the loans granted in the period, the share whose current status is defaulted.',
    unit: 'ratio',
    kind: 'flow',
    dimensions: ['branch', 'product', 'currency'],
    additive: false,
    rows: 'loans',
    better: 'down',
  }),
  m({
    id: 'fraud_alerts_raised',
    label: 'Fraud alerts raised',
    definition: 'Alerts the fraud rules raised in the period, whatever became of them. Split by status to see where they stand.',
    ...ALERT_COUNT,
  }),
  m({
    id: 'fraud_alerts_confirmed',
    label: 'Fraud alerts confirmed',
    definition: 'Alerts an analyst confirmed as fraud in the period (by the day of the decision).',
    ...ALERT_COUNT,
  }),
  m({ id: 'fraud_alerts_dismissed', label: 'Fraud alerts dismissed', definition: 'Alerts an analyst dismissed in the period (by the day of the decision).', ...ALERT_COUNT }),
  m({
    id: 'fraud_confirmed_amount',
    label: 'Confirmed fraud amount',
    definition: 'The amounts of the transactions analysts confirmed as fraud, on the day they confirmed them, per currency.',
    unit: 'money',
    kind: 'flow',
    dimensions: ['channel', 'type', 'currency'],
    additive: true,
    rows: 'transactions',
    better: 'down',
  }),
  m({
    id: 'cash_volume',
    label: 'Cash deposits and withdrawals',
    definition:
      'Cash paid in or taken out over the counter or at an ATM (deposits and withdrawals on the branch and ATM channels) on customer accounts, per currency. Transfers and card payments are not cash. Split by direction to keep cash in and cash out apart, and by customer and day for currency transaction reports.',
    unit: 'money',
    kind: 'flow',
    dimensions: ['branch', 'currency', 'direction', 'customer'],
    additive: true,
    rows: 'transactions',
    better: 'neutral',
  }),
  m({
    id: 'kyc_reviews_overdue',
    label: 'KYC reviews overdue',
    definition: 'Customers registered by the end of the period whose next KYC review date (as stored now) fell before the period’s end: their periodic review is late.',
    unit: 'count',
    kind: 'stock',
    dimensions: ['branch', 'risk_rating'],
    additive: true,
    rows: 'customers',
    better: 'down',
  }),
  m({
    id: 'dormant_reactivated',
    label: 'Dormant accounts reactivated',
    definition:
      'Customer accounts with a posting in the period after 180 days or more without any posting (and with postings before that): dormant accounts that suddenly moved money, counted on the day they woke up.',
    unit: 'count',
    kind: 'flow',
    dimensions: ['branch', 'product', 'currency'],
    additive: true,
    rows: 'transactions',
    better: 'down',
  }),
  m({
    id: 'fraud_alerts_backlog',
    label: 'Fraud alerts past their review time',
    definition:
      'Alerts still undecided (not confirmed, dismissed or escalated) at the end of the period that had been raised more than 72 hours before it: the review backlog older than its service level.',
    unit: 'count',
    kind: 'stock',
    dimensions: ['branch', 'rule'],
    additive: true,
    rows: 'alerts',
    better: 'down',
  }),
];

const BY_ID = new Map(CATALOG.map((x) => [x.id, x]));

export function metricInfo(id: MetricId): MetricInfo {
  const info = BY_ID.get(id);
  if (!info) throw new Error(`metric ${id} is in the contract but not in the catalog`);
  return info;
}

export const DIMENSION_LABELS: Record<Dimension, string> = {
  branch: 'Branch',
  product: 'Product',
  channel: 'Channel',
  type: 'Transaction type',
  currency: 'Currency',
  direction: 'Direction',
  loan_status: 'Loan status',
  dpd_bucket: 'Days past due',
  alert_status: 'Alert status',
  rule: 'Fraud rule',
  customer: 'Customer',
  risk_rating: 'Risk rating',
};
