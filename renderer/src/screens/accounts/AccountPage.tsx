import { Alert, Anchor, Breadcrumbs, Button, Group, Paper, Progress, SimpleGrid, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCircleX, IconCloudOff, IconFileInvoice, IconLock, IconLockOpen } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { formatIban } from '../../../../shared/account-number';
import type { AccountDetail, OperationKind } from '../../../../shared/contract';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorView } from '../../components/StateViews';
import { formatDate, formatDateTime } from '../../format/date';
import { formatMoney } from '../../format/money';
import { navigate } from '../../state/route';
import { useCan, useSession } from '../../state/session';
import { KIND_INFO, OPERATION_KINDS } from '../operations/kinds';
import { RecentMovements } from './RecentMovements';
import { useRecentAccounts } from './recent-lookups';
import { StatusBadge } from './StatusBadge';
import { StatusModal, type StatusAction } from './StatusModal';
import { CopyIconButton } from '../../components/CopyIconButton';
import { RefreshButton } from '../../components/RefreshButton';

const FREEZE_TEXT: Record<NonNullable<AccountDetail['freeze']>['kind'], string> = { customer_request: 'Customer-requested', fraud: 'Fraud', compliance: 'Compliance' };

function Figure({ label, children, hint, testId }: { label: string; children: ReactNode; hint?: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="sm" radius="sm" h="100%" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {label}
      </Text>
      {children}
      {hint && (
        <Text size="xs" c="dimmed" mt={2} component="div">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

function Money({ minor, currency, testId, size = 22 }: { minor: number; currency: string; testId: string; size?: number }) {
  return (
    <Text className="kpi-value" fz={size} c={minor < 0 ? 'red' : undefined} data-testid={testId} data-minor={minor} data-currency={currency}>
      {formatMoney(minor, currency)}
    </Text>
  );
}

function DailyLimit({ a }: { a: AccountDetail }) {
  const limit = a.product?.dailyWithdrawalLimit ?? 0;
  if (limit <= 0) {
    return (
      <Figure label="Cash withdrawn today" testId="account-daily" hint="No daily limit on this product">
        <Money minor={a.withdrawnToday} currency={a.currency} testId="account-withdrawn-today" />
      </Figure>
    );
  }
  const used = Math.min(100, (a.withdrawnToday / limit) * 100);
  return (
    <Figure
      label="Cash withdrawn today"
      testId="account-daily"
      hint={`of the ${formatMoney(limit, a.currency)} daily limit; ${formatMoney(Math.max(0, limit - a.withdrawnToday), a.currency)} left`}
    >
      <Money minor={a.withdrawnToday} currency={a.currency} testId="account-withdrawn-today" />
      <Progress
        value={used}
        color={used >= 100 ? 'red' : used >= 80 ? 'orange' : 'teal'}
        size="sm"
        mt={6}
        aria-label={`${Math.round(used)}% of the daily withdrawal limit used`}
        data-testid="account-daily-progress"
      />
    </Figure>
  );
}

function Actions({ a, onStatus }: { a: AccountDetail; onStatus: (action: StatusAction) => void }) {
  const canOperate = useCan('banking.operate');
  const canFreeze = useCan('accounts.freeze');
  const canReview = useCan('fraud.review');
  const me = useSession((s) => s.session?.user.username ?? null);
  const closed = a.status === 'closed';
  const frozen = a.status === 'frozen';
  // A fraud or compliance freeze is lifted only through fraud review, by two people.
  const protective = frozen && a.freeze !== undefined && a.freeze.kind !== 'customer_request';
  const pending = a.freeze?.pendingUnfreeze ?? null;
  const op = (kind: OperationKind) => {
    const info = KIND_INFO[kind];
    const blocked = closed ? 'The account is closed' : frozen && info.debit ? 'Frozen: debits are refused until the account is unfrozen' : null;
    const button = (
      <Button
        key={kind}
        variant={kind === 'deposit' ? 'filled' : 'light'}
        leftSection={<info.icon size={16} />}
        disabled={blocked !== null}
        onClick={() => navigate(`operations/${kind}/${a.id}`)}
        data-testid={`account-action-${kind}`}
      >
        {kind === 'withdrawal' ? 'Withdraw' : info.label}
      </Button>
    );
    return blocked ? (
      <Tooltip key={kind} label={blocked}>
        <span>{button}</span>
      </Tooltip>
    ) : (
      button
    );
  };
  const closeBlocked = closed ? 'Already closed' : a.balance !== 0 ? `Only at a zero balance (now ${formatMoney(a.balance, a.currency)})` : null;
  return (
    <Group gap="xs" data-testid="account-actions">
      {canOperate && a.kind === 'customer' && OPERATION_KINDS.map(op)}
      <Button variant="default" leftSection={<IconFileInvoice size={16} />} onClick={() => navigate(`accounts/${a.id}/statement`)} data-testid="account-action-statement">
        Statement
      </Button>
      {protective && !canReview && (
        <Tooltip label="Only fraud review can lift this freeze, with a second person’s approval">
          <span>
            <Button variant="default" leftSection={<IconLockOpen size={16} />} disabled data-testid="account-action-unfreeze">
              Unfreeze
            </Button>
          </span>
        </Tooltip>
      )}
      {protective && canReview && !pending && (
        <Button variant="default" leftSection={<IconLockOpen size={16} />} onClick={() => onStatus('request-unfreeze')} data-testid="account-action-request-unfreeze">
          Ask to lift freeze
        </Button>
      )}
      {protective && canReview && pending && (
        <Tooltip label="You asked for this: another person must approve it" disabled={pending.requestedBy !== me}>
          <span>
            <Button
              variant="default"
              leftSection={<IconLockOpen size={16} />}
              disabled={pending.requestedBy === me}
              onClick={() => onStatus('approve-unfreeze')}
              data-testid="account-action-approve-unfreeze"
            >
              Approve lifting
            </Button>
          </span>
        </Tooltip>
      )}
      {canFreeze && !closed && !protective && (
        <Button
          variant="default"
          leftSection={frozen ? <IconLockOpen size={16} /> : <IconLock size={16} />}
          onClick={() => onStatus(frozen ? 'unfreeze' : 'freeze')}
          data-testid={frozen ? 'account-action-unfreeze' : 'account-action-freeze'}
        >
          {frozen ? 'Unfreeze' : 'Freeze'}
        </Button>
      )}
      {canOperate && a.kind === 'customer' && (
        <Tooltip label={closeBlocked} disabled={closeBlocked === null}>
          <span>
            <Button
              variant="default"
              color="red"
              leftSection={<IconCircleX size={16} />}
              disabled={closeBlocked !== null}
              onClick={() => onStatus('close')}
              data-testid="account-action-close"
            >
              Close
            </Button>
          </span>
        </Tooltip>
      )}
    </Group>
  );
}

/** Balance inquiry's answer: who owns it, what it holds and may still pay out, and every action on it. */
export function AccountPage({ id }: { id: number }) {
  // Postings, status changes and syncs refetch the account and its movements (method-tables.ts).
  const q = useApiQuery('accounts.get', { id });
  const client = useQueryClient();
  const remember = useRecentAccounts((s) => s.remember);
  const [status, setStatus] = useState<StatusAction | null>(null);
  // "Refresh" asks again for the figures and the movements below them, so they agree.
  const reload = () => {
    void q.refetch();
    void client.refetchQueries({ queryKey: ['statements.get'], type: 'active' });
  };
  const a = q.data;

  useEffect(() => {
    if (a) remember(a);
  }, [a?.id]);

  if (q.error && !a) {
    return (
      <Stack gap="md" data-testid="account-page">
        <Breadcrumbs separator="›" fz="xs">
          <Anchor href="#/accounts" size="xs">
            Accounts
          </Anchor>
          <Text size="xs">#{id}</Text>
        </Breadcrumbs>
        <ErrorView message={errorMessage(q.error)} onRetry={reload} title="Could not load the account" />
      </Stack>
    );
  }
  if (!a) {
    return (
      <Stack gap="md" data-testid="account-page-loading">
        <Skeleton h={56} w={420} />
        <SimpleGrid cols={{ base: 2, lg: 4 }}>
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} h={86} />
          ))}
        </SimpleGrid>
      </Stack>
    );
  }

  const overdraft = a.product?.overdraftLimit ?? 0;
  return (
    <Stack gap="md" data-testid="account-page" data-account-id={a.id} data-account-no={a.accountNo}>
      <div>
        <Breadcrumbs separator="›" fz="xs" mb={4}>
          <Anchor href="#/accounts" size="xs">
            Accounts
          </Anchor>
          {a.customer && (
            <Anchor href={`#/customers/${a.customer.id}`} size="xs">
              {a.customer.legalName}
            </Anchor>
          )}
          <Text size="xs">{a.productName ?? a.name}</Text>
        </Breadcrumbs>
        <Group justify="space-between" align="flex-start" gap="sm">
          <div>
            <Group gap="xs" align="center">
              <Title order={2} className="mono" fz={24} data-testid="account-number">
                {formatIban(a.accountNo)}
              </Title>
              <CopyIconButton value={a.accountNo} label="Copy account number" />
              <StatusBadge status={a.status} reason={a.statusReason} size="md" />
            </Group>
            <Text size="sm" c="dimmed" mt={2}>
              {a.customer ? (
                <Anchor href={`#/customers/${a.customer.id}`} size="sm" fw={600} data-testid="account-owner">
                  {a.customer.legalName}
                </Anchor>
              ) : (
                <Text span fw={600} data-testid="account-owner">
                  {a.name} (bank account)
                </Text>
              )}
              {a.customer && <> · {a.customer.customerNo}</>} · <span data-testid="account-product">{a.productName ?? '—'}</span> · {a.currency} · {a.branchName} · opened{' '}
              {formatDate(a.openedAt)}
              {a.closedAt !== null && <> · closed {formatDate(a.closedAt)}</>}
            </Text>
          </div>
          <RefreshButton onClick={reload} loading={q.isFetching} label="Refresh account" tooltip="Refresh" testId="account-refresh" />
        </Group>
      </div>
      {a.asOf !== null && (
        <Alert color="orange" variant="light" icon={<IconCloudOff size={18} />} title={`Balance as of ${formatDateTime(a.asOf)}`} data-testid="account-as-of">
          The bank is unreachable: these figures come from this workstation’s copy. Operations are refused until the connection is back.
        </Alert>
      )}
      {a.status !== 'open' && a.statusReason && (
        <Alert
          color={a.status === 'frozen' ? 'blue' : 'gray'}
          variant="light"
          title={a.status === 'frozen' ? 'Frozen — debits are refused' : 'Closed'}
          data-testid="account-status-reason"
        >
          Reason: {a.statusReason}
          {a.freeze && (
            <Text size="sm" mt={4} data-testid="account-freeze-kind">
              {FREEZE_TEXT[a.freeze.kind]} freeze set by {a.freeze.frozenBy} on {formatDateTime(a.freeze.frozenAt)}.
              {a.freeze.kind !== 'customer_request' && ' Only fraud review can lift it, and a second person must approve.'}
              {a.freeze.pendingUnfreeze &&
                ` ${a.freeze.pendingUnfreeze.requestedBy} asked to lift it on ${formatDateTime(a.freeze.pendingUnfreeze.requestedAt)}; waiting for approval.`}
            </Text>
          )}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="sm">
        <Figure label="Balance" testId="account-balance-card" hint={a.asOf === null ? 'Live from the bank' : `As of ${formatDateTime(a.asOf)}`}>
          <Money minor={a.balance} currency={a.currency} testId="account-balance" size={26} />
        </Figure>
        <Figure
          label="Available"
          testId="account-available-card"
          hint={
            a.status === 'frozen'
              ? 'Frozen: nothing can be paid out now'
              : a.status === 'closed'
                ? 'Closed'
                : overdraft > 0
                  ? 'Balance plus the arranged overdraft'
                  : 'No arranged overdraft'
          }
        >
          <Money minor={a.available} currency={a.currency} testId="account-available" />
        </Figure>
        <Figure label="Overdraft limit" testId="account-overdraft-card" hint={a.balance < 0 ? `${formatMoney(-a.balance, a.currency)} in use` : 'Not in use'}>
          <Money minor={overdraft} currency={a.currency} testId="account-overdraft" />
        </Figure>
        <DailyLimit a={a} />
      </SimpleGrid>
      <Actions a={a} onStatus={setStatus} />
      <RecentMovements account={a} />
      <StatusModal account={a} action={status} onClose={() => setStatus(null)} onDone={() => setStatus(null)} />
    </Stack>
  );
}
