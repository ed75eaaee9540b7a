import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ConnectionProfile } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { endpointText } from './connection-values';

/** Deleting removes the sealed password too; asked once more, with the endpoint named. */
export function DeleteConnectionModal({ profile, onClose, onDeleted }: { profile: ConnectionProfile | null; onClose: () => void; onDeleted: (p: ConnectionProfile) => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = async () => {
    if (!profile) return;
    setBusy(true);
    setProblem(null);
    try {
      await call('connections.delete', { id: profile.id });
      onDeleted(profile);
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={profile !== null} onClose={onClose} title="Delete connection?" size="sm">
      {profile && (
        <Stack gap="sm" data-testid="delete-connection-dialog">
          <Text size="sm">
            Delete <b>{profile.name}</b> (<span className="mono">{endpointText(profile)}</span>) and its saved password? The database itself is not touched.
          </Text>
          {problem && (
            <Alert color="red" variant="light" data-testid="delete-connection-error">
              {problem}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} data-autofocus data-testid="delete-cancel">
              Keep it
            </Button>
            <Button color="red" loading={busy} onClick={() => void confirm()} data-testid="delete-confirm">
              Delete
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
