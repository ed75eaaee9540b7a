import { Anchor, Button, Group, Text } from '@mantine/core';
import { IconFolderPlus } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../../api/client';
import { useApiMutation, useApiQuery } from '../../../api/use-api-query';
import { newIdempotencyKey } from '../../../api/use-intent-key';
import { navigate } from '../../../state/route';

/** On an investigation: the review case holding the alert (a link), or a button opening one with it. */
export function CaseLink({ alertId, canReview }: { alertId: number; canReview: boolean }) {
  const cases = useApiQuery('cases.list', { alertId, status: 'all' });
  const create = useApiMutation('cases.create');
  const k = cases.data?.[0];
  if (k)
    return (
      <Group gap={6} data-testid="alert-case">
        <Text size="sm" c="dimmed">
          In
        </Text>
        <Anchor size="sm" onClick={() => navigate(`fraud/cases/${k.id}`)} data-testid="alert-case-link">
          case #{k.id}
        </Anchor>
      </Group>
    );
  if (!canReview || !cases.data) return null;
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconFolderPlus size={14} />}
      loading={create.isPending}
      data-testid="open-case"
      onClick={() =>
        void create
          .mutateAsync({ alertIds: [alertId], idempotencyKey: newIdempotencyKey() })
          .then((r) => navigate(`fraud/cases/${r.caseId}`))
          .catch((e: unknown) => notifications.show({ color: 'red', title: 'No case opened', message: errorMessage(e) }))
      }
    >
      Open a case
    </Button>
  );
}
