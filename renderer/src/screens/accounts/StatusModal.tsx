import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { formatIban } from '../../../../shared/account-number';
import { contract, type AccountDetail } from '../../../../shared/contract';
import { useApiMutation } from '../../api/use-api-query';
import { explainRefusal, type Refusal } from '../operations/refusal';
import { RefusalAlert } from '../operations/RefusalAlert';

export type StatusAction = 'freeze' | 'unfreeze' | 'close' | 'request-unfreeze' | 'approve-unfreeze';

const TEXT: Record<StatusAction, { title: string; button: string; color: string; explain: string; done: string }> = {
  freeze: {
    title: 'Freeze account',
    button: 'Freeze account',
    color: 'blue',
    explain: 'While frozen, withdrawals and outgoing transfers are refused; deposits are still accepted. The reason is kept in the audit log and shown on the account.',
    done: 'Account frozen',
  },
  unfreeze: {
    title: 'Unfreeze account',
    button: 'Unfreeze account',
    color: 'teal',
    explain: 'The account accepts debits again. The reason is kept in the audit log.',
    done: 'Account unfrozen',
  },
  'request-unfreeze': {
    title: 'Ask to lift the freeze',
    button: 'Ask for approval',
    color: 'teal',
    explain: 'A fraud or compliance freeze is lifted by two people: you ask, with the reason, and another person with fraud review approves. Both steps are audited.',
    done: 'Asked to lift the freeze',
  },
  'approve-unfreeze': {
    title: 'Approve lifting the freeze',
    button: 'Approve and unfreeze',
    color: 'teal',
    explain: 'The account accepts debits again as soon as you approve. Your approval is kept in the audit log with the request.',
    done: 'Freeze lifted',
  },
  close: {
    title: 'Close account',
    button: 'Close account',
    color: 'red',
    explain: 'A closed account takes no more operations and cannot be reopened. Only possible at a zero balance with nothing pending.',
    done: 'Account closed',
  },
};

/** The reason as the server checks it for freeze, unfreeze, close and the unfreeze request (5–400 characters). */
const withReason = contract['accounts.close'].input.pick({ reason: true });
/** Approving a requested unfreeze takes no reason of its own: the request carries it. */
const withoutReason = z.object({ reason: z.string() });
type ReasonValues = z.input<typeof withReason>;

/** Freeze, unfreeze or close with a reason (at least 5 characters, as the server requires). */
export function StatusModal({ account, action, onClose, onDone }: { account: AccountDetail; action: StatusAction | null; onClose: () => void; onDone: () => void }) {
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const text = action ? TEXT[action] : null;
  const needsReason = action !== 'approve-unfreeze';
  // Each resolves once the account (and every screen showing it) has been refetched: method-tables.ts.
  const closeAccount = useApiMutation('accounts.close');
  const requestUnfreeze = useApiMutation('accounts.requestUnfreeze');
  const approveUnfreeze = useApiMutation('accounts.approveUnfreeze');
  const setStatus = useApiMutation('accounts.setStatus');
  const { register, handleSubmit, reset, formState } = useForm<ReasonValues>({ resolver: zodResolver(needsReason ? withReason : withoutReason), defaultValues: { reason: '' } });
  const busy = formState.isSubmitting;

  const close = () => {
    if (busy) return;
    reset({ reason: '' });
    setRefusal(null);
    onClose();
  };

  const pending = account.freeze?.pendingUnfreeze ?? null;

  const apply = async (act: StatusAction, reason: string): Promise<void> => {
    if (act === 'close') await closeAccount.mutateAsync({ accountId: account.id, reason });
    else if (act === 'request-unfreeze') await requestUnfreeze.mutateAsync({ accountId: account.id, reason });
    else if (act === 'approve-unfreeze') {
      if (!pending) throw new Error('There is no request to approve.');
      await approveUnfreeze.mutateAsync({ requestId: pending.requestId });
    } else await setStatus.mutateAsync({ accountId: account.id, status: act === 'freeze' ? 'frozen' : 'open', reason });
  };

  const submit = handleSubmit(async ({ reason }) => {
    if (!action || !text) return;
    setRefusal(null);
    try {
      await apply(action, reason.trim());
      notifications.show({ color: text.color, title: text.done, message: formatIban(account.accountNo) });
      reset({ reason: '' });
      onDone();
    } catch (e) {
      setRefusal(explainRefusal(e, { account }));
    }
  });

  return (
    <Modal opened={action !== null} onClose={close} title={text?.title} size="md" data-testid="status-modal">
      {text && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack gap="sm">
            <Text size="sm">
              <span className="mono">{formatIban(account.accountNo)}</span> — {account.customer?.legalName ?? account.name}
            </Text>
            <Alert color={text.color} variant="light">
              {text.explain}
            </Alert>
            {action === 'approve-unfreeze' && pending && (
              <Text size="sm" data-testid="unfreeze-request">
                Asked by <b>{pending.requestedBy}</b>: {pending.reason}
              </Text>
            )}
            {needsReason && (
              <Textarea
                label="Reason"
                description="Recorded in the audit log"
                placeholder={
                  action === 'freeze' ? 'Customer reported the card stolen' : action === 'close' ? 'Customer request, balance paid out' : 'Customer confirmed the transactions'
                }
                autosize
                minRows={2}
                maxLength={400}
                {...register('reason')}
                onKeyDown={(e) => {
                  // Enter submits (Shift+Enter for a new line), like the other forms.
                  if (e.key === 'Enter' && !e.shiftKey) {
                    e.preventDefault();
                    void submit();
                  }
                }}
                error={formState.errors.reason?.message}
                data-autofocus
                data-testid="status-reason"
              />
            )}
            {refusal && <RefusalAlert refusal={refusal} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close} disabled={busy}>
                Cancel
              </Button>
              <Button type="submit" color={text.color} loading={busy} data-testid="status-submit">
                {text.button}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
