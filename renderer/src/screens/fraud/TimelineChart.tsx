import { Group, Paper, Text, useMantineTheme } from '@mantine/core';
import { useMemo } from 'react';
import type { AlertDetail } from '../../../../shared/contract';
import { EChart } from '../../components/chart/EChart';
import { EmptyView } from '../../components/StateViews';
import { formatMoney } from '../../format/money';
import { useTheme } from '../../state/theme';
import { TIMELINE_HEIGHT, timelineCounts, timelineOption } from './timeline-option';
import { countOf } from '../../format/plural';

/** The subject account's movements around the alert, flagged ones in red against the customer's normal range. */
export function TimelineChart({ detail }: { detail: AlertDetail }) {
  const theme = useMantineTheme();
  const scheme = useTheme((s) => s.scheme);
  const { timeline, normalRange } = detail;
  const currency = detail.alert.currency;
  const option = useMemo(() => timelineOption(timeline, normalRange, currency, theme, scheme), [timeline, normalRange, currency, theme, scheme]);
  const counts = timelineCounts(timeline);
  const flagged = counts.flagged + counts.confirmed;
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="timeline">
      <Group justify="space-between" mb={4} wrap="wrap">
        <Text fw={600} size="sm">
          Transaction timeline
        </Text>
        <Text size="xs" c="dimmed">
          {countOf(timeline.length, 'movement', 'movements')} on {detail.alert.accountNo}, {flagged} flagged
          {normalRange ? ` · normal day ${formatMoney(normalRange.p10, currency)} – ${formatMoney(normalRange.p90, currency)}` : ' · no normal range yet (too little history)'}
        </Text>
      </Group>
      {timeline.length === 0 ? (
        <EmptyView title="No movements around this alert" />
      ) : (
        <EChart
          option={option}
          height={TIMELINE_HEIGHT}
          testId="timeline-chart"
          label={`Transaction amounts over time: ${countOf(timeline.length, 'movement', 'movements')}, ${flagged} flagged in red${normalRange ? ', the customer’s normal daily range shaded' : ''}`}
        />
      )}
    </Paper>
  );
}
