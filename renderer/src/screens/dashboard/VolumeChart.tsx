import { Group, Paper, Skeleton, Text } from '@mantine/core';
import { useMantineTheme } from '@mantine/core';
import { useMemo } from 'react';
import type { MethodOutput } from '../../../../shared/contract';
import { EChart } from '../../components/chart/EChart';
import { EmptyView, ErrorView } from '../../components/StateViews';
import { useTheme } from '../../state/theme';
import { VOLUME_CHART_HEIGHT, volumeOption } from './volume-option';

type Volume = MethodOutput<'dashboard.volume'>;

const HEIGHT = VOLUME_CHART_HEIGHT;

export function VolumeChart({ volume, error, onRetry }: { volume: Volume | undefined; error: string | null; onRetry: () => void }) {
  const theme = useMantineTheme();
  const scheme = useTheme((s) => s.scheme);
  const option = useMemo(() => (volume ? volumeOption(volume, theme, scheme) : null), [volume, theme, scheme]);
  const empty = volume !== undefined && volume.days.every((d) => d.count === 0);

  return (
    <Paper withBorder p="sm" radius="sm">
      <Group justify="space-between" mb={4}>
        <Text fw={600} size="sm">
          Daily volume, last {volume?.days.length ?? 90} days
        </Text>
        {volume && (
          <Text size="xs" c="dimmed">
            amounts in {volume.currency}; days in your time zone
          </Text>
        )}
      </Group>
      {error && !volume ? (
        <ErrorView message={error} onRetry={onRetry} />
      ) : !option ? (
        <Skeleton h={HEIGHT} data-testid="volume-chart-loading" />
      ) : empty ? (
        <EmptyView title="No transactions in the last 90 days" description="The chart fills in as transactions are booked." />
      ) : (
        <EChart option={option} height={HEIGHT} testId="volume-chart" label={`Daily transaction count, credits and debits over ${volume?.days.length ?? 90} days`} />
      )}
    </Paper>
  );
}
