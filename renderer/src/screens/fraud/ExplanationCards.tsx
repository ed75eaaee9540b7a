import { Badge, Grid, Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { FraudExplanation } from '../../../../shared/fraud-explanation';
import { formatDateTime } from '../../format/date';
import { figureKeys, figureLabel, formatFigure, riskColor } from './fraud-values';

type Hit = FraudExplanation['hits'][number];

/** One figure: numbers right-aligned in tabular figures; text (a payee's account) may wrap. */
function FigureCell({ figures, name, currency, observed }: { figures: Record<string, number | string>; name: string; currency: string; observed?: boolean }) {
  const value = figures[name];
  const text = value === undefined ? '' : formatFigure(name, value, currency);
  const cls = typeof value === 'string' ? 'figure-text' : 'num';
  return <Table.Td className={observed ? `${cls} figure-observed` : cls}>{text}</Table.Td>;
}

/** Observed vs threshold vs the customer's baseline, one figure a row. */
function FigureTable({ hit, currency }: { hit: Hit; currency: string }) {
  const keys = figureKeys(hit.observed, hit.thresholds, hit.baseline);
  const hasBaseline = hit.baseline !== null && Object.keys(hit.baseline).length > 0;
  return (
    <Table className="figure-table" w="100%" withRowBorders={false} verticalSpacing={2} horizontalSpacing="xs" fz="xs" tabularNums data-testid="hit-figures">
      <Table.Thead>
        <Table.Tr>
          <Table.Th fz="xs" c="dimmed" fw={500}>
            Figure
          </Table.Th>
          <Table.Th fz="xs" className="num" c="dimmed" fw={500}>
            Observed
          </Table.Th>
          <Table.Th fz="xs" className="num" c="dimmed" fw={500}>
            Threshold
          </Table.Th>
          {hasBaseline && (
            <Table.Th fz="xs" className="num" c="dimmed" fw={500}>
              Normal
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {keys.map((k) => (
          <Table.Tr key={k} data-figure={k}>
            <Table.Td>{figureLabel(k)}</Table.Td>
            <FigureCell figures={hit.observed} name={k} currency={currency} observed />
            <FigureCell figures={hit.thresholds} name={k} currency={currency} />
            {hasBaseline && <FigureCell figures={hit.baseline ?? {}} name={k} currency={currency} />}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Why the alert was raised: one card per rule that fired, strongest first, with its figures. */
export function ExplanationCards({ explanation, currency }: { explanation: FraudExplanation; currency: string }) {
  const hits = [...explanation.hits].sort((a, b) => b.score - a.score);
  return (
    <div data-testid="explanation">
      <Group justify="space-between" mb={6}>
        <Text fw={600} size="sm">
          Why this alert
        </Text>
        <Text size="xs" c="dimmed">
          {hits.length} {hits.length === 1 ? 'rule' : 'rules'} fired; combined risk {explanation.riskScore} of 100 (each rule independent evidence)
        </Text>
      </Group>
      <Stack gap="sm">
        {hits.map((hit) => (
          <Paper key={hit.ruleId} withBorder p="sm" radius="sm" data-testid="explanation-hit" data-rule={hit.ruleId}>
            <Grid gap="md">
              <Grid.Col span={{ base: 12, md: 5 }}>
                <Group justify="space-between" wrap="nowrap" align="flex-start" mb={4}>
                  <div>
                    <Text fw={600} size="sm" data-testid="hit-title">
                      {hit.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {hit.ruleId} v{hit.ruleVersion} · {formatDateTime(hit.at)}
                    </Text>
                  </div>
                  <Badge color={riskColor(hit.score)} variant="light" className="num fraud-keep" title="This rule’s own contribution to the risk score">
                    +{hit.score}
                  </Badge>
                </Group>
                <Text size="sm" data-testid="hit-summary">
                  {hit.summary}
                </Text>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 7 }}>
                <div className="figure-scroll">
                  <FigureTable hit={hit} currency={currency} />
                </div>
              </Grid.Col>
            </Grid>
          </Paper>
        ))}
      </Stack>
    </div>
  );
}
