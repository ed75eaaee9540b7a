import { Anchor, Button, Group, Menu, Text } from '@mantine/core';
import { IconFolderPlus, IconFolders } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../../api/client';
import { useApiMutation, useApiQuery } from '../../../api/use-api-query';
import { newIdempotencyKey } from '../../../api/use-intent-key';
import { navigate } from '../../../state/route';

/** The open review cases, each a link; with alerts selected, a menu adds them to one of the cases. */
export function OpenCasesBar({ selectedIds, canReview, onAdded }: { selectedIds: readonly number[]; canReview: boolean; onAdded: () => void }) {
  const cases = useApiQuery('cases.list', { status: 'open' });
  const add = useApiMutation('cases.addAlerts');
  const open = cases.data ?? [];
  if (open.length === 0) return null;
  const addTo = async (id: number) => {
    try {
      const r = await add.mutateAsync({ id, alertIds: selectedIds.slice(0, 50), idempotencyKey: newIdempotencyKey() });
      notifications.show({ color: 'blue', title: 'Added to the case', message: r.message });
      onAdded();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not added', message: errorMessage(e) });
    }
  };
  return (
    <Group gap="xs" wrap="wrap" data-testid="open-cases">
      <IconFolders size={14} />
      <Text size="xs" c="dimmed">
        Open cases:
      </Text>
      {open.slice(0, 8).map((k) => (
        <Anchor key={k.id} size="xs" onClick={() => navigate(`fraud/cases/${k.id}`)} data-testid="open-case-link" title={k.title}>
          #{k.id} ({k.alertIds.length}) {k.owner ?? 'unassigned'}
        </Anchor>
      ))}
      {canReview && selectedIds.length > 0 && (
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button size="compact-xs" variant="default" leftSection={<IconFolderPlus size={12} />} loading={add.isPending} data-testid="add-to-case">
              Add selected to case…
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {open.slice(0, 20).map((k) => (
              <Menu.Item key={k.id} onClick={() => void addTo(k.id)}>
                #{k.id} {k.title}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}
