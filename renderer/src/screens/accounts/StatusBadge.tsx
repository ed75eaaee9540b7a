import { Badge, Tooltip } from '@mantine/core';
import { IconCircleX, IconLockOpen, IconSnowflake } from '@tabler/icons-react';
import type { AccountDetail } from '../../../../shared/contract';

const LOOK = {
  open: { color: 'teal', label: 'Open', icon: IconLockOpen },
  frozen: { color: 'blue', label: 'Frozen', icon: IconSnowflake },
  closed: { color: 'gray', label: 'Closed', icon: IconCircleX },
} as const;

/** Open / Frozen / Closed, with the reason in a tooltip. */
export function StatusBadge({ status, reason, size = 'sm' }: { status: AccountDetail['status']; reason?: string | null; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const look = LOOK[status];
  const badge = (
    <Badge
      color={look.color}
      variant="light"
      size={size}
      radius="sm"
      leftSection={<look.icon size={12} />}
      data-testid="account-status"
      data-status={status}
      tabIndex={reason ? 0 : undefined}
    >
      {look.label}
    </Badge>
  );
  return reason ? (
    <Tooltip label={reason} multiline maw={320}>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}
