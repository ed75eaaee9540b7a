import { Anchor, Group, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { AccountDetail } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useRefetchOnDataChange } from '../../api/use-event';
import { useQuery } from '../../api/use-query';
import { DataTable } from '../../components/table/DataTable';
import { statementColumns } from './statement-columns';
import { dayKey, rangeToUtc, userTimeZone } from './statement-range';

const DAYS = 30;

/** The last 30 days of movements (newest first) under the figures; the statement has any period. */
export function RecentMovements({ account, version }: { account: AccountDetail; version: number }) {
  const q = useQuery(() => {
    // Today and the 29 days before it, cut at local midnights (computed per fetch, so it rolls over at midnight).
    const now = new Date();
    const range = rangeToUtc({ first: dayKey(new Date(now.getFullYear(), now.getMonth(), now.getDate() - (DAYS - 1))), last: dayKey(now) });
    if ('error' in range) return Promise.reject(new Error(range.error));
    return call('statements.get', { accountId: account.id, from: range.from, to: range.to, timeZone: userTimeZone() });
  }, [account.id, version]);
  useRefetchOnDataChange(q.reload);
  const columns = useMemo(() => statementColumns(account.currency).filter((c) => c.id !== 'channel'), [account.currency]);
  return (
    <DataTable
      columns={columns}
      rows={q.data?.lines}
      rowKey={(r) => `${r.journalId}-${r.reference}`}
      loading={q.loading}
      error={q.error}
      onRetry={q.reload}
      emptyTitle={`No movements in the last ${DAYS} days`}
      emptyDescription="The statement shows any period."
      initialSort={{ id: 'bookedAt', desc: true }}
      maxHeight={420}
      rowTestId="recent-movement"
      testId="account-movements"
      caption={`Movements in the last ${DAYS} days`}
      toolbar={
        <Group gap="xs">
          <Text size="sm" fw={600}>
            Last {DAYS} days
          </Text>
          {q.data && (
            <Text size="xs" c="dimmed">
              {q.data.lines.length} movements
            </Text>
          )}
          <Anchor href={`#/accounts/${account.id}/statement`} size="xs">
            Full statement
          </Anchor>
        </Group>
      }
    />
  );
}
