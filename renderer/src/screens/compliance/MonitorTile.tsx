import { Badge, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMemo } from 'react';
import type { MonitorResult } from '../../../../shared/contract';
import { EChart } from '../../components/chart/EChart';
import { formatDayKey } from '../../format/date';
import { formatLimit, formatMonitorValue, STATUS_COLOR, STATUS_LABEL } from './compliance-format';
import { sparklineOption } from './sparkline';

/** One monitor: status colour, value against limit, 90-day sparkline, projected crossing. Opens the drill-down. */
export function MonitorTile({ monitor: m, onOpen }: { monitor: MonitorResult; onOpen: () => void }) {
  const option = useMemo(() => sparklineOption(m), [m]);
  const color = STATUS_COLOR[m.status];
  return (
    <UnstyledButton onClick={onOpen} data-testid={`monitor-${m.id}`} data-status={m.status} aria-label={`${m.name}: ${STATUS_LABEL[m.status]}, open the drill-down`}>
      <Paper withBorder radius="md" p="sm" h="100%" style={{ borderLeft: `4px solid var(--mantine-color-${color}-6)` }}>
        <Stack gap={4}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text fw={600} size="sm" lineClamp={1}>
              {m.name}
            </Text>
            <Badge color={color} variant={m.status === 'ok' ? 'light' : 'filled'} size="sm" style={{ flexShrink: 0 }} data-testid="monitor-status">
              {STATUS_LABEL[m.status]}
            </Badge>
          </Group>
          <Group justify="space-between" align="baseline" gap="xs">
            <Text size="xl" fw={700} ff="monospace" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="monitor-value">
              {formatMonitorValue(m.unit, m.value, m.currency)}
            </Text>
            <Text size="xs" c="dimmed">
              limit {formatLimit(m)}
            </Text>
          </Group>
          <EChart option={option} height={44} label={`${m.name}: last 90 days`} />
          <Text size="xs" c={m.projectedCrossing ? 'orange.7' : 'dimmed'} lineClamp={2} data-testid="monitor-projection">
            {m.status === 'breach'
              ? m.note
              : m.projectedCrossing
                ? `At this trend the limit is crossed on ${formatDayKey(m.projectedCrossing, undefined, { weekday: true })}.`
                : m.status === 'unknown'
                  ? m.note
                  : 'Not heading for the limit at this trend.'}
          </Text>
        </Stack>
      </Paper>
    </UnstyledButton>
  );
}
