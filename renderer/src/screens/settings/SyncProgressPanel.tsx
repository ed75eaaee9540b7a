import { Group, Paper, Progress, Text } from '@mantine/core';
import { formatDuration } from '../../format/duration';
import { formatCount } from '../../format/number';
import { progressPercent, type SyncProgress } from '../../state/sync-view';

/** The table being copied right now: how far, how fast, how long still; or the summary being built after a first copy. */
export function SyncProgressPanel({ progress }: { progress: SyncProgress }) {
  const percent = progressPercent(progress);
  const summaries = progress.phase === 'summaries';
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="sync-progress" data-phase={progress.phase} data-table={progress.table}>
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Text size="sm">
          {summaries ? 'Building summaries: ' : 'Copying '}
          <b className="mono">{progress.table}</b>
        </Text>
        <Text size="sm" fw={600} className="kpi-value" data-testid="sync-progress-percent">
          {percent}%
        </Text>
      </Group>
      <Progress value={percent} size="lg" animated aria-label={`${summaries ? 'Building summaries' : 'Copying'} ${progress.table}: ${percent}%`} />
      {summaries ? (
        <Text size="xs" c="dimmed" mt={6} className="num" data-testid="sync-progress-rows">
          Step {progress.rows + 1} of {progress.total}: the cache&apos;s daily totals and histories are built once from the copied rows, then kept as rows arrive.
        </Text>
      ) : (
        <Group gap="lg" mt={6} wrap="wrap">
          <Text size="xs" c="dimmed" className="num" data-testid="sync-progress-rows">
            {formatCount(progress.rows)} / {formatCount(progress.total)} rows
          </Text>
          <Text size="xs" c="dimmed" className="num" data-testid="sync-progress-rate">
            {formatCount(progress.rowsPerSec)} rows/s
          </Text>
          <Text size="xs" c="dimmed" className="num" data-testid="sync-progress-eta">
            {progress.etaSec === null ? 'time left unknown' : `about ${formatDuration(progress.etaSec)} left`}
          </Text>
        </Group>
      )}
    </Paper>
  );
}
