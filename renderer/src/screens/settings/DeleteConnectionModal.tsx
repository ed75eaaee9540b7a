import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import type { ConnectionProfile } from '../../../../shared/contract';
import { errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/use-api-query';
import { endpointText } from './connection-values';

/** Deleting removes the sealed password too; asked once more, with the endpoint named. */
export function DeleteConnectionModal({ profile, onClose, onDeleted }: { profile: ConnectionProfile | null; onClose: () => void; onDeleted: (p: ConnectionProfile) => void }) {
  // A confirmation with nothing to fill in: no form, one write that refreshes the connections list.
  const remove = useApiMutation('connections.delete');
  useEffect(() => remove.reset(), [profile?.id, remove.reset]);
  const confirm = () => {
    if (profile) remove.mutate({ id: profile.id }, { onSuccess: () => onDeleted(profile) });
  };
  const problem = remove.error ? errorMessage(remove.error) : null;
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
            <Button color="red" loading={remove.isPending} onClick={confirm} data-testid="delete-confirm">
              Delete
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
