import { Button, Group, Paper, ScrollArea, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { MetricId, MetricInfo } from '../../../../shared/contract';

interface Props {
  metrics: MetricInfo[];
  readOnly: boolean;
  onAdd: (kind: 'kpis' | 'chart' | 'table' | 'narrative', metric: MetricInfo) => void;
}

/** The metric catalog, searchable by name, id or definition, each metric with its definition and add buttons. */
export function CatalogPanel({ metrics, readOnly, onAdd }: Props) {
  const [q, setQ] = useState('');
  const shown = useMemo(() => {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    return metrics.filter((m) => words.every((w) => `${m.label} ${m.id} ${m.definition}`.toLowerCase().includes(w)));
  }, [metrics, q]);
  return (
    <Paper withBorder p="sm" data-testid="report-catalog">
      <Title order={5} mb={6}>
        Metric catalog
      </Title>
      <TextInput
        size="xs"
        placeholder="Search metrics and definitions"
        leftSection={<IconSearch size={14} />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        aria-label="Search the metric catalog"
        data-testid="report-catalog-search"
      />
      <ScrollArea.Autosize mah={560} mt="xs">
        <Stack gap="xs">
          {shown.length === 0 && (
            <Text size="xs" c="dimmed">
              No metric matches “{q}”.
            </Text>
          )}
          {shown.map((m) => (
            <div key={m.id} data-testid="report-catalog-item" data-metric={m.id}>
              <Text size="sm" fw={600}>
                {m.label}
              </Text>
              <Text size="xs" c="dimmed">
                {m.definition}
              </Text>
              {!readOnly && (
                <Group gap={4} mt={2}>
                  <Button size="compact-xs" variant="light" onClick={() => onAdd('kpis', m)} aria-label={`Add ${m.label} as a KPI tile`}>
                    + Tile
                  </Button>
                  <Button size="compact-xs" variant="light" onClick={() => onAdd('chart', m)} aria-label={`Add ${m.label} as a chart`}>
                    + Chart
                  </Button>
                  {m.dimensions.includes('branch') && (
                    <Button size="compact-xs" variant="light" onClick={() => onAdd('table', m)} aria-label={`Add ${m.label} as a table`}>
                      + Table
                    </Button>
                  )}
                </Group>
              )}
            </div>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}

export type { MetricId };
