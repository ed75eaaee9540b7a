import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { PlainTable } from './PlainTable';

interface TableSectionProps {
  title: string;
  testId: string;
  /** Said in place of the table when there are no rows. */
  empty?: string;
  /** The rows (Table.Tr). */
  children: ReactNode;
}

/** A titled box holding a short table without a header row (a case's accounts, cards, transfers, alerts). */
export function TableSection({ title, testId, empty, children }: TableSectionProps) {
  return (
    <Paper withBorder p="sm" radius="sm" data-testid={testId}>
      <Text fw={600} size="sm" mb={6}>
        {title}
      </Text>
      {empty !== undefined ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <PlainTable verticalSpacing={4} fz="sm">
          {children}
        </PlainTable>
      )}
    </Paper>
  );
}
