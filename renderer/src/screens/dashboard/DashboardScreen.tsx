import { ActionIcon, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useCallback } from 'react';
import { call } from '../../api/client';
import { useRefetchOnDataChange } from '../../api/use-event';
import { useQuery } from '../../api/use-query';
import { ErrorView } from '../../components/StateViews';
import { formatDateTime } from '../../format/date';
import { navigate } from '../../state/route';
import { useCan } from '../../state/session';
import { ActivityTable } from './ActivityTable';
import { FraudAlertsPanel } from './FraudAlertsPanel';
import { KpiCards } from './KpiCards';
import { formatBankDate } from '../explore/explore-format';
import { dayByBranchRoute } from './explore-links';
import { VolumeChart } from './VolumeChart';

const ACTIVITY_ROWS = 50;

export function DashboardScreen() {
  // "Today" and the 90-day window are the bank's, worked out by the server on every fetch: a screen left open
  // past the bank's midnight rolls over.
  const summary = useQuery(() => call('dashboard.summary', {}), []);
  const volume = useQuery(() => call('dashboard.volume', { days: 90 }), []);
  const canExplore = useCan('analytics.view');
  const openDay = useCallback((day: string) => navigate(dayByBranchRoute('transactions_volume', day)), []);
  const activity = useQuery(() => call('dashboard.activity', { limit: ACTIVITY_ROWS }), []);

  const reloadAll = useCallback(() => {
    summary.reload();
    volume.reload();
    activity.reload();
  }, [summary.reload, volume.reload, activity.reload]);
  useRefetchOnDataChange(reloadAll);

  const refreshing = summary.refreshing || volume.refreshing || activity.refreshing;
  return (
    <Stack gap="md" data-testid="dashboard">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Dashboard</Title>
          <Text size="xs" c="dimmed" data-testid="dashboard-as-of">
            {summary.data
              ? `Figures as of ${formatDateTime(summary.data.asOf)}${summary.data.source === 'cache' ? ' (this workstation’s cache)' : ''}; bank day ${formatBankDate(summary.data.day)} (${summary.data.timeZone})`
              : 'Loading figures…'}
          </Text>
        </div>
        <Tooltip label="Refresh now">
          <ActionIcon variant="default" size="lg" onClick={reloadAll} loading={refreshing} aria-label="Refresh dashboard" data-testid="dashboard-refresh">
            <IconRefresh size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <FraudAlertsPanel />
      {summary.error && !summary.data ? <ErrorView message={summary.error} onRetry={summary.reload} /> : <KpiCards summary={summary.data} canExplore={canExplore} />}
      <VolumeChart volume={volume.data} error={volume.error} onRetry={volume.reload} onDay={canExplore ? openDay : undefined} />
      <ActivityTable rows={activity.data} loading={activity.loading} error={activity.error} onRetry={activity.reload} />
    </Stack>
  );
}
