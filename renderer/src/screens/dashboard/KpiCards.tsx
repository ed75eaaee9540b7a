import { Grid, Paper, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import type { MouseEvent, ReactNode } from 'react';
import type { Money, MethodOutput } from '../../../../shared/contract';
import { formatMoney, formatMoneyCompact } from '../../format/money';
import { formatCount } from '../../format/number';
import { navigate } from '../../state/route';
import { kpiRoute, type KpiLink } from './explore-links';
import { formatBankDate } from '../explore/explore-format';
import './dashboard.css';

type Summary = MethodOutput<'dashboard.summary'>;

/**
 * A headline figure. For people who may explore, the card is a link to the explorer on the metric behind it
 * (a real link: Tab reaches it, Enter opens it).
 */
function Kpi({ label, testId, children, hint, href }: { label: string; testId: KpiLink; children: ReactNode; hint?: string; href?: string }) {
  const link = href
    ? {
        component: 'a' as const,
        href: `#/${href}`,
        className: 'kpi-link',
        title: `Explore ${label.toLowerCase()}`,
        onClick: (e: MouseEvent) => {
          e.preventDefault();
          navigate(href);
        },
      }
    : {};
  return (
    <Paper withBorder p="sm" radius="sm" h="100%" data-testid={`kpi-${testId}`} {...link}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {label}
      </Text>
      <div data-testid={`kpi-${testId}-value`}>{children}</div>
      {hint && (
        <Text size="xs" c="dimmed" mt={2}>
          {hint}
        </Text>
      )}
    </Paper>
  );
}

function Big({ children }: { children: ReactNode }) {
  return (
    <Text className="kpi-value" fz={22}>
      {children}
    </Text>
  );
}

/** One line per currency; the exact amount in the tooltip, the short form on the card. */
function MoneyLines({ values }: { values: Money[] }) {
  if (values.length === 0) return <Big>—</Big>;
  const sorted = [...values].sort((a, b) => b.amount - a.amount);
  return (
    <Stack gap={0}>
      {sorted.map((m, i) => (
        <Tooltip key={m.currency} label={formatMoney(m.amount, m.currency)}>
          <Text className="kpi-value" fz={i === 0 ? 22 : 14} c={i === 0 ? undefined : 'dimmed'} data-currency={m.currency} tabIndex={0} w="fit-content">
            {formatMoneyCompact(m.amount, m.currency)}
          </Text>
        </Tooltip>
      ))}
    </Stack>
  );
}

/**
 * Five across on wide screens; narrower, the bank's totals fill one row and today's two figures the next (each row
 * full width, no empty slot); on small screens two per row. 30 grid columns divide evenly by 5, 3 and 2.
 */
const SPANS = { total: { base: 15, sm: 10, lg: 6 }, today: { base: 15, sm: 15, lg: 6 }, last: { base: 30, sm: 15, lg: 6 } } as const;

export function KpiCards({ summary, canExplore }: { summary: Summary | undefined; canExplore: boolean }) {
  if (!summary) {
    return (
      <Grid columns={30} gap="sm" data-testid="kpi-loading">
        {[SPANS.total, SPANS.total, SPANS.total, SPANS.today, SPANS.last].map((span, i) => (
          <Grid.Col key={i} span={span}>
            <Skeleton h={78} radius="sm" />
          </Grid.Col>
        ))}
      </Grid>
    );
  }
  const href = (kpi: KpiLink) => (canExplore ? kpiRoute(kpi, summary.day) : undefined);
  return (
    <Grid columns={30} gap="sm">
      <Grid.Col span={SPANS.total}>
        <Kpi label="Customers" testId="customers" href={href('customers')}>
          <Big>{formatCount(summary.customers)}</Big>
        </Kpi>
      </Grid.Col>
      <Grid.Col span={SPANS.total}>
        <Kpi label="Accounts" testId="accounts" href={href('accounts')}>
          <Big>{formatCount(summary.accounts)}</Big>
        </Kpi>
      </Grid.Col>
      <Grid.Col span={SPANS.total}>
        <Kpi label="Deposits held" testId="deposits" href={href('deposits')}>
          <MoneyLines values={summary.deposits} />
        </Kpi>
      </Grid.Col>
      <Grid.Col span={SPANS.today}>
        <Kpi label="Transactions today" testId="today-count" hint={`bank day ${formatBankDate(summary.day)} (${summary.timeZone})`} href={href('today-count')}>
          <Big>{formatCount(summary.today.count)}</Big>
        </Kpi>
      </Grid.Col>
      <Grid.Col span={SPANS.last}>
        <Kpi label="Volume today" testId="today-volume" href={href('today-volume')}>
          <MoneyLines values={summary.today.volume} />
        </Kpi>
      </Grid.Col>
    </Grid>
  );
}
