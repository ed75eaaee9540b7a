import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Badge, Button, Divider, Drawer, Group, NumberInput, SimpleGrid, Stack, Switch, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFlask } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { FraudRule, MethodOutput } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { skipToken } from '@tanstack/react-query';
import { useApiMutation, useApiQuery } from '../../api/use-api-query';
import { formatCount } from '../../format/number';
import { useCan } from '../../state/session';
import { figureLabel } from './fraud-values';
import { RuleHistory } from './RuleHistory';
import { RulePendingChange } from './RulePendingChange';
import { apiParams, catchRate, changedParams, formValue, isMoneyParam, paramDescription, paramValues, saveFormSchema, signedDelta, type ParamValues } from './rule-values';
import { countOf } from '../../format/plural';

type Backtest = MethodOutput<'fraud.rules.backtest'>;

interface FormValues {
  params: ParamValues;
  enabled: boolean;
  note: string;
}

function BacktestResult({ result, stale }: { result: Backtest; stale: boolean }) {
  const rows: { label: string; key: keyof Backtest['current']; total?: number }[] = [
    { label: 'Alerts raised', key: 'alerts' },
    { label: 'Accounts alerted', key: 'accounts' },
    { label: 'Confirmed frauds caught', key: 'confirmedCaught', total: result.confirmedTotal },
    { label: 'Labelled frauds caught', key: 'labelledCaught', total: result.labelledTotal },
  ];
  return (
    <div data-testid="backtest-result" data-stale={stale ? 'true' : undefined} style={stale ? { opacity: 0.45 } : undefined}>
      {stale && (
        <Alert color="yellow" variant="light" p="xs" mb={6} data-testid="backtest-stale">
          <Text size="sm">Parameters changed since this backtest ran: its figures are for the earlier values. Run it again.</Text>
        </Alert>
      )}
      <Text size="xs" c="dimmed" mb={4}>
        {countOf(result.transactions, 'transaction', 'transactions')} over {countOf(result.days, 'day', 'days')}, in {formatCount(result.tookMs)} ms
      </Text>
      <Table fz="sm" tabularNums withTableBorder verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th className="num">Current</Table.Th>
            <Table.Th className="num">Proposed</Table.Th>
            <Table.Th className="num">Change</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => {
            const cur = result.current[r.key];
            const prop = result.proposed[r.key];
            return (
              <Table.Tr key={r.key} data-metric={r.key}>
                <Table.Td>
                  {r.label}
                  {r.total !== undefined && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      of {formatCount(r.total)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="num">
                  {formatCount(cur)}
                  {r.total !== undefined && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      ({catchRate(cur, r.total)})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="num" fw={600}>
                  {formatCount(prop)}
                  {r.total !== undefined && (
                    <Text span size="xs" c="dimmed" fw={400}>
                      {' '}
                      ({catchRate(prop, r.total)})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="num" c={prop === cur ? 'dimmed' : undefined}>
                  {signedDelta(cur, prop)}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/**
 * One numeric parameter. Money is typed as text in the rule's display currency and read by the shared
 * parser (its ISO decimals, no float); other numbers use a number field.
 */
function ParamInput({
  rule,
  param: p,
  value,
  onChange,
  onBlur,
  error,
  disabled,
}: {
  rule: FraudRule;
  param: FraudRule['params'][number];
  value: number | boolean | string | undefined;
  onChange: (v: number | string) => void;
  onBlur: () => void;
  error: string | undefined;
  disabled: boolean;
}) {
  const current = formValue(p, p.value, rule.currency);
  const fallback = formValue(p, p.defaultValue, rule.currency);
  const label = (
    <Group gap={4} component="span">
      {figureLabel(p.name)}
      {value !== current && (
        <Badge size="xs" variant="light" color="yellow" component="span">
          was {String(current)}
        </Badge>
      )}
    </Group>
  );
  const description = `${paramDescription(p, rule.currency)} · default ${typeof fallback === 'number' ? fallback.toLocaleString() : String(fallback)}`;
  if (isMoneyParam(p)) {
    return (
      <TextInput
        label={label}
        description={description}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(e.currentTarget.value)}
        onBlur={onBlur}
        inputMode="decimal"
        rightSection={
          <Text size="xs" c="dimmed">
            {rule.currency}
          </Text>
        }
        rightSectionWidth={42}
        error={error}
        disabled={disabled}
        size="xs"
        data-param={p.name}
      />
    );
  }
  return (
    <NumberInput
      label={label}
      description={description}
      decimalScale={4}
      step={Number.isInteger(p.defaultValue) ? 1 : 0.05}
      value={typeof value === 'number' ? value : ''}
      onChange={(v) => onChange(typeof v === 'number' ? v : Number.NaN)}
      onBlur={onBlur}
      min={0}
      thousandSeparator=","
      error={error}
      disabled={disabled}
      size="xs"
      data-param={p.name}
    />
  );
}

function RuleForm({ rule, pending }: { rule: FraudRule; pending: boolean }) {
  const saveVersion = useApiMutation('fraud.rules.changes.propose');
  const canEdit = useCan('fraud.rules');
  const { control, handleSubmit, register, reset, formState, getValues, trigger } = useForm<FormValues>({
    resolver: zodResolver(saveFormSchema(rule)),
    defaultValues: { params: paramValues(rule), enabled: rule.enabled, note: '' },
  });
  const [days, setDays] = useState<number>(90);
  const [backtest, setBacktest] = useState<Backtest | null>(null);
  // The parameters and history length the shown backtest ran with: any change marks it stale.
  const [testedWith, setTestedWith] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const [testError, setTestError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const watched = useWatch({ control, name: 'params' });
  const enabled = useWatch({ control, name: 'enabled' });
  const changed = changedParams(rule, watched);
  const dirty = changed.length > 0 || enabled !== rule.enabled;

  useEffect(() => {
    reset({ params: paramValues(rule), enabled: rule.enabled, note: '' });
    setBacktest(null);
    setTestError(null);
    setSaveError(null);
  }, [rule, reset]);

  const runBacktest = async () => {
    if (!(await trigger('params'))) return;
    setTesting(true);
    setTestError(null);
    try {
      const params = apiParams(rule, getValues('params'));
      setBacktest(await call('fraud.rules.backtest', { ruleId: rule.id, params, days }));
      setTestedWith(JSON.stringify({ params, days }));
    } catch (e) {
      setTestError(errorMessage(e));
    } finally {
      setTesting(false);
    }
  };

  const save = handleSubmit(async (values) => {
    setSaveError(null);
    try {
      // Resolves once the rule list (and every rule chip) has been refetched with the new version.
      const saved = await saveVersion.mutateAsync({ ruleId: rule.id, params: apiParams(rule, values.params), enabled: values.enabled, note: values.note.trim() });
      notifications.show({
        color: 'teal',
        title: `${saved.ruleTitle}: change ${saved.id} proposed`,
        message: 'It takes effect when another person with the fraud-rules right approves it.',
      });
    } catch (e) {
      setSaveError(errorMessage(e));
    }
  });

  return (
    <form onSubmit={(e) => void save(e)}>
      <Stack gap="sm">
        <Text fw={600} size="sm">
          Parameters
        </Text>
        <SimpleGrid cols={2} spacing="sm" data-testid="rule-params">
          {rule.params.map((p) => (
            <Controller
              key={p.name}
              control={control}
              name={`params.${p.name}`}
              render={({ field, fieldState }) =>
                typeof p.defaultValue === 'boolean' ? (
                  <Switch
                    label={figureLabel(p.name)}
                    description={p.description}
                    checked={field.value === true}
                    onChange={(e) => field.onChange(e.currentTarget.checked)}
                    disabled={!canEdit}
                    mt="xs"
                  />
                ) : (
                  <ParamInput rule={rule} param={p} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} disabled={!canEdit} />
                )
              }
            />
          ))}
        </SimpleGrid>
        <Controller
          control={control}
          name="enabled"
          render={({ field }) => (
            <Switch label="Rule enabled" checked={field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} disabled={!canEdit} data-testid="rule-enabled" />
          )}
        />

        <Divider label="Backtest" labelPosition="left" />
        <Group align="flex-end" gap="xs">
          <NumberInput
            label="Days of history"
            value={days}
            onChange={(v) => setDays(typeof v === 'number' ? v : 90)}
            min={7}
            max={730}
            w={140}
            size="xs"
            data-testid="backtest-days"
          />
          <Button
            size="xs"
            variant="default"
            leftSection={<IconFlask size={14} />}
            loading={testing}
            onClick={() => void runBacktest()}
            disabled={!canEdit}
            data-testid="run-backtest"
          >
            Backtest {changed.length > 0 ? `${changed.length} changed ${changed.length === 1 ? 'parameter' : 'parameters'}` : 'current parameters'}
          </Button>
        </Group>
        {testError && (
          <Alert color="red" variant="light" p="xs">
            <Text size="sm">{testError}</Text>
          </Alert>
        )}
        {backtest && <BacktestResult result={backtest} stale={testedWith !== JSON.stringify({ params: apiParams(rule, watched), days })} />}

        {canEdit ? (
          <>
            <Divider label={`Propose version ${rule.version + 1}`} labelPosition="left" />
            <Text size="xs" c="dimmed">
              A change takes effect only when another person with the fraud-rules right approves it.
            </Text>
            <Textarea label="What changed and why" {...register('note')} error={formState.errors.note?.message} autosize minRows={2} maxLength={1000} data-testid="rule-note" />
            {saveError && (
              <Alert color="red" variant="light" p="xs">
                <Text size="sm">{saveError}</Text>
              </Alert>
            )}
            <Group justify="flex-end">
              {pending && (
                <Text size="xs" c="dimmed">
                  A change of this rule is waiting for approval.
                </Text>
              )}
              <Button type="submit" loading={formState.isSubmitting} disabled={!dirty || pending} data-testid="save-version">
                Propose version {rule.version + 1}
              </Button>
            </Group>
          </>
        ) : (
          <Text size="xs" c="dimmed">
            Changing rules needs the fraud-rules permission.
          </Text>
        )}
      </Stack>
    </form>
  );
}

/** One rule: what it looks for, its parameters, a backtest of changes, a change waiting for approval, and every version. */
export function RuleDrawer({ rule, onClose }: { rule: FraudRule | null; onClose: () => void }) {
  const changes = useApiQuery('fraud.rules.changes.list', rule ? {} : skipToken);
  const pending = rule ? (changes.data ?? []).find((c) => c.ruleId === rule.id && c.status === 'pending') : undefined;
  return (
    <Drawer opened={rule !== null} onClose={onClose} position="right" size="xl" title={rule ? `${rule.title} · v${rule.version}` : ''} data-testid="rule-drawer">
      {rule && (
        <Stack gap="md">
          <Text size="sm">{rule.description}</Text>
          <Group gap="xs">
            <Badge variant="light" color={rule.enabled ? 'teal' : 'gray'}>
              {rule.enabled ? 'Enabled' : 'Disabled'}
            </Badge>
            <Badge variant="default">{countOf(rule.stats.hits, 'hit', 'hits')}</Badge>
            <Badge variant="default">{formatCount(rule.stats.confirmed)} confirmed</Badge>
            <Badge variant="default">{formatCount(rule.stats.dismissed)} dismissed</Badge>
          </Group>
          {pending && <RulePendingChange rule={rule} change={pending} />}
          <RuleForm rule={rule} pending={pending !== undefined} />
          <Divider label="Version history" labelPosition="left" />
          <RuleHistory rule={rule} changePending={pending !== undefined} />
        </Stack>
      )}
    </Drawer>
  );
}
