import { Alert, Badge, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconInfoCircle, IconPrinter } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Receipt } from '../../../../shared/contract';
import { formatDateTime } from '../../format/date';
import { formatMoney } from '../../format/money';
import { KIND_INFO } from './kinds';
import { LegsTable, type Holders } from './LegsTable';
import './receipt.css';
import { CopyIconButton } from '../../components/CopyIconButton';

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {label}
      </Text>
      <Text size="sm" component="div" data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

/** The reference (copyable), when and by whom, every leg, the new balance; printable on its own. */
export function ReceiptView({ receipt, accountId, actions, title, holders }: { receipt: Receipt; accountId?: number; actions?: ReactNode; title?: string; holders?: Holders }) {
  const own = receipt.legs.find((l) => l.accountId === accountId && l.balanceAfter !== null) ?? receipt.legs.find((l) => l.kind === 'customer' && l.balanceAfter !== null);
  const info = KIND_INFO[receipt.kind];
  return (
    <Paper
      withBorder
      radius="sm"
      p="md"
      className="printable-receipt"
      data-testid="op-receipt"
      data-reference={receipt.reference}
      data-replayed={receipt.replayed}
      data-journal-id={receipt.journalId}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Group gap="sm" align="flex-start">
            <IconCircleCheck size={32} color={receipt.status === 'pending' ? 'var(--mantine-color-orange-6)' : 'var(--mantine-color-teal-6)'} />
            <div>
              <Title order={3}>{title ?? (receipt.status === 'pending' ? `${info.label} recorded — pending settlement` : `${info.label} posted`)}</Title>
              <Text size="sm" c="dimmed">
                {formatMoney(receipt.amount, receipt.currency)}
                {receipt.description ? ` · “${receipt.description}”` : ''}
              </Text>
            </div>
          </Group>
          <Badge color={receipt.status === 'pending' ? 'orange' : 'teal'} variant="light" radius="sm" data-testid="op-receipt-status">
            {receipt.status === 'pending' ? 'Pending settlement' : 'Posted'}
          </Badge>
        </Group>
        {receipt.replayed && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} data-testid="op-receipt-replayed">
            This confirmation had already been posted: nothing was posted again. This is the original receipt.
          </Alert>
        )}
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Field label="Reference">
            <Group gap={4} wrap="nowrap">
              <Text span className="mono" fw={600} data-testid="op-receipt-reference">
                {receipt.reference}
              </Text>
              <CopyIconButton value={receipt.reference} label="Copy reference" size="sm" className="no-print" testId="op-receipt-copy" />
            </Group>
          </Field>
          <Field label="Posted" testId="op-receipt-time">
            {formatDateTime(receipt.postedAt)}
          </Field>
          <Field label="By">{receipt.postedBy}</Field>
          <Field label="New balance" testId="op-receipt-balance">
            {own?.balanceAfter != null ? (
              <Text span inherit fw={700} className="kpi-value" data-minor={own.balanceAfter}>
                {formatMoney(own.balanceAfter, receipt.currency)}
              </Text>
            ) : (
              '—'
            )}
          </Field>
        </SimpleGrid>
        <LegsTable legs={receipt.legs} currency={receipt.currency} holders={holders} testId="op-receipt-legs" />
        {receipt.notes.length > 0 && (
          <List size="sm" spacing={2} icon={<IconInfoCircle size={14} />} data-testid="op-receipt-notes">
            {receipt.notes.map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
        )}
        <Group justify="space-between" className="no-print">
          <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()} data-testid="op-receipt-print">
            Print
          </Button>
          <Group gap="xs">{actions}</Group>
        </Group>
      </Stack>
    </Paper>
  );
}
