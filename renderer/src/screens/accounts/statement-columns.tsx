import { Text } from '@mantine/core';
import type { Statement } from '../../../../shared/contract';
import type { ColumnSpec } from '../../components/table/columns';
import { formatDateTime } from '../../format/date';
import { currencyDigits, formatMinor, minorToDecimal } from '../../format/money';
import { referenceColumn, typeColumn } from '../../components/table/movement-columns';

export type StatementLine = Statement['lines'][number];

/** Booked, reference, type, description, counterparty, amount (signed, red out), running balance. */
export function statementColumns(currency: string): ColumnSpec<StatementLine>[] {
  const digits = currencyDigits(currency);
  return [
    {
      id: 'bookedAt',
      header: 'Booked',
      value: (r) => r.bookedAt,
      render: (r) => formatDateTime(r.bookedAt),
      csv: (r) => new Date(r.bookedAt).toISOString(),
      testId: 'line-booked',
    },
    referenceColumn({ testId: 'line-reference' }),
    typeColumn({ hideBelow: 900 }),
    {
      id: 'description',
      header: 'Description',
      grow: true,
      value: (r) => r.description,
      render: (r) => (
        <span title={[r.description, r.counterparty].filter(Boolean).join(' — ')}>
          {r.description}
          {r.counterparty && (
            <Text span c="dimmed" size="xs" ml={6}>
              {r.counterparty}
            </Text>
          )}
        </span>
      ),
    },
    { id: 'counterparty', header: 'Counterparty', value: (r) => r.counterparty, csvOnly: true },
    { id: 'channel', header: 'Channel', hideBelow: 1100, value: (r) => r.channel },
    {
      id: 'amount',
      header: 'Amount',
      numeric: true,
      value: (r) => r.amount,
      render: (r) => (
        <Text span inherit c={r.amount < 0 ? 'red' : 'teal.8'} data-minor={r.amount}>
          {r.amount > 0 ? '+' : ''}
          {formatMinor(r.amount, currency)}
        </Text>
      ),
      csv: (r) => minorToDecimal(r.amount, digits),
      testId: 'line-amount',
    },
    {
      id: 'balanceAfter',
      header: 'Balance',
      numeric: true,
      // Sorting by balance would scramble the running order; sort by date instead.
      sortable: false,
      value: (r) => r.balanceAfter,
      render: (r) => (
        <Text span inherit fw={500} c={r.balanceAfter < 0 ? 'red' : undefined} data-minor={r.balanceAfter}>
          {formatMinor(r.balanceAfter, currency)}
        </Text>
      ),
      csv: (r) => minorToDecimal(r.balanceAfter, digits),
      testId: 'line-balance',
    },
  ];
}
