import { Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** A header cell: its label, or a label with a fixed width / right alignment (figures). */
export type PlainHeader = string | { label?: string; w?: number; align?: 'right' };

interface PlainTableProps extends TableProps {
  /** The header row's cells; no header row when omitted. */
  headers?: PlainHeader[];
  /** The body's rows (Table.Tr). */
  children: ReactNode;
}

/**
 * A small table whose rows hold controls (selects, buttons, expandable notes) rather than values to sort
 * or export; DataTable is for lists of values. Writes the header row from a list of labels.
 */
export function PlainTable({ headers, children, ...tableProps }: PlainTableProps) {
  return (
    <Table {...tableProps}>
      {headers && (
        <Table.Thead>
          <Table.Tr>
            {headers.map((h, i) =>
              typeof h === 'string' ? (
                <Table.Th key={i}>{h}</Table.Th>
              ) : (
                <Table.Th key={i} w={h.w} style={h.align ? { textAlign: h.align } : undefined}>
                  {h.label}
                </Table.Th>
              ),
            )}
          </Table.Tr>
        </Table.Thead>
      )}
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
}
