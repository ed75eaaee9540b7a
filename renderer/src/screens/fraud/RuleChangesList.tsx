import { Table, Text } from '@mantine/core';
import type { RuleParamChange } from '../../../../shared/contract';
import { figureLabel } from './fraud-values';
import { paramText } from './rule-values';

/** What a version or a proposed change does: each parameter before → after, and on/off when that changes. */
export function RuleChangesList({
  changes,
  enabled,
  enabledBefore,
  currency,
  testId,
}: {
  changes: RuleParamChange[];
  enabled: boolean;
  enabledBefore: boolean | null;
  currency: string;
  testId?: string;
}) {
  const rows = [...changes.map((c) => ({ key: c.name, label: figureLabel(c.name), before: paramText(c.name, c.before, currency), after: paramText(c.name, c.after, currency) }))];
  if (enabledBefore !== null && enabledBefore !== enabled)
    rows.push({ key: 'enabled', label: 'Rule', before: enabledBefore ? 'enabled' : 'disabled', after: enabled ? 'enabled' : 'disabled' });
  if (rows.length === 0)
    return (
      <Text size="xs" c="dimmed" data-testid={testId}>
        No parameter changed.
      </Text>
    );
  return (
    <Table fz="xs" verticalSpacing={2} horizontalSpacing={6} tabularNums data-testid={testId} w="auto">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Parameter</Table.Th>
          <Table.Th className="num">Before</Table.Th>
          <Table.Th className="num">After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key} data-param={r.key}>
            <Table.Td>{r.label}</Table.Td>
            <Table.Td className="num" c="dimmed" data-testid="change-before">
              {r.before}
            </Table.Td>
            <Table.Td className="num" fw={600} data-testid="change-after">
              {r.after}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
