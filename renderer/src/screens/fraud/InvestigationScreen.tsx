import { ActionIcon, Alert, Anchor, Button, Grid, Group, Kbd, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconArrowLeft, IconChevronLeft, IconChevronRight, IconFileText, IconHandGrab, IconLock, IconSend, IconX } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import type { AlertDetail } from '../../../../shared/contract';
import { errorText, useApiMutation, useApiQuery } from '../../api/use-api-query';
import { newIdempotencyKey } from '../../api/use-intent-key';
import { DetailNotLoaded } from '../../components/DetailNotLoaded';
import { RefreshButton } from '../../components/RefreshButton';
import { groupedAccountNo } from '../../format/account';
import { formatClock, formatDateTime } from '../../format/date';
import { formatMoney } from '../../format/money';
import { formatCount } from '../../format/number';
import { useNow } from '../../state/clock';
import { navigate } from '../../state/route';
import { useCan, useSession } from '../../state/session';
import { AlertStatusBadge, RiskBadge, RuleChips, SlaAge } from './badges';
import { CaseLink } from './cases/CaseLink';
import { ConfirmFraudModal } from './ConfirmFraudModal';
import { CounterpartiesTable } from './CounterpartiesTable';
import { CustomerPanel } from './CustomerPanel';
import { DismissModal } from './DismissModal';
import { EscalateModal } from './EscalateModal';
import { ExplanationCards } from './ExplanationCards';
import { FlaggedTransactionsTable } from './FlaggedTransactionsTable';
import { announceError, announceOutcome, neighbourAlert, useRuleTitles } from './fraud-state';
import { DISMISS_REASON_LABELS, isDismissReason, isOpen } from './fraud-values';
import { NotesPanel } from './NotesPanel';
import { RelatedAlerts } from './RelatedAlerts';
import { SarModal } from './SarModal';
import { TimelineChart } from './TimelineChart';
import './fraud.css';

type ModalName = 'confirm' | 'dismiss' | 'escalate' | 'sar';

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function DispositionNote({ detail }: { detail: AlertDetail }) {
  const d = detail.disposition;
  if (!d) return null;
  const status = detail.alert.status;
  const color = status === 'confirmed' ? 'red' : status === 'escalated' ? 'orange' : 'gray';
  const what = status === 'confirmed' ? 'Confirmed as fraud' : status === 'escalated' ? 'Escalated to compliance' : 'Dismissed';
  return (
    <Alert color={color} variant="light" p="xs" data-testid="disposition">
      <Text size="sm">
        <b>{what}</b> by {d.by} on {formatDateTime(d.at)}
        {d.reason ? ` — ${isDismissReason(d.reason) ? DISMISS_REASON_LABELS[d.reason] : d.reason}` : ''}
        {detail.case ? ` · case #${detail.case.id} (${detail.case.status})` : ''}
      </Text>
      {d.comment && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          “{d.comment}”
        </Text>
      )}
    </Alert>
  );
}

/** One alert, everything needed to decide it: why, the customer, the timeline, counterparties, related alerts, notes, actions. */
export function InvestigationScreen({ alertId }: { alertId: number }) {
  // Notes, claims and decisions (here, in the queue, or synced from elsewhere) refetch it: method-tables.ts.
  const detail = useApiQuery('alerts.get', { id: alertId });
  const reload = (): void => void detail.refetch();
  const assign = useApiMutation('alerts.assign');
  const titles = useRuleTitles();
  const me = useSession((s) => s.session?.user.username ?? '');
  const canReview = useCan('fraud.review');
  const [modal, setModal] = useState<ModalName | null>(null);
  const [stepping, stepper] = useDisclosure(false);
  const now = useNow(30_000);
  // Which flagged transactions confirming fraud marks: all unconfirmed ones until the analyst narrows it.
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const pickKey = detail.data
    ? `${detail.data.alert.id}:${detail.data.timeline
        .filter((t) => t.flagged && !t.confirmedFraud)
        .map((t) => t.journalId)
        .join(',')}`
    : '';
  useEffect(() => {
    const data = detail.data;
    setPicked(new Set(data ? data.timeline.filter((t) => t.flagged && !t.confirmedFraud).map((t) => t.journalId) : []));
  }, [pickKey]);

  const step = async (delta: 1 | -1) => {
    stepper.open();
    try {
      const next = await neighbourAlert(alertId, delta);
      if (next !== null && next !== alertId) navigate(`fraud/${next}`);
    } catch (e) {
      announceError(e, 'Could not move in the queue');
    } finally {
      stepper.close();
    }
  };

  const d = detail.data;
  const open = d ? isOpen(d.alert.status) : false;
  const mine = d?.alert.assignee === me;
  // Someone else holds it: the server refuses their decisions to others (issue 14), so say so and offer the take-over.
  const heldBy = d && d.alert.assignee !== null && !mine ? d.alert.assignee : null;

  const claim = async () => {
    if (!d || !canReview) return;
    try {
      const outcome = await assign.mutateAsync({ ids: [d.alert.id], assignee: me, idempotencyKey: newIdempotencyKey() });
      announceOutcome(outcome, `Alert #${d.alert.id} is yours`);
    } catch (e) {
      announceError(e, 'Not claimed');
    }
  };

  useHotkeys(
    modal
      ? []
      : [
          ['n', () => void step(1)],
          ['p', () => void step(-1)],
          ['Escape', () => navigate('fraud')],
          ['c', () => open && !mine && void claim()],
          ['d', () => open && canReview && heldBy === null && setModal('dismiss')],
        ],
  );

  const back = (
    <Button variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />} onClick={() => navigate('fraud')} data-testid="back-to-queue">
      Queue{' '}
      <Kbd size="xs" ml={6}>
        Esc
      </Kbd>
    </Button>
  );

  if (!d) return <DetailNotLoaded back={back} what={`alert #${alertId}`} loading={detail.isPending} error={errorText(detail.error)} onRetry={reload} />;

  const a = d.alert;
  const closeModal = () => setModal(null);
  return (
    <Stack gap="sm" data-testid="investigation" data-alert-id={a.id} data-status={a.status}>
      <Group justify="space-between" wrap="wrap">
        {back}
        <Group gap={6}>
          {d.asOf !== null && (
            <Text size="xs" c="yellow.8">
              Offline copy as of {formatClock(d.asOf)}
            </Text>
          )}
          <Tooltip label="Previous alert in the queue (p)">
            <ActionIcon variant="default" onClick={() => void step(-1)} loading={stepping} aria-label="Previous alert" data-testid="prev-alert">
              <IconChevronLeft size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Next alert in the queue (n)">
            <ActionIcon variant="default" onClick={() => void step(1)} loading={stepping} aria-label="Next alert" data-testid="next-alert">
              <IconChevronRight size={16} />
            </ActionIcon>
          </Tooltip>
          <RefreshButton onClick={reload} loading={detail.isFetching && !detail.isPending} label="Refresh alert" tooltip="Refresh" size="md" />
        </Group>
      </Group>

      <Paper withBorder p="sm" radius="sm" data-testid="alert-header">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Group gap="sm" align="center" wrap="nowrap">
            <RiskBadge score={a.riskScore} size="xl" />
            <div>
              <Group gap={8} align="center">
                <Title order={3}>Alert #{a.id}</Title>
                <AlertStatusBadge status={a.status} />
              </Group>
              <RuleChips rules={a.rules} titles={titles} max={4} />
            </div>
          </Group>
          <Group gap="xs" wrap="wrap" data-testid="alert-actions">
            <CaseLink alertId={a.id} canReview={canReview} />
            {canReview && open && !mine && (
              <Button size="xs" variant="default" leftSection={<IconHandGrab size={14} />} loading={assign.isPending} onClick={() => void claim()} data-testid="claim">
                {heldBy ? `Take over from ${heldBy}` : 'Claim'}
              </Button>
            )}
            {canReview && (
              <>
                <Button
                  size="xs"
                  color="red"
                  leftSection={<IconLock size={14} />}
                  disabled={a.status === 'confirmed' || a.status === 'dismissed' || heldBy !== null}
                  onClick={() => setModal('confirm')}
                  data-testid="confirm-fraud"
                >
                  Confirm fraud…
                </Button>
                <Button size="xs" variant="default" leftSection={<IconX size={14} />} disabled={!open || heldBy !== null} onClick={() => setModal('dismiss')} data-testid="dismiss">
                  Dismiss…
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconSend size={14} />}
                  disabled={a.status === 'escalated' || d.case !== null || heldBy !== null}
                  onClick={() => setModal('escalate')}
                  data-testid="escalate"
                >
                  Escalate…
                </Button>
                <Button size="xs" variant="default" leftSection={<IconFileText size={14} />} onClick={() => setModal('sar')} data-testid="draft-sar">
                  Draft SAR
                </Button>
                {heldBy && open && (
                  <Text size="xs" c="dimmed" data-testid="held-by-other">
                    Claimed by {heldBy}: take it over to decide.
                  </Text>
                )}
              </>
            )}
          </Group>
        </Group>
        <Group gap="xl" mt="sm" wrap="wrap" align="flex-start">
          <Field label="Account" testId="alert-account">
            <Anchor size="sm" className="mono" onClick={() => navigate(`accounts/${a.accountId}`)}>
              {groupedAccountNo(a.accountNo)}
            </Anchor>
          </Field>
          <Field label="Customer">
            {a.customerId !== null ? (
              <Anchor size="sm" onClick={() => navigate(`customers/${a.customerId}`)}>
                {a.customerName ?? `Customer #${a.customerId}`}
              </Anchor>
            ) : (
              '—'
            )}
          </Field>
          <Field label="Branch">{a.branchName}</Field>
          <Field label="Largest amount">
            <span className="num">{formatMoney(a.amount, a.currency)}</span>
          </Field>
          <Field label="Transactions">
            <span className="num">{formatCount(a.txnCount)}</span>
          </Field>
          <Field label="Assignee" testId="alert-assignee">
            {a.assignee ?? (
              <Text span c="dimmed" size="sm">
                unassigned
              </Text>
            )}
          </Field>
          <Field label="Detected">{formatDateTime(a.detectedAt)}</Field>
          <Field label="Waiting">
            <SlaAge detectedAt={a.detectedAt} status={a.status} now={now} />
          </Field>
        </Group>
        {d.disposition && (
          <div style={{ marginTop: 'var(--mantine-spacing-sm)' }}>
            <DispositionNote detail={d} />
          </div>
        )}
      </Paper>

      <Grid gap="sm">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="sm">
            <ExplanationCards explanation={d.explanation} currency={a.currency} />
            <TimelineChart detail={d} />
            <FlaggedTransactionsTable
              detail={d}
              ruleLabel={a.rules.map((r) => titles?.get(r) ?? r).join(', ')}
              selected={picked}
              onChange={setPicked}
              selectable={canReview && a.status !== 'confirmed'}
            />
            <CounterpartiesTable detail={d} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="sm">
            <CustomerPanel detail={d} />
            <RelatedAlerts related={d.related} titles={titles} />
            <NotesPanel detail={d} canWrite={canReview} />
            <Text size="xs" c="dimmed" data-testid="investigation-shortcuts">
              <Kbd size="xs">n</Kbd> / <Kbd size="xs">p</Kbd> next / previous alert · <Kbd size="xs">c</Kbd> claim · <Kbd size="xs">d</Kbd> dismiss · <Kbd size="xs">Esc</Kbd> back
              to the queue
            </Text>
          </Stack>
        </Grid.Col>
      </Grid>

      <ConfirmFraudModal detail={d} journalIds={[...picked]} opened={modal === 'confirm'} onClose={closeModal} />
      <DismissModal ids={[a.id]} opened={modal === 'dismiss'} onClose={closeModal} />
      <EscalateModal alertId={a.id} opened={modal === 'escalate'} onClose={closeModal} />
      <SarModal alertId={a.id} opened={modal === 'sar'} onClose={closeModal} />
    </Stack>
  );
}
