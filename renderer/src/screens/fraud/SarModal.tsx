import { Button, Group, Modal, ScrollArea, SimpleGrid, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { errorText, useApiQuery } from '../../api/use-api-query';
import { downloadText } from '../../components/download';
import { bindText } from '../../components/form/bind-text';
import { ErrorView, LoadingView } from '../../components/StateViews';
import { formatDate, formatDateTime } from '../../format/date';
import { formatMoney } from '../../format/money';
import { useSession } from '../../state/session';
import { sarFileName, sarText } from './sar-text';

function Fact({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value ?? '—'}</Text>
    </div>
  );
}

/** A draft suspicious-activity report: facts pre-filled by the server, the narrative editable, downloadable as text. */
function SarBody({ alertId, onClose }: { alertId: number; onClose: () => void }) {
  const draft = useApiQuery('alerts.sarDraft', { id: alertId });
  const me = useSession((s) => s.session?.user.displayName ?? s.session?.user.username ?? '');
  // The server's narrative until the analyst edits it; a refetched draft (a note added meanwhile) never overwrites their text.
  const [edited, setNarrative] = useState<string | null>(null);

  if (draft.isPending) return <LoadingView label="Drafting the report…" />;
  if (!draft.data) return <ErrorView message={errorText(draft.error) ?? 'No draft'} onRetry={() => void draft.refetch()} />;
  const d = draft.data;
  const narrative = edited ?? d.narrative;
  return (
    <Stack gap="sm" data-testid="sar-draft">
      <Text fw={600}>{d.title}</Text>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
        <Fact label="Subject" value={d.subject.name} />
        <Fact label="Customer no." value={d.subject.customerNo} />
        <Fact label="Date of birth" value={d.subject.dateOfBirth} />
        <Fact label="National ID" value={d.subject.nationalId} />
        <Fact label="Address" value={d.subject.address} />
        <Fact label="Accounts" value={d.accounts.join(', ')} />
        <Fact label="Period" value={`${formatDate(d.period.from)} – ${formatDate(d.period.to)}`} />
        <Fact label="Total" value={formatMoney(d.totalAmount, d.currency)} />
        <Fact label="Transactions" value={String(d.transactions.length)} />
      </SimpleGrid>
      <ScrollArea.Autosize mah={180} type="auto">
        <Table fz="xs" tabularNums verticalSpacing={2} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Booked</Table.Th>
              <Table.Th>Reference</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Counterparty</Table.Th>
              <Table.Th className="num">Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.transactions.map((t) => (
              <Table.Tr key={t.journalId}>
                <Table.Td>{formatDateTime(t.bookedAt)}</Table.Td>
                <Table.Td className="mono">{t.reference}</Table.Td>
                <Table.Td>
                  {t.type} · {t.channel}
                </Table.Td>
                <Table.Td>{t.counterpartyName ?? t.counterpartyAccount ?? '—'}</Table.Td>
                <Table.Td className="num">{formatMoney(t.amount, t.currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      <Textarea
        className="sar-narrative"
        label="Narrative"
        description="Pre-filled from the alert’s facts; edit before downloading."
        {...bindText(narrative, setNarrative)}
        autosize
        minRows={6}
        maxRows={14}
        data-testid="sar-narrative"
      />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          Close
        </Button>
        <Button
          leftSection={<IconDownload size={16} />}
          onClick={() => downloadText(sarFileName(alertId), sarText(d, narrative, me), 'text/plain;charset=utf-8')}
          data-testid="sar-download"
        >
          Download as .txt
        </Button>
      </Group>
    </Stack>
  );
}

export function SarModal({ alertId, opened, onClose }: { alertId: number; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Draft suspicious-activity report" size="xl" data-testid="sar-modal">
      {opened && <SarBody alertId={alertId} onClose={onClose} />}
    </Modal>
  );
}
