import { ActionIcon, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';

/** "Ask again now": the one refresh control of every screen, spinning while its answer is on the way. */
export function RefreshButton({
  onClick,
  loading,
  label,
  tooltip = 'Refresh now',
  size = 'lg',
  testId,
}: {
  onClick: () => void;
  loading: boolean;
  label: string;
  tooltip?: string;
  size?: 'md' | 'lg';
  testId?: string;
}) {
  return (
    <Tooltip label={tooltip}>
      <ActionIcon variant="default" size={size} onClick={onClick} loading={loading} aria-label={label} data-testid={testId}>
        <IconRefresh size={size === 'lg' ? 18 : 16} />
      </ActionIcon>
    </Tooltip>
  );
}
