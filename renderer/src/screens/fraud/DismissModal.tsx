import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { announceError, announceOutcome } from './fraud-state';
import { DISMISS_REASON_OPTIONS, isDismissReason, newIdempotencyKey, type DismissReason } from './fraud-values';

/** Dismiss one or several alerts with a reason code (counted in the rules' false-positive rates) and a comment. */
export function DismissModal({ ids, opened, onClose, onDone }: { ids: readonly number[]; opened: boolean; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState<DismissReason | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);

  useEffect(() => {
    if (opened) {
      setReason(null);
      setComment('');
      setTried(false);
    }
  }, [opened]);

  const needsComment = reason === 'other' && comment.trim().length === 0;
  const submit = async () => {
    setTried(true);
    if (!reason || needsComment || ids.length === 0) return;
    setBusy(true);
    try {
      const outcome = await call('alerts.dismiss', { ids: [...ids], reason, comment: comment.trim(), idempotencyKey: newIdempotencyKey() });
      announceOutcome(outcome, ids.length === 1 ? `Alert #${ids[0]} dismissed` : `${ids.length} alerts dismissed`);
      onDone();
      onClose();
    } catch (e) {
      announceError(e, 'Not dismissed');
    } finally {
      setBusy(false);
    }
  };

  const title = ids.length === 1 ? `Dismiss alert #${ids[0]}` : `Dismiss ${ids.length} alerts`;
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered data-testid="dismiss-modal">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            A dismissal closes the alert as a false positive. The reason is counted in the rule’s statistics.
          </Text>
          <Select
            label="Reason"
            placeholder="Choose a reason"
            data={DISMISS_REASON_OPTIONS}
            value={reason}
            onChange={(v) => setReason(isDismissReason(v) ? v : null)}
            error={tried && !reason ? 'Choose a reason' : undefined}
            data-autofocus
            withAsterisk
            comboboxProps={{ withinPortal: true }}
            data-testid="dismiss-reason"
          />
          <Textarea
            label="Comment"
            placeholder={reason === 'other' ? 'Say why' : 'Optional: what you checked'}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            maxLength={1000}
            autosize
            minRows={2}
            error={tried && needsComment ? 'Say why when the reason is “Other”' : undefined}
            data-testid="dismiss-comment"
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="gray" loading={busy} data-testid="dismiss-submit">
              {ids.length === 1 ? 'Dismiss alert' : `Dismiss ${ids.length} alerts`}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
