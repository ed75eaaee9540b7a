import { Text } from '@mantine/core';
import type { ActivityItem } from '../../../../shared/contract';
import type { tableState } from '../../api/use-api-query';
import { DataTable } from '../../components/table/DataTable';
import type { ColumnSpec } from '../../components/table/columns';
import { accountColumn, amountColumn, bookedAtColumn, currencyColumn, descriptionColumn, referenceColumn, typeColumn } from '../../components/table/movement-columns';

/**
 * Fits 1024–1440 px windows without a sideways scroll: short booking times and account numbers (the full ones in a
 * title/tooltip), the currency beside the amount, long names and descriptions cut with an ellipsis, and the least
 * telling columns (channel, then type) giving way when the grid is narrow. CSV export keeps every column in full.
 */
const COLUMNS: ColumnSpec<ActivityItem>[] = [
  bookedAtColumn(),
  referenceColumn(),
  typeColumn({ hideBelow: 900 }),
  amountColumn('activity-amount'),
  // Shown beside the amount (a fixed-width code, so the figures still line up); its own column in CSV.
  currencyColumn(),
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
  accountColumn(),
  { id: 'channel', header: 'Channel', hideBelow: 1100, value: (r) => r.channel },
  descriptionColumn(),
];

interface Props {
  rows: ActivityItem[] | undefined;
  /** The activity read's loading, error and retry (tableState of the query). */
  state: ReturnType<typeof tableState>;
}

export function ActivityTable({ rows, state }: Props) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={rows}
      rowKey={(r) => String(r.id)}
      {...state}
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
