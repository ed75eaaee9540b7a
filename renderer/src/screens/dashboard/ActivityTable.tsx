import { Text, Tooltip } from '@mantine/core';
import type { ActivityItem } from '../../../../shared/contract';
import { DataTable } from '../../components/table/DataTable';
import type { ColumnSpec } from '../../components/table/columns';
import { groupedAccountNo, shortAccountNo } from '../../format/account';
import { formatDateTime, formatDateTimeCompact } from '../../format/date';
import { currencyDigits, formatMinor, minorToDecimal } from '../../format/money';
import { referenceColumn, typeColumn } from '../../components/table/movement-columns';

/**
 * Fits 1024–1440 px windows without a sideways scroll: short booking times and account numbers (the full ones in a
 * title/tooltip), the currency beside the amount, long names and descriptions cut with an ellipsis, and the least
 * telling columns (channel, then type) giving way when the grid is narrow. CSV export keeps every column in full.
 */
const COLUMNS: ColumnSpec<ActivityItem>[] = [
  {
    id: 'bookedAt',
    header: 'Booked',
    value: (r) => r.bookedAt,
    render: (r) => <span title={formatDateTime(r.bookedAt)}>{formatDateTimeCompact(r.bookedAt)}</span>,
    csv: (r) => new Date(r.bookedAt).toISOString(),
  },
  referenceColumn(),
  typeColumn({ hideBelow: 900 }),
  {
    id: 'amount',
    header: 'Amount',
    numeric: true,
    value: (r) => r.amount,
    render: (r) => (
      <>
        <Text span inherit c={r.amount < 0 ? 'red' : undefined} data-testid="activity-amount">
          {formatMinor(r.amount, r.currency)}
        </Text>{' '}
        <Text span c="dimmed" className="mono" fz="xs">
          {r.currency}
        </Text>
      </>
    ),
    csv: (r) => minorToDecimal(r.amount, currencyDigits(r.currency)),
  },
  // Shown beside the amount (a fixed-width code, so the figures still line up); its own column in CSV.
  { id: 'currency', header: 'Currency', value: (r) => r.currency, csvOnly: true },
  {
    id: 'customer',
    header: 'Customer',
    value: (r) => r.customerName,
    render: (r) =>
      r.customerName === null ? (
        '—'
      ) : (
        <span className="clip" style={{ maxWidth: 170 }} title={r.customerName}>
          {r.customerName}
        </span>
      ),
  },
  {
    id: 'account',
    header: 'Account',
    value: (r) => r.accountNo,
    render: (r) => (
      <Tooltip label={groupedAccountNo(r.accountNo)} openDelay={250} ff="monospace">
        <span className="mono">{shortAccountNo(r.accountNo)}</span>
      </Tooltip>
    ),
  },
  { id: 'channel', header: 'Channel', hideBelow: 1100, value: (r) => r.channel },
  { id: 'description', header: 'Description', grow: true, value: (r) => r.description, render: (r) => <span title={r.description}>{r.description}</span> },
];

interface Props {
  rows: ActivityItem[] | undefined;
  loading: boolean;
  error: string | null;
  onRetry: () => void;
}

export function ActivityTable({ rows, loading, error, onRetry }: Props) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={rows}
      rowKey={(r) => String(r.id)}
      loading={loading}
      error={error}
      onRetry={onRetry}
      emptyTitle="No transactions yet"
      emptyDescription="Booked transactions appear here within seconds."
      initialSort={{ id: 'bookedAt', desc: true }}
      csvName="activity"
      toolbar={
        <Text fw={600} size="sm">
          Latest activity
        </Text>
      }
      maxHeight={480}
      rowTestId="activity-row"
      testId="activity-table"
      caption="Latest customer transactions"
    />
  );
}
