import { Group, Paper, Skeleton, Text } from '@mantine/core';
import { useMantineTheme } from '@mantine/core';
import { useCallback, useMemo } from 'react';
import type { MethodOutput } from '../../../../shared/contract';
import { EChart } from '../../components/chart/EChart';
import type { EChartsType } from '../../components/chart/echarts';
import { EmptyView, ErrorView } from '../../components/StateViews';
import { useTheme } from '../../state/theme';
import { VOLUME_CHART_HEIGHT, volumeOption } from './volume-option';

type Volume = MethodOutput<'dashboard.volume'>;

const HEIGHT = VOLUME_CHART_HEIGHT;

interface Props {
  volume: Volume | undefined;
  error: string | null;
  onRetry: () => void;
  /** A click on a day (its bars or anywhere in its column); absent for people who may not explore. */
  onDay?: (day: string) => void;
}

export function VolumeChart({ volume, error, onRetry, onDay }: Props) {
  const theme = useMantineTheme();
  const scheme = useTheme((s) => s.scheme);
  const option = useMemo(() => (volume ? volumeOption(volume, theme, scheme) : null), [volume, theme, scheme]);
  const empty = volume !== undefined && volume.days.every((d) => d.count === 0);

  // Thin bars over 90 days are hard to hit: a click anywhere in a day's column, in either grid, picks that day.
  const bind = useCallback(
    (chart: EChartsType) => {
      if (!onDay || !volume) return () => undefined;
      const pick = (index: number) => {
        const day = volume.days[index];
        if (day) onDay(day.day);
      };
      const onClick = (e: { offsetX: number; offsetY: number }) => {
        const point = [e.offsetX, e.offsetY];
        for (const gridIndex of [0, 1]) {
          if (!chart.containPixel({ gridIndex }, point)) continue;
          const [x] = chart.convertFromPixel({ gridIndex }, point) as [number, number];
          pick(Math.round(x));
          return;
        }
      };
      const zr = chart.getZr();
      zr.on('click', onClick);
      zr.setCursorStyle('pointer');
      return () => zr.off('click', onClick);
    },
    [onDay, volume],
  );

  return (
    <Paper withBorder p="sm" radius="sm">
      <Group justify="space-between" mb={4}>
        <Text fw={600} size="sm">
          Daily volume, last {volume?.days.length ?? 90} days
        </Text>
        {volume && (
          <Text size="xs" c="dimmed" data-testid="volume-note">
            amounts in {volume.currency}; days in bank time ({volume.timeZone}){onDay ? ' · click a day to explore it by branch' : ''}
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
        <EChart option={option} height={HEIGHT} testId="volume-chart" label={`Daily transaction count, credits and debits over ${volume?.days.length ?? 90} days`} bind={bind} />
      )}
    </Paper>
  );
}
