import { Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A bordered box with a small title, as the side panels of a screen (report catalog, report history) are. */
export function TitledPanel({ title, testId, children }: { title: ReactNode; testId?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Title order={5} mb={6}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}
