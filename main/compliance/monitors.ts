import type { MonitorDefinition, MonitorId } from '../../shared/contract';

/**
 * The built-in monitors. Each is a catalog metric (or bank inputs, or filing deadlines) with a limit,
 * a warning band and a direction. Limits here are the defaults until compliance approves others
 * (maker–checker, versioned in compliance_thresholds). Ratios are fractions: 0.25 = 25 %.
 */
export interface MonitorSpec extends MonitorDefinition {
  defaultLimit: number;
  defaultWarning: number;
}

/** A built-in monitor: owned by the compliance officer and, unless it says otherwise, over all of its metric's rows. */
function monitor(spec: Omit<MonitorSpec, 'ownerRole' | 'metricFilters'> & Partial<Pick<MonitorSpec, 'metricFilters'>>): MonitorSpec {
  return { ownerRole: 'compliance_officer', metricFilters: [], ...spec };
}

export const MONITORS: readonly MonitorSpec[] = [
  monitor({
    id: 'ctr_large_cash',
    name: 'Large cash reports (CTR)',
    citation: '31 CFR 1010.311, 1010.313 (aggregation), 1010.306 (15 days)',
    definition:
      'A customer’s cash deposits, or cash withdrawals, in one bank day — several transactions added up, cash in and cash out totalled separately — of more than the threshold (default 10,000 in the reporting currency) need one report per customer and day, due 15 days after the day. The figure is the days left until the earliest unfiled report is due; below zero it is overdue.',
    unit: 'days',
    direction: 'min',
    cadence: 'Daily, after every sync',
    metric: 'cash_volume',
    defaultLimit: 0,
    defaultWarning: 5,
  }),
  monitor({
    id: 'structuring',
    name: 'Structuring candidates',
    citation: '31 U.S.C. 5324; 31 CFR 1010.314',
    definition:
      'Customers who, within 3 bank days, had two or more days of cash in (or of cash out) each just under the report threshold (90–100 % of it, none reportable on its own) in the last 30 days: cash that may be split to avoid a report.',
    unit: 'count',
    direction: 'max',
    cadence: 'Daily',
    metric: 'cash_volume',
    defaultLimit: 3,
    defaultWarning: 0,
  }),
  monitor({
    id: 'sar_deadlines',
    name: 'SAR filing deadlines',
    citation: '31 CFR 1020.320(b)(3)',
    definition:
      'Cases escalated from fraud review need a suspicious activity report within 30 days of the escalation (60 when no suspect is identified). The figure is the days left until the earliest unfiled SAR is due; below zero it is overdue.',
    unit: 'days',
    direction: 'min',
    cadence: 'Daily',
    metric: null,
    defaultLimit: 0,
    defaultWarning: 7,
  }),
  monitor({
    id: 'large_exposures',
    name: 'Large exposures',
    citation: 'CRR Art. 392 (report at 10 %), Art. 395 (limit 25 %)',
    definition:
      'The largest single customer’s loans outstanding, in the reporting currency, against Tier 1 capital. Reported from 10 %, never above 25 %. Connected groups are not in the bank’s data: each customer counts alone.',
    unit: 'ratio',
    direction: 'max',
    cadence: 'Daily',
    metric: 'loan_portfolio_outstanding',
    defaultLimit: 0.25,
    defaultWarning: 0.1,
  }),
  monitor({
    id: 'loan_to_deposit',
    name: 'Loan-to-deposit ratio',
    citation: 'Bank liquidity policy',
    definition: 'Loans outstanding over deposits held, both in the reporting currency, at the end of each bank day; must stay within the policy band’s upper edge.',
    unit: 'ratio',
    direction: 'max',
    cadence: 'Daily',
    metric: 'loan_portfolio_outstanding',
    defaultLimit: 0.9,
    defaultWarning: 0.8,
  }),
  monitor({
    id: 'liquidity_coverage',
    name: 'Liquidity coverage',
    citation: 'Basel III LCR; CRR Art. 412',
    definition:
      'Liquid assets after their haircut (entered by the bank) over net cash outflows in the next 30 days: the larger of deposits held times the run-off rate and the net outflow of the last 30 days. Must stay at or above 100 %.',
    unit: 'ratio',
    direction: 'min',
    cadence: 'Daily',
    metric: 'deposits_held',
    defaultLimit: 1,
    defaultWarning: 1.2,
  }),
  monitor({
    id: 'capital_ratio',
    name: 'CET1 capital ratio',
    citation: 'CRR Art. 92(1)(a) 4.5 % + CRD Art. 129 buffer',
    definition: 'Common equity Tier 1 over risk-weighted assets, as the bank enters them; at or above 4.5 % plus the capital conservation buffer (2.5 %).',
    unit: 'ratio',
    direction: 'min',
    cadence: 'When the bank enters its figures',
    metric: null,
    defaultLimit: 0.07,
    defaultWarning: 0.085,
  }),
  monitor({
    id: 'kyc_overdue_all',
    name: 'KYC reviews overdue',
    citation: 'AMLD Art. 14(5); 31 CFR 1020.210 (CDD)',
    definition: 'Customers whose periodic KYC review date has passed.',
    unit: 'count',
    direction: 'max',
    cadence: 'Daily',
    metric: 'kyc_reviews_overdue',
    defaultLimit: 200,
    defaultWarning: 100,
  }),
  monitor({
    id: 'kyc_overdue_high_risk',
    name: 'KYC reviews overdue (high risk)',
    citation: 'AMLD Art. 18 (enhanced due diligence)',
    definition: 'High-risk customers whose periodic KYC review date has passed.',
    unit: 'count',
    direction: 'max',
    cadence: 'Daily',
    metric: 'kyc_reviews_overdue',
    metricFilters: [{ dimension: 'risk_rating', value: 'high' }],
    defaultLimit: 10,
    defaultWarning: 3,
  }),
  monitor({
    id: 'dormant_reactivated',
    name: 'Dormant accounts suddenly active',
    citation: 'FATF typologies; bank AML policy',
    definition: 'Accounts that moved money in the last 30 days after 180 days or more without any posting.',
    unit: 'count',
    direction: 'max',
    cadence: 'Daily',
    metric: 'dormant_reactivated',
    defaultLimit: 25,
    defaultWarning: 10,
  }),
  monitor({
    id: 'fraud_alert_backlog',
    name: 'Fraud alerts past their SLA',
    citation: 'Bank fraud policy (review within 72 hours)',
    definition: 'Alerts still undecided more than 72 hours after they were raised.',
    unit: 'count',
    direction: 'max',
    cadence: 'Hourly',
    metric: 'fraud_alerts_backlog',
    defaultLimit: 50,
    defaultWarning: 20,
  }),
  monitor({
    id: 'npl_ratio',
    name: 'Non-performing loans',
    citation: 'Risk appetite statement; EBA/GL/2018/06',
    definition: 'Outstanding on loans 90+ days past due or defaulted over all outstanding, in the reporting currency; must stay within the bank’s appetite.',
    unit: 'ratio',
    direction: 'max',
    cadence: 'Daily',
    metric: 'npl_ratio',
    defaultLimit: 0.05,
    defaultWarning: 0.04,
  }),
];

const BY_ID = new Map(MONITORS.map((m) => [m.id, m]));

export function monitorSpec(id: MonitorId): MonitorSpec {
  const m = BY_ID.get(id);
  if (!m) throw new Error(`monitor ${id} is in the contract but not in the catalog`);
  return m;
}
