import { Badge, Group, Table, Text } from '@mantine/core';
import type { ComplianceSectionResult } from '../../../../shared/contract';
import { formatLimit, formatMonitorValue, STATUS_COLOR, STATUS_LABEL } from '../compliance/compliance-format';

/** The compliance monitor summary of a report (preview and opened report): counts by status, then each monitor against its limit. */
export function ComplianceSectionView({ section: s }: { section: ComplianceSectionResult }) {
  const counts = ['breach', 'warning', 'ok', 'unknown'] as const;
  return (
    <div data-testid="report-compliance">
      <Group gap="xs" mb="xs">
        <Text size="sm">As of the end of {s.at}:</Text>
        {counts.map((k) => (
          <Badge key={k} color={STATUS_COLOR[k]} variant="light" data-testid={`report-compliance-${k}`}>
            {s.counts[k]} {STATUS_LABEL[k].toLowerCase()}
          </Badge>
        ))}
        <Text size="xs" c="dimmed">
          Money in {s.reportingCurrency}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={520} mah={460}>
        <Table striped stickyHeader data-testid="report-compliance-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Monitor</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Value</Table.Th>
              <Table.Th ta="right">Limit</Table.Th>
              <Table.Th>What drives it</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.monitors.map((m) => (
              <Table.Tr key={m.id} data-testid="report-compliance-row" data-monitor={m.id} data-status={m.status}>
                <Table.Td>
                  <Text size="sm">{m.name}</Text>
                  <Text size="xs" c="dimmed">
                    {m.citation}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOR[m.status]} variant="light">
                    {STATUS_LABEL[m.status]}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                  {formatMonitorValue(m.unit, m.value, m.currency)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatLimit(m)}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{m.note}</Text>
                  {m.projectedCrossing && (
                    <Text size="xs" c="orange">
                      Crosses the limit around {m.projectedCrossing} on the current trend
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
