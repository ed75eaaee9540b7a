import { zodResolver } from '@hookform/resolvers/zod';
import { Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { useApiMutation } from '../../api/use-api-query';
import { TextareaField } from '../../components/form/bound-fields';
import { FormActions } from '../../components/form/FormActions';
import { FormError } from '../../components/form/FormError';

/** Exactly what the server checks: a reason of at least five characters. */
const escalateSchema = contract['alerts.escalate'].input.pick({ comment: true });

/** Escalate to compliance: opens a case (one per alert) with the analyst's reason. */
export function EscalateModal({ alertId, opened, onClose }: { alertId: number; opened: boolean; onClose: () => void }) {
  const escalate = useApiMutation('alerts.escalate');
  const form = useForm<z.input<typeof escalateSchema>, unknown, z.output<typeof escalateSchema>>({ resolver: zodResolver(escalateSchema), defaultValues: { comment: '' } });
  const { handleSubmit, reset } = form;

  useEffect(() => {
    if (opened) {
      reset({ comment: '' });
      escalate.reset();
    }
  }, [opened, reset, escalate.reset]);

  const submit = handleSubmit(async ({ comment }) => {
    try {
      const r = await escalate.mutateAsync({ id: alertId, comment });
      notifications.show({ color: 'orange', title: 'Escalated to compliance', message: `Case #${r.caseId} is open for alert #${alertId}.` });
      onClose();
    } catch {
      // Shown below the form from the mutation's error.
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={`Escalate alert #${alertId} to compliance`} centered data-testid="escalate-modal">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Compliance gets a case with this alert, its evidence and your reason.
          </Text>
          <TextareaField form={form} name="comment" label="Why" withAsterisk maxLength={2000} autosize minRows={3} data-autofocus data-testid="escalate-comment" />
          <FormError error={escalate.error} title="Not escalated" />
          <FormActions submitLabel="Escalate" busy={escalate.isPending} onCancel={onClose} color="orange" submitTestId="escalate-submit" />
        </Stack>
      </form>
    </Modal>
  );
}
