import { ActionIcon, Badge, Button, Group, Menu, Text, Tooltip } from '@mantine/core';
import { IconDots, IconKey, IconLockOpen, IconLogout, IconShieldOff, IconUserCheck, IconUserOff, IconUserShield } from '@tabler/icons-react';
import type { UserAction } from './UserActionDialog';
import type { StaffRow } from '../../../../shared/contract';
import { ROLE_LABELS } from '../../../../shared/roles';
import { actionsColumn, type ColumnSpec } from '../../components/table/columns';
import { formatDateTime, formatRelative } from '../../format/date';

export function isLocked(row: StaffRow, now: number = Date.now()): boolean {
  return row.lockedUntil !== null && row.lockedUntil > now;
}

function statusOf(r: StaffRow): { label: string; color: string } {
  if (r.disabledAt !== null) return { label: 'Deactivated', color: 'gray' };
  if (r.mustChangePassword) return { label: 'Must set password', color: 'yellow' };
  return { label: 'Active', color: 'teal' };
}

export function userColumns(
  onUnlock: (row: StaffRow) => void,
  unlocking: number | null,
  onAction: (row: StaffRow, action: UserAction) => void,
  selfId: number | null,
): ColumnSpec<StaffRow>[] {
  return [
    { id: 'username', header: 'Username', value: (r) => r.username, render: (r) => <span className="mono">{r.username}</span>, testId: 'user-username' },
    { id: 'displayName', header: 'Name', value: (r) => r.displayName },
    {
      id: 'role',
      header: 'Role',
      value: (r) => ROLE_LABELS[r.role],
      render: (r) => (
        <Badge variant="light" size="sm" radius="sm">
          {ROLE_LABELS[r.role]}
        </Badge>
      ),
    },
    {
      id: 'status',
      header: 'Status',
      value: (r) => statusOf(r).label,
      render: (r) => {
        const st = statusOf(r);
        return (
          <Badge size="sm" variant={st.label === 'Active' ? 'light' : 'outline'} color={st.color} data-testid="user-status">
            {st.label}
          </Badge>
        );
      },
    },
    {
      id: 'mfa',
      header: 'MFA',
      value: (r) => (r.mfaEnabled ? 'on' : 'off'),
      render: (r) => (
        <Badge size="sm" variant={r.mfaEnabled ? 'light' : 'outline'} color={r.mfaEnabled ? 'teal' : 'gray'}>
          {r.mfaEnabled ? 'On' : 'Off'}
        </Badge>
      ),
    },
    {
      id: 'lockedUntil',
      header: 'Locked until',
      value: (r) => r.lockedUntil,
      render: (r) =>
        isLocked(r) && r.lockedUntil !== null ? (
          <Tooltip label={formatDateTime(r.lockedUntil)}>
            <Text span size="sm" c="red" fw={500} data-testid="user-locked">
              Locked, {formatRelative(r.lockedUntil)}
            </Text>
          </Tooltip>
        ) : (
          <Text span size="sm" c="dimmed">
            —
          </Text>
        ),
      csv: (r) => (r.lockedUntil === null ? '' : new Date(r.lockedUntil).toISOString()),
    },
    { id: 'failedAttempts', header: 'Failed attempts', numeric: true, value: (r) => r.failedAttempts },
    { id: 'activeSessions', header: 'Sessions', numeric: true, value: (r) => r.activeSessions },
    {
      id: 'lastLoginAt',
      header: 'Last sign-in',
      value: (r) => r.lastLoginAt,
      render: (r) =>
        r.lastLoginAt === null ? (
          <Text span size="sm" c="dimmed">
            never
          </Text>
        ) : (
          formatDateTime(r.lastLoginAt)
        ),
      csv: (r) => (r.lastLoginAt === null ? '' : new Date(r.lastLoginAt).toISOString()),
    },
    actionsColumn(130, (r) => (
      <Group gap={6} wrap="nowrap" justify="flex-end">
        {isLocked(r) ? (
          <Button
            size="compact-xs"
            variant="light"
            color="orange"
            leftSection={<IconLockOpen size={13} />}
            onClick={() => onUnlock(r)}
            loading={unlocking === r.id}
            data-testid="unlock-user"
            data-username={r.username}
          >
            Unlock
          </Button>
        ) : null}
        <Menu position="bottom-end" withinPortal shadow="md">
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${r.username}`} data-testid="user-actions" data-username={r.username}>
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{r.username}</Menu.Label>
            <Menu.Item leftSection={<IconUserShield size={14} />} disabled={r.id === selfId} onClick={() => onAction(r, 'role')} data-testid="user-action-item-role">
              Change role…
            </Menu.Item>
            <Menu.Item leftSection={<IconKey size={14} />} disabled={r.id === selfId} onClick={() => onAction(r, 'password')} data-testid="user-action-item-password">
              Set temporary password…
            </Menu.Item>
            <Menu.Item leftSection={<IconShieldOff size={14} />} disabled={r.id === selfId || !r.mfaEnabled} onClick={() => onAction(r, 'mfa')} data-testid="user-action-item-mfa">
              Reset two-step sign-in…
            </Menu.Item>
            <Menu.Item leftSection={<IconLogout size={14} />} disabled={r.activeSessions === 0} onClick={() => onAction(r, 'sessions')} data-testid="user-action-item-sessions">
              Sign out everywhere…
            </Menu.Item>
            <Menu.Divider />
            {r.disabledAt === null ? (
              <Menu.Item
                color="red"
                leftSection={<IconUserOff size={14} />}
                disabled={r.id === selfId}
                onClick={() => onAction(r, 'deactivate')}
                data-testid="user-action-item-deactivate"
              >
                Deactivate…
              </Menu.Item>
            ) : (
              <Menu.Item leftSection={<IconUserCheck size={14} />} onClick={() => onAction(r, 'reactivate')} data-testid="user-action-item-reactivate">
                Reactivate…
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      </Group>
    )),
  ];
}
