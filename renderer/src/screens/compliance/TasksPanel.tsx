import { Badge, Button, Group, Paper, Select, Stack, Table, Text, Textarea, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { TASK_STATUSES, type ComplianceTask, type MonitorId } from '../../../../shared/contract';
import { errorMessage } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/use-api-query';
import { newIdempotencyKey } from '../../api/use-intent-key';
import { QueryView } from '../../components/QueryView';
import { EmptyView } from '../../components/StateViews';
import { PlainTable } from '../../components/table/PlainTable';
import { formatDateTime, formatDayKey } from '../../format/date';
import { navigate } from '../../state/route';
import { TaskEvidence } from './TaskEvidence';

const STATUS_COLOR: Record<ComplianceTask['status'], string> = { open: 'blue', in_progress: 'orange', done: 'teal', cancelled: 'gray' };
const STATUS_TEXT: Record<ComplianceTask['status'], string> = { open: 'Open', in_progress: 'In progress', done: 'Done', cancelled: 'Cancelled' };

function TaskRow({ task, canAct }: { task: ComplianceTask; canAct: boolean }) {
  const [note, setNote] = useState('');
  const [open, setOpen] = useState(false);
  const update = useApiMutation('compliance.tasks.update');
  const send = (change: { status?: ComplianceTask['status']; note?: string }) =>
    update.mutate(
      { id: task.id, ...change, idempotencyKey: newIdempotencyKey('task-') },
      {
        onSuccess: (r) => {
          notifications.show({ color: r.status === 'queued' ? 'yellow' : 'teal', title: r.status === 'queued' ? 'Saved on this workstation' : 'Saved', message: r.message });
          setNote('');
        },
        onError: (e) => notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(e) }),
      },
    );
  const offlineOnly = task.id < 0;
  return (
    <>
      <Table.Tr data-testid={`task-${task.id}`}>
        <Table.Td>
          <Text size="sm" fw={500}>
            {task.title}
          </Text>
          <Text size="xs" c="dimmed">
            {task.links.customers.length > 0 && (
              <>
                Customers{' '}
                {task.links.customers.map((c) => (
                  <Text key={c} span c="blue" style={{ cursor: 'pointer' }} onClick={() => navigate(`customers/${c}`)}>
                    #{c}{' '}
                  </Text>
                ))}
              </>
            )}
          </Text>
        </Table.Td>
        <Table.Td>{task.owner}</Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDayKey(task.dueDay)}</Table.Td>
        <Table.Td>
          {canAct && !offlineOnly ? (
            <Select
              size="xs"
              w={140}
              aria-label={`Status of task ${task.title}`}
              data-testid="task-status"
              data={TASK_STATUSES.map((s) => ({ value: s, label: STATUS_TEXT[s] }))}
              value={task.status}
              allowDeselect={false}
              onChange={(v) => v && v !== task.status && send({ status: v as ComplianceTask['status'] })}
            />
          ) : (
            <Badge color={STATUS_COLOR[task.status]} variant="light">
              {STATUS_TEXT[task.status]}
            </Badge>
          )}
        </Table.Td>
        <Table.Td>
          {task.pending.map((p) => (
            <Tooltip key={p.outboxId} label={p.message ?? p.summary} multiline w={320}>
              <Badge color={p.status === 'pending' ? 'yellow' : 'red'} variant="light" size="sm" data-testid="task-pending">
                {p.status === 'pending' ? 'Waiting for the bank' : p.status === 'conflict' ? 'Conflict' : 'Failed'}
              </Badge>
            </Tooltip>
          ))}
        </Table.Td>
        <Table.Td>
          <Button size="compact-xs" variant="subtle" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
            Notes ({task.notes.length}) · Evidence ({task.evidence.length})
          </Button>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr>
          <Table.Td colSpan={6}>
            <Stack gap={6}>
              {task.notes.map((n) => (
                <Text key={n.id} size="xs">
                  <b>{n.author}</b> · {formatDateTime(n.at)} — {n.text}
                </Text>
              ))}
              {canAct && !offlineOnly && (
                <Group align="flex-end" gap="xs">
                  <Textarea
                    aria-label="New note"
                    placeholder="Add a note"
                    value={note}
                    onChange={(e) => setNote(e.currentTarget.value)}
                    autosize
                    minRows={1}
                    style={{ flex: 1 }}
                    maxLength={4000}
                  />
                  <Button size="xs" disabled={!note.trim()} loading={update.isPending} onClick={() => send({ note: note.trim() })}>
                    Add note
                  </Button>
                </Group>
              )}
              <TaskEvidence task={task} canAct={canAct} />
            </Stack>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

/** Corrective tasks, with changes made offline and still on their way to the bank. */
export function TasksPanel({ monitorId, canAct }: { monitorId?: MonitorId; canAct: boolean }) {
  const tasks = useApiQuery('compliance.tasks.list', monitorId ? { monitorId } : {});
  return (
    <QueryView
      query={tasks}
      loadingLabel="Loading tasks…"
      isEmpty={(t) => t.tasks.length === 0}
      empty={<EmptyView title="No corrective tasks" description={monitorId ? 'Open one from this monitor when it needs action.' : 'Open one from a monitor’s drill-down.'} />}
    >
      {({ tasks: list, asOf }) => (
        <Paper withBorder radius="md" p="xs">
          {asOf !== null && (
            <Text size="xs" c="orange.8" mb={4}>
              Offline: tasks as of {formatDateTime(asOf)}; changes are kept on this workstation and sent when the bank is back.
            </Text>
          )}
          <PlainTable verticalSpacing="xs" data-testid="tasks-table" headers={['Task', 'Owner', 'Due', 'Status', '', '']}>
            {list.map((t) => (
              <TaskRow key={t.id} task={t} canAct={canAct} />
            ))}
          </PlainTable>
        </Paper>
      )}
    </QueryView>
  );
}
