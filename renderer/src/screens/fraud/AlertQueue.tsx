import { Button, Group, Kbd, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconFolderPlus, IconHandGrab, IconX } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Fragment, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AlertRow } from '../../../../shared/contract';
import { useApiMutation } from '../../api/use-api-query';
import { newIdempotencyKey } from '../../api/use-intent-key';
import { PageHeader } from '../../components/PageHeader';
import { EmptyView, ErrorView, LoadingView } from '../../components/StateViews';
import { formatClock } from '../../format/date';
import { formatCount } from '../../format/number';
import { useNow } from '../../state/clock';
import { navigate } from '../../state/route';
import { useCan, useSession } from '../../state/session';
import { onSignOut } from '../../state/sign-out';
import { DismissModal } from './DismissModal';
import { announceError, announceOutcome, useRuleTitles } from './fraud-state';
import { DEFAULT_QUEUE_FILTERS, stepIndex, toAlertFilter, type QueueFilterState, type QueueSort } from './fraud-values';
import { OpenCasesBar } from './cases/OpenCasesBar';
import { OutboxIndicator } from './OutboxIndicator';
import { QueueFilters } from './QueueFilters';
import { QueueHeader, QueueRow, ROW_HEIGHT, SkeletonRow } from './QueueTable';
import { useAlertWindows } from './use-alert-windows';
import './fraud.css';
import { RefreshButton } from '../../components/RefreshButton';

/** Most alerts one bulk action takes (the API's limit). */
const BULK_LIMIT = 1000;

/** What the queue looked like when the analyst left it for an investigation: restored on return. */
const QUEUE_START = { filters: DEFAULT_QUEUE_FILTERS, sort: 'risk', cursor: 0, scrollTop: 0 } as const satisfies {
  filters: QueueFilterState;
  sort: QueueSort;
  cursor: number;
  scrollTop: number;
};
const memory: { filters: QueueFilterState; sort: QueueSort; cursor: number; scrollTop: number } = { ...QUEUE_START };
// The next analyst starts from the default queue, not from the last one's filters and position.
onSignOut(() => Object.assign(memory, QUEUE_START));

const SORTS: { value: QueueSort; label: string }[] = [
  { value: 'risk', label: 'Highest risk' },
  { value: 'age', label: 'Oldest first' },
  { value: 'amount', label: 'Largest amount' },
];

/** Enter on a focused button or link is that control's own: the queue's Enter must not also open an alert. */
function onControl(): boolean {
  const el = document.activeElement;
  return el instanceof HTMLElement && el.closest('button, a, [role="button"], [role="option"], input, textarea, select') !== null;
}

/** One keyboard shortcut in the hint line: its key(s), then what it does. */
function Shortcut({ keys, action }: { keys: string[]; action: string }) {
  return (
    <span>
      {keys.map((k) => (
        <Fragment key={k}>
          <Kbd size="xs">{k}</Kbd>{' '}
        </Fragment>
      ))}
      {action}
    </span>
  );
}

/** The review queue: every open alert, virtualized over alerts.list windows, with keyboard review. */
export function AlertQueue() {
  const me = useSession((s) => s.session?.user.username ?? '');
  const canReview = useCan('fraud.review');
  const titles = useRuleTitles();
  const [filters, setFilters] = useState<QueueFilterState>(memory.filters);
  const [sort, setSort] = useState<QueueSort>(memory.sort);
  const [debounced] = useDebouncedValue(filters, 350);
  const filter = useMemo(() => toAlertFilter(debounced), [debounced]);
  const q = useAlertWindows(filter, sort);
  const [cursor, setCursor] = useState(memory.cursor);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [dismissIds, setDismissIds] = useState<number[] | null>(null);
  const now = useNow(30_000);
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = q.total ?? 0;

  useEffect(() => {
    memory.filters = filters;
    memory.sort = sort;
  }, [filters, sort]);
  useEffect(() => {
    memory.cursor = cursor;
  }, [cursor]);

  // A change of filters or sort starts a different list: the cursor and the selection start over.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setCursor(0);
    setSelected(new Set());
    memory.scrollTop = 0;
    scrollRef.current?.scrollTo({ top: 0 });
  }, [filter, sort]);

  // Live: a new alert from the monitor, or any change to the alerts, refetches the windows on screen.
  const reload = q.reload;
  const assignCall = useApiMutation('alerts.assign');
  const caseCall = useApiMutation('cases.create');

  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 20, initialOffset: memory.scrollTop });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    q.ensure(firstIndex, lastIndex);
  }, [firstIndex, lastIndex, q.total, q.ensure]);

  const rowAtCursor = q.rowAt(cursor);
  const open = useCallback((row: AlertRow | undefined) => {
    if (!row) return;
    memory.scrollTop = scrollRef.current?.scrollTop ?? 0;
    navigate(`fraud/${row.id}`);
  }, []);

  const move = (delta: number) => {
    const next = stepIndex(cursor, delta, total);
    if (next < 0) return;
    setCursor(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const assign = async (ids: number[], assignee: string | null) => {
    if (!canReview || ids.length === 0) return;
    try {
      // Each claim is its own intent (there is no retry of the same one): a fresh key per click.
      const outcome = await assignCall.mutateAsync({ ids: ids.slice(0, BULK_LIMIT), assignee, idempotencyKey: newIdempotencyKey() });
      announceOutcome(outcome, ids.length === 1 ? `Alert #${ids[0]} is yours` : `${ids.length} alerts assigned to you`);
      setSelected(new Set());
    } catch (e) {
      announceError(e, 'Not assigned');
    }
  };

  const selectedIds = [...selected];
  // Several alerts on one account, customer or network become one case, owned by the analyst.
  const groupIntoCase = async () => {
    try {
      const r = await caseCall.mutateAsync({ alertIds: selectedIds.slice(0, 50), idempotencyKey: newIdempotencyKey() });
      setSelected(new Set());
      navigate(`fraud/cases/${r.caseId}`);
    } catch (e) {
      announceError(e, 'No case opened');
    }
  };
  const modalOpen = dismissIds !== null;
  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  useHotkeys(
    modalOpen
      ? []
      : [
          ['j', () => move(1)],
          ['ArrowDown', () => move(1)],
          ['k', () => move(-1)],
          ['ArrowUp', () => move(-1)],
          ['Enter', () => !onControl() && open(rowAtCursor)],
          ['x', () => rowAtCursor && toggle(rowAtCursor.id)],
          ['d', () => canReview && (selectedIds.length > 0 ? setDismissIds(selectedIds) : rowAtCursor && setDismissIds([rowAtCursor.id]))],
          ['c', () => rowAtCursor && void assign([rowAtCursor.id], me)],
        ],
  );

  const loaded = q.loadedRows();
  const allLoadedSelected = loaded.length > 0 && loaded.every((r) => selected.has(r.id));
  const someSelected = selected.size > 0;
  const toggleAll = () => setSelected(allLoadedSelected ? new Set() : new Set(loaded.slice(0, BULK_LIMIT).map((r) => r.id)));

  const ruleOptions = useMemo(() => [...(titles ?? new Map<string, string>())].map(([value, label]) => ({ value, label })), [titles]);
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;

  let state = null;
  if (q.error && q.total === undefined) state = <ErrorView message={q.error} onRetry={reload} />;
  else if (q.total === undefined) state = <LoadingView label="Loading the queue…" />;
  else if (total === 0)
    state = (
      <EmptyView title="No alerts match" description={filters === DEFAULT_QUEUE_FILTERS ? 'Nothing is waiting for review.' : 'Change or reset the filters to see more alerts.'} />
    );

  return (
    <Stack gap="sm" data-testid="fraud-queue">
      <PageHeader
        title="Fraud queue"
        aside={<OutboxIndicator />}
        descriptionTestId="queue-count"
        description={
          <>
            {q.total === undefined ? 'Loading…' : `${formatCount(total)} ${total === 1 ? 'alert' : 'alerts'}`}
            {q.asOf !== null ? ` · offline copy as of ${formatClock(q.asOf)}` : ''}
          </>
        }
        actions={
          <>
            <SegmentedControl
              size="xs"
              data={SORTS}
              value={sort}
              onChange={(v) => setSort(SORTS.find((s) => s.value === v)?.value ?? 'risk')}
              aria-label="Sort"
              data-testid="queue-sort"
            />
            <RefreshButton onClick={reload} loading={q.refreshing} label="Refresh queue" size="md" />
          </>
        }
      />

      <QueueFilters value={filters} onChange={setFilters} ruleOptions={ruleOptions} />
      <OpenCasesBar selectedIds={selectedIds} canReview={canReview} onAdded={() => setSelected(new Set())} />

      <Paper withBorder radius="sm">
        <Group justify="space-between" px="sm" py={6} gap="xs" wrap="wrap" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }} mih={42}>
          {someSelected ? (
            <Group gap="xs" data-testid="bulk-bar">
              <Text size="sm" fw={600}>
                {formatCount(selected.size)} selected
              </Text>
              {canReview && (
                <>
                  <Button size="xs" leftSection={<IconHandGrab size={14} />} loading={assignCall.isPending} onClick={() => void assign(selectedIds, me)} data-testid="bulk-assign">
                    Assign to me
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconFolderPlus size={14} />}
                    loading={caseCall.isPending}
                    disabled={selected.size > 50}
                    onClick={() => void groupIntoCase()}
                    data-testid="bulk-case"
                  >
                    Group into case
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setDismissIds(selectedIds)} data-testid="bulk-dismiss">
                    Dismiss…
                  </Button>
                </>
              )}
              <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={() => setSelected(new Set())}>
                Clear
              </Button>
            </Group>
          ) : (
            <Text size="xs" c="dimmed">
              Select alerts to assign or dismiss several at once.
            </Text>
          )}
          <Group gap={10} c="dimmed" fz="xs" data-testid="shortcuts-hint" wrap="wrap">
            <Shortcut keys={['j', 'k']} action="move" />
            <Shortcut keys={['Enter']} action="open" />
            <Shortcut keys={['x']} action="select" />
            {canReview && (
              <>
                <Shortcut keys={['c']} action="claim" />
                <Shortcut keys={['d']} action="dismiss" />
              </>
            )}
          </Group>
        </Group>
        <div
          ref={scrollRef}
          className="table-scroll fraud-queue-scroll"
          tabIndex={0}
          aria-label="Alerts waiting for review"
          onScroll={(e) => (memory.scrollTop = e.currentTarget.scrollTop)}
          data-testid="queue-scroll"
        >
          <Table className="data-table fraud-queue-table" stickyHeader highlightOnHover tabularNums>
            <QueueHeader sort={sort} onSort={setSort} allSelected={allLoadedSelected} someSelected={someSelected} onToggleAll={toggleAll} nothingLoaded={loaded.length === 0} />
            <Table.Tbody>
              {padTop > 0 && <tr style={{ height: padTop }} aria-hidden />}
              {items.map((item) => {
                const row = q.rowAt(item.index);
                if (!row) return <SkeletonRow key={`s${item.index}`} top={item.start} />;
                const active = item.index === cursor;
                return (
                  <QueueRow
                    key={row.id}
                    row={row}
                    index={item.index}
                    active={active}
                    selected={selected.has(row.id)}
                    titles={titles}
                    now={now}
                    onToggle={toggle}
                    onOpen={() => {
                      setCursor(item.index);
                      open(row);
                    }}
                  />
                );
              })}
              {padBottom > 0 && <tr style={{ height: padBottom }} aria-hidden />}
            </Table.Tbody>
          </Table>
          {state && <div style={{ padding: 'var(--mantine-spacing-sm)' }}>{state}</div>}
        </div>
        {q.error && q.total !== undefined && (
          <Text c="red" size="xs" px="sm" py={4}>
            Refresh failed: {q.error}
          </Text>
        )}
      </Paper>
      <DismissModal
        ids={dismissIds ?? []}
        opened={modalOpen}
        onClose={() => setDismissIds(null)}
        onDone={() => {
          setSelected(new Set());
          reload();
        }}
      />
    </Stack>
  );
}
