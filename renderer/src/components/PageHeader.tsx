import { Anchor, Group, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface PageHeaderProps {
  title: ReactNode;
  /** One dimmed line under the title: what the page shows, or how fresh it is. */
  description?: ReactNode;
  /** A link back to the list this page was opened from: its route (as in `#/route`) and its label. */
  back?: { to: string; label: ReactNode };
  /** Above the title (breadcrumbs). */
  above?: ReactNode;
  /** Beside the title (a badge such as the outbox indicator). */
  aside?: ReactNode;
  /** Right-aligned controls: refresh, create, sort. */
  actions?: ReactNode;
  descriptionTestId?: string;
  testId?: string;
}

/** Every screen's header: title, a line about what is shown, and its controls on the right. */
export function PageHeader({ title, description, back, above, aside, actions, descriptionTestId, testId }: PageHeaderProps) {
  return (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm" data-testid={testId}>
      <div>
        {back && (
          <Anchor href={`#/${back.to}`} size="sm">
            <Group gap={4} component="span">
              <IconArrowLeft size={14} /> {back.label}
            </Group>
          </Anchor>
        )}
        {above}
        {aside ? (
          <Group gap="sm" align="center">
            <Title order={2}>{title}</Title>
            {aside}
          </Group>
        ) : (
          <Title order={2}>{title}</Title>
        )}
        {description !== undefined && (
          <Text size="xs" c="dimmed" data-testid={descriptionTestId}>
            {description}
          </Text>
        )}
      </div>
      {actions !== undefined && <Group gap="xs">{actions}</Group>}
    </Group>
  );
}
