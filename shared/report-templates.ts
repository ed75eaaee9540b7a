import type { ReportDefinitionInput } from './report-definition';

/** The built-in report definitions a manager starts from (the builder, the CLI, the Lambda's schedule). */
export interface ReportTemplate {
  id: string;
  name: string;
  description: string;
  /** The definition without its period: the user (or the schedule) picks that. */
  definition: Omit<ReportDefinitionInput, 'period'>;
}

/**
 * The built-in quarterly board pack: loan performance, deposit growth, customer acquisition, activity
 * and risk, each compared with the previous quarter and the same quarter a year earlier.
 */
export const QUARTERLY_BOARD_PACK: ReportTemplate = {
  id: 'quarterly-board-pack',
  name: 'Quarterly board pack',
  description: 'Loan performance, deposit growth, customer acquisition, activity and risk for one quarter, against the previous quarter and the same quarter last year.',
  definition: {
    title: 'Quarterly board pack',
    audience: 'For the Board of Directors. Figures are bank periods in the bank’s time zone; money is shown per currency and never added across currencies.',
    comparisons: ['previous', 'year'],
    filters: [],
    sections: [
      {
        kind: 'narrative',
        id: 'summary',
        title: 'Summary',
        text:
          'In {{period}} the bank granted {{loans_granted_count}} loans worth {{loans_granted_amount}} ({{loans_granted_count.change_year_pct}} in number against {{year_earlier_period}}). ' +
          'Deposits held at quarter end were {{deposits_held}} ({{deposits_held.change_previous_pct}} on the quarter, {{deposits_held.change_year_pct}} on the year). ' +
          'Customers opened {{accounts_opened}} accounts and closed {{accounts_closed}}; {{new_customers}} new customers joined. ' +
          'Non-performing loans stood at {{npl_ratio}} of the outstanding portfolio. Fraud rules raised {{fraud_alerts_raised}} alerts; confirmed fraud came to {{fraud_confirmed_amount}}.',
      },
      {
        kind: 'kpis',
        id: 'headline',
        title: 'Headline figures',
        tiles: [
          { metric: 'loan_portfolio_outstanding', label: 'Loan portfolio' },
          { metric: 'loans_granted_count', label: 'Loans granted' },
          { metric: 'loans_granted_amount', label: 'Loans granted (amount)' },
          { metric: 'npl_ratio', label: 'NPL ratio' },
          { metric: 'default_rate' },
          { metric: 'deposits_held', label: 'Deposits at quarter end' },
          { metric: 'new_customers' },
          { metric: 'accounts_opened', label: 'Accounts opened in the quarter' },
          { metric: 'accounts_opened', label: 'Accounts opened this year', scope: 'year_to_date' },
          { metric: 'accounts_closed' },
          { metric: 'fraud_alerts_raised' },
          { metric: 'fraud_confirmed_amount' },
        ],
      },
      // Loan performance
      {
        kind: 'chart',
        id: 'portfolio-trend',
        title: 'Loan portfolio outstanding, last eight quarters',
        metric: 'loan_portfolio_outstanding',
        grain: 'quarter',
        periods: 8,
        by: null,
        style: 'line',
      },
      {
        kind: 'chart',
        id: 'granted-trend',
        title: 'Loans granted per month, last twelve months',
        metric: 'loans_granted_count',
        grain: 'month',
        periods: 12,
        by: null,
        style: 'bar',
      },
      {
        kind: 'table',
        id: 'loans-granted-by-status',
        title: 'Loans granted in the quarter, by current status',
        by: ['loan_status'],
        scope: 'period',
        columns: [
          { metric: 'loans_granted_count', measure: 'value', label: 'Loans' },
          { metric: 'loans_granted_amount', measure: 'value', label: 'Amount' },
          { metric: 'loans_granted_count', measure: 'year', label: 'Loans a year earlier' },
        ],
      },
      {
        kind: 'table',
        id: 'loan-book-by-status',
        title: 'Loan book by current status (all loans granted to the quarter end)',
        by: ['loan_status'],
        scope: 'to_date',
        columns: [
          { metric: 'loans_granted_count', measure: 'value', label: 'Loans' },
          { metric: 'loans_granted_count', measure: 'share', label: 'Share' },
          { metric: 'loans_granted_amount', measure: 'value', label: 'Principal' },
        ],
      },
      { kind: 'chart', id: 'delinquency', title: 'Delinquency buckets at quarter end', metric: 'delinquency', grain: null, by: 'dpd_bucket', style: 'bar' },
      {
        kind: 'table',
        id: 'risk-ratios',
        title: 'Non-performing loans and defaults by branch',
        by: ['branch'],
        scope: 'period',
        columns: [
          { metric: 'loan_portfolio_outstanding', measure: 'value', label: 'Outstanding' },
          { metric: 'npl_ratio', measure: 'value', label: 'NPL ratio' },
          { metric: 'npl_ratio', measure: 'change_year', label: 'NPL change vs year' },
          { metric: 'default_rate', measure: 'value', label: 'Default rate' },
        ],
      },
      // Deposit growth
      { kind: 'chart', id: 'deposits-trend', title: 'Deposits held, last eight quarters', metric: 'deposits_held', grain: 'quarter', periods: 8, by: null, style: 'line' },
      {
        kind: 'table',
        id: 'deposits-by-product',
        title: 'Deposits at quarter end by product',
        by: ['product'],
        scope: 'period',
        columns: [
          { metric: 'deposits_held', measure: 'value' },
          { metric: 'deposits_held', measure: 'change_previous_pct', label: 'QoQ' },
          { metric: 'deposits_held', measure: 'change_year_pct', label: 'YoY' },
          { metric: 'deposits_held', measure: 'share' },
        ],
      },
      {
        kind: 'table',
        id: 'deposits-by-branch',
        title: 'Deposits at quarter end by branch',
        by: ['branch'],
        scope: 'period',
        columns: [
          { metric: 'deposits_held', measure: 'value' },
          { metric: 'deposits_held', measure: 'change_previous_pct', label: 'QoQ' },
          { metric: 'deposits_held', measure: 'change_year_pct', label: 'YoY' },
        ],
      },
      // Customer acquisition
      {
        kind: 'chart',
        id: 'new-customers-trend',
        title: 'New customers per month, last twelve months',
        metric: 'new_customers',
        grain: 'month',
        periods: 12,
        by: null,
        style: 'bar',
      },
      {
        kind: 'table',
        id: 'accounts-by-branch',
        title: 'Accounts opened and closed in the quarter by branch',
        by: ['branch'],
        scope: 'period',
        columns: [
          { metric: 'accounts_opened', measure: 'value', label: 'Opened' },
          { metric: 'accounts_opened', measure: 'change_year', label: 'Opened vs year earlier' },
          { metric: 'accounts_closed', measure: 'value', label: 'Closed' },
        ],
      },
      {
        kind: 'table',
        id: 'accounts-by-product',
        title: 'Accounts opened and closed in the quarter by product',
        by: ['product'],
        scope: 'period',
        columns: [
          { metric: 'accounts_opened', measure: 'value', label: 'Opened' },
          { metric: 'accounts_closed', measure: 'value', label: 'Closed' },
        ],
      },
      {
        kind: 'table',
        id: 'new-customers-by-branch',
        title: 'New customers in the quarter by branch',
        by: ['branch'],
        scope: 'period',
        columns: [
          { metric: 'new_customers', measure: 'value', label: 'New customers' },
          { metric: 'new_customers', measure: 'change_previous', label: 'vs previous quarter' },
          { metric: 'new_customers', measure: 'change_year', label: 'vs year earlier' },
        ],
      },
      // Activity
      { kind: 'chart', id: 'transactions-by-channel', title: 'Transactions by channel', metric: 'transactions_count', grain: null, by: 'channel', style: 'bar' },
      {
        kind: 'table',
        id: 'activity-by-channel',
        title: 'Transactions by channel: change and share',
        by: ['channel'],
        scope: 'period',
        columns: [
          { metric: 'transactions_count', measure: 'value', label: 'Transactions' },
          { metric: 'transactions_count', measure: 'change_previous_pct', label: 'QoQ' },
          { metric: 'transactions_count', measure: 'change_year_pct', label: 'YoY' },
          { metric: 'transactions_count', measure: 'share' },
        ],
      },
      // Risk
      {
        kind: 'table',
        id: 'fraud-by-status',
        title: 'Fraud alerts raised in the quarter, by where they stand',
        by: ['alert_status'],
        scope: 'period',
        columns: [
          { metric: 'fraud_alerts_raised', measure: 'value', label: 'Alerts' },
          { metric: 'fraud_alerts_raised', measure: 'year', label: 'A year earlier' },
        ],
      },
      {
        kind: 'table',
        id: 'fraud-losses',
        title: 'Confirmed fraud losses by channel',
        by: ['channel'],
        scope: 'period',
        columns: [
          { metric: 'fraud_confirmed_amount', measure: 'value', label: 'Confirmed amount' },
          { metric: 'fraud_confirmed_amount', measure: 'change_year', label: 'vs year earlier' },
        ],
      },
      { kind: 'compliance', id: 'compliance-monitors', title: 'Compliance monitors at quarter end', monitors: [] },
    ],
  },
};

export const REPORT_TEMPLATES: readonly ReportTemplate[] = [QUARTERLY_BOARD_PACK];

export function templateById(id: string): ReportTemplate | undefined {
  return REPORT_TEMPLATES.find((t) => t.id === id);
}
