import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { contract, type AlertDetail } from '../../../../shared/contract';
import { useApiMutation } from '../../api/use-api-query';
import { useIntentKey } from '../../api/use-intent-key';
import { formatDateTime } from '../../format/date';
import { announceError, announceOutcome } from './fraud-state';

/** The note box checks what the server checks (a note, at most 4,000 characters). */
const noteSchema = contract['alerts.addNote'].input.pick({ text: true });

/** Case notes, oldest first, and a box to add one (queued in the outbox while offline). */
export function NotesPanel({ detail, canWrite }: { detail: AlertDetail; canWrite: boolean }) {
  const [pending, setPending] = useState<string[]>([]);
  const addNote = useApiMutation('alerts.addNote');
  // One key per note: a retry after an error or a timeout resends the same key, so the note is posted once.
  const intent = useIntentKey();
  const { register, handleSubmit, reset, watch, formState } = useForm<{ text: string }>({ resolver: zodResolver(noteSchema), defaultValues: { text: '' } });
  const text = watch('text');

  const add = handleSubmit(async ({ text: note }) => {
    const id = detail.alert.id;
    try {
      const outcome = await addNote.mutateAsync({ id, text: note, idempotencyKey: intent.keyFor({ id, note }) });
      intent.done();
      announceOutcome(outcome, 'Note added');
      if (outcome.status === 'queued') setPending((p) => [...p, note]);
      reset({ text: '' });
    } catch (e) {
      announceError(e, 'Note not saved');
    }
  });

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
          <form onSubmit={(e) => void add(e)} noValidate>
            <Textarea
              placeholder="Add a note: what you checked, whom you called…"
              {...register('text')}
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
              error={formState.errors.text?.message}
              data-testid="note-input"
            />
            <Group justify="space-between" mt={6}>
              <Text size="xs" c="dimmed">
                Ctrl/⌘ Enter to add
              </Text>
              <Button size="xs" type="submit" loading={addNote.isPending} disabled={text.trim().length === 0} data-testid="note-add">
                Add note
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
