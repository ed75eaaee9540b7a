import { Alert, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconArrowLeft, IconCheck, IconInfoCircle } from '@tabler/icons-react';
import type { OperationPreview } from '../../../../shared/contract';
import { formatMoney } from '../../format/money';
import { KIND_INFO } from './kinds';
import { LegsTable, type Holders } from './LegsTable';
import type { Refusal } from './refusal';
import { RefusalAlert } from './RefusalAlert';

interface Props {
  preview: OperationPreview;
  posting: boolean;
  refusal: Refusal | null;
  onConfirm: () => void;
  onBack: () => void;
  /** What the confirm button says ("Confirm and post", "Open the account"). */
  confirmLabel?: string;
  holders?: Holders;
}

/**
 * The confirmation step: exactly what will post (every leg, balances before → after, notes to tell the customer).
 * Enter confirms (the button has focus), Esc goes back to the form with every entry kept.
 */
export function ConfirmStep({ preview, posting, refusal, onConfirm, onBack, confirmLabel = 'Confirm and post', holders }: Props) {
  useHotkeys([['Escape', () => !posting && onBack()]], []);
  const info = KIND_INFO[preview.kind];
  return (
    <Paper withBorder radius="sm" p="md" data-testid="op-confirm" data-kind={preview.kind}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
              Please confirm
            </Text>
            <Title order={3} className="kpi-value" data-testid="op-confirm-amount" data-minor={preview.amount}>
              {info.label}: {formatMoney(preview.amount, preview.currency)}
            </Title>
            {preview.description && (
              <Text size="sm" c="dimmed" data-testid="op-confirm-description">
                “{preview.description}”
              </Text>
            )}
          </div>
          <Badge color={preview.status === 'pending' ? 'orange' : 'teal'} variant="light" radius="sm" data-testid="op-confirm-status">
            {preview.status === 'pending' ? 'Will be pending settlement' : 'Posts immediately'}
          </Badge>
        </Group>
        <LegsTable legs={preview.legs} currency={preview.currency} holders={holders} testId="op-confirm-legs" />
        {preview.notes.length > 0 && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} title="Tell the customer" data-testid="op-confirm-notes">
            <List size="sm" spacing={2}>
              {preview.notes.map((n) => (
                <List.Item key={n}>{n}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {refusal && <RefusalAlert refusal={refusal} />}
        <Group justify="space-between">
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack} disabled={posting} data-testid="op-back">
            Back to edit{' '}
            <Text span size="xs" c="dimmed" ml={6}>
              Esc
            </Text>
          </Button>
          <Button
            leftSection={<IconCheck size={16} />}
            onClick={onConfirm}
            loading={posting}
            // Focus on the confirm button: Enter posts, as on a paper slip signed at the counter.
            autoFocus
            data-testid="op-confirm-submit"
          >
            {refusal?.retryable ? 'Post again' : confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
