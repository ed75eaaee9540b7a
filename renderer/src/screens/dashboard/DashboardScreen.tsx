import { useCallback } from 'react';
import { errorMessage } from '../../api/client';
import { errorText, tableState, useApiQuery } from '../../api/use-api-query';
import { Screen } from '../../components/Screen';
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
import { RefreshButton } from '../../components/RefreshButton';

const ACTIVITY_ROWS = 50;

export function DashboardScreen() {
  // "Today" and the 90-day window are the bank's, worked out by the server on every fetch: a screen left open
  // past the bank's midnight rolls over.
  // Pushes of changed postings, accounts and alerts refetch them (method-tables.ts).
  const summary = useApiQuery('dashboard.summary', {});
  const volume = useApiQuery('dashboard.volume', { days: 90 });
  const canExplore = useCan('analytics.view');
  const openDay = useCallback((day: string) => navigate(dayByBranchRoute('transactions_volume', day)), []);
  const activity = useApiQuery('dashboard.activity', { limit: ACTIVITY_ROWS });

  const reloadAll = (): void => {
    void summary.refetch();
    void volume.refetch();
    void activity.refetch();
  };
  const refreshing = (summary.isFetching && !summary.isPending) || (volume.isFetching && !volume.isPending) || (activity.isFetching && !activity.isPending);
  return (
    <Screen
      testId="dashboard"
      title="Dashboard"
      descriptionTestId="dashboard-as-of"
      description={
        summary.data
          ? `Figures as of ${formatDateTime(summary.data.asOf)}${summary.data.source === 'cache' ? ' (this workstation’s cache)' : ''}; bank day ${formatBankDate(summary.data.day)} (${summary.data.timeZone})`
          : 'Loading figures…'
      }
      actions={<RefreshButton onClick={reloadAll} loading={refreshing} label="Refresh dashboard" testId="dashboard-refresh" />}
    >
      <FraudAlertsPanel />
      {summary.error && !summary.data ? (
        <ErrorView message={errorMessage(summary.error)} onRetry={() => void summary.refetch()} />
      ) : (
        <KpiCards summary={summary.data} canExplore={canExplore} />
      )}
      <VolumeChart volume={volume.data} error={errorText(volume.error)} onRetry={() => void volume.refetch()} onDay={canExplore ? openDay : undefined} />
      <ActivityTable rows={activity.data} state={tableState(activity)} />
    </Screen>
  );
}
