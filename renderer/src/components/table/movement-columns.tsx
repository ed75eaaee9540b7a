import { Badge, Text, Tooltip } from '@mantine/core';
import { groupedAccountNo, shortAccountNo } from '../../format/account';
import { formatDateTime, formatDateTimeCompact } from '../../format/date';
import { currencyDigits, formatMinor, minorToDecimal } from '../../format/money';
import type { ColumnSpec } from './columns';

// Columns every list of money movements shows alike (statement, dashboard activity, customer 360),
// so a reference or a movement type looks the same wherever it appears.

/** The movement's reference, in the monospace face references are read in. */
export function referenceColumn<T extends { reference: string }>(extra: Partial<ColumnSpec<T>> = {}): ColumnSpec<T> {
  return { id: 'reference', header: 'Reference', value: (r) => r.reference, render: (r) => <span className="mono">{r.reference}</span>, ...extra };
}

/** The movement's type as a small badge; the first to give way on a narrow table unless told otherwise. */
export function typeColumn<T extends { type: string }>(extra: Partial<ColumnSpec<T>> = {}): ColumnSpec<T> {
  return {
    id: 'type',
    header: 'Type',
    value: (r) => r.type,
    render: (r) => (
      <Badge variant="light" size="sm" radius="sm">
        {r.type}
      </Badge>
    ),
    ...extra,
  };
}

/** When it was booked, short (time today, else the date); the full time in its title. */
export function bookedAtColumn<T extends { bookedAt: number }>(): ColumnSpec<T> {
  return {
    id: 'bookedAt',
    header: 'Booked',
    value: (r) => r.bookedAt,
    render: (r) => <span title={formatDateTime(r.bookedAt)}>{formatDateTimeCompact(r.bookedAt)}</span>,
    csv: (r) => new Date(r.bookedAt).toISOString(),
  };
}

/** The account number shortened to fit; the full, grouped number in a tooltip. */
export function accountColumn<T extends { accountNo: string }>(): ColumnSpec<T> {
  return {
    id: 'account',
    header: 'Account',
    value: (r) => r.accountNo,
    render: (r) => (
      <Tooltip label={groupedAccountNo(r.accountNo)} openDelay={250} ff="monospace">
        <span className="mono">{shortAccountNo(r.accountNo)}</span>
      </Tooltip>
    ),
  };
}

/** An amount with its currency code beside it (fixed width, so figures line up); negative amounts in red when signed. */
export function Amount({ minor, currency, signed = false, testId }: { minor: number; currency: string; signed?: boolean; testId?: string }) {
  return (
    <>
      <Text span inherit c={signed && minor < 0 ? 'red' : undefined} data-testid={testId}>
        {formatMinor(minor, currency)}
      </Text>{' '}
      <Text span c="dimmed" className="mono" fz="xs">
        {currency}
      </Text>
    </>
  );
}

/** The signed amount with its currency beside it; CSV writes the decimal figure (the currency is a column of its own). */
export function amountColumn<T extends { amount: number; currency: string }>(amountTestId?: string): ColumnSpec<T> {
  return {
    id: 'amount',
    header: 'Amount',
    numeric: true,
    value: (r) => r.amount,
    render: (r) => <Amount minor={r.amount} currency={r.currency} signed testId={amountTestId} />,
    csv: (r) => minorToDecimal(r.amount, currencyDigits(r.currency)),
  };
}

/** The currency code: shown beside each amount, so only CSV export writes it as a column. */
export function currencyColumn<T extends { currency: string }>(): ColumnSpec<T> {
  return { id: 'currency', header: 'Currency', value: (r) => r.currency, csvOnly: true };
}

/** The description, taking the width the other columns leave; the whole text in its title when cut. */
export function descriptionColumn<T extends { description: string }>(): ColumnSpec<T> {
  return { id: 'description', header: 'Description', grow: true, value: (r) => r.description, render: (r) => <span title={r.description}>{r.description}</span> };
}
