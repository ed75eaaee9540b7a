import { Select, Text } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useMemo } from 'react';
import type { MetricId, MetricInfo } from '../../../../shared/contract/metrics';
import { metricGroups } from './metric-groups';

interface Props {
  metrics: MetricInfo[];
  value: MetricId;
  onChange: (id: MetricId) => void;
}

/** A searchable list of the catalog, grouped by area, with the chosen metric's definition beneath it. */
export function MetricPicker({ metrics, value, onChange }: Props) {
  const data = useMemo(() => metricGroups(metrics).map((g) => ({ group: g.group, items: g.metrics.map((m) => ({ value: m.id, label: m.label })) })), [metrics]);
  const info = metrics.find((m) => m.id === value);
  return (
    <div style={{ minWidth: 260, flex: '1 1 280px', maxWidth: 420 }}>
      <Select
        label="Metric"
        data={data}
        value={value}
        onChange={(v) => {
          const m = metrics.find((x) => x.id === v);
          if (m) onChange(m.id);
        }}
        searchable
        allowDeselect={false}
        nothingFoundMessage="No metric by that name"
        leftSection={<IconChartBar size={16} />}
        maxDropdownHeight={360}
        comboboxProps={{ withinPortal: true }}
        data-testid="explore-metric"
      />
      {info && (
        <Text size="xs" c="dimmed" mt={4} data-testid="explore-definition">
          {info.definition}
        </Text>
      )}
    </div>
  );
}
