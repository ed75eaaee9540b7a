import { Alert, Badge, Button, Grid, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPhone, IconSend, IconUserMinus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { errorText, useApiMutation, useApiQuery } from '../../../api/use-api-query';
import { newIdempotencyKey } from '../../../api/use-intent-key';
import { DetailNotLoaded } from '../../../components/DetailNotLoaded';
import { RefreshButton } from '../../../components/RefreshButton';
import { formatDateTime } from '../../../format/date';
import { navigate } from '../../../state/route';
import { useCan, useSession } from '../../../state/session';
import { useRuleTitles } from '../fraud-state';
import { CaseAlerts } from './CaseAlerts';
import { CaseProtection } from './CaseProtection';
import { CaseTimeline } from './CaseTimeline';
import { ContactModal } from './ContactModal';
import { ReasonModal } from './ReasonModal';
import '../fraud.css';

type Dialog = 'contact' | 'assign' | 'escalate' | null;

/** A review case: its alerts, the protective actions on its customers, contacts, and the timeline of every step. */
export function CaseScreen({ caseId }: { caseId: number }) {
  const q = useApiQuery('cases.get', { id: caseId });
  const canReview = useCan('fraud.review');
  const me = useSession((s) => s.session?.user.username ?? '');
  const titles = useRuleTitles();
  const assign = useApiMutation('cases.assign');
  const escalate = useApiMutation('cases.escalate');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [owner, setOwner] = useState('');
  const close = () => setDialog(null);

  const back = (
    <Button variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />} onClick={() => navigate('fraud')} data-testid="back-to-queue">
      Queue
    </Button>
  );
  const d = q.data;
  if (!d) return <DetailNotLoaded back={back} what={`case #${caseId}`} loading={q.isPending} error={errorText(q.error)} onRetry={() => void q.refetch()} />;
  const k = d.case;
  const open = k.status === 'open';
  const setOwnerTo = async (to: string | null) => {
    try {
      const r = await assign.mutateAsync({ id: k.id, owner: to, idempotencyKey: newIdempotencyKey() });
      notifications.show({ color: 'blue', title: to ? 'Reassigned' : 'Released', message: r.message });
      close();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not changed', message: errorMessage(e) });
    }
  };

  return (
    <Stack gap="sm" data-testid="case-screen" data-case-id={k.id} data-status={k.status}>
      <Group justify="space-between">
        {back}
        <RefreshButton onClick={() => void q.refetch()} loading={q.isFetching} label="Refresh case" tooltip="Refresh" size="md" />
      </Group>
      <Paper withBorder p="sm" radius="sm" data-testid="case-header">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <div style={{ minWidth: 0 }}>
            <Group gap={8}>
              <Title order={3}>Case #{k.id}</Title>
              <Badge variant="light" color={open ? 'blue' : 'orange'} data-testid="case-status">
                {open ? 'open' : 'escalated to compliance'}
              </Badge>
            </Group>
            <Text size="sm">{k.title}</Text>
            <Text size="xs" c="dimmed" data-testid="case-owner">
              Owner: {k.owner ?? 'unassigned'} · opened by {k.createdBy} on {formatDateTime(k.createdAt)}
              {k.complianceCaseId !== null ? ` · compliance case #${k.complianceCaseId}` : ''}
            </Text>
          </div>
          {canReview && (
            <Group gap="xs" wrap="wrap">
              <Button size="xs" leftSection={<IconPhone size={14} />} onClick={() => setDialog('contact')} data-testid="record-contact" disabled={d.customers.length === 0}>
                Record contact…
              </Button>
              {open && k.owner !== me && (
                <Button size="xs" variant="default" onClick={() => void setOwnerTo(me)} loading={assign.isPending} data-testid="claim-case">
                  Claim
                </Button>
              )}
              {open && (
                <Button size="xs" variant="default" leftSection={<IconUsers size={14} />} onClick={() => setDialog('assign')} data-testid="reassign-case">
                  Reassign…
                </Button>
              )}
              {open && k.owner !== null && (
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconUserMinus size={14} />}
                  onClick={() => void setOwnerTo(null)}
                  loading={assign.isPending}
                  data-testid="release-case"
                >
                  Release
                </Button>
              )}
              {open && (
                <Button size="xs" variant="default" color="orange" leftSection={<IconSend size={14} />} onClick={() => setDialog('escalate')} data-testid="escalate-case">
                  Escalate…
                </Button>
              )}
            </Group>
          )}
        </Group>
      </Paper>

      <Grid gap="sm">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="sm">
            <CaseAlerts alerts={d.alerts} titles={titles} canAct={canReview} />
            <CaseProtection detail={d} canAct={canReview} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <CaseTimeline events={d.timeline} />
        </Grid.Col>
      </Grid>

      <ContactModal detail={d} opened={dialog === 'contact'} onClose={close} />
      <Modal opened={dialog === 'assign'} onClose={close} title={`Reassign case #${k.id}`} centered data-testid="reassign-modal">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (owner.trim()) void setOwnerTo(owner.trim());
          }}
        >
          <Stack gap="sm">
            <TextInput label="Fraud reviewer (username)" value={owner} onChange={(e) => setOwner(e.currentTarget.value)} data-autofocus data-testid="reassign-owner" />
            {assign.error && (
              <Alert color="red" variant="light">
                <Text size="sm">{errorMessage(assign.error)}</Text>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={assign.isPending} data-testid="reassign-submit">
                Reassign
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <ReasonModal
        opened={dialog === 'escalate'}
        title={`Escalate case #${k.id} to compliance`}
        intro="Compliance gets one case with these alerts; their open alerts are marked escalated."
        label="Why"
        submitLabel="Escalate"
        color="orange"
        testId="escalate-case-modal"
        onClose={close}
        onSubmit={async (comment) => {
          const r = await escalate.mutateAsync({ id: k.id, comment, idempotencyKey: newIdempotencyKey() });
          notifications.show({ color: 'orange', title: 'Escalated', message: r.message });
        }}
      />
    </Stack>
  );
}
