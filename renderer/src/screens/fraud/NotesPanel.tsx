import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { AlertDetail } from '../../../../shared/contract';
import { call } from '../../api/client';
import { formatDateTime } from '../../format/date';
import { announceError, announceOutcome } from './fraud-state';
import { newIdempotencyKey } from './fraud-values';

/** Case notes, oldest first, and a box to add one (queued in the outbox while offline). */
export function NotesPanel({ detail, canWrite, onAdded }: { detail: AlertDetail; canWrite: boolean; onAdded: () => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<string[]>([]);

  const add = async () => {
    const note = text.trim();
    if (!note) return;
    setBusy(true);
    try {
      const outcome = await call('alerts.addNote', { id: detail.alert.id, text: note, idempotencyKey: newIdempotencyKey() });
      announceOutcome(outcome, 'Note added');
      if (outcome.status === 'queued') setPending((p) => [...p, note]);
      setText('');
      onAdded();
    } catch (e) {
      announceError(e, 'Note not saved');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="sm" radius="sm" data-testid="notes">
      <Text fw={600} size="sm" mb={6}>
        Notes
      </Text>
      <Stack gap={8}>
        {detail.notes.length === 0 && pending.length === 0 && (
          <Text size="sm" c="dimmed">
            No notes yet.
          </Text>
        )}
        {detail.notes.map((n) => (
          <div key={n.id} data-testid="note">
            <Text size="xs" c="dimmed">
              {n.author} · {formatDateTime(n.at)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {n.text}
            </Text>
          </div>
        ))}
        {pending.map((n, i) => (
          <div key={`p${i}`} data-testid="note-pending">
            <Text size="xs" c="yellow.8">
              waiting to be sent
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {n}
            </Text>
          </div>
        ))}
        {canWrite && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void add();
            }}
          >
            <Textarea
              placeholder="Add a note: what you checked, whom you called…"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  void add();
                }
              }}
              maxLength={4000}
              autosize
              minRows={2}
              aria-label="New note"
              data-testid="note-input"
            />
            <Group justify="space-between" mt={6}>
              <Text size="xs" c="dimmed">
                Ctrl/⌘ Enter to add
              </Text>
              <Button size="xs" type="submit" loading={busy} disabled={text.trim().length === 0} data-testid="note-add">
                Add note
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
