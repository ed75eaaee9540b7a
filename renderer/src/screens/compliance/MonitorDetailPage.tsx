import { Anchor, Badge, Button, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconChartDots3, IconListCheck, IconPencil } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import type { MonitorId } from '../../../../shared/contract';
import { errorMessage } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { EChart } from '../../components/chart/EChart';
import { PageHeader } from '../../components/PageHeader';
import { ErrorView, LoadingView } from '../../components/StateViews';
import { formatDateTime, formatDayKey } from '../../format/date';
import { formatMoney } from '../../format/money';
import { useCan, useSession } from '../../state/session';
import { navigate } from '../../state/route';
import { exploreRoute, exploreState } from '../explore/explore-state';
import { formatLimit, formatMonitorValue, STATUS_COLOR, STATUS_LABEL } from './compliance-format';
import { LimitChangeModal } from './LimitChangeModal';
import { sparklineOption } from './sparkline';
import { TaskModal } from './TaskModal';
import { TasksPanel } from './TasksPanel';

/** One of the three boxes under the header: a dimmed caption over what it says. */
function Tile({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {children}
    </Paper>
  );
}

/** One monitor: its trend, what drives it (each value's share of the change), down to the rows in Explore; its tasks and limit. */
export function MonitorDetailPage({ id }: { id: MonitorId }) {
  const detail = useApiQuery('compliance.monitor', { id });
  const changes = useApiQuery('compliance.changes.list', {});
  const canAct = useCan('compliance.act');
  const me = useSession((s) => s.session?.user.username ?? '');
  const [taskOpen, setTaskOpen] = useState(false);
  const [limitOpen, setLimitOpen] = useState(false);
  const option = useMemo(() => (detail.data ? sparklineOption(detail.data.monitor, true) : null), [detail.data]);
  if (detail.isPending) return <LoadingView label="Loading the monitor…" />;
  if (detail.error) return <ErrorView message={errorMessage(detail.error)} onRetry={() => void detail.refetch()} />;
  const d = detail.data;
  const m = d.monitor;
  const pending = (changes.data ?? []).filter((c) => c.status === 'pending' && c.proposal.kind === 'limit' && c.proposal.monitor === id);
  const drill = (dimension: string, value: string, label: string) => {
    if (!d.query) return;
    navigate(
      exploreRoute(
        exploreState({ metric: d.query.metric, from: d.query.from, to: d.query.to, filters: [...d.query.filters, { dimension: dimension as never, value, label }], view: 'rows' }),
      ),
    );
  };
  const drillCustomers = [
    ...new Set(
      d.drivers
        .filter((x) => x.dimension === 'customer')
        .map((x) => Number(x.value))
        .filter((n) => n > 0),
    ),
  ].slice(0, 10);
  const dims = [...new Set(d.drivers.map((x) => x.dimension))];
  return (
    <Stack gap="md" data-testid="monitor-detail">
      <PageHeader
        back={{ to: 'compliance', label: 'All monitors' }}
        title={m.name}
        aside={
          <Badge color={STATUS_COLOR[m.status]} size="lg" data-testid="detail-status">
            {STATUS_LABEL[m.status]}
          </Badge>
        }
        description={`${m.citation} · owner ${m.ownerRole.replace('_', ' ')} · ${m.cadence} · ${d.source === 'cache' ? `this workstation’s copy as of ${formatDateTime(d.asOf)}` : 'from the bank'}`}
        actions={
          <>
            {d.query && (
              <Button
                variant="default"
                leftSection={<IconChartDots3 size={16} />}
                onClick={() =>
                  d.query && navigate(exploreRoute(exploreState({ metric: d.query.metric, from: d.query.from, to: d.query.to, filters: d.query.filters, grain: 'day' })))
                }
              >
                Open in Explore
              </Button>
            )}
            {canAct && (
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setLimitOpen(true)} data-testid="change-limit">
                Change limit
              </Button>
            )}
            {canAct && (
              <Button leftSection={<IconListCheck size={16} />} onClick={() => setTaskOpen(true)} data-testid="new-task">
                New task
              </Button>
            )}
          </>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        <Tile label="Now">
          <Text size="xl" fw={700} data-testid="detail-value">
            {formatMonitorValue(m.unit, m.value, m.currency)}
          </Text>
          <Text size="xs">
            limit {formatLimit(m)}, warning from {formatMonitorValue(m.unit === 'days' ? 'count' : m.unit, m.warning, m.currency)} (version {m.limitVersion})
          </Text>
        </Tile>
        <Tile label="Projection">
          <Text fw={600}>
            {m.projectedCrossing
              ? `Limit crossed on ${formatDayKey(m.projectedCrossing, undefined, { weekday: true })}`
              : m.status === 'breach'
                ? 'Past the limit now'
                : 'Not heading for the limit'}
          </Text>
          <Text size="xs" c="dimmed">
            {m.note}
          </Text>
        </Tile>
        <Tile label="Definition">
          <Text size="xs">{m.definition}</Text>
        </Tile>
      </SimpleGrid>
      {m.unconverted.length > 0 && (
        <Paper withBorder p="sm" radius="md" bg="yellow.0" data-testid="unconverted">
          <Text size="sm" fw={600}>
            Not converted (no exchange rate entered for the day) — listed apart, not counted:
          </Text>
          {m.unconverted.map((u, i) => (
            <Text key={i} size="xs">
              {formatMoney(u.amount, u.currency)} {u.day ? `on ${u.day}` : ''}
            </Text>
          ))}
        </Paper>
      )}
      {pending.length > 0 && (
        <Paper withBorder p="sm" radius="md" bg="blue.0" data-testid="pending-limit">
          {pending.map((c) => (
            <Text key={c.id} size="sm">
              Waiting for approval: {c.summary} — proposed by {c.requestedBy}, {formatDateTime(c.requestedAt)}.{' '}
              <Anchor onClick={() => navigate('compliance/changes')}>Open changes</Anchor>
            </Text>
          ))}
        </Paper>
      )}
      <Paper withBorder p="sm" radius="md">
        <Text size="sm" fw={600} mb={4}>
          Last 90 bank days
        </Text>
        {option && <EChart option={option} height={220} label={`${m.name} over the last 90 days with its limit`} testId="detail-chart" />}
      </Paper>
      {d.query && (
        <Paper withBorder p="sm" radius="md" data-testid="drivers">
          <Text size="sm" fw={600}>
            What drives it: the 30 bank days from {d.query.from} to {d.monitor.trend.at(-1)?.day ?? d.query.to} against the 30 before
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            Click a value to see its rows in Explore, and from a row the customer 360.
          </Text>
          {d.drivers.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing in the period.
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, lg: Math.min(3, dims.length) }} spacing="sm">
              {dims.map((dim) => (
                <Table key={dim} fz="xs" verticalSpacing={4} striped data-testid={`drivers-${dim}`}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th style={{ textTransform: 'capitalize' }}>{dim.replace('_', ' ')}</Table.Th>
                      <Table.Th style={{ textAlign: 'right' }}>Now</Table.Th>
                      <Table.Th style={{ textAlign: 'right' }}>Share of change</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.drivers
                      .filter((x) => x.dimension === dim)
                      .map((x) => (
                        <Table.Tr key={`${x.value}-${x.currency ?? ''}`}>
                          <Table.Td>
                            <Anchor size="xs" onClick={() => drill(x.dimension, x.value, x.label)} data-testid="driver-link">
                              {x.label}
                            </Anchor>
                          </Table.Td>
                          <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                            {x.currency ? formatMoney(Math.round(x.current), x.currency) : x.current.toLocaleString()}
                          </Table.Td>
                          <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                            {x.contribution === null ? '—' : `${(x.contribution * 100).toFixed(1)} %`}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                  </Table.Tbody>
                </Table>
              ))}
            </SimpleGrid>
          )}
        </Paper>
      )}
      <Stack gap={4}>
        <Title order={4}>Corrective tasks</Title>
        <TasksPanel monitorId={id} canAct={canAct} />
      </Stack>
      {d.history.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="limit-history">
          Limit history:{' '}
          {d.history
            .map((h) => `v${h.version} ${h.limit} (warning ${h.warning}) proposed by ${h.proposedBy ?? '—'}, approved by ${h.approvedBy ?? '—'} ${formatDateTime(h.at)}`)
            .join(' · ')}
        </Text>
      )}
      {taskOpen && <TaskModal opened monitorId={id} monitorName={m.name} owner={me} customers={drillCustomers} onClose={() => setTaskOpen(false)} />}
      {limitOpen && <LimitChangeModal opened monitor={m} onClose={() => setLimitOpen(false)} />}
    </Stack>
  );
}
