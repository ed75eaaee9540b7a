import { Group, Loader, Paper, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { formatIban } from '../../../../shared/account-number';
import type { AccountDetail } from '../../../../shared/contract';
import { formatMoney } from '../../format/money';
import { StatusBadge } from '../accounts/StatusBadge';
import { bindField } from '../../components/form/bound-fields';
import type { Lookup } from './account-lookup';
import type { OperationValues } from './operation-values';

interface Props {
  form: UseFormReturn<OperationValues>;
  /** The form's field with the typed number; its own error (required, same account as the source…) comes before the lookup's. */
  name: 'fromText' | 'toAccountNo';
  label: string;
  description?: string;
  lookup: Lookup;
  /** Extra warning under the found account (another currency, the source itself). */
  warning?: string | null;
  /** Show the balance (the source account) or only who owns it (a beneficiary). */
  showBalance?: boolean;
  testId: string;
  autoFocus?: boolean;
}

/** An account number input that says whose account it is (name, currency, status) once the number is found. */
export function AccountLookupField({ form, name, label, description, lookup, warning, showBalance, testId, autoFocus }: Props) {
  const { error, ...input } = bindField({ form, name });
  const lookupError = lookup.state === 'invalid' || lookup.state === 'missing' || lookup.state === 'error' ? lookup.message : undefined;
  return (
    <div>
      <TextInput
        label={label}
        description={description}
        placeholder="CZ65 0800 0000 1920 0014 5399"
        {...input}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        classNames={{ input: 'mono' }}
        error={error ?? lookupError}
        rightSection={lookup.state === 'loading' ? <Loader size={14} /> : lookup.state === 'found' ? <IconCheck size={16} color="var(--mantine-color-teal-6)" /> : null}
        data-testid={testId}
      />
      {lookup.state === 'found' && <FoundAccount account={lookup.account} showBalance={showBalance} warning={warning} testId={`${testId}-found`} />}
    </div>
  );
}

export function FoundAccount({
  account,
  showBalance,
  warning,
  testId,
  extra,
}: {
  account: AccountDetail;
  showBalance?: boolean;
  warning?: string | null;
  testId?: string;
  extra?: ReactNode;
}) {
  return (
    <Paper withBorder radius="sm" px="sm" py={6} mt={6} data-testid={testId} bg="var(--mantine-color-default-hover)">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} truncate data-testid="found-name">
            {account.customer?.legalName ?? account.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            <span className="mono">{formatIban(account.accountNo)}</span> · {account.productName ?? account.name} · {account.currency}
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          {showBalance && (
            <Text size="sm" className="num" data-testid="found-balance">
              {formatMoney(account.balance, account.currency)}
            </Text>
          )}
          <StatusBadge status={account.status} reason={account.statusReason} size="xs" />
        </Group>
      </Group>
      {warning && (
        <Group gap={6} mt={4} wrap="nowrap">
          <IconAlertTriangle size={14} color="var(--mantine-color-orange-6)" />
          <Text size="xs" c="orange.8" data-testid="found-warning">
            {warning}
          </Text>
        </Group>
      )}
      {extra}
    </Paper>
  );
}
