import { Grid, SimpleGrid, Stack, Text } from '@mantine/core';
import { useApiQuery } from '../../api/use-api-query';
import { errorMessage } from '../../api/client';
import { ErrorView, LoadingView } from '../../components/StateViews';
import { formatDateTime } from '../../format/date';
import { navigate } from '../../state/route';
import { DeadlinesCalendar } from './DeadlinesCalendar';
import { MonitorTile } from './MonitorTile';

/** The compliance dashboard: every monitor as a tile, most urgent first, beside the filing deadlines. */
export function MonitorsPanel() {
  const ev = useApiQuery('compliance.evaluate', {});
  if (ev.isPending) return <LoadingView label="Evaluating monitors…" />;
  if (ev.error) return <ErrorView message={errorMessage(ev.error)} onRetry={() => void ev.refetch()} />;
  const e = ev.data;
  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed" data-testid="compliance-source">
        Bank day {e.at} ({e.timeZone}), amounts in {e.reportingCurrency}.{' '}
        {e.source === 'cache' ? `From this workstation’s copy as of ${formatDateTime(e.asOf)}.` : `From the bank, evaluated ${formatDateTime(e.evaluatedAt)}.`}
      </Text>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 9 }}>
          <SimpleGrid cols={{ base: 1, sm: 2, xl: 3 }} spacing="sm" data-testid="monitor-tiles">
            {e.monitors.map((m) => (
              <MonitorTile key={m.id} monitor={m} onOpen={() => navigate(`compliance/monitor/${m.id}`)} />
            ))}
          </SimpleGrid>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 3 }}>
          <DeadlinesCalendar deadlines={e.deadlines} today={e.at} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
