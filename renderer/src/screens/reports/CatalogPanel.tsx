import { Button, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { MetricId, MetricInfo } from '../../../../shared/contract';
import { FilterInput } from '../../components/FilterInput';
import { TitledPanel } from '../../components/TitledPanel';

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
    <TitledPanel title="Metric catalog" testId="report-catalog">
      <FilterInput value={q} onChange={setQ} label="Search the metric catalog" placeholder="Search metrics and definitions" testId="report-catalog-search" />
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
    </TitledPanel>
  );
}

export type { MetricId };
