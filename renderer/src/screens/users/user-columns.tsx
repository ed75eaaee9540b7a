import { Badge, Button, Text, Tooltip } from '@mantine/core';
import { IconLockOpen } from '@tabler/icons-react';
import type { StaffRow } from '../../../../shared/contract';
import { ROLE_LABELS } from '../../../../shared/roles';
import type { ColumnSpec } from '../../components/table/columns';
import { formatDateTime, formatRelative } from '../../format/date';

export function isLocked(row: StaffRow, now: number = Date.now()): boolean {
  return row.lockedUntil !== null && row.lockedUntil > now;
}

export function userColumns(onUnlock: (row: StaffRow) => void, unlocking: number | null): ColumnSpec<StaffRow>[] {
  return [
    { id: 'username', header: 'Username', value: (r) => r.username, render: (r) => <span className="mono">{r.username}</span>, testId: 'user-username' },
    { id: 'displayName', header: 'Name', value: (r) => r.displayName },
    { id: 'role', header: 'Role', value: (r) => ROLE_LABELS[r.role], render: (r) => <Badge variant="light" size="sm" radius="sm">{ROLE_LABELS[r.role]}</Badge> },
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
    {
      id: 'lastLoginAt',
      header: 'Last sign-in',
      value: (r) => r.lastLoginAt,
      render: (r) => (r.lastLoginAt === null ? <Text span size="sm" c="dimmed">never</Text> : formatDateTime(r.lastLoginAt)),
      csv: (r) => (r.lastLoginAt === null ? '' : new Date(r.lastLoginAt).toISOString()),
    },
    {
      id: 'actions',
      header: '',
      sortable: false,
      value: () => null,
      csv: () => null,
      width: 100,
      render: (r) =>
        isLocked(r) ? (
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
        ) : null,
    },
  ];
}
