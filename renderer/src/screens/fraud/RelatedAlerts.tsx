import { Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import type { AlertRow } from '../../../../shared/contract';
import { shortAccountNo } from '../../format/account';
import { formatDateTime } from '../../format/date';
import { navigate } from '../../state/route';
import { AlertStatusBadge, RiskBadge } from './badges';
import { ruleTitle } from './fraud-values';

/** Other alerts on the same customer, accounts or counterparties: a click opens them. */
export function RelatedAlerts({ related, titles }: { related: readonly AlertRow[]; titles: ReadonlyMap<string, string> | undefined }) {
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="related-alerts">
      <Text fw={600} size="sm" mb={6}>
        Related alerts
      </Text>
      {related.length === 0 ? (
        <Text size="sm" c="dimmed">
          None: no other alert on this customer, its accounts or counterparties.
        </Text>
      ) : (
        <Stack gap={4}>
          {related.map((r) => (
            <UnstyledButton key={r.id} onClick={() => navigate(`fraud/${r.id}`)} className="related-alert" data-testid="related-alert" p={4}>
              <Group gap={8} wrap="nowrap">
                <RiskBadge score={r.riskScore} size="xs" />
                <div style={{ minWidth: 0, flex: 1 }}>
                  <Text size="sm" truncate>
                    #{r.id} {ruleTitle(r.ruleId, titles)}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {shortAccountNo(r.accountNo)} · {formatDateTime(r.detectedAt)}
                  </Text>
                </div>
                <div className="fraud-keep">
                  <AlertStatusBadge status={r.status} />
                </div>
              </Group>
            </UnstyledButton>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
