import { Alert, Badge, Button, Drawer, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconCloudUpload, IconTrash } from '@tabler/icons-react';
import type { OutboxEntry } from '../../../../shared/contract';
import { errorText, useApiMutation, useApiQuery } from '../../api/use-api-query';
import { EmptyView, ErrorView, LoadingView } from '../../components/StateViews';
import { formatDateTime } from '../../format/date';
import { announceError } from './fraud-state';

const STATUS_COLOR: Record<OutboxEntry['status'], string> = { pending: 'yellow', applied: 'teal', conflict: 'red', failed: 'red' };
const STATUS_LABEL: Record<OutboxEntry['status'], string> = { pending: 'Waiting', applied: 'Sent', conflict: 'Conflict', failed: 'Failed' };

/**
 * "2 waiting · 1 conflict": writes made offline that have not reached the bank yet, shown only
 * when there are some; opens a drawer that explains conflicts and lets the user discard them.
 */
export function OutboxIndicator() {
  // `outbox.changed` pushes and the fraud writes (queued offline) refetch it: method-tables.ts.
  const outbox = useApiQuery('sync.outbox.list', {});
  const [opened, drawer] = useDisclosure(false);
  const discardEntry = useApiMutation('sync.outbox.discard');
  const discarding = discardEntry.isPending ? (discardEntry.variables?.id ?? null) : null;

  const entries = outbox.data ?? [];
  const waiting = entries.filter((e) => e.status === 'pending').length;
  const conflicts = entries.filter((e) => e.status === 'conflict' || e.status === 'failed').length;
  if (waiting === 0 && conflicts === 0 && !opened) return null;

  const discard = (id: number) => discardEntry.mutate({ id }, { onError: (e) => announceError(e, 'Not discarded') });

  return (
    <>
      <UnstyledButton onClick={drawer.open} aria-label="Offline changes waiting to be sent" data-testid="outbox-indicator">
        <Group gap={4} wrap="nowrap">
          <Badge color="yellow" variant="light" leftSection={<IconCloudUpload size={12} />} tt="none">
            {waiting} waiting
          </Badge>
          {conflicts > 0 && (
            <Badge color="red" variant="light" leftSection={<IconAlertTriangle size={12} />} tt="none">
              {conflicts} {conflicts === 1 ? 'conflict' : 'conflicts'}
            </Badge>
          )}
        </Group>
      </UnstyledButton>
      <Drawer opened={opened} onClose={drawer.close} position="right" size="md" title="Offline changes" data-testid="outbox-drawer">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Claims, dismissals and notes made while the bank was unreachable wait here and are sent when it is reachable again. A conflict means the alert was changed on the server
            meanwhile: the server’s version stays; read it, then discard your change.
          </Text>
          {outbox.isPending && <LoadingView />}
          {outbox.error && !outbox.data && <ErrorView message={errorText(outbox.error) ?? ''} onRetry={() => void outbox.refetch()} />}
          {outbox.data && entries.length === 0 && <EmptyView title="Nothing waiting" description="Every offline change has been sent." />}
          {entries.map((e) => (
            <Paper key={e.id} withBorder p="sm" radius="sm" data-testid="outbox-entry" data-status={e.status}>
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <div>
                  <Text size="sm" fw={600}>
                    {e.summary}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {e.method} · {e.createdBy} · {formatDateTime(e.createdAt)}
                    {e.attempts > 0 ? ` · ${e.attempts} ${e.attempts === 1 ? 'attempt' : 'attempts'}` : ''}
                  </Text>
                </div>
                <Badge color={STATUS_COLOR[e.status]} variant="light" className="fraud-keep">
                  {STATUS_LABEL[e.status]}
                </Badge>
              </Group>
              {e.message && (
                <Alert mt="xs" p="xs" color={e.status === 'pending' ? 'yellow' : 'red'} variant="light">
                  <Text size="xs">{e.message}</Text>
                </Alert>
              )}
              {(e.status === 'conflict' || e.status === 'failed') && (
                <Group justify="flex-end" mt="xs">
                  <Button size="xs" variant="default" color="red" leftSection={<IconTrash size={14} />} loading={discarding === e.id} onClick={() => discard(e.id)}>
                    Discard
                  </Button>
                </Group>
              )}
            </Paper>
          ))}
        </Stack>
      </Drawer>
    </>
  );
}
