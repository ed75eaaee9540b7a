import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { StaffRow } from '../../../../shared/contract';
import { errorMessage } from '../../api/client';
import { tableState, useApiMutation, useApiQuery } from '../../api/use-api-query';
import { Screen } from '../../components/Screen';
import { DataTable } from '../../components/table/DataTable';
import { useSession } from '../../state/session';
import { NewUserForm } from './NewUserForm';
import { ACTION_TITLES, UserActionDialog, type UserAction } from './UserActionDialog';
import { userColumns } from './user-columns';

export function UsersScreen() {
  const users = useApiQuery('admin.listUsers', {});
  const [creating, create] = useDisclosure(false);
  const unlockUser = useApiMutation('admin.unlockUser');

  const unlock = async (row: StaffRow) => {
    try {
      await unlockUser.mutateAsync({ id: row.id });
      notifications.show({ color: 'teal', title: 'Unlocked', message: `${row.displayName} (${row.username}) can sign in again.` });
    } catch (e) {
      notifications.show({ color: 'red', title: 'Could not unlock', message: errorMessage(e) });
    }
  };
  const unlocking = unlockUser.isPending ? (unlockUser.variables?.id ?? null) : null;
  const selfId = useSession((s) => s.session?.user.id ?? null);
  const [acting, setActing] = useState<{ user: StaffRow; action: UserAction } | null>(null);
  const columns = useMemo(
    () =>
      userColumns(
        (r) => void unlock(r),
        unlocking,
        (user, action) => setActing({ user, action }),
        selfId,
      ),
    [unlocking, selfId],
  );

  return (
    <Screen
      testId="users-screen"
      title="Users"
      description="Staff accounts: roles, passwords, two-step sign-in, sessions, lockouts and deactivation."
      actions={
        <Button leftSection={<IconUserPlus size={16} />} onClick={create.open} data-testid="new-user">
          New user
        </Button>
      }
    >
      <DataTable
        columns={columns}
        rows={users.data}
        rowKey={(r) => String(r.id)}
        {...tableState(users)}
        emptyTitle="No staff users yet"
        initialSort={{ id: 'username', desc: false }}
        csvName="users"
        rowTestId="user-row"
        testId="users-table"
        caption="Staff users"
      />
      <Modal opened={acting !== null} onClose={() => setActing(null)} title={acting ? `${ACTION_TITLES[acting.action]}: ${acting.user.displayName}` : ''} size="md">
        {acting && (
          <UserActionDialog
            key={`${acting.user.id}-${acting.action}`}
            action={acting.action}
            user={acting.user}
            onCancel={() => setActing(null)}
            onDone={(message) => {
              setActing(null);
              notifications.show({ color: 'teal', title: ACTION_TITLES[acting.action], message });
            }}
          />
        )}
      </Modal>
      <Modal opened={creating} onClose={create.close} title="New user" size="md">
        <NewUserForm
          onCancel={create.close}
          onCreated={(username) => {
            create.close();
            notifications.show({ color: 'teal', title: 'User created', message: `${username} can sign in with the initial password, and must then choose their own.` });
          }}
        />
      </Modal>
    </Screen>
  );
}
