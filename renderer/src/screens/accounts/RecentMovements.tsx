import { Anchor, Group, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { AccountDetail } from '../../../../shared/contract';
import { skipToken } from '@tanstack/react-query';
import { errorText, useApiQuery } from '../../api/use-api-query';
import { useNow } from '../../state/clock';
import { DataTable } from '../../components/table/DataTable';
import { statementColumns } from './statement-columns';
import { dayKey, rangeToUtc, userTimeZone } from './statement-range';
import { countOf } from '../../format/plural';

const DAYS = 30;

/** The last 30 days of movements (newest first) under the figures; the statement has any period. */
export function RecentMovements({ account }: { account: AccountDetail }) {
  // Today and the 29 days before it, cut at local midnights: the range (and so the query) rolls over at midnight.
  const today = dayKey(new Date(useNow(60_000)));
  const range = useMemo(() => {
    const now = new Date(`${today}T12:00:00`);
    return rangeToUtc({ first: dayKey(new Date(now.getFullYear(), now.getMonth(), now.getDate() - (DAYS - 1))), last: today });
  }, [today]);
  const q = useApiQuery('statements.get', 'error' in range ? skipToken : { accountId: account.id, from: range.from, to: range.to, timeZone: userTimeZone() });
  const columns = useMemo(() => statementColumns(account.currency).filter((c) => c.id !== 'channel'), [account.currency]);
  return (
    <DataTable
      columns={columns}
      rows={q.data?.lines}
      rowKey={(r) => `${r.journalId}-${r.reference}`}
      loading={q.isLoading}
      error={'error' in range ? range.error : errorText(q.error)}
      onRetry={() => void q.refetch()}
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
              {countOf(q.data.lines.length, 'movement', 'movements')}
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
