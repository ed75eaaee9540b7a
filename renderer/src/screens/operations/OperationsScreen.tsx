import { Anchor, Breadcrumbs, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { skipToken, type UseQueryResult } from '@tanstack/react-query';
import { formatIban } from '../../../../shared/account-number';
import type { AccountDetail, OperationKind } from '../../../../shared/contract';
import { errorText, useApiQuery } from '../../api/use-api-query';
import { PageHeader } from '../../components/PageHeader';
import { ErrorView, LoadingView } from '../../components/StateViews';
import { navigate, useSubPath } from '../../state/route';
import { isOperationKind, KIND_INFO, OPERATION_KINDS } from './kinds';
import { OperationFlow } from './OperationFlow';

/** The kind tabs; switching keeps the account the teller is serving. */
function KindTabs({ kind, accountId }: { kind: OperationKind; accountId: number | null }) {
  return (
    <SegmentedControl
      value={kind}
      onChange={(k) => navigate(`operations/${k}${accountId ? `/${accountId}` : ''}`)}
      data={OPERATION_KINDS.map((k) => {
        const info = KIND_INFO[k];
        return {
          value: k,
          label: (
            <Group gap={6} wrap="nowrap" justify="center">
              <info.icon size={16} />
              <span>{info.label}</span>
            </Group>
          ),
        };
      })}
      data-testid="op-kind"
      aria-label="Operation"
    />
  );
}

function WithAccount({ kind, accountId, account }: { kind: OperationKind; accountId: number; account: UseQueryResult<AccountDetail, Error> }) {
  if (account.isPending) return <LoadingView label="Loading the account…" />;
  if (!account.data) return <ErrorView message={errorText(account.error) ?? 'Not found'} onRetry={() => void account.refetch()} title="Could not load the account" />;
  // A posting refetches the account (its balance) by itself: method-tables.ts.
  return <OperationFlow key={`${kind}-${accountId}`} kind={kind} fixedSource={account.data} />;
}

/**
 * operations → pick the kind and type the account number; operations/<kind>/<accountId> → prefilled from the
 * account page. Each goes form → confirmation → receipt.
 */
export function OperationsScreen() {
  const [kindSeg, idSeg] = useSubPath('operations');
  const kind: OperationKind = isOperationKind(kindSeg) ? kindSeg : 'deposit';
  const accountId = idSeg && /^\d+$/.test(idSeg) ? Number(idSeg) : null;
  const info = KIND_INFO[kind];
  const account = useApiQuery('accounts.get', accountId ? { id: accountId } : skipToken);
  return (
    <Stack gap="md" maw={980} data-testid="operations-screen">
      <PageHeader
        above={
          accountId ? (
            <Breadcrumbs separator="›" fz="xs" mb={4}>
              <Anchor href="#/accounts" size="xs">
                Accounts
              </Anchor>
              <Anchor href={`#/accounts/${accountId}`} size="xs" className="mono">
                {account.data ? formatIban(account.data.accountNo) : 'Account'}
              </Anchor>
              <Text size="xs">{info.label}</Text>
            </Breadcrumbs>
          ) : undefined
        }
        title="Operations"
        description={`${info.description}. Every operation is reviewed before it posts, and posts once.`}
        actions={<KindTabs kind={kind} accountId={accountId} />}
      />
      {accountId ? <WithAccount kind={kind} accountId={accountId} account={account} /> : <OperationFlow key={kind} kind={kind} fixedSource={null} />}
    </Stack>
  );
}
