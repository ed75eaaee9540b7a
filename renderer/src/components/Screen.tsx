import { Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageHeader, type PageHeaderProps } from './PageHeader';

interface ScreenProps extends Omit<PageHeaderProps, 'testId'> {
  /** data-testid of the whole screen. */
  testId: string;
  /** data-testid of the header row (PageHeader's testId). */
  headerTestId?: string;
  children: ReactNode;
}

/** A screen: its PageHeader on top and its content below, spaced alike on every screen. */
export function Screen({ testId, headerTestId, children, ...header }: ScreenProps) {
  return (
    <Stack gap="md" data-testid={testId}>
      <PageHeader {...header} testId={headerTestId} />
      {children}
    </Stack>
  );
}
