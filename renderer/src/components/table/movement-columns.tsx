import { Badge } from '@mantine/core';
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
