import { Paper, SimpleGrid, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Money, MethodOutput } from '../../../../shared/contract';
import { formatMoney, formatMoneyCompact } from '../../format/money';
import { formatCount } from '../../format/number';

type Summary = MethodOutput<'dashboard.summary'>;

function Kpi({ label, testId, children, hint }: { label: string; testId: string; children: ReactNode; hint?: string }) {
  return (
    <Paper withBorder p="sm" radius="sm" data-testid={`kpi-${testId}`}>
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

export function KpiCards({ summary }: { summary: Summary | undefined }) {
  if (!summary) {
    return (
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" data-testid="kpi-loading">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} h={78} radius="sm" />
        ))}
      </SimpleGrid>
    );
  }
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
      <Kpi label="Customers" testId="customers">
        <Big>{formatCount(summary.customers)}</Big>
      </Kpi>
      <Kpi label="Accounts" testId="accounts">
        <Big>{formatCount(summary.accounts)}</Big>
      </Kpi>
      <Kpi label="Deposits held" testId="deposits">
        <MoneyLines values={summary.deposits} />
      </Kpi>
      <Kpi label="Transactions today" testId="today-count" hint="since midnight, your time">
        <Big>{formatCount(summary.today.count)}</Big>
      </Kpi>
      <Kpi label="Volume today" testId="today-volume">
        <MoneyLines values={summary.today.volume} />
      </Kpi>
    </SimpleGrid>
  );
}
