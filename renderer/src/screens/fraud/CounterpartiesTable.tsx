import { Anchor, Group, Text, Tooltip } from '@mantine/core';
import type { AlertDetail } from '../../../../shared/contract';
import { DataTable } from '../../components/table/DataTable';
import type { ColumnSpec } from '../../components/table/columns';
import { formatMinor } from '../../format/money';
import { formatCount } from '../../format/number';
import { navigate } from '../../state/route';
import { countOf } from '../../format/plural';

type Counterparty = AlertDetail['counterparties'][number];

function columns(currency: string): ColumnSpec<Counterparty>[] {
  return [
    {
      id: 'name',
      header: 'Counterparty',
      value: (c) => c.name ?? c.account,
      render: (c) => (
        <Text size="sm" span title={c.account ?? undefined}>
          {c.name ?? c.account ?? '—'}
        </Text>
      ),
      width: 200,
    },
    { id: 'account', header: 'Account', value: (c) => c.account, csvOnly: true },
    { id: 'count', header: 'Txns', value: (c) => c.count, render: (c) => formatCount(c.count), numeric: true, width: 60 },
    {
      id: 'paidTo',
      header: `Paid to (${currency})`,
      value: (c) => c.paidByCustomer,
      render: (c) => (c.paidByCustomer ? formatMinor(c.paidByCustomer, currency) : '—'),
      numeric: true,
      width: 130,
    },
    {
      id: 'paidBy',
      header: `Received (${currency})`,
      value: (c) => c.paidToCustomer,
      render: (c) => (c.paidToCustomer ? formatMinor(c.paidToCustomer, currency) : '—'),
      numeric: true,
      width: 120,
    },
    {
      id: 'others',
      header: 'Other customers with them',
      value: (c) => c.otherCustomers.length,
      csv: (c) => c.otherCustomers.map((o) => `${o.name} (${o.count})`).join('; '),
      render: (c) =>
        c.otherCustomers.length === 0 ? (
          <Text size="sm" c="dimmed">
            none
          </Text>
        ) : (
          <Group gap={6} wrap="nowrap" data-testid="other-customers">
            <Text size="sm" fw={600} c="orange">
              {c.otherCustomers.length}
            </Text>
            {c.otherCustomers.slice(0, 3).map((o) => (
              <Tooltip key={o.customerId} label={`${countOf(o.count, 'transaction', 'transactions')} with this counterparty`}>
                <Anchor size="sm" onClick={() => navigate(`customers/${o.customerId}`)}>
                  {o.name}
                </Anchor>
              </Tooltip>
            ))}
            {c.otherCustomers.length > 3 && (
              <Text size="xs" c="dimmed">
                +{c.otherCustomers.length - 3}
              </Text>
            )}
          </Group>
        ),
      grow: true,
    },
  ];
}

/** Who the customer paid and was paid by around the alert, and which other customers share those counterparties. */
export function CounterpartiesTable({ detail }: { detail: AlertDetail }) {
  return (
    <DataTable
      columns={columns(detail.alert.currency)}
      rows={detail.counterparties}
      rowKey={(c) => `${c.account ?? ''}|${c.name ?? ''}`}
      emptyTitle="No counterparties"
      emptyDescription="The movements around this alert are cash or internal."
      initialSort={{ id: 'others', desc: true }}
      csvName={`alert-${detail.alert.id}-counterparties`}
      toolbar={
        <Text fw={600} size="sm">
          Counterparties
        </Text>
      }
      maxHeight={300}
      rowTestId="counterparty-row"
      testId="counterparties"
      caption="Counterparties of the subject account"
    />
  );
}
