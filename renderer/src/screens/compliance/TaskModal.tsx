import { Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { MonitorId } from '../../../../shared/contract';
import { useApiMutation } from '../../api/use-api-query';
import { bindText } from '../../components/form/bind-text';
import { FormActions } from '../../components/form/FormActions';
import { FormError } from '../../components/form/FormError';
import { submitHandler } from '../../components/form/submit-handler';
import { useIntentKey } from '../../api/use-intent-key';

function plusDays(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Open a corrective task for a monitor (and the rows it concerns). Works offline: the outbox keeps it. */
export function TaskModal({
  monitorId,
  monitorName,
  owner,
  customers,
  opened,
  onClose,
}: {
  monitorId: MonitorId;
  monitorName: string;
  owner: string;
  customers: number[];
  opened: boolean;
  onClose: () => void;
}) {
  const [title, setTitle] = useState(`Investigate ${monitorName.toLowerCase()}`);
  const [taskOwner, setOwner] = useState(owner);
  const [due, setDue] = useState(plusDays(7));
  const [note, setNote] = useState('');
  const intent = useIntentKey('task-');
  const create = useApiMutation('compliance.tasks.create');
  const input = { monitorId, title: title.trim(), owner: taskOwner.trim(), dueDay: due, links: { customers, accounts: [], transactions: [] }, note: note.trim() };
  const submit = () =>
    create.mutate(
      { ...input, idempotencyKey: intent.keyFor(input) },
      {
        onSuccess: (r) => {
          intent.done();
          notifications.show({ color: r.status === 'queued' ? 'yellow' : 'teal', title: r.status === 'queued' ? 'Saved on this workstation' : 'Task opened', message: r.message });
          onClose();
        },
      },
    );
  return (
    <Modal opened={opened} onClose={onClose} title="New corrective task" size="lg">
      <Stack gap="sm" component="form" onSubmit={submitHandler(submit)}>
        <TextInput label="Title" {...bindText(title, setTitle)} required maxLength={200} data-autofocus />
        <Group grow>
          <TextInput label="Owner" description="User name of who does it" {...bindText(taskOwner, setOwner)} required maxLength={80} />
          <TextInput label="Due" type="date" {...bindText(due, setDue)} required />
        </Group>
        {customers.length > 0 && <TextInput label="Linked customers" value={customers.join(', ')} readOnly />}
        <Textarea label="First note" {...bindText(note, setNote)} autosize minRows={2} maxLength={4000} />
        <FormError error={create.error} />
        <FormActions submitLabel="Open task" busy={create.isPending} disabled={title.trim().length < 3 || !taskOwner.trim() || !due} onCancel={onClose} />
      </Stack>
    </Modal>
  );
}
