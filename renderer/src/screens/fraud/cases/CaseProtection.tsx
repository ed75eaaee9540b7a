import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { IconArrowBackUp, IconCreditCardOff } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import type { CaseDetail } from '../../../../../shared/contract';
import { TableSection } from '../../../components/table/TableSection';
import { useApiMutation } from '../../../api/use-api-query';
import { newIdempotencyKey } from '../../../api/use-intent-key';
import { groupedAccountNo } from '../../../format/account';
import { formatDateTime } from '../../../format/date';
import { formatMoney } from '../../../format/money';
import { ReasonModal } from './ReasonModal';

type Card = CaseDetail['cards'][number];
type Transfer = CaseDetail['transfers'][number];

const STATE_COLORS = { pending: 'yellow', recalled: 'gray', settled: 'blue' } as const;

/** A card's or transfer's state as a badge, with who or what changed it underneath. */
function StateCell({ state, color, note }: { state: string; color: string; note: string | null }) {
  return (
    <Table.Td>
      <Badge size="sm" variant="light" color={color}>
        {state}
      </Badge>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Table.Td>
  );
}

/** The row's protective action (block, recall), where the analyst may take it. */
function ActionCell({ show, icon, onClick, testId, children }: { show: boolean; icon: ReactNode; onClick: () => void; testId: string; children: ReactNode }) {
  return (
    <Table.Td ta="right">
      {show && (
        <Button size="compact-xs" color="red" variant="light" leftSection={icon} onClick={onClick} data-testid={testId}>
          {children}
        </Button>
      )}
    </Table.Td>
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
      <TableSection title="Accounts" testId="case-accounts">
        {detail.accounts.map((a) => (
          <Table.Tr key={a.id} data-testid="case-account" data-account-id={a.id}>
            <Table.Td className="mono">{groupedAccountNo(a.accountNo)}</Table.Td>
            <Table.Td>{a.status}</Table.Td>
            <Table.Td ta="right" className="num" data-testid="case-account-balance">
              {formatMoney(a.balance, a.currency)}
            </Table.Td>
          </Table.Tr>
        ))}
      </TableSection>

      <TableSection title="Cards" testId="case-cards" empty={detail.cards.length === 0 ? 'The case’s customers hold no card.' : undefined}>
        {detail.cards.map((c) => (
          <Table.Tr key={c.id} data-testid="case-card" data-card-id={c.id} data-status={c.status}>
            <Table.Td className="mono">•••• {c.last4}</Table.Td>
            <Table.Td>{c.type.replace(/_/g, ' ')}</Table.Td>
            <StateCell
              state={c.status}
              color={c.status === 'active' ? 'green' : c.status === 'blocked' ? 'red' : 'gray'}
              note={c.blockedBy && `by ${c.blockedBy}${c.blockedAt !== null ? `, ${formatDateTime(c.blockedAt)}` : ''}`}
            />
            <ActionCell show={canAct && c.status === 'active'} icon={<IconCreditCardOff size={12} />} onClick={() => setCard(c)} testId="block-card">
              Block…
            </ActionCell>
          </Table.Tr>
        ))}
      </TableSection>

      <TableSection title="Outgoing transfers to other banks" testId="case-transfers" empty={detail.transfers.length === 0 ? 'None from the case’s accounts.' : undefined}>
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
            <StateCell state={t.state} color={STATE_COLORS[t.state]} note={t.reversalReference && `reversed by ${t.reversalReference}`} />
            <ActionCell show={canAct && t.state === 'pending'} icon={<IconArrowBackUp size={12} />} onClick={() => setTransfer(t)} testId="recall-transfer">
              Recall…
            </ActionCell>
          </Table.Tr>
        ))}
      </TableSection>

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
