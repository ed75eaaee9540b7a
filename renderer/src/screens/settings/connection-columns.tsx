import { ActionIcon, Badge, Button, Group, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconPlugConnected, IconTrash } from '@tabler/icons-react';
import type { ConnectionProfile } from '../../../../shared/contract';
import { actionsColumn, type ColumnSpec } from '../../components/table/columns';
import { formatDateTime } from '../../format/date';
import { endpointText } from './connection-values';

export interface RowActions {
  activeId: string | null;
  testingId: string | null;
  activatingId: string | null;
  onTest: (p: ConnectionProfile) => void;
  onEdit: (p: ConnectionProfile) => void;
  onDelete: (p: ConnectionProfile) => void;
  onActivate: (p: ConnectionProfile) => void;
}

const TLS_BADGE = {
  'verify-rds': { label: 'RDS CA', color: 'teal' },
  'verify-custom': { label: 'Own CA', color: 'teal' },
  'insecure-no-verify': { label: 'Not verified', color: 'red' },
} as const;

export function connectionColumns(a: RowActions): ColumnSpec<ConnectionProfile>[] {
  return [
    {
      id: 'name',
      header: 'Name',
      value: (p) => p.name,
      render: (p) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={500}>
            {p.name}
          </Text>
          {p.id === a.activeId && (
            <Badge size="xs" color="teal" data-testid="connection-active-badge">
              Active
            </Badge>
          )}
        </Group>
      ),
      testId: 'connection-name',
    },
    { id: 'endpoint', header: 'Writer', value: (p) => endpointText(p), render: (p) => <span className="mono">{endpointText(p)}</span>, grow: true },
    { id: 'reader', header: 'Reader', value: (p) => (p.readerHost ? `${p.readerHost}:${p.readerPort ?? p.port}` : null), hideBelow: 1100 },
    { id: 'user', header: 'User', value: (p) => p.user, render: (p) => <span className="mono">{p.user}</span> },
    { id: 'auth', header: 'Auth', value: (p) => (p.auth === 'iam' ? 'IAM token' : p.hasPassword ? 'Password' : 'Password (missing)') },
    {
      id: 'tls',
      header: 'TLS',
      value: (p) => p.tls.mode,
      render: (p) => (
        <Badge size="sm" variant="light" color={TLS_BADGE[p.tls.mode].color} data-testid="connection-tls">
          {TLS_BADGE[p.tls.mode].label}
        </Badge>
      ),
    },
    { id: 'poolSize', header: 'Pool', numeric: true, value: (p) => p.poolSize, hideBelow: 900 },
    { id: 'updatedAt', header: 'Changed', value: (p) => p.updatedAt, render: (p) => formatDateTime(p.updatedAt), csv: (p) => new Date(p.updatedAt).toISOString(), hideBelow: 1100 },
    actionsColumn(250, (p) => (
      <Group gap={4} wrap="nowrap" justify="flex-end">
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<IconPlugConnected size={13} />}
          loading={a.testingId === p.id}
          onClick={() => a.onTest(p)}
          data-testid="connection-test"
        >
          Test
        </Button>
        {p.id !== a.activeId && (
          <Button size="compact-xs" variant="subtle" loading={a.activatingId === p.id} onClick={() => a.onActivate(p)} data-testid="connection-activate">
            Use as source
          </Button>
        )}
        <Tooltip label={`Edit ${p.name}`}>
          <ActionIcon variant="subtle" aria-label={`Edit ${p.name}`} onClick={() => a.onEdit(p)} data-testid="connection-edit">
            <IconPencil size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={p.id === a.activeId ? 'The active source cannot be deleted' : `Delete ${p.name}`}>
          <ActionIcon variant="subtle" color="red" aria-label={`Delete ${p.name}`} disabled={p.id === a.activeId} onClick={() => a.onDelete(p)} data-testid="connection-delete">
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
    )),
  ];
}
