import { Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import type { CtrReport } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/use-api-query';
import { downloadBase64 } from '../../components/download';
import { QueryView } from '../../components/QueryView';
import { EmptyView } from '../../components/StateViews';
import { PlainTable, type PlainHeader } from '../../components/table/PlainTable';
import { formatDayKey } from '../../format/date';
import { formatMoney } from '../../format/money';
import { useCan } from '../../state/session';
import { navigate } from '../../state/route';

function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const CTR_HEADERS: PlainHeader[] = [{ w: 30 }, 'Day', 'Customer', { label: 'Cash in', align: 'right' }, { label: 'Cash out', align: 'right' }, 'Transactions', 'Due', 'Status'];

const STATUS_COLOR: Record<CtrReport['status'], string> = { due: 'orange', overdue: 'red', filed: 'teal' };

/** Large-cash reports: generate for a period, review, export the batch (CSV, JSON), mark filed with the reference. */
export function CtrPanel() {
  const now = new Date();
  const [from, setFrom] = useState(isoDay(new Date(now.getFullYear(), now.getMonth() - 2, 1)));
  const [to, setTo] = useState(isoDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1)));
  const [selected, setSelected] = useState<number[]>([]);
  const [reference, setReference] = useState('');
  const canAct = useCan('compliance.act');
  const list = useApiQuery('compliance.ctr.list', { from, to });
  const generate = useApiMutation('compliance.ctr.generate', {
    onSuccess: (r) => notifications.show({ color: 'teal', title: 'Reports generated', message: `${r.created} new, ${r.updated} refreshed, ${r.unchanged} unchanged.` }),
    onError: (e) => notifications.show({ color: 'red', title: 'Not generated', message: errorMessage(e) }),
  });
  const review = useApiMutation('compliance.ctr.review', { onSuccess: (r) => notifications.show({ color: 'teal', message: `${r.reviewed} report(s) marked reviewed.` }) });
  const file = useApiMutation('compliance.ctr.file', {
    onSuccess: (r) => {
      notifications.show({ color: 'teal', title: 'Filed', message: `${r.filed} report(s) filed as ${reference}.` });
      setSelected([]);
      setReference('');
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Not filed', message: errorMessage(e) }),
  });
  const exportAs = async (format: 'csv' | 'json') => {
    try {
      const f = await call('compliance.ctr.export', { from, to, format, ...(selected.length ? { ids: selected } : {}) });
      downloadBase64(f.filename, f.mimeType, f.base64);
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not exported', message: errorMessage(e) });
    }
  };
  const reports = list.data?.reports ?? [];
  const open = reports.filter((r) => r.status !== 'filed');
  const toggle = (id: number) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm">
        <TextInput label="From" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput label="To (exclusive)" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        {canAct && (
          <Button leftSection={<IconRefresh size={16} />} loading={generate.isPending} onClick={() => generate.mutate({ from, to })} data-testid="ctr-generate">
            Generate reports
          </Button>
        )}
        <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void exportAs('csv')} disabled={reports.length === 0}>
          CSV
        </Button>
        <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void exportAs('json')} disabled={reports.length === 0}>
          JSON
        </Button>
      </Group>
      {list.data && (
        <Text size="xs" c="dimmed">
          A customer’s cash in, or cash out, of more than {formatMoney(list.data.threshold, list.data.currency)} in one bank day (several transactions added up, in and out apart)
          is reported within 15 days. {selected.length ? `${selected.length} selected: export and filing apply to them.` : 'Select reports to export or file only those.'}
        </Text>
      )}
      <QueryView
        query={list}
        isEmpty={(l) => l.reports.length === 0}
        empty={<EmptyView title="No large-cash reports in this period" description={canAct ? 'Generate them from the bank’s cash transactions.' : undefined} />}
      >
        {(l) => (
          <Paper withBorder radius="md" p="xs">
            <PlainTable verticalSpacing="xs" striped highlightOnHover data-testid="ctr-table" headers={CTR_HEADERS}>
              {l.reports.map((r) => (
                <Table.Tr key={r.id} data-testid={`ctr-${r.id}`}>
                  <Table.Td>
                    <Checkbox aria-label={`Select report ${r.id}`} checked={selected.includes(r.id)} onChange={() => toggle(r.id)} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDayKey(r.day)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="blue" style={{ cursor: 'pointer' }} onClick={() => navigate(`customers/${r.customerId}`)}>
                      {r.customerName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {r.customerNo} · {r.nationalId ?? 'no id'} · {r.accounts.length} account{r.accounts.length === 1 ? '' : 's'}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{formatMoney(r.cashIn, r.currency)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{formatMoney(r.cashOut, r.currency)}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{r.transactions.map((t) => t.reference).join(', ')}</Text>
                    {r.unconverted.length > 0 && (
                      <Text size="xs" c="orange.8">
                        Not converted (no rate): {r.unconverted.map((u) => `${formatMoney(u.cashIn + u.cashOut, u.currency)}`).join(', ')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDayKey(r.dueDay)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[r.status]} variant="light">
                      {r.status === 'filed' ? `Filed ${r.filedReference ?? ''}` : r.status}
                    </Badge>
                    {r.reviewedBy && r.status !== 'filed' && (
                      <Text size="xs" c="dimmed">
                        reviewed by {r.reviewedBy}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </PlainTable>
          </Paper>
        )}
      </QueryView>
      {canAct && open.length > 0 && (
        <Group align="flex-end" gap="sm">
          <Button variant="default" disabled={selected.length === 0} loading={review.isPending} onClick={() => review.mutate({ ids: selected })}>
            Mark reviewed
          </Button>
          <TextInput label="Filing reference" placeholder="BSA identifier" value={reference} onChange={(e) => setReference(e.currentTarget.value)} maxLength={80} />
          <Button
            disabled={selected.length === 0 || reference.trim().length < 3}
            loading={file.isPending}
            onClick={() => file.mutate({ ids: selected, reference: reference.trim() })}
            data-testid="ctr-file"
          >
            Mark filed
          </Button>
        </Group>
      )}
    </Stack>
  );
}
