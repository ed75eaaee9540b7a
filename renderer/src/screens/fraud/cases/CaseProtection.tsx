import { Badge, Button, Paper, Stack, Table, Text } from '@mantine/core';
import { IconArrowBackUp, IconCreditCardOff } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import type { CaseDetail } from '../../../../../shared/contract';
import { PlainTable } from '../../../components/table/PlainTable';
import { useApiMutation } from '../../../api/use-api-query';
import { newIdempotencyKey } from '../../../api/use-intent-key';
import { groupedAccountNo } from '../../../format/account';
import { formatDateTime } from '../../../format/date';
import { formatMoney } from '../../../format/money';
import { ReasonModal } from './ReasonModal';

type Card = CaseDetail['cards'][number];
type Transfer = CaseDetail['transfers'][number];

const STATE_COLORS = { pending: 'yellow', recalled: 'gray', settled: 'blue' } as const;

/** One titled box of the protection column: its rows, or a dimmed line when there are none. */
function ProtectionSection({ title, testId, empty, children }: { title: string; testId: string; empty?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="sm" data-testid={testId}>
      <Text fw={600} size="sm" mb={6}>
        {title}
      </Text>
      {empty !== undefined ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <PlainTable verticalSpacing={4} fz="sm">
          {children}
        </PlainTable>
      )}
    </Paper>
  );
}

/** The case's accounts with their balances, the customers' cards (block) and outgoing transfers abroad (recall while pending). */
export function CaseProtection({ detail, canAct }: { detail: CaseDetail; canAct: boolean }) {
  const block = useApiMutation('cards.block');
  const recall = useApiMutation('transfers.recall');
  const [card, setCard] = useState<Card | null>(null);
  const [transfer, setTransfer] = useState<Transfer | null>(null);
  const caseId = detail.case.id;

  return (
    <Stack gap="sm">
      <ProtectionSection title="Accounts" testId="case-accounts">
        {detail.accounts.map((a) => (
          <Table.Tr key={a.id} data-testid="case-account" data-account-id={a.id}>
            <Table.Td className="mono">{groupedAccountNo(a.accountNo)}</Table.Td>
            <Table.Td>{a.status}</Table.Td>
            <Table.Td ta="right" className="num" data-testid="case-account-balance">
              {formatMoney(a.balance, a.currency)}
            </Table.Td>
          </Table.Tr>
        ))}
      </ProtectionSection>

      <ProtectionSection title="Cards" testId="case-cards" empty={detail.cards.length === 0 ? 'The case’s customers hold no card.' : undefined}>
        {detail.cards.map((c) => (
          <Table.Tr key={c.id} data-testid="case-card" data-card-id={c.id} data-status={c.status}>
            <Table.Td className="mono">•••• {c.last4}</Table.Td>
            <Table.Td>{c.type.replace(/_/g, ' ')}</Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light" color={c.status === 'active' ? 'green' : c.status === 'blocked' ? 'red' : 'gray'}>
                {c.status}
              </Badge>
              {c.blockedBy && (
                <Text size="xs" c="dimmed">
                  by {c.blockedBy}
                  {c.blockedAt !== null ? `, ${formatDateTime(c.blockedAt)}` : ''}
                </Text>
              )}
            </Table.Td>
            <Table.Td ta="right">
              {canAct && c.status === 'active' && (
                <Button size="compact-xs" color="red" variant="light" leftSection={<IconCreditCardOff size={12} />} onClick={() => setCard(c)} data-testid="block-card">
                  Block…
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </ProtectionSection>

      <ProtectionSection title="Outgoing transfers to other banks" testId="case-transfers" empty={detail.transfers.length === 0 ? 'None from the case’s accounts.' : undefined}>
        {detail.transfers.map((t) => (
          <Table.Tr key={t.journalId} data-testid="case-transfer" data-journal-id={t.journalId} data-state={t.state}>
            <Table.Td>
              <Text size="sm" className="mono">
                {t.reference}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(t.bookedAt)} · to {t.beneficiary ?? t.iban ?? '—'}
              </Text>
            </Table.Td>
            <Table.Td ta="right" className="num">
              {formatMoney(-t.amount, t.currency)}
            </Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light" color={STATE_COLORS[t.state]}>
                {t.state}
              </Badge>
              {t.reversalReference && (
                <Text size="xs" c="dimmed">
                  reversed by {t.reversalReference}
                </Text>
              )}
            </Table.Td>
            <Table.Td ta="right">
              {canAct && t.state === 'pending' && (
                <Button size="compact-xs" color="red" variant="light" leftSection={<IconArrowBackUp size={12} />} onClick={() => setTransfer(t)} data-testid="recall-transfer">
                  Recall…
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </ProtectionSection>

      <ReasonModal
        opened={card !== null}
        title={card ? `Block card •••• ${card.last4}` : 'Block card'}
        intro="The card stops working at once. The customer needs a new card; a blocked card is not unblocked."
        label="Why"
        submitLabel="Block card"
        color="red"
        testId="block-card-modal"
        onClose={() => setCard(null)}
        onSubmit={async (reason) => {
          if (!card) return;
          const r = await block.mutateAsync({ caseId, cardIds: [card.id], reason, idempotencyKey: newIdempotencyKey() });
          notifications.show({ color: 'red', title: 'Card blocked', message: r.message });
        }}
      />
      <ReasonModal
        opened={transfer !== null}
        title={transfer ? `Recall ${transfer.reference}` : 'Recall transfer'}
        intro={
          transfer
            ? `${formatMoney(transfer.amount, transfer.currency)} to ${transfer.beneficiary ?? transfer.iban ?? 'the beneficiary'} has not been settled yet. Recalling it posts the reversing entry: the money returns to ${groupedAccountNo(transfer.accountNo)}.`
            : ''
        }
        label="Why"
        submitLabel="Recall transfer"
        color="red"
        testId="recall-modal"
        onClose={() => setTransfer(null)}
        onSubmit={async (reason) => {
          if (!transfer) return;
          const r = await recall.mutateAsync({ caseId, journalId: transfer.journalId, reason, idempotencyKey: newIdempotencyKey() });
          notifications.show({ color: 'red', title: 'Transfer recalled', message: r.message });
        }}
      />
    </Stack>
  );
}
