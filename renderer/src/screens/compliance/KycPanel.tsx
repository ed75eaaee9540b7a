import { Badge, Button, Group, Paper, Select, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/use-api-query';
import { QueryView } from '../../components/QueryView';
import { EmptyView } from '../../components/StateViews';
import { PlainTable } from '../../components/table/PlainTable';
import { formatDayKey } from '../../format/date';
import { useCan } from '../../state/session';
import { navigate } from '../../state/route';
import { countOf } from '../../format/plural';

const REASON: Record<string, { label: string; color: string }> = {
  submitted: { label: 'Submitted', color: 'blue' },
  overdue: { label: 'Overdue', color: 'red' },
  due_soon: { label: 'Due soon', color: 'orange' },
};

/** KYC reviews: submitted by tellers, overdue and due within 30 days; high-risk first. Compliance verifies. */
export function KycPanel() {
  const queue = useApiQuery('compliance.kyc.queue', { limit: 200 });
  const canVerify = useCan('kyc.verify');
  const [risk, setRisk] = useState<Record<number, string>>({});
  const verify = useApiMutation('compliance.kyc.verify', {
    onSuccess: (r) => notifications.show({ color: 'teal', title: `KYC ${r.kycStatus}`, message: `Next review ${r.nextReview} (${r.riskRating} risk).` }),
    onError: (e) => notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(e) }),
  });
  return (
    <QueryView query={queue} isEmpty={(q) => q.items.length === 0} empty={<EmptyView title="No KYC reviews waiting" />}>
      {(q) => (
        <Paper withBorder radius="md" p="xs">
          <Text size="xs" c="dimmed" mb={4}>
            {countOf(q.total, 'customer needs', 'customers need')} a review; showing the first {q.items.length}, submitted first, then high risk.
          </Text>
          <PlainTable verticalSpacing="xs" striped data-testid="kyc-table" headers={['Customer', 'Branch', 'Risk', 'KYC', 'Review due', '']}>
            {q.items.map((i) => (
              <Table.Tr key={i.customerId}>
                <Table.Td>
                  <Text size="sm" c="blue" style={{ cursor: 'pointer' }} onClick={() => navigate(`customers/${i.customerId}`)}>
                    {i.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {i.customerNo}
                  </Text>
                </Table.Td>
                <Table.Td>{i.branch}</Table.Td>
                <Table.Td>
                  {canVerify ? (
                    <Select
                      size="xs"
                      w={110}
                      aria-label={`Risk rating of ${i.name}`}
                      data={['low', 'medium', 'high']}
                      value={risk[i.customerId] ?? i.riskRating}
                      allowDeselect={false}
                      onChange={(v) => v && setRisk((r) => ({ ...r, [i.customerId]: v }))}
                    />
                  ) : (
                    i.riskRating
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={REASON[i.reason]?.color} variant="light">
                    {REASON[i.reason]?.label}
                  </Badge>{' '}
                  <Text span size="xs" c="dimmed">
                    {i.kycStatus}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDayKey(i.nextReview)}</Table.Td>
                <Table.Td>
                  {canVerify && (
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="compact-xs"
                        color="teal"
                        onClick={() =>
                          verify.mutate({ customerId: i.customerId, outcome: 'verified', riskRating: (risk[i.customerId] ?? i.riskRating) as 'low' | 'medium' | 'high' })
                        }
                      >
                        Verify
                      </Button>
                      <Button size="compact-xs" variant="default" onClick={() => verify.mutate({ customerId: i.customerId, outcome: 'rejected' })}>
                        Reject
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </PlainTable>
        </Paper>
      )}
    </QueryView>
  );
}
