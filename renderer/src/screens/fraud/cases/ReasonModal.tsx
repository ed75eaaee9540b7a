import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { FormActions } from '../../../components/form/FormActions';
import { FormError } from '../../../components/form/FormError';
import { submitHandler } from '../../../components/form/submit-handler';
import { useEffect, useState, type ReactNode } from 'react';

/**
 * A confirmation that needs the analyst's reason (at least five characters, as the server checks):
 * block a card, recall a transfer, reopen an alert, escalate a case. `onSubmit` throws to keep it open.
 */
export function ReasonModal({
  opened,
  title,
  intro,
  label,
  submitLabel,
  color,
  onClose,
  onSubmit,
  testId,
}: {
  opened: boolean;
  title: string;
  intro: ReactNode;
  label: string;
  submitLabel: string;
  color?: string;
  onClose: () => void;
  onSubmit: (reason: string) => Promise<void>;
  testId: string;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (opened) {
      setReason('');
      setError(null);
      setFailure(null);
    }
  }, [opened]);
  const submit = async () => {
    if (reason.trim().length < 5) {
      setError('Say why (at least 5 characters)');
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await onSubmit(reason.trim());
      onClose();
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered data-testid={testId}>
      <form onSubmit={submitHandler(submit)} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed" component="div">
            {intro}
          </Text>
          <Textarea
            label={label}
            withAsterisk
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setError(null);
            }}
            maxLength={400}
            autosize
            minRows={2}
            data-autofocus
            error={error}
            data-testid={`${testId}-reason`}
          />
          <FormError error={failure} title="Not done" />
          <FormActions submitLabel={submitLabel} busy={busy} onCancel={onClose} color={color ?? 'blue'} submitTestId={`${testId}-submit`} />
        </Stack>
      </form>
    </Modal>
  );
}
