import { Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { MonitorResult } from '../../../../shared/contract';
import { useApiMutation } from '../../api/use-api-query';
import { bindText } from '../../components/form/bind-text';
import { FormActions } from '../../components/form/FormActions';
import { FormError } from '../../components/form/FormError';
import { submitHandler } from '../../components/form/submit-handler';
import { toStoredLimit, toTypedLimit } from './compliance-format';

/** Propose a new limit and warning edge: it applies only when a second person approves it. */
export function LimitChangeModal({ monitor: m, opened, onClose }: { monitor: MonitorResult; opened: boolean; onClose: () => void }) {
  const [limit, setLimit] = useState(toTypedLimit(m.unit, m.limit));
  const [warning, setWarning] = useState(toTypedLimit(m.unit, m.warning));
  const [reason, setReason] = useState('');
  const propose = useApiMutation('compliance.changes.propose');
  const suffix = m.unit === 'ratio' ? '%' : m.unit === 'days' ? 'days' : '';
  const submit = () =>
    propose.mutate(
      { proposal: { kind: 'limit', monitor: m.id, limit: toStoredLimit(m.unit, limit), warning: toStoredLimit(m.unit, warning) }, reason: reason.trim() },
      {
        onSuccess: (r) => {
          notifications.show({ color: 'blue', title: 'Waiting for approval', message: `${r.summary} — another person with the right must approve it.` });
          onClose();
        },
      },
    );
  return (
    <Modal opened={opened} onClose={onClose} title={`Change the limit of ${m.name}`}>
      <Stack gap="sm" component="form" onSubmit={submitHandler(submit)}>
        <Text size="sm" c="dimmed">
          {m.direction === 'max'
            ? 'The value must stay at or below the limit; above the warning edge it warns.'
            : 'The value must stay at or above the limit; below the warning edge it warns.'}{' '}
          A second person approves the change before it applies.
        </Text>
        <Group grow>
          <TextInput label="Limit" rightSection={suffix} {...bindText(limit, setLimit)} inputMode="decimal" required data-testid="limit-input" />
          <TextInput label="Warning from" rightSection={suffix} {...bindText(warning, setWarning)} inputMode="decimal" required data-testid="warning-input" />
        </Group>
        <Textarea label="Why" {...bindText(reason, setReason)} required minLength={5} maxLength={400} autosize minRows={2} data-testid="reason-input" />
        <FormError error={propose.error} />
        <FormActions submitLabel="Propose change" busy={propose.isPending} disabled={reason.trim().length < 5} onCancel={onClose} />
      </Stack>
    </Modal>
  );
}
