import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { AlertDetail } from '../../../../shared/contract';
import { shortAccountNo } from '../../format/account';
import { formatMoney } from '../../format/money';
import { navigate } from '../../state/route';

const ACCOUNT_STATUS_COLOR = { open: 'teal', frozen: 'red', closed: 'gray' } as const;
const RISK_COLOR: Record<string, string> = { low: 'teal', medium: 'yellow', high: 'red' };

/** The customer 360 in brief: who, risk rating and KYC, every account with its status, earlier alerts. */
export function CustomerPanel({ detail }: { detail: AlertDetail }) {
  const c360 = detail.customer;
  if (!c360) {
    return (
      <Paper withBorder p="sm" radius="sm" data-testid="customer-panel">
        <Text fw={600} size="sm">
          Customer
        </Text>
        <Text size="sm" c="dimmed">
          The subject account belongs to no customer of this bank (an internal or external account).
        </Text>
      </Paper>
    );
  }
  const c = c360.customer;
  const earlier = c360.alerts.filter((a) => a.id !== detail.alert.id);
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="customer-panel">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text size="xs" c="dimmed">
            Customer
          </Text>
          <Anchor fw={600} onClick={() => navigate(`customers/${c.id}`)} data-testid="customer-link">
            {c.legalName}
          </Anchor>
          <Text size="xs" c="dimmed">
            {c.customerNo} · {c.occupation} · {c.city} · {c.branchName}
          </Text>
        </div>
        <Stack gap={4} align="flex-end">
          <Badge size="sm" variant="light" color={RISK_COLOR[c.riskRating] ?? 'gray'} className="fraud-keep">
            {c.riskRating} risk
          </Badge>
          <Badge size="sm" variant="outline" color={c.kycStatus === 'verified' ? 'teal' : 'yellow'} className="fraud-keep">
            KYC {c.kycStatus}
          </Badge>
        </Stack>
      </Group>
      <Stack gap={6} mt="xs" data-testid="customer-accounts">
        {c360.accounts.map((a) => (
          <Group key={a.id} gap={8} wrap="nowrap" align="flex-start" data-account-id={a.id} data-status={a.status}>
            <div style={{ flex: 1, minWidth: 0 }}>
              <Group gap={4} wrap="nowrap">
                <Anchor size="sm" className="mono" onClick={() => navigate(`accounts/${a.id}`)} title={a.accountNo}>
                  {shortAccountNo(a.accountNo)}
                </Anchor>
                {a.id === detail.alert.accountId && (
                  <Badge size="xs" variant="light" color="red" className="fraud-keep">
                    subject
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed" truncate>
                {a.productName ?? a.name}
              </Text>
            </div>
            <Stack gap={2} align="flex-end" className="fraud-keep">
              <Text size="sm" className="num">
                {formatMoney(a.balance, a.currency)}
              </Text>
              <Badge size="xs" variant="light" color={ACCOUNT_STATUS_COLOR[a.status]} data-testid="account-status">
                {a.status}
              </Badge>
            </Stack>
          </Group>
        ))}
      </Stack>
      {earlier.length > 0 && (
        <Text size="xs" c="dimmed" mt={6}>
          {earlier.length} other {earlier.length === 1 ? 'alert' : 'alerts'} on this customer — see Related alerts.
        </Text>
      )}
    </Paper>
  );
}
