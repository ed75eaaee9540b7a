import { Alert, Badge, Button, Checkbox, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconLock, IconWifiOff } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { AlertDetail, MethodOutput } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { call, errorMessage } from '../../api/client';
import { formatMoney } from '../../format/money';

type Result = MethodOutput<'alerts.confirmFraud'>;

interface AccountChoice {
  id: number;
  accountNo: string;
  label: string;
  frozen: boolean;
}

/** The accounts an analyst may freeze: the customer's open and frozen accounts, the alert's subject first. */
export function freezeChoices(detail: AlertDetail): AccountChoice[] {
  const subject = detail.alert;
  const own = detail.customer?.accounts.filter((a) => a.status !== 'closed') ?? [];
  const list: AccountChoice[] = own.map((a) => ({
    id: a.id,
    accountNo: a.accountNo,
    label: `${a.name}${a.productName ? ` · ${a.productName}` : ''} · ${formatMoney(a.balance, a.currency)}`,
    frozen: a.status === 'frozen',
  }));
  if (!list.some((a) => a.id === subject.accountId)) list.unshift({ id: subject.accountId, accountNo: subject.accountNo, label: 'Subject account', frozen: false });
  return list.sort((a, b) => Number(b.id === subject.accountId) - Number(a.id === subject.accountId));
}

/**
 * Confirm fraud: choose the accounts to freeze (the subject by default) and say what was found; the
 * answer lists what was frozen. Needs the bank — offline it says so instead of queueing.
 */
export function ConfirmFraudModal({ detail, opened, onClose, onDone }: { detail: AlertDetail; opened: boolean; onClose: () => void; onDone: () => void }) {
  const choices = freezeChoices(detail);
  const [accounts, setAccounts] = useState<string[]>([String(detail.alert.accountId)]);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ offline: boolean; message: string } | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const flagged = detail.timeline.filter((t) => t.flagged).length;

  useEffect(() => {
    if (opened) {
      setAccounts([String(detail.alert.accountId)]);
      setComment('');
      setError(null);
      setResult(null);
    }
  }, [opened, detail.alert.accountId]);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('alerts.confirmFraud', { id: detail.alert.id, freezeAccountIds: accounts.map(Number), comment: comment.trim() });
      setResult(r);
      onDone();
    } catch (e) {
      setError({ offline: e instanceof AppError && e.code === 'OFFLINE', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

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
                  {f.alreadyFrozen ? <Badge size="xs" variant="light" color="gray">was already frozen</Badge> : <Badge size="xs" color="red">frozen now</Badge>}
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
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              The chosen accounts are frozen at once (no withdrawals or outgoing payments) and the {flagged} flagged{' '}
              {flagged === 1 ? 'transaction is' : 'transactions are'} marked as fraud. Both are audited under your name.
            </Text>
            <Checkbox.Group label="Freeze these accounts" value={accounts} onChange={setAccounts} data-testid="freeze-accounts">
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
            <Textarea
              label="Comment"
              placeholder="What you found (goes to the audit log and the alert)"
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              maxLength={1000}
              autosize
              minRows={2}
              data-autofocus
              data-testid="confirm-comment"
            />
            {error && (
              <Alert color={error.offline ? 'yellow' : 'red'} variant="light" icon={error.offline ? <IconWifiOff size={18} /> : undefined} title={error.offline ? 'Needs the bank' : 'Not confirmed'}>
                <Text size="sm">{error.offline ? `Freezing accounts needs a live connection to the bank; nothing was queued. ${error.message}` : error.message}</Text>
              </Alert>
            )}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={busy} leftSection={<IconLock size={16} />} data-testid="confirm-submit">
                {accounts.length === 0 ? 'Confirm without freezing' : `Confirm fraud and freeze ${accounts.length}`}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
