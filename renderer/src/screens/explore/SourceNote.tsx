import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconClock, IconCloudOff, IconDatabase } from '@tabler/icons-react';
import { formatDateTime } from '../../format/date';
import { useNow } from '../../state/clock';
import { bankTimeText, sourceText } from './explore-format';

/** Where the figures come from, how old they are, and whose calendar cut the periods. */
export function SourceNote({ source, asOf, timeZone }: { source: 'bank' | 'cache'; asOf: number; timeZone: string }) {
  const now = useNow(30_000);
  return (
    <Group gap="xs" wrap="wrap">
      <Tooltip label={`Data as of ${formatDateTime(asOf)} (your time)`}>
        <Badge
          variant="light"
          color={source === 'cache' ? 'orange' : 'teal'}
          leftSection={source === 'cache' ? <IconCloudOff size={12} /> : <IconDatabase size={12} />}
          tt="none"
          tabIndex={0}
          data-testid="explore-source"
          data-source={source}
          data-as-of={asOf}
        >
          {sourceText(source, asOf, now)}
        </Badge>
      </Tooltip>
      <Text size="xs" c="dimmed" data-testid="explore-bank-time">
        <IconClock size={12} style={{ verticalAlign: -2, marginRight: 4 }} />
        {bankTimeText(timeZone)}
      </Text>
    </Group>
  );
}
