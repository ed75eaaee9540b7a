import { Badge, Text } from '@mantine/core';
import type { ActivityItem } from '../../../../shared/contract';
import { DataTable } from '../../components/table/DataTable';
import type { ColumnSpec } from '../../components/table/columns';
import { formatDateTime } from '../../format/date';
import { currencyDigits, formatMinor, minorToDecimal } from '../../format/money';

const COLUMNS: ColumnSpec<ActivityItem>[] = [
  { id: 'bookedAt', header: 'Booked', value: (r) => r.bookedAt, render: (r) => formatDateTime(r.bookedAt), csv: (r) => new Date(r.bookedAt).toISOString(), width: 170 },
  { id: 'reference', header: 'Reference', value: (r) => r.reference, render: (r) => <span className="mono">{r.reference}</span> },
  { id: 'type', header: 'Type', value: (r) => r.type, render: (r) => <Badge variant="light" size="sm" radius="sm">{r.type}</Badge> },
  {
    id: 'amount',
    header: 'Amount',
    numeric: true,
    value: (r) => r.amount,
    render: (r) => (
      <Text span size="sm" c={r.amount < 0 ? 'red' : undefined} data-testid="activity-amount">
        {formatMinor(r.amount, r.currency)}
      </Text>
    ),
    csv: (r) => minorToDecimal(r.amount, currencyDigits(r.currency)),
  },
  { id: 'currency', header: 'Currency', value: (r) => r.currency, width: 80 },
  { id: 'customer', header: 'Customer', value: (r) => r.customerName },
  { id: 'account', header: 'Account', value: (r) => r.accountNo, render: (r) => <span className="mono">{r.accountNo}</span> },
  { id: 'channel', header: 'Channel', value: (r) => r.channel },
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
