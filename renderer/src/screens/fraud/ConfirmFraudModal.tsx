import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Badge, Button, Checkbox, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconLock, IconWifiOff } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { contract, type AlertDetail } from '../../../../shared/contract';
import { freezeChoices } from './freeze-choices';
import { AppError } from '../../../../shared/errors';
import { errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/use-api-query';

/** What the server checks: at most 20 accounts to freeze and a comment of 5 to 1,000 characters. */
const confirmSchema = contract['alerts.confirmFraud'].input.pick({ freezeAccountIds: true, comment: true });
type ConfirmValues = z.input<typeof confirmSchema>;

/**
 * Confirm fraud: choose the accounts to freeze (the subject by default) and say what was found; the
 * answer lists what was frozen. Needs the bank — offline it says so instead of queueing.
 */
export function ConfirmFraudModal({ detail, journalIds, opened, onClose }: { detail: AlertDetail; journalIds: number[]; opened: boolean; onClose: () => void }) {
  const choices = freezeChoices(detail);
  const confirm = useApiMutation('alerts.confirmFraud');
  const initial = (): ConfirmValues => ({ freezeAccountIds: [detail.alert.accountId], comment: '' });
  const { control, register, handleSubmit, reset, watch, formState } = useForm<ConfirmValues, unknown, z.output<typeof confirmSchema>>({
    resolver: zodResolver(confirmSchema),
    defaultValues: initial(),
  });
  const flagged = journalIds.length;
  // An alert with no flagged transactions left to mark (all confirmed, or none) may still be confirmed.
  const nothingToPick = detail.timeline.every((t) => !t.flagged || t.confirmedFraud);
  const chosen = watch('freezeAccountIds')?.length ?? 0;
  const result = confirm.data;
  const error = confirm.error ? { offline: confirm.error instanceof AppError && confirm.error.code === 'OFFLINE', message: errorMessage(confirm.error) } : null;

  useEffect(() => {
    if (opened) {
      reset(initial());
      confirm.reset();
    }
  }, [opened, detail.alert.accountId]);

  const submit = handleSubmit(async (values) => {
    try {
      await confirm.mutateAsync({ id: detail.alert.id, ...values, ...(journalIds.length ? { journalIds } : {}) });
    } catch {
      // Shown in the form from the mutation's error.
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={`Confirm fraud on alert #${detail.alert.id}`} size="lg" centered data-testid="confirm-fraud-modal">
      {result ? (
        <Stack gap="sm" data-testid="confirm-result">
          <Alert color="red" variant="light" icon={<IconLock size={18} />} title="Fraud confirmed">
            <Text size="sm">
              {result.frozen.length === 0 ? 'No account was frozen.' : `${result.frozen.length} ${result.frozen.length === 1 ? 'account is' : 'accounts are'} frozen:`}
            </Text>
            <List size="sm" mt={4}>
              {result.frozen.map((f) => (
                <List.Item key={f.accountId} data-testid="frozen-account" data-account-id={f.accountId}>
                  <Text span className="mono" size="sm">
                    {f.accountNo}
                  </Text>{' '}
                  {f.alreadyFrozen ? (
                    <Badge size="xs" variant="light" color="gray">
                      was already frozen
                    </Badge>
                  ) : (
                    <Badge size="xs" color="red">
                      frozen now
                    </Badge>
                  )}
                </List.Item>
              ))}
            </List>
            <Text size="sm" mt={6}>
              {result.marked} {result.marked === 1 ? 'transaction' : 'transactions'} marked as fraud.
            </Text>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus data-testid="confirm-done">
              Done
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack gap="sm">
            <Text size="sm">
              The chosen accounts are frozen at once (no withdrawals or outgoing payments) and the {flagged} selected {flagged === 1 ? 'transaction is' : 'transactions are'} marked
              as fraud — choose them in the flagged transactions table. Both are audited under your name.
            </Text>
            <Controller
              control={control}
              name="freezeAccountIds"
              render={({ field, fieldState }) => (
                <Checkbox.Group
                  label="Freeze these accounts"
                  value={(field.value ?? []).map(String)}
                  onChange={(ids) => field.onChange(ids.map(Number))}
                  error={fieldState.error?.message}
                  data-testid="freeze-accounts"
                >
                  <Stack gap={6} mt={6}>
                    {choices.map((a) => (
                      <Checkbox
                        key={a.id}
                        value={String(a.id)}
                        disabled={a.frozen}
                        label={
                          <Group gap={6} wrap="nowrap">
                            <Text span className="mono" size="sm">
                              {a.accountNo}
                            </Text>
                            {a.id === detail.alert.accountId && (
                              <Badge size="xs" variant="light" color="red">
                                subject
                              </Badge>
                            )}
                            {a.frozen && (
                              <Badge size="xs" variant="light" color="gray">
                                already frozen
                              </Badge>
                            )}
                          </Group>
                        }
                        description={a.label}
                        data-testid="freeze-account"
                      />
                    ))}
                  </Stack>
                </Checkbox.Group>
              )}
            />
            <Textarea
              label="Comment"
              placeholder="What you found (goes to the audit log and the alert)"
              {...register('comment')}
              error={formState.errors.comment?.message}
              maxLength={1000}
              autosize
              minRows={2}
              data-autofocus
              data-testid="confirm-comment"
            />
            {error && (
              <Alert
                color={error.offline ? 'yellow' : 'red'}
                variant="light"
                icon={error.offline ? <IconWifiOff size={18} /> : undefined}
                title={error.offline ? 'Needs the bank' : 'Not confirmed'}
              >
                <Text size="sm">{error.offline ? `Freezing accounts needs a live connection to the bank; nothing was queued. ${error.message}` : error.message}</Text>
              </Alert>
            )}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button
                type="submit"
                color="red"
                disabled={flagged === 0 && !nothingToPick}
                loading={confirm.isPending}
                leftSection={<IconLock size={16} />}
                data-testid="confirm-submit"
              >
                {chosen === 0 ? 'Confirm without freezing' : `Confirm fraud and freeze ${chosen}`}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
