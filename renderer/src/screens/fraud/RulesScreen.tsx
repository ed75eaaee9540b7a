import { Badge, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useMemo } from 'react';
import type { FraudRule } from '../../../../shared/contract';
import { tableState, useApiQuery } from '../../api/use-api-query';
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

/** Widths for a 780 px grid (1024 px window with the sidebar): the rule's name keeps the rest and wraps rather than being cut. */
const COLUMNS: ColumnSpec<FraudRule>[] = [
  {
    id: 'title',
    header: 'Rule',
    value: (r) => r.title,
    render: (r) => (
      <div style={{ whiteSpace: 'normal', minWidth: 0 }}>
        <Text size="sm" fw={600} data-testid="rule-name" style={{ overflowWrap: 'anywhere' }}>
          {r.title}
        </Text>
        <Text size="xs" c="dimmed" className="mono">
          {r.id}
        </Text>
      </div>
    ),
    grow: true,
    testId: 'rule-title',
  },
  { id: 'version', header: 'Version', value: (r) => r.version, render: (r) => `v${r.version}`, numeric: true, width: 72 },
  {
    id: 'enabled',
    header: 'On',
    value: (r) => (r.enabled ? 'yes' : 'no'),
    render: (r) => (
      <Badge size="sm" variant="light" color={r.enabled ? 'teal' : 'gray'}>
        {r.enabled ? 'On' : 'Off'}
      </Badge>
    ),
    width: 64,
  },
  { id: 'hits', header: 'Hits', value: (r) => r.stats.hits, render: (r) => formatCount(r.stats.hits), numeric: true, width: 68 },
  { id: 'open', header: 'Open', value: (r) => r.stats.open, render: (r) => formatCount(r.stats.open), numeric: true, width: 68, hideBelow: 900 },
  { id: 'confirmed', header: 'Confirmed', value: (r) => r.stats.confirmed, render: (r) => formatCount(r.stats.confirmed), numeric: true, width: 92 },
  { id: 'escalated', header: 'Escalated', value: (r) => r.stats.escalated, render: (r) => formatCount(r.stats.escalated), numeric: true, width: 92, hideBelow: 1100 },
  { id: 'dismissed', header: 'Dismissed', value: (r) => r.stats.dismissed, render: (r) => formatCount(r.stats.dismissed), numeric: true, width: 92 },
  {
    id: 'fp',
    header: 'False pos.',
    value: (r) => r.stats.falsePositiveRate,
    render: (r) =>
      r.stats.falsePositiveRate === null ? (
        <Tooltip label="No confirmed, escalated or dismissed alerts yet">
          <Text size="sm" c="dimmed" span>
            —
          </Text>
        </Tooltip>
      ) : (
        <Tooltip
          label={`${formatCount(r.stats.dismissed)} dismissed of ${formatCount(r.stats.decided)} decided alerts${r.stats.decided < 10 ? ' — too few to judge the rule' : ''}`}
        >
          <Stack gap={2} align="flex-end">
            <Text size="sm" span ta="right" style={{ whiteSpace: 'nowrap' }} c={r.stats.decided < 10 ? 'dimmed' : undefined} data-testid="rule-fp-rate">
              {formatRate(r.stats.falsePositiveRate)}{' '}
              <Text span size="xs" c="dimmed">
                (n={formatCount(r.stats.decided)})
              </Text>
            </Text>
            <Progress value={r.stats.falsePositiveRate * 100} color={fpColor(r.stats.falsePositiveRate)} w="100%" size="xs" aria-label="False-positive rate" />
          </Stack>
        </Tooltip>
      ),
    numeric: true,
    width: 124,
  },
];

/** The rule catalog with its performance; a rule opens in a drawer to tune, backtest and version it. */
export function RulesScreen() {
  const rules = useApiQuery('fraud.rules.list', {});
  const [ruleId] = useSubPath('fraud-rules');
  const current = useMemo(() => rules.data?.find((r) => r.id === ruleId) ?? null, [rules.data, ruleId]);
  // Rules with a change waiting for a second person (maker–checker).
  const changes = useApiQuery('fraud.rules.changes.list', {});
  const pending = useMemo(() => new Set((changes.data ?? []).filter((c) => c.status === 'pending').map((c) => c.ruleId)), [changes.data]);
  return (
    <Stack gap="sm" data-testid="rules-screen">
      <PageHeader
        title="Detection rules"
        description="Hits, confirmed and dismissed alerts per rule; the false-positive rate is dismissed ÷ decided (confirmed + escalated + dismissed), with n, the number decided. Open a rule to tune and backtest it."
        actions={<RefreshButton onClick={() => void rules.refetch()} loading={rules.isFetching && !rules.isPending} label="Refresh rules" />}
      />
      <RulesTable rules={rules.data} pending={pending} state={tableState(rules)} />
      <RuleDrawer rule={current} onClose={() => navigate('fraud-rules')} />
    </Stack>
  );
}

/** The rules read's loading, error and retry, as DataTable takes them. */
type TableState = ReturnType<typeof tableState>;

function RulesTable({ rules, pending, state }: { rules: FraudRule[] | undefined; pending: ReadonlySet<string>; state: TableState }) {
  const columns = useMemo<ColumnSpec<FraudRule>[]>(
    () =>
      COLUMNS.map((c) =>
        c.id === 'title'
          ? {
              ...c,
              render: (r: FraudRule) => (
                <a href={`#/fraud-rules/${encodeURIComponent(r.id)}`} className="rule-link" data-testid="rule-link" style={{ color: 'inherit', textDecoration: 'none' }}>
                  {c.render?.(r)}
                  {pending.has(r.id) && (
                    <Badge size="xs" variant="light" color="blue" data-testid="rule-pending">
                      change waiting for approval
                    </Badge>
                  )}
                </a>
              ),
            }
          : c,
      ),
    [pending],
  );
  return (
    <DataTable
      columns={columns}
      rows={rules}
      rowKey={(r) => r.id}
      {...state}
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
