import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { call, errorMessage } from '../../api/client';

const MIN_REASON = 5;

/** Escalate to compliance: opens a case (one per alert) with the analyst's reason. */
export function EscalateModal({ alertId, opened, onClose, onDone }: { alertId: number; opened: boolean; onClose: () => void; onDone: () => void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (opened) {
      setComment('');
      setTried(false);
      setError(null);
    }
  }, [opened]);

  const tooShort = comment.trim().length < MIN_REASON;
  const submit = async () => {
    setTried(true);
    if (tooShort) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('alerts.escalate', { id: alertId, comment: comment.trim() });
      notifications.show({ color: 'orange', title: 'Escalated to compliance', message: `Case #${r.caseId} is open for alert #${alertId}.` });
      onDone();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`Escalate alert #${alertId} to compliance`} centered data-testid="escalate-modal">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Compliance gets a case with this alert, its evidence and your reason.
          </Text>
          <Textarea
            label="Why"
            withAsterisk
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            maxLength={2000}
            autosize
            minRows={3}
            data-autofocus
            error={tried && tooShort ? `Say why (at least ${MIN_REASON} characters)` : undefined}
            data-testid="escalate-comment"
          />
          {error && (
            <Alert color="red" variant="light" title="Not escalated">
              <Text size="sm">{error}</Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="orange" loading={busy} data-testid="escalate-submit">
              Escalate
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
