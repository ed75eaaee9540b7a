import { zodResolver } from '@hookform/resolvers/zod';
import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconArrowRight } from '@tabler/icons-react';
import { useEffect, useMemo, useRef } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { AccountDetail, OperationKind } from '../../../../shared/contract';
import type { FieldIssue } from '../../../../shared/errors';
import { formatMoney } from '../../format/money';
import { useAccountLookup } from './account-lookup';
import { AccountLookupField, FoundAccount } from './AccountLookupField';
import { KIND_INFO } from './kinds';
import { answerStillApplies, fieldOfIssue, operationFormSchema, type OperationValues } from './operation-values';
import type { Refusal } from './refusal';
import { RefusalAlert } from './RefusalAlert';
import { AmountField, TextField } from '../../components/form/bound-fields';

interface Props {
  kind: OperationKind;
  /** The account from the address; null when the teller types its number here. */
  fixedSource: AccountDetail | null;
  defaults: OperationValues;
  reviewing: boolean;
  refusal: Refusal | null;
  /** Field issues from the server's last answer, placed on their fields. */
  issues: FieldIssue[];
  onReview: (values: OperationValues, source: AccountDetail, destination: AccountDetail | null) => void;
  onCancel: () => void;
}

function limitHint(kind: OperationKind, a: AccountDetail): string | null {
  if (!KIND_INFO[kind].debit) return null;
  const parts = [`Available ${formatMoney(a.available, a.currency)}`];
  const limit = a.product?.dailyWithdrawalLimit ?? 0;
  if (kind === 'withdrawal' && limit > 0) parts.push(`cash left today ${formatMoney(Math.max(0, limit - a.withdrawnToday), a.currency)} of ${formatMoney(limit, a.currency)}`);
  return parts.join(' · ');
}

/** One form for the four operations; Enter reviews, Esc cancels. */
export function OperationForm({ kind, fixedSource, defaults, reviewing, refusal, issues, onReview, onCancel }: Props) {
  // The amount's decimals follow the account's currency, known only after the lookup: the resolver reads the current schema.
  const schemaRef = useRef(operationFormSchema(kind, fixedSource?.currency ?? null));
  const form = useForm<OperationValues>({ defaultValues: defaults, resolver: (values, context, options) => zodResolver(schemaRef.current)(values, context, options) });
  const { control, handleSubmit, setError, clearErrors } = form;
  const fromText = useWatch({ control, name: 'fromText' });
  const toText = useWatch({ control, name: 'toAccountNo' });
  const sourceLookup = useAccountLookup(fixedSource ? '' : fromText);
  const source = fixedSource ?? (sourceLookup.state === 'found' ? sourceLookup.account : null);
  const destLookup = useAccountLookup(kind === 'transfer' ? toText : '');
  const destination = destLookup.state === 'found' ? destLookup.account : null;
  const currency = source?.currency ?? null;
  schemaRef.current = useMemo(() => operationFormSchema(kind, currency), [kind, currency]);
  const info = KIND_INFO[kind];
  useHotkeys([['Escape', onCancel]], []);

  // The server's answer is about the values reviewed: edit any field and it no longer applies.
  const current = useWatch({ control });
  const answerApplies = answerStillApplies(current, defaults);
  useEffect(() => {
    for (const issue of issues) {
      const field = fieldOfIssue(issue);
      if (!field) continue;
      if (answerApplies) setError(field, { message: issue.message });
      else clearErrors(field);
    }
  }, [issues, setError, clearErrors, answerApplies]);

  const destWarning =
    destination && source
      ? destination.id === source.id
        ? 'This is the source account itself.'
        : destination.currency !== source.currency
          ? `This account holds ${destination.currency}; the transfer is in ${source.currency}.`
          : destination.status !== 'open'
            ? `This account is ${destination.status}.`
            : null
      : null;

  const submit = handleSubmit((values) => {
    if (!source) {
      setError('fromText', { message: sourceLookup.state === 'empty' ? 'Enter the account number' : 'Find the account first' });
      return;
    }
    if (kind === 'transfer' && !destination && destLookup.state !== 'error') {
      setError('toAccountNo', { message: destLookup.state === 'loading' ? 'Still looking the account up — one moment' : 'Find the destination account first' });
      return;
    }
    onReview(values, source, destination);
  });

  return (
    <Paper withBorder radius="sm" p="md">
      <form onSubmit={submit} noValidate data-testid="op-form" data-kind={kind}>
        <Stack gap="sm">
          {fixedSource ? (
            <div>
              <Text size="sm" fw={500}>
                {kind === 'deposit' ? 'To account' : 'From account'}
              </Text>
              <FoundAccount account={fixedSource} showBalance testId="op-source" />
            </div>
          ) : (
            <AccountLookupField
              form={form}
              name="fromText"
              label={kind === 'deposit' ? 'To account' : 'From account'}
              description="Type or paste the account number; spaces are fine"
              lookup={sourceLookup}
              showBalance
              autoFocus
              testId="op-source-input"
            />
          )}
          {kind === 'transfer' && (
            <AccountLookupField
              form={form}
              name="toAccountNo"
              label="To account (at this bank)"
              description="The beneficiary’s name and currency appear once the number is found"
              lookup={destLookup}
              warning={destWarning}
              autoFocus={!!fixedSource}
              testId="op-to-account"
            />
          )}
          {kind === 'external_transfer' && (
            <Group grow align="flex-start">
              <TextField
                form={form}
                name="beneficiaryIban"
                label="Beneficiary IBAN"
                placeholder="DE89 3704 0044 0532 0130 00"
                classNames={{ input: 'mono' }}
                autoComplete="off"
                spellCheck={false}
                autoFocus={!!fixedSource}
                data-testid="op-beneficiary-iban"
              />
              <TextField form={form} name="beneficiaryName" label="Beneficiary name" autoComplete="off" data-testid="op-beneficiary-name" />
            </Group>
          )}
          <Group grow align="flex-start">
            <AmountField
              form={form}
              name="amount"
              label="Amount"
              description={source ? (limitHint(kind, source) ?? `In ${source.currency}, the account’s currency`) : 'In the account’s currency'}
              placeholder="1250.00"
              autoFocus={!!fixedSource && (kind === 'deposit' || kind === 'withdrawal')}
              unit={currency ?? '—'}
              unitTestId="op-currency"
              data-testid="op-amount"
            />
            <TextField
              form={form}
              name="description"
              label="Description"
              description="Shown on the statement (optional)"
              maxLength={140}
              autoComplete="off"
              data-testid="op-description"
            />
          </Group>
          {refusal && answerApplies && <RefusalAlert refusal={refusal} />}
          <Group justify="space-between" mt={4}>
            <Anchor component="button" type="button" size="sm" onClick={onCancel} data-testid="op-cancel">
              Cancel{' '}
              <Text span size="xs" c="dimmed">
                (Esc)
              </Text>
            </Anchor>
            <Button type="submit" rightSection={<IconArrowRight size={16} />} loading={reviewing} data-testid="op-review">
              Review {info.noun}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
