import { Anchor, Badge, Text } from '@mantine/core';
import type { AccountSummary, Customer360 } from '../../../../shared/contract';
import type { ColumnSpec } from '../../components/table/columns';
import { groupedAccountNo, shortAccountNo } from '../../format/account';
import { formatDate, formatDateTime, formatDateTimeCompact } from '../../format/date';
import { currencyDigits, minorToDecimal } from '../../format/money';
import { formatCount } from '../../format/number';
import { AccountStatusBadge } from './badges';
import { formatBirthDate } from './customer-values';
import { accountColumn, Amount, amountColumn, bookedAtColumn, currencyColumn, descriptionColumn, referenceColumn, typeColumn } from '../../components/table/movement-columns';

export type Activity = Customer360['recentActivity'][number];
export type Loan = Customer360['loans'][number];
export type FraudAlert = Customer360['alerts'][number];

const decimal = (minor: number, currency: string) => minorToDecimal(minor, currencyDigits(currency));

export const ACCOUNT_COLUMNS: ColumnSpec<AccountSummary>[] = [
  {
    id: 'accountNo',
    header: 'Account no.',
    value: (r) => r.accountNo,
    render: (r) => (
      <Anchor href={`#/accounts/${r.id}`} className="mono" size="sm" data-testid="account-link" onClick={(e) => e.stopPropagation()}>
        {groupedAccountNo(r.accountNo)}
      </Anchor>
    ),
  },
  {
    id: 'product',
    header: 'Product',
    value: (r) => r.productName,
    render: (r) => (
      <span className="clip" style={{ maxWidth: 200 }} title={r.productName ?? undefined}>
        {r.productName ?? '—'}
      </span>
    ),
  },
  {
    id: 'name',
    header: 'Name',
    value: (r) => r.name,
    hideBelow: 1100,
    render: (r) => (
      <span className="clip" style={{ maxWidth: 180 }} title={r.name}>
        {r.name}
      </span>
    ),
  },
  {
    id: 'balance',
    header: 'Balance',
    numeric: true,
    value: (r) => r.balance,
    render: (r) => <Amount minor={r.balance} currency={r.currency} signed testId="account-balance" />,
    csv: (r) => decimal(r.balance, r.currency),
  },
  currencyColumn(),
  { id: 'status', header: 'Status', value: (r) => r.status, render: (r) => <AccountStatusBadge status={r.status} reason={r.statusReason} /> },
  {
    id: 'openedAt',
    header: 'Opened',
    numeric: true,
    hideBelow: 1100,
    value: (r) => r.openedAt,
    render: (r) => formatDate(r.openedAt),
    csv: (r) => new Date(r.openedAt).toISOString(),
  },
];

export const ACTIVITY_COLUMNS: ColumnSpec<Activity>[] = [
  bookedAtColumn(),
  referenceColumn({ hideBelow: 900 }),
  accountColumn(),
  typeColumn(),
  amountColumn(),
  {
    id: 'balanceAfter',
    header: 'Balance after',
    numeric: true,
    hideBelow: 1100,
    value: (r) => r.balanceAfter,
    render: (r) => <Amount minor={r.balanceAfter} currency={r.currency} />,
    csv: (r) => decimal(r.balanceAfter, r.currency),
  },
  currencyColumn(),
  { id: 'channel', header: 'Channel', value: (r) => r.channel, csvOnly: true },
  descriptionColumn(),
];

export const LOAN_COLUMNS: ColumnSpec<Loan>[] = [
  { id: 'product', header: 'Product', value: (r) => r.productName },
  {
    id: 'principal',
    header: 'Principal',
    numeric: true,
    value: (r) => r.principal,
    render: (r) => <Amount minor={r.principal} currency={r.currency} />,
    csv: (r) => decimal(r.principal, r.currency),
  },
  {
    id: 'monthly',
    header: 'Monthly',
    numeric: true,
    value: (r) => r.monthlyPayment,
    render: (r) => <Amount minor={r.monthlyPayment} currency={r.currency} />,
    csv: (r) => decimal(r.monthlyPayment, r.currency),
  },
  currencyColumn(),
  { id: 'start', header: 'Started', numeric: true, hideBelow: 900, value: (r) => r.startDate, render: (r) => formatBirthDate(r.startDate) },
  {
    id: 'paid',
    header: 'Paid',
    numeric: true,
    value: (r) => r.paidInstallments,
    render: (r) => `${formatCount(r.paidInstallments)} / ${formatCount(r.termMonths)}`,
    csv: (r) => r.paidInstallments,
  },
  { id: 'term', header: 'Term (months)', value: (r) => r.termMonths, csvOnly: true },
  {
    id: 'late',
    header: 'Late',
    numeric: true,
    value: (r) => r.lateInstallments,
    render: (r) => (
      <Text span inherit c={r.lateInstallments > 0 ? 'red' : 'dimmed'} fw={r.lateInstallments > 0 ? 600 : undefined} data-testid="loan-late">
        {formatCount(r.lateInstallments)}
      </Text>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    value: (r) => r.status,
    render: (r) => (
      <Badge size="sm" radius="sm" variant="light" color={/late|default|arrears/i.test(r.status) ? 'red' : /paid|closed/i.test(r.status) ? 'gray' : 'teal'}>
        {r.status}
      </Badge>
    ),
  },
];

export const ALERT_COLUMNS: ColumnSpec<FraudAlert>[] = [
  {
    id: 'detectedAt',
    header: 'Detected',
    value: (r) => r.detectedAt,
    render: (r) => <span title={formatDateTime(r.detectedAt)}>{formatDateTimeCompact(r.detectedAt)}</span>,
    csv: (r) => new Date(r.detectedAt).toISOString(),
  },
  { id: 'rule', header: 'Rule', value: (r) => r.ruleId, render: (r) => <span className="mono">{r.ruleId}</span> },
  {
    id: 'risk',
    header: 'Risk score',
    numeric: true,
    value: (r) => r.riskScore,
    render: (r) => (
      <Text span inherit c={r.riskScore >= 80 ? 'red' : r.riskScore >= 50 ? 'orange' : undefined} fw={600}>
        {r.riskScore}
      </Text>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    value: (r) => r.status,
    render: (r) => (
      <Badge size="sm" radius="sm" variant="light" color={/open|new/i.test(r.status) ? 'red' : /review|progress/i.test(r.status) ? 'orange' : 'gray'}>
        {r.status.replace(/_/g, ' ')}
      </Badge>
    ),
  },
  {
    id: 'account',
    header: 'Account',
    value: (r) => r.accountNo,
    render: (r) => (
      <span className="mono" title={groupedAccountNo(r.accountNo)}>
        {shortAccountNo(r.accountNo)}
      </span>
    ),
  },
];
