import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { formatIban } from '../../../../shared/account-number';
import type { AccountDetail } from '../../../../shared/contract';
import { call } from '../../api/client';
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

/** Freeze, unfreeze or close with a reason (at least 5 characters, as the server requires). */
export function StatusModal({ account, action, onClose, onDone }: { account: AccountDetail; action: StatusAction | null; onClose: () => void; onDone: (a: AccountDetail) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const text = action ? TEXT[action] : null;

  const close = () => {
    if (busy) return;
    setReason('');
    setError(null);
    setRefusal(null);
    onClose();
  };

  const pending = account.freeze?.pendingUnfreeze ?? null;
  const needsReason = action !== 'approve-unfreeze';

  const apply = async (act: StatusAction, why: string): Promise<AccountDetail> => {
    if (act === 'close') return call('accounts.close', { accountId: account.id, reason: why });
    if (act === 'request-unfreeze') {
      await call('accounts.requestUnfreeze', { accountId: account.id, reason: why });
      return call('accounts.get', { id: account.id });
    }
    if (act === 'approve-unfreeze') {
      if (!pending) throw new Error('There is no request to approve.');
      return call('accounts.approveUnfreeze', { requestId: pending.requestId });
    }
    return call('accounts.setStatus', { accountId: account.id, status: act === 'freeze' ? 'frozen' : 'open', reason: why });
  };

  const submit = async () => {
    if (!action || !text) return;
    const trimmed = reason.trim();
    if (needsReason && trimmed.length < 5) return setError('Give the reason (at least 5 characters)');
    if (trimmed.length > 400) return setError('Use at most 400 characters');
    setBusy(true);
    setRefusal(null);
    try {
      const updated = await apply(action, trimmed);
      notifications.show({ color: text.color, title: text.done, message: formatIban(account.accountNo) });
      setReason('');
      onDone(updated);
    } catch (e) {
      setRefusal(explainRefusal(e, { account }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={action !== null} onClose={close} title={text?.title} size="md" data-testid="status-modal">
      {text && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          noValidate
        >
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
                placeholder={action === 'freeze' ? 'Customer reported the card stolen' : action === 'close' ? 'Customer request, balance paid out' : 'Customer confirmed the transactions'}
                autosize
                minRows={2}
                maxLength={400}
                value={reason}
                onChange={(e) => {
                  setReason(e.currentTarget.value);
                  setError(null);
                }}
                onKeyDown={(e) => {
                  // Enter submits (Shift+Enter for a new line), like the other forms.
                  if (e.key === 'Enter' && !e.shiftKey) {
                    e.preventDefault();
                    void submit();
                  }
                }}
                error={error}
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
