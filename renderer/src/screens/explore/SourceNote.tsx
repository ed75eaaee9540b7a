import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconClock, IconCloudOff, IconDatabase } from '@tabler/icons-react';
import { formatDateTime } from '../../format/date';
import { useNow } from '../../state/clock';
import { useSyncSource } from '../../state/sync';
import { bankTimeText, sourceText } from './explore-format';

/** Where the figures come from, how old they are, and whose calendar cut the periods. */
export function SourceNote({ source, asOf, timeZone }: { source: 'bank' | 'cache'; asOf: number; timeZone: string }) {
  const now = useNow(30_000);
  // The cache answers online too (its rollups are fast); only offline is it a warning: the bank could not be asked.
  const offline = useSyncSource() === 'offline';
  const warn = source === 'cache' && offline;
  return (
    <Group gap="xs" wrap="wrap">
      <Tooltip label={`Data as of ${formatDateTime(asOf)} (your time)`}>
        <Badge
          variant="light"
          color={warn ? 'orange' : 'gray'}
          leftSection={warn ? <IconCloudOff size={12} /> : <IconDatabase size={12} />}
          tt="none"
          tabIndex={0}
          data-testid="explore-source"
          data-source={source}
          data-as-of={asOf}
          data-offline={offline || undefined}
        >
          {warn ? `Offline · ${sourceText(source, asOf, now)}` : sourceText(source, asOf, now)}
        </Badge>
      </Tooltip>
      <Text size="xs" c="dimmed" data-testid="explore-bank-time">
        <IconClock size={12} style={{ verticalAlign: -2, marginRight: 4 }} />
        {bankTimeText(timeZone)}
      </Text>
    </Group>
  );
}
