import { Badge, Tooltip } from '@mantine/core';
import { useConnection } from '../state/connection';

const LOOK = {
  open: { color: 'teal', label: 'Live', help: 'New data appears within seconds.' },
  connecting: { color: 'yellow', label: 'Connecting', help: 'Connecting to live updates…' },
  closed: { color: 'red', label: 'Disconnected', help: 'Live updates are disconnected; reconnecting automatically. Figures may be stale.' },
} as const;

/** Whether pushed updates are arriving, so nobody trusts a frozen screen. */
export function ConnectionBadge() {
  const status = useConnection((s) => s.status);
  const look = LOOK[status];
  return (
    <Tooltip label={look.help}>
      <Badge variant="dot" color={look.color} size="sm" data-testid="connection-status" data-status={status} tabIndex={0}>
        {look.label}
      </Badge>
    </Tooltip>
  );
}
