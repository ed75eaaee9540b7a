import { Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { StaffRow } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { useRefetchOnDataChange } from '../../api/use-event';
import { useQuery } from '../../api/use-query';
import { DataTable } from '../../components/table/DataTable';
import { NewUserForm } from './NewUserForm';
import { userColumns } from './user-columns';

export function UsersScreen() {
  const users = useQuery(() => call('admin.listUsers', {}), []);
  const [creating, create] = useDisclosure(false);
  const [unlocking, setUnlocking] = useState<number | null>(null);
  useRefetchOnDataChange(users.reload);

  const unlock = async (row: StaffRow) => {
    setUnlocking(row.id);
    try {
      await call('admin.unlockUser', { id: row.id });
      notifications.show({ color: 'teal', title: 'Unlocked', message: `${row.displayName} (${row.username}) can sign in again.` });
      users.reload();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Could not unlock', message: errorMessage(e) });
    } finally {
      setUnlocking(null);
    }
  };
  const columns = useMemo(() => userColumns((r) => void unlock(r), unlocking), [unlocking]);

  return (
    <Stack gap="md" data-testid="users-screen">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Users</Title>
          <Text size="xs" c="dimmed">
            Staff accounts, their roles, two-step sign-in and lockouts after repeated failed sign-ins.
          </Text>
        </div>
        <Button leftSection={<IconUserPlus size={16} />} onClick={create.open} data-testid="new-user">
          New user
        </Button>
      </Group>
      <DataTable
        columns={columns}
        rows={users.data}
        rowKey={(r) => String(r.id)}
        loading={users.loading}
        error={users.error}
        onRetry={users.reload}
        emptyTitle="No staff users yet"
        initialSort={{ id: 'username', desc: false }}
        csvName="users"
        rowTestId="user-row"
        testId="users-table"
        caption="Staff users"
      />
      <Modal opened={creating} onClose={create.close} title="New user" size="md">
        <NewUserForm
          onCancel={create.close}
          onCreated={(username) => {
            create.close();
            notifications.show({ color: 'teal', title: 'User created', message: `${username} can now sign in.` });
            users.reload();
          }}
        />
      </Modal>
    </Stack>
  );
}
