import { Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { INPUT_KEYS, type ChangeProposal, type InputKey } from '../../../../shared/contract';
import { errorMessage } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/use-api-query';
import { EmptyView, ErrorView, LoadingView } from '../../components/StateViews';
import { formatDateTime } from '../../format/date';
import { formatMoney } from '../../format/money';
import { useCan, useSession } from '../../state/session';

const MONEY_KEYS: ReadonlySet<InputKey> = new Set(['ctr_threshold', 'tier1_capital', 'cet1_capital', 'risk_weighted_assets', 'liquid_assets']);
const RATIO_KEYS: ReadonlySet<InputKey> = new Set(['liquid_assets_haircut', 'deposit_runoff_rate']);

/** Money inputs are stored in minor units of the reporting currency; fractions are shown as percentages. */
function inputText(key: InputKey, value: string, reporting: string): string {
  if (MONEY_KEYS.has(key) && /^\d+$/.test(value)) return formatMoney(Number(value), reporting);
  if (RATIO_KEYS.has(key)) return `${(Number(value) * 100).toLocaleString(undefined, { maximumFractionDigits: 4 })} %`;
  return value;
}

const INPUT_LABEL: Record<InputKey, string> = {
  reporting_currency: 'Reporting currency (ISO code)',
  ctr_threshold: 'Large-cash threshold (reporting currency)',
  tier1_capital: 'Tier 1 capital',
  cet1_capital: 'CET1 capital',
  risk_weighted_assets: 'Risk-weighted assets',
  liquid_assets: 'Liquid assets (before haircut)',
  liquid_assets_haircut: 'Liquid-asset haircut (fraction, 0.15 = 15 %)',
  deposit_runoff_rate: 'Deposit run-off in 30 days (fraction)',
  fx_rate: 'Exchange rate',
};

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Propose a bank input or an exchange rate (maker); another person approves it (checker). */
function ProposeForm() {
  const [kind, setKind] = useState<'input' | 'rate'>('input');
  const [key, setKey] = useState<Exclude<InputKey, 'fx_rate'>>('tier1_capital');
  const [value, setValue] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [day, setDay] = useState(today());
  const [reason, setReason] = useState('');
  const propose = useApiMutation('compliance.changes.propose');
  const proposal: ChangeProposal =
    kind === 'rate' ? { kind, currency: currency.trim().toUpperCase(), day, rate: value.trim() } : { kind, key, value: value.trim(), effectiveDay: day };
  return (
    <Paper withBorder p="sm" radius="md" data-testid="propose-form">
      <Title order={5} mb="xs">
        Propose a bank input or exchange rate
      </Title>
      <Stack
        gap="xs"
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          propose.mutate(
            { proposal, reason: reason.trim() },
            {
              onSuccess: (r) => {
                notifications.show({ color: 'blue', title: 'Waiting for approval', message: r.summary });
                setValue('');
                setReason('');
              },
            },
          );
        }}
      >
        <Group grow>
          <Select
            label="What"
            data={[
              { value: 'input', label: 'Bank input' },
              { value: 'rate', label: 'Exchange rate for a day' },
            ]}
            value={kind}
            allowDeselect={false}
            onChange={(v) => setKind(v === 'rate' ? 'rate' : 'input')}
          />
          {kind === 'input' ? (
            <Select
              label="Input"
              data={INPUT_KEYS.filter((k) => k !== 'fx_rate').map((k) => ({ value: k, label: INPUT_LABEL[k] }))}
              value={key}
              allowDeselect={false}
              onChange={(v) => v && setKey(v as Exclude<InputKey, 'fx_rate'>)}
            />
          ) : (
            <TextInput label="Currency" value={currency} onChange={(e) => setCurrency(e.currentTarget.value)} maxLength={3} />
          )}
        </Group>
        <Group grow>
          <TextInput
            label={kind === 'rate' ? 'Rate (reporting-currency units for 1 unit)' : 'Value'}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            required
            inputMode="decimal"
          />
          <TextInput label={kind === 'rate' ? 'Day' : 'In force from'} type="date" value={day} onChange={(e) => setDay(e.currentTarget.value)} required />
        </Group>
        <Textarea label="Why" value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={1} maxLength={400} />
        {propose.error && (
          <Text c="red" size="sm" role="alert">
            {errorMessage(propose.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={propose.isPending} disabled={!value.trim() || reason.trim().length < 5}>
            Propose
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Pending changes of limits, bands and inputs (maker–checker), the inputs in force and the rates entered. */
export function ChangesPanel() {
  const changes = useApiQuery('compliance.changes.list', {});
  const inputs = useApiQuery('compliance.inputs', {});
  const canAct = useCan('compliance.act');
  const canApprove = useCan('compliance.approve');
  const me = useSession((s) => s.session?.user.username ?? '');
  const approve = useApiMutation('compliance.changes.approve', {
    onSuccess: (r) => notifications.show({ color: 'teal', title: 'Approved: in force now', message: r.summary }),
    onError: (e) => notifications.show({ color: 'red', title: 'Not approved', message: errorMessage(e) }),
  });
  const reject = useApiMutation('compliance.changes.reject', {
    onSuccess: (r) => notifications.show({ color: 'gray', title: 'Rejected', message: r.summary }),
    onError: (e) => notifications.show({ color: 'red', title: 'Not rejected', message: errorMessage(e) }),
  });
  const reporting = inputs.data?.current.find((i) => i.key === 'reporting_currency')?.value ?? 'EUR';
  if (changes.isPending) return <LoadingView />;
  if (changes.error) return <ErrorView message={errorMessage(changes.error)} onRetry={() => void changes.refetch()} />;
  const pending = changes.data.filter((c) => c.status === 'pending');
  const decided = changes.data.filter((c) => c.status !== 'pending');
  return (
    <Stack gap="md">
      <Paper withBorder p="sm" radius="md" data-testid="pending-changes">
        <Title order={5} mb="xs">
          Waiting for a second person ({pending.length})
        </Title>
        {pending.length === 0 ? (
          <EmptyView title="Nothing waiting" description="Proposed limit, band and input changes appear here until someone else approves or rejects them." />
        ) : (
          <Table verticalSpacing="xs">
            <Table.Tbody>
              {pending.map((c) => (
                <Table.Tr key={c.id} data-testid={`change-${c.id}`}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {c.summary}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {c.requestedBy}, {formatDateTime(c.requestedAt)}: {c.reason}
                    </Text>
                  </Table.Td>
                  <Table.Td w={230}>
                    {canApprove && c.requestedBy !== me ? (
                      <Group gap="xs" justify="flex-end">
                        <Button size="xs" color="teal" loading={approve.isPending} onClick={() => approve.mutate({ id: c.id })} data-testid="approve-change">
                          Approve
                        </Button>
                        <Button size="xs" variant="default" loading={reject.isPending} onClick={() => reject.mutate({ id: c.id, reason: 'Rejected on review' })}>
                          Reject
                        </Button>
                      </Group>
                    ) : (
                      <Badge variant="light" color="blue">
                        {c.requestedBy === me ? 'Yours: another person approves' : 'Waiting for an approver'}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        {canAct && <ProposeForm />}
        <Paper withBorder p="sm" radius="md" data-testid="inputs-in-force">
          <Title order={5} mb="xs">
            Bank inputs in force
          </Title>
          {inputs.data && inputs.data.current.length === 0 && (
            <Text size="sm" c="dimmed">
              None entered yet: monitors that need them show “No data”.
            </Text>
          )}
          <Table fz="xs" verticalSpacing={4}>
            <Table.Tbody>
              {(inputs.data?.current ?? []).map((i) => (
                <Table.Tr key={i.key}>
                  <Table.Td>{INPUT_LABEL[i.key]}</Table.Td>
                  <Table.Td style={{ fontVariantNumeric: 'tabular-nums', textAlign: 'right', whiteSpace: 'nowrap' }}>{inputText(i.key, i.value, reporting)}</Table.Td>
                  <Table.Td c="dimmed">
                    from {i.effectiveDay}, v{i.version}, {i.enteredBy} / {i.approvedBy}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {(inputs.data?.rates.length ?? 0) > 0 && (
            <Text size="xs" c="dimmed" mt="xs">
              Latest rates:{' '}
              {(inputs.data?.rates ?? [])
                .slice(0, 6)
                .map((r) => `${r.currency} ${r.value} (${r.effectiveDay})`)
                .join(' · ')}
            </Text>
          )}
        </Paper>
      </SimpleGrid>
      {decided.length > 0 && (
        <Text size="xs" c="dimmed">
          Recent decisions:{' '}
          {decided
            .slice(0, 8)
            .map((c) => `${c.summary} — ${c.status} by ${c.decidedBy ?? '—'}`)
            .join(' · ')}
        </Text>
      )}
    </Stack>
  );
}
