import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/use-api-query';

/** Exactly what the server checks: a reason of at least five characters. */
const escalateSchema = contract['alerts.escalate'].input.pick({ comment: true });

/** Escalate to compliance: opens a case (one per alert) with the analyst's reason. */
export function EscalateModal({ alertId, opened, onClose }: { alertId: number; opened: boolean; onClose: () => void }) {
  const escalate = useApiMutation('alerts.escalate');
  const { register, handleSubmit, reset, formState } = useForm<z.input<typeof escalateSchema>, unknown, z.output<typeof escalateSchema>>({
    resolver: zodResolver(escalateSchema),
    defaultValues: { comment: '' },
  });

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
          <Textarea
            label="Why"
            withAsterisk
            {...register('comment')}
            maxLength={2000}
            autosize
            minRows={3}
            data-autofocus
            error={formState.errors.comment?.message}
            data-testid="escalate-comment"
          />
          {escalate.error && (
            <Alert color="red" variant="light" title="Not escalated">
              <Text size="sm">{errorMessage(escalate.error)}</Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="orange" loading={escalate.isPending} data-testid="escalate-submit">
              Escalate
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
