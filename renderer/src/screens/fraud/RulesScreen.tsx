import { Badge, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useMemo } from 'react';
import type { FraudRule } from '../../../../shared/contract';
import { errorText, useApiQuery } from '../../api/use-api-query';
import { PageHeader } from '../../components/PageHeader';
import { DataTable } from '../../components/table/DataTable';
import type { ColumnSpec } from '../../components/table/columns';
import { formatCount } from '../../format/number';
import { navigate, useSubPath } from '../../state/route';
import { formatRate } from './fraud-values';
import { RuleDrawer } from './RuleDrawer';
import { RefreshButton } from '../../components/RefreshButton';

function fpColor(rate: number): string {
  if (rate >= 0.8) return 'red';
  if (rate >= 0.5) return 'orange';
  return 'teal';
}

const COLUMNS: ColumnSpec<FraudRule>[] = [
  {
    id: 'title',
    header: 'Rule',
    value: (r) => r.title,
    render: (r) => (
      <div>
        <Text size="sm" fw={600} span>
          {r.title}
        </Text>
        <Text size="xs" c="dimmed" span ml={6} className="mono">
          {r.id}
        </Text>
      </div>
    ),
    grow: true,
    testId: 'rule-title',
  },
  { id: 'version', header: 'Version', value: (r) => r.version, render: (r) => `v${r.version}`, numeric: true, width: 80 },
  {
    id: 'enabled',
    header: 'Enabled',
    value: (r) => (r.enabled ? 'yes' : 'no'),
    render: (r) => (
      <Badge size="sm" variant="light" color={r.enabled ? 'teal' : 'gray'}>
        {r.enabled ? 'On' : 'Off'}
      </Badge>
    ),
    width: 90,
  },
  { id: 'hits', header: 'Hits', value: (r) => r.stats.hits, render: (r) => formatCount(r.stats.hits), numeric: true, width: 80 },
  {
    id: 'open',
    header: 'Open',
    value: (r) => r.stats.open,
    render: (r) => formatCount(r.stats.open),
    numeric: true,
    width: 80,
    hideBelow: 900,
  },
  {
    id: 'confirmed',
    header: 'Confirmed',
    value: (r) => r.stats.confirmed,
    render: (r) => formatCount(r.stats.confirmed),
    numeric: true,
    width: 100,
  },
  {
    id: 'escalated',
    header: 'Escalated',
    value: (r) => r.stats.escalated,
    render: (r) => formatCount(r.stats.escalated),
    numeric: true,
    width: 100,
    hideBelow: 1100,
  },
  {
    id: 'dismissed',
    header: 'Dismissed',
    value: (r) => r.stats.dismissed,
    render: (r) => formatCount(r.stats.dismissed),
    numeric: true,
    width: 100,
  },
  {
    id: 'fp',
    header: 'False positives',
    value: (r) => r.stats.falsePositiveRate,
    render: (r) =>
      r.stats.falsePositiveRate === null ? (
        <Tooltip label="No confirmed, escalated or dismissed alerts yet">
          <Text size="sm" c="dimmed" span>
            —
          </Text>
        </Tooltip>
      ) : (
        <Group gap={8} wrap="nowrap" justify="flex-end">
          <Progress
            value={r.stats.falsePositiveRate * 100}
            color={fpColor(r.stats.falsePositiveRate)}
            w={90}
            size="md"
            aria-label="False-positive rate"
          />
          <Tooltip
            label={`${formatCount(r.stats.dismissed)} dismissed of ${formatCount(r.stats.decided)} decided alerts${r.stats.decided < 10 ? ' — too few to judge the rule' : ''}`}
          >
            <Text
              size="sm"
              span
              ta="right"
              style={{ whiteSpace: 'nowrap' }}
              c={r.stats.decided < 10 ? 'dimmed' : undefined}
              data-testid="rule-fp-rate"
            >
              {formatRate(r.stats.falsePositiveRate)}{' '}
              <Text span size="xs" c="dimmed">
                (n={formatCount(r.stats.decided)})
              </Text>
            </Text>
          </Tooltip>
        </Group>
      ),
    numeric: true,
    width: 210,
  },
];

/** The rule catalog with its performance; a rule opens in a drawer to tune, backtest and version it. */
export function RulesScreen() {
  const rules = useApiQuery('rules.list', {});
  const [ruleId] = useSubPath('fraud-rules');
  const current = useMemo(() => rules.data?.find((r) => r.id === ruleId) ?? null, [rules.data, ruleId]);
  return (
    <Stack gap="sm" data-testid="rules-screen">
      <PageHeader
        title="Detection rules"
        description="Hits, confirmed and dismissed alerts per rule; the false-positive rate is dismissed ÷ decided (confirmed + escalated + dismissed), with n, the number decided. Open a rule to tune and backtest it."
        actions={
          <RefreshButton onClick={() => void rules.refetch()} loading={rules.isFetching && !rules.isPending} label="Refresh rules" />
        }
      />
      <RulesTable rules={rules.data} loading={rules.isPending} error={errorText(rules.error)} onRetry={() => void rules.refetch()} />
      <RuleDrawer rule={current} onClose={() => navigate('fraud-rules')} />
    </Stack>
  );
}

function RulesTable({
  rules,
  loading,
  error,
  onRetry,
}: {
  rules: FraudRule[] | undefined;
  loading: boolean;
  error: string | null;
  onRetry: () => void;
}) {
  const columns = useMemo<ColumnSpec<FraudRule>[]>(
    () =>
      COLUMNS.map((c) =>
        c.id === 'title'
          ? {
              ...c,
              render: (r: FraudRule) => (
                <a
                  href={`#/fraud-rules/${encodeURIComponent(r.id)}`}
                  className="rule-link"
                  data-testid="rule-link"
                  style={{ color: 'inherit', textDecoration: 'none' }}
                >
                  {c.render?.(r)}
                </a>
              ),
            }
          : c,
      ),
    [],
  );
  return (
    <DataTable
      columns={columns}
      rows={rules}
      rowKey={(r) => r.id}
      loading={loading}
      error={error}
      onRetry={onRetry}
      emptyTitle="No rules"
      csvName="fraud-rules"
      initialSort={{ id: 'hits', desc: true }}
      rowTestId="rule-row"
      testId="rules-table"
      caption="Detection rules"
      maxHeight="calc(100vh - 200px)"
    />
  );
}
