import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useEffect } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { contract, dismissReasonSchema } from '../../../../shared/contract';
import { useApiMutation } from '../../api/use-api-query';
import { useIntentKey } from '../../api/use-intent-key';
import { announceError, announceOutcome } from './fraud-state';
import { DISMISS_REASON_OPTIONS, isDismissReason } from './fraud-values';

/** What the server checks, and what the reason codes mean for the statistics: "Other" needs its why. */
const dismissSchema = contract['alerts.dismiss'].input
  .pick({ reason: true, comment: true })
  // The form starts with no reason chosen; submitting without one is refused like a wrong code.
  .extend({ reason: dismissReasonSchema.nullable().pipe(dismissReasonSchema) })
  .refine((v) => v.reason !== 'other' || v.comment.trim().length > 0, { path: ['comment'], message: 'Say why when the reason is “Other”' });
type DismissForm = z.input<typeof dismissSchema>;

/** Dismiss one or several alerts with a reason code (counted in the rules' false-positive rates) and a comment. */
export function DismissModal({ ids, opened, onClose, onDone }: { ids: readonly number[]; opened: boolean; onClose: () => void; onDone?: () => void }) {
  const dismiss = useApiMutation('alerts.dismiss');
  // One key per dismissal the analyst asks for: a retry of the same one resends it, so it is applied once.
  const intent = useIntentKey();
  const { control, register, handleSubmit, reset, watch, formState } = useForm<DismissForm, unknown, z.output<typeof dismissSchema>>({
    resolver: zodResolver(dismissSchema),
    defaultValues: { reason: null, comment: '' },
  });

  useEffect(() => {
    if (opened) reset({ reason: null, comment: '' });
  }, [opened, reset]);

  const submit = handleSubmit(async ({ reason, comment }) => {
    if (ids.length === 0) return;
    const input = { ids: [...ids], reason, comment };
    try {
      const outcome = await dismiss.mutateAsync({ ...input, idempotencyKey: intent.keyFor(input) });
      intent.done();
      announceOutcome(outcome, ids.length === 1 ? `Alert #${ids[0]} dismissed` : `${ids.length} alerts dismissed`);
      onDone?.();
      onClose();
    } catch (e) {
      announceError(e, 'Not dismissed');
    }
  });

  const title = ids.length === 1 ? `Dismiss alert #${ids[0]}` : `Dismiss ${ids.length} alerts`;
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered data-testid="dismiss-modal">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            A dismissal closes the alert as a false positive. The reason is counted in the rule’s statistics.
          </Text>
          <Controller
            control={control}
            name="reason"
            render={({ field, fieldState }) => (
              <Select
                label="Reason"
                placeholder="Choose a reason"
                data={DISMISS_REASON_OPTIONS}
                value={field.value}
                onChange={(v) => field.onChange(isDismissReason(v) ? v : null)}
                onBlur={field.onBlur}
                error={fieldState.error ? 'Choose a reason' : undefined}
                data-autofocus
                withAsterisk
                comboboxProps={{ withinPortal: true }}
                data-testid="dismiss-reason"
              />
            )}
          />
          <Textarea
            label="Comment"
            placeholder={watch('reason') === 'other' ? 'Say why' : 'Optional: what you checked'}
            {...register('comment')}
            maxLength={1000}
            autosize
            minRows={2}
            error={formState.errors.comment?.message}
            data-testid="dismiss-comment"
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="gray" loading={dismiss.isPending} data-testid="dismiss-submit">
              {ids.length === 1 ? 'Dismiss alert' : `Dismiss ${ids.length} alerts`}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
