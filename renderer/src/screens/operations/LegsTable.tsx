import { Badge, Table, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { formatIban } from '../../../../shared/account-number';
import type { Leg } from '../../../../shared/contract';
import { formatMinor } from '../../format/money';

/** Account id → the customer who holds it, when the screen knows (the legs name the account itself). */
export type Holders = Record<number, string>;

export function holdersOf(...accounts: ({ id: number; customer: { legalName: string } | null } | null | undefined)[]): Holders {
  const out: Holders = {};
  for (const a of accounts) if (a?.customer) out[a.id] = a.customer.legalName;
  return out;
}

/**
 * Every leg of one posting: which account, debit or credit, and for customer accounts the balance before → after.
 * The legs sum to zero; the bank's own accounts show no balance to tellers.
 */
export function LegsTable({ legs, currency, holders = {}, testId = 'legs' }: { legs: Leg[]; currency: string; holders?: Holders; testId?: string }) {
  return (
    <Table className="legs-table" tabularNums withTableBorder verticalSpacing={6} data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Account</Table.Th>
          <Table.Th className="num">Debit</Table.Th>
          <Table.Th className="num">Credit</Table.Th>
          <Table.Th className="num">Balance before → after ({currency})</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {legs.map((leg, i) => (
          <Table.Tr key={`${leg.accountId}-${i}`} data-testid="leg" data-account-no={leg.accountNo} data-amount={leg.amount} data-kind={leg.kind}>
            <Table.Td>
              <Text size="sm" fw={500} data-testid="leg-name">
                {holders[leg.accountId] ?? leg.name}{' '}
                {leg.kind === 'internal' && (
                  <Badge size="xs" variant="outline" color="gray" radius="sm" ml={4}>
                    bank
                  </Badge>
                )}
              </Text>
              <Text size="xs" c="dimmed">
                <span className="mono">{formatIban(leg.accountNo)}</span>
                {holders[leg.accountId] !== undefined && <> · {leg.name}</>}
              </Text>
            </Table.Td>
            <Table.Td className="num" data-testid="leg-debit">
              {leg.amount < 0 ? formatMinor(-leg.amount, currency) : ''}
            </Table.Td>
            <Table.Td className="num" data-testid="leg-credit">
              {leg.amount > 0 ? formatMinor(leg.amount, currency) : ''}
            </Table.Td>
            <Table.Td className="num" data-testid="leg-balance">
              {leg.balanceBefore !== null && leg.balanceAfter !== null ? (
                <>
                  <Text span inherit c="dimmed">
                    {formatMinor(leg.balanceBefore, currency)}
                  </Text>
                  <IconArrowRight size={12} style={{ margin: '0 6px', verticalAlign: 'middle' }} aria-label="to" />
                  <Text span inherit fw={600} c={leg.balanceAfter < 0 ? 'red' : undefined} data-testid="leg-balance-after" data-minor={leg.balanceAfter}>
                    {formatMinor(leg.balanceAfter, currency)}
                  </Text>
                </>
              ) : (
                <Text span c="dimmed" size="xs">
                  —
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
