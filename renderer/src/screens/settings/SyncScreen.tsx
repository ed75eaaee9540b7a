import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCloudOff } from '@tabler/icons-react';
import { useMemo, type ReactNode } from 'react';
import type { SyncStatus } from '../../../../shared/contract';
import { errorText } from '../../api/use-api-query';
import { PageHeader } from '../../components/PageHeader';
import { ErrorView, LoadingView } from '../../components/StateViews';
import { DataTable } from '../../components/table/DataTable';
import { formatDateTime, formatRelative } from '../../format/date';
import { useNow } from '../../state/clock';
import { useSyncStatus } from '../../state/sync';
import { STALE_AFTER_MS, SYNC_STATE_LOOK, tableFreshness, visibleProgress } from '../../state/sync-view';
import { syncColumns } from './sync-columns';
import { SyncProgressPanel } from './SyncProgressPanel';
import { RefreshButton } from '../../components/RefreshButton';

/**
 * Pushes arrive on progress, state changes and new rows; a quiet bank sends none, yet the worker keeps
 * checking every table. Asking now and then keeps "last synced" honest while nothing changes.
 */
const REFRESH_MS = 15_000;
const TICK_MS = 5_000;

function Card({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="sm" radius="sm" h="100%" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3} mb={4}>
        {label}
      </Text>
      {children}
    </Paper>
  );
}

function SourceCard({ status }: { status: SyncStatus }) {
  const online = status.source === 'online';
  return (
    <Card label="Source">
      <Badge color={online ? 'teal' : 'orange'} variant={online ? 'light' : 'filled'} style={{ flexShrink: 0 }} data-testid="sync-source-status" data-status={status.source}>
        {online ? 'Online' : 'Offline'}
      </Badge>
      <Text size="sm" fw={600} mt={6} lineClamp={2} title={status.sourceName} style={{ overflowWrap: 'anywhere' }} data-testid="sync-source-name">
        {status.sourceName}
      </Text>
      <Text size="xs" c="dimmed" mt={2}>
        {online ? 'Reads go to the bank; the cache follows it.' : 'The bank cannot be reached: reads come from the local cache.'}
      </Text>
    </Card>
  );
}

function StateCard({ status }: { status: SyncStatus }) {
  const look = SYNC_STATE_LOOK[status.state];
  return (
    <Card label="Sync">
      <Badge color={look.color} variant="light" data-testid="sync-state" data-state={status.state}>
        {look.label}
      </Badge>
      <Text size="xs" c="dimmed" mt={6}>
        {look.help}
      </Text>
      {status.error && (
        <Text size="xs" c="red" mt={4} data-testid="sync-error">
          {status.error}
        </Text>
      )}
    </Card>
  );
}

function AsOfCard({ status, now }: { status: SyncStatus; now: number }) {
  const { asOf } = status;
  return (
    <Card label="Data as of">
      <div data-testid="sync-as-of" data-as-of={asOf ?? undefined}>
        {asOf === null ? (
          <Text size="sm" c="dimmed">
            {status.tables.length === 0 || status.state === 'initial' ? 'Not yet: the first copy is still running.' : 'Not yet: some tables have not been copied.'}
          </Text>
        ) : (
          <>
            <Text className="kpi-value" fz={18}>
              {formatDateTime(asOf)}
            </Text>
            <Text size="xs" c="dimmed">
              {formatRelative(Math.min(asOf, now), now)} · the oldest table’s last sync
            </Text>
          </>
        )}
      </div>
    </Card>
  );
}

/** Settings → Sync & cache: where reads come from, the sync worker's state and progress, and each cached table's age. */
export function SyncScreen() {
  // Asked again on opening and every REFRESH_MS while open (pushes update it in between).
  const sync = useSyncStatus({ refetchInterval: REFRESH_MS });
  const status = sync.data ?? null;
  const error = errorText(sync.error);
  const refresh = () => void sync.refetch();
  const now = useNow(TICK_MS);

  const source = status?.source ?? 'online';
  const columns = useMemo(() => syncColumns(source, now), [source, now]);
  const progress = status ? visibleProgress(status) : null;
  const staleCount = status ? status.tables.filter((t) => tableFreshness(t, status.source, now) === 'stale').length : 0;

  return (
    <Stack gap="md" data-testid="sync-screen">
      <PageHeader
        title="Sync & cache"
        description="Where this workstation reads from, and how fresh its encrypted local copy of the bank is."
        actions={<RefreshButton onClick={refresh} loading={sync.isFetching && status !== null} label="Refresh sync status" testId="sync-refresh" />}
      />
      {!status ? (
        error ? (
          <ErrorView message={error} onRetry={refresh} title="Could not read the sync status" />
        ) : (
          <LoadingView label="Reading the sync status…" />
        )
      ) : (
        <>
          {status.source === 'offline' && (
            <Alert color="orange" variant="light" icon={<IconCloudOff size={18} />} title="Working from the local cache" data-testid="sync-offline-notice">
              <Text size="sm">{status.offlineReason ?? 'The bank cannot be reached.'}</Text>
              <Text size="sm" mt={4}>
                {status.asOf === null
                  ? 'The cache was never completely copied, so some figures may be missing.'
                  : `Figures show the bank as it was at ${formatDateTime(status.asOf)} (${formatRelative(Math.min(status.asOf, now), now)}). Changes made since then appear when it is reachable again.`}
              </Text>
            </Alert>
          )}
          {status.notice && (
            <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="The local cache is copied again" data-testid="sync-rebuild-notice">
              <Text size="sm">{status.notice}</Text>
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <SourceCard status={status} />
            <StateCard status={status} />
            <AsOfCard status={status} now={now} />
          </SimpleGrid>
          {progress && <SyncProgressPanel progress={progress} />}
          <DataTable
            columns={columns}
            rows={status.tables}
            rowKey={(t) => t.table}
            rowAttributes={(t) => ({ 'data-table': t.table, 'data-freshness': tableFreshness(t, status.source, now) })}
            error={error}
            onRetry={refresh}
            emptyTitle="Nothing cached yet"
            emptyDescription={status.error ?? 'The first copy starts in a moment; tables appear here as they are copied.'}
            initialSort={{ id: 'table', desc: false }}
            csvName="sync-tables"
            toolbar={
              <Group gap="xs">
                <Text fw={600} size="sm">
                  Cached tables
                </Text>
                {staleCount > 0 && (
                  <Badge size="sm" color="orange" variant="light" data-testid="sync-stale-count">
                    {staleCount} behind
                  </Badge>
                )}
              </Group>
            }
            maxHeight={640}
            rowTestId="sync-table-row"
            testId="sync-table"
            caption="Cached tables and when each was last synced"
          />
          <Text size="xs" c="dimmed">
            A table is flagged when it has not been refreshed for over {Math.round(STALE_AFTER_MS / 60_000)} minutes while the bank is reachable.
          </Text>
        </>
      )}
    </Stack>
  );
}
